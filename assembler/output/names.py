"""Output file names: the profile's pattern filled in, safe on every system, inside the
output folder."""

from __future__ import annotations

import hashlib
import os
import re
import string
import unicodedata
from dataclasses import dataclass
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
MAX_NAME = 150  # characters; file systems allow 255 bytes, archives and sync tools less


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
    return _shortened(cleaned)


def _shortened(name: str) -> str:
    """A name over ``MAX_NAME`` characters loses the end of its stem, not its extension, and
    gains a short hash of the whole name, so two long names stay two files."""
    if len(name) <= MAX_NAME:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension) > 10 or " " in extension:
        stem, extension = name, ""
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    suffix = f"-{digest}" + (f".{extension}" if extension else "")
    return stem[: MAX_NAME - len(suffix)].rstrip(" .-") + suffix


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


@dataclass(frozen=True)
class Origin:
    """What asks for an output file: the profile key (file and line) and its pattern."""

    what: str  # e.g. "documents[0].output '{person}-cv.docx'"
    file: str = ""
    line: int | None = None


def shown(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _same_file(first: Path, second: Path) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:  # one of them does not exist (yet)
        return False


def check_outputs(outputs: list[tuple[Path, Origin]], inputs: dict[Path, str]) -> None:
    """Refuse a run whose outputs would overwrite one of its inputs (``inputs``: path ->
    what it is, e.g. "the CV file") or each other. Names are compared without case, as
    Windows and macOS compare them, so a run gives the same files everywhere."""
    problems: list[Problem] = []
    seen: dict[str, tuple[Path, Origin]] = {}
    for target, origin in outputs:
        key = os.path.normcase(str(target)).casefold()
        if key in seen:
            other = seen[key][1]
            problems.append(
                Problem(
                    f"{origin.what} and {other.what} both give the file {target.name}",
                    file=origin.file,
                    line=origin.line,
                    hint="Give them different output names (characters that Windows does not "
                    "allow become '-')",
                )
            )
            continue
        seen[key] = (target, origin)
        for source, kind in inputs.items():
            if _same_file(target, source):
                problems.append(
                    Problem(
                        f"{origin.what} would overwrite {kind} {shown(source)}, "
                        "which this run reads",
                        file=origin.file,
                        line=origin.line,
                        hint="Choose another output name or --out folder",
                    )
                )
    if problems:
        raise ProblemsError(problems, "the output names")
