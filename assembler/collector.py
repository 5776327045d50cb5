"""Pausing Python's cyclic garbage collector where a run only makes objects that live on.

A run allocates hundreds of thousands of objects that stay alive to its end: the modules it
imports (pydantic-core, the models, Jinja), then the entries and selection decisions. Every full
collection walks all of them: for a group of a thousand people the collector took more time
than the work, and more the larger the group; a single CV lost 15 ms to it while importing.
Entries and decisions hold no reference cycles; the one big source of cyclic garbage,
openpyxl's cells, is released by ``render.excel`` itself, so peak memory does not grow. What
little cyclic garbage is left is collected when the collector resumes.

A module of its own so that the command line can pause the collector before it imports
anything heavy.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block; the collector is as it was after it,
    also when the block raises."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
