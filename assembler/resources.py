"""Where things live: the bundled example, profiles and templates (installed or in a
checkout), and the user's cache folder."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
EXAMPLE_CV = "cv.yaml"


def bundled_dir(name: str) -> Path:
    """``examples``, ``profiles`` or ``templates``: inside the installed package (wheel builds
    copy them there), else at the top of the source checkout."""
    packaged = _PACKAGE / name
    return packaged if packaged.is_dir() else _PACKAGE.parent / name


def example_cv() -> Path:
    return bundled_dir("examples") / EXAMPLE_CV


def cache_root() -> Path | None:
    """The user's cache folder for assemble (compiled templates, model schemas):
    ``$ASSEMBLE_CACHE_DIR``, else ``$XDG_CACHE_HOME/assemble``, else ``~/.cache/assemble``;
    None when there is no place for one. Its content is safe to delete at any time."""
    chosen = os.environ.get("ASSEMBLE_CACHE_DIR")
    if chosen:
        return Path(chosen)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "assemble"
    try:
        return Path.home() / ".cache" / "assemble"
    except RuntimeError:  # no home directory
        return None
