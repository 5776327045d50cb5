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


_DIGEST_SIZE = 32


def read_cache_entry(path: Path, magic: bytes) -> bytes | None:
    """The payload of a cache file, or None when it is missing, of another kind, or damaged:
    a cache entry is trusted only when its SHA-256 matches, so a torn write is rebuilt."""
    import hashlib

    try:
        data = path.read_bytes()
    except OSError:
        return None
    header = len(magic) + _DIGEST_SIZE
    payload = data[header:]
    if data[: len(magic)] != magic or hashlib.sha256(payload).digest() != data[len(magic) : header]:
        return None
    return payload


def write_cache_entry(path: Path, magic: bytes, payload: bytes, stale_prefix: str) -> None:
    """Write a cache file whole (temporary file, then rename) and delete the older entries
    whose names start with ``stale_prefix``; silently nothing when the folder cannot be
    written, since a cache is never needed for a correct result."""
    import hashlib
    import tempfile

    folder = path.parent
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(magic + hashlib.sha256(payload).digest() + payload)
            os.replace(temporary, path)
        except OSError:
            Path(temporary).unlink(missing_ok=True)
            raise
        for old in folder.glob(stale_prefix + "*.bin"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        return
