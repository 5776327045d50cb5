"""Compiled templates kept between runs, keyed by content, in the user's cache folder.

Checking a template and compiling it to Python code is most of the work of filling it; the
result depends only on the template's bytes and on this engine, so it is kept:

* where: ``$ASSEMBLE_CACHE_DIR``, else ``$XDG_CACHE_HOME/assemble``, else
  ``~/.cache/assemble``; in a ``templates`` folder there.
* the key: the SHA-256 of the template's bytes, with the engine's key: ``ENGINE_VERSION``, the
  Jinja and Python versions (compiled code is specific to both), the rich-text field names the
  gate checks, and the source of the engine's modules in ``render/word`` (so a changed engine
  never reads an
  old entry, even if nobody raised the version). An entry therefore cannot be stale.
* an entry is ``MAGIC``, the SHA-256 of the payload, and the payload (``marshal``: code
  objects, strings, numbers; nothing that runs on loading). A damaged entry is ignored and
  rewritten.
* safe to delete at any time; one entry is kept per template file (the entry for an older
  version of the same file is removed when a new one is written).
* never an error: a folder that cannot be made, read or written means no caching.

The entries hold compiled code that is run when a template is filled, like Python's own
``__pycache__``; the folder is the user's own and is created private (mode 700).
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from pathlib import Path
from typing import Any

import jinja2

from assembler.resources import cache_root, read_cache_entry, write_cache_entry
from assembler.shape.views import rich_fields

ENGINE_VERSION = "1"
MAGIC = b"assemble-template\x00"
_MEMORY: dict[str, Any] = {}
_MEMORY_SIZE = 32
_engine_key: str | None = None


def cache_dir() -> Path | None:
    """The folder of compiled templates, or None when there is no place for one."""
    root = cache_root()
    return root / "templates" if root is not None else None


def engine_key() -> str:
    """What the compiled code depends on besides the template (see the module docstring)."""
    global _engine_key
    if _engine_key is None:
        digest = hashlib.sha256()
        for part in (ENGINE_VERSION, jinja2.__version__, sys.implementation.cache_tag or ""):
            digest.update(part.encode() + b"\x00")
        digest.update(",".join(sorted(rich_fields())).encode() + b"\x00")
        for module in sorted(Path(__file__).parent.glob("*.py")):
            try:
                digest.update(module.read_bytes())
            except OSError:
                digest.update(module.name.encode())
        _engine_key = digest.hexdigest()
    return _engine_key


def template_key(data: bytes) -> str:
    return hashlib.sha256(engine_key().encode() + b"\x00" + data).hexdigest()


def _entry_path(folder: Path, template: Path, key: str) -> Path:
    where = hashlib.sha256(str(template.resolve()).encode()).hexdigest()[:16]
    return folder / f"{where}-{key[:40]}.bin"


def load(template: Path, key: str) -> Any | None:
    """The stored payload for the key, or None."""
    if key in _MEMORY:
        return _MEMORY[key]
    folder = cache_dir()
    if folder is None:
        return None
    payload = read_cache_entry(_entry_path(folder, template, key), MAGIC)
    if payload is None:
        return None
    try:
        value = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    remember(key, value)
    return value


def remember(key: str, value: Any) -> None:
    if len(_MEMORY) >= _MEMORY_SIZE:
        _MEMORY.pop(next(iter(_MEMORY)))
    _MEMORY[key] = value


def forget() -> None:
    """Drop what this process holds in memory (the files stay)."""
    _MEMORY.clear()


def store(template: Path, key: str, value: Any) -> None:
    """Keep the payload for the key; silently nothing when the folder cannot be written."""
    remember(key, value)
    folder = cache_dir()
    if folder is None:
        return
    try:
        payload = marshal.dumps(value)
    except ValueError:
        return
    target = _entry_path(folder, template, key)
    write_cache_entry(target, MAGIC, payload, target.name.split("-", 1)[0] + "-")
