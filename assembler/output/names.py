"""Output file names: the profile's pattern filled in, safe on every system, inside the
output folder."""

from __future__ import annotations

import re
import string
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
