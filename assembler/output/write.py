"""Writing outputs: safe file names inside the output folder, all files or none.

Every file is first written to a temporary name in the target folder (same file system, so the
final rename is atomic); only when all of them are written are they renamed into place. A failed
run therefore never leaves half a document or replaces a good one.
"""

from __future__ import annotations

import os
import re
import string
import tempfile
import unicodedata
from pathlib import Path

from assembler.cv.ids import slugify
from assembler.problems import AssembleError, Problem, ProblemsError

_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}
_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")


def slug(text: str) -> str:
    """``{person}`` in output names: the name as a slug (never empty)."""
    return slugify(text) or "cv"


def safe_file_name(name: str) -> str:
    """One path component that every operating system accepts."""
    cleaned = _UNSAFE.sub(
        "-", unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    )
    cleaned = cleaned.strip(" .-") or "output"
    stem = cleaned.split(".")[0].lower()
    if stem in _RESERVED:
        cleaned = f"_{cleaned}"
    return cleaned[:150]


def output_name(pattern: str, values: dict[str, str], where: str) -> str:
    """Fill ``{person}`` and friends into a profile's output pattern and sanitise the result."""
    fields = [field for _, field, _, _ in string.Formatter().parse(pattern) if field is not None]
    unknown = [field for field in fields if field not in values]
    if unknown:
        raise ProblemsError(
            [
                Problem(
                    f"the output name {pattern!r} uses {{{unknown[0]}}}",
                    file=where,
                    hint="Available: " + ", ".join(f"{{{k}}}" for k in values),
                )
            ],
            where,
        )
    return safe_file_name(pattern.format(**values))


def inside(folder: Path, name: str) -> Path:
    target = (folder / name).resolve()
    if target.parent != folder.resolve():
        raise AssembleError(f"refusing to write {name!r} outside the output folder {folder}")
    return target


def write_all(files: dict[Path, bytes]) -> None:
    """Write every file or none of them."""
    temps: list[tuple[Path, Path]] = []
    try:
        for target, data in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp_name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
            )
            temp = Path(temp_name)
            temps.append((temp, target))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
        for temp, target in temps:
            try:
                os.replace(temp, target)
            except PermissionError:
                raise AssembleError(
                    f"cannot replace {target}: it is locked. Close it (is it open in Word or "
                    "Excel?) and run again; the previous file was left untouched."
                ) from None
    except OSError as exc:
        raise AssembleError(
            f"cannot write {exc.filename or 'the output'}: {exc.strerror}"
        ) from None
    finally:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
