"""Read YAML the way a person wrote it: every scalar stays the text that was typed.

PyYAML's resolver turns ``NO`` into False, ``0123`` into 83, ``1.10`` into 1.1, ``12:30`` into
750 and bad dates into bare ValueErrors. We only read the parser's events, never construct, and
build the data ourselves (``compose``): plain scalars become ``str`` (or ``None`` for an empty
value / ``null`` / ``~``), and the model decides the types later. Along the way we record the
line and column of every key and value, reject duplicate keys, cap the file size, the nesting
depth and alias expansion (billion laughs), and clean control characters that PDF extraction
leaves behind, with a warning naming the line.
"""

from __future__ import annotations

import bisect
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assembler.problems import Problem, ProblemsError
from assembler.source.compose import (
    CONTROL_HINT,
    CONTROL_WARNING,
    MAX_ALIAS_NODES,
    MAX_DEPTH,
    MAX_NODES,
    Composer,
    PathKey,
    SeveralDocuments,
    TooBig,
    TooDeep,
    clean_text,
    format_path,
)

__all__ = [
    "MAX_ALIAS_NODES",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "PathKey",
    "YamlDocument",
    "clean_text",
    "format_path",
    "load_yaml",
    "parse_yaml",
    "read_text",
]

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_CONTROL_WARNINGS = 20

# Characters PyYAML's reader refuses (it would stop with "unacceptable character #x000c ...
# position 92", naming no line), and the ones it takes for line breaks where editors see none
# (NEL, LINE and PARAGRAPH SEPARATOR: they would shift every line number after them).
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_RAW_SPACE = {"\x0b": " ", "\x0c": " ", "\x85": " ", "\u2028": " ", "\u2029": " "}


@dataclass
class YamlDocument:
    """The converted data plus where each piece came from."""

    file: str
    data: Any
    locations: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    def locate(self, path: PathKey) -> tuple[int | None, int | None]:
        """Line and column (1-based) of ``path`` or of its nearest existing ancestor."""
        probe = tuple(path)
        while probe:
            if probe in self.locations:
                return self.locations[probe]
            probe = probe[:-1]
        return self.locations.get((), (None, None))

    def value_at(self, path: PathKey) -> tuple[bool, Any]:
        """The raw value at ``path`` (``(False, None)`` when the path does not exist)."""
        node = self.data
        for part in path:
            if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):  # noqa: SIM114 (narrows per type)
                node = node[part]
            elif isinstance(part, str) and isinstance(node, dict) and part in node:
                node = node[part]
            else:
                return False, None
        return True, node


def _fail(file: str, message: str, line: int | None = None, hint: str = "") -> ProblemsError:
    return ProblemsError([Problem(message, file=file, line=line, hint=hint)], file)


def _too_large(file: str) -> ProblemsError:
    return _fail(
        file,
        f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB",
        hint="Split it or remove embedded data",
    )


def remove_raw_controls(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Drop raw control characters before the parser sees them; the (line, column) of the
    first one on each line they were on, in the text as written."""
    if _RAW_CONTROL.search(text) is None:
        return text, []
    found: dict[int, int] = {}
    starts = [0] + [match.end() for match in re.finditer("\n", text)]
    for match in _RAW_CONTROL.finditer(text):
        line = bisect.bisect_right(starts, match.start())
        found.setdefault(line, match.start() - starts[line - 1] + 1)
    for char, replacement in _RAW_SPACE.items():
        text = text.replace(char, replacement)
    return _RAW_CONTROL.sub("", text), sorted(found.items())


def _control_warnings(
    file: str, dirty: list[tuple[int, int]], locations: dict[PathKey, tuple[int, int]]
) -> list[Problem]:
    """One warning per line that had raw control characters, naming the value it is in."""
    placed = sorted((where, path) for path, where in locations.items())
    keys = [where for where, _ in placed]
    warnings = []
    for line, column in dirty[:MAX_CONTROL_WARNINGS]:
        index = bisect.bisect_right(keys, (line, column)) - 1
        path = placed[index][1] if index >= 0 else ()
        warnings.append(
            Problem(
                CONTROL_WARNING,
                file=file,
                line=line,
                column=column,
                path=format_path(path),
                severity="warning",
                hint=CONTROL_HINT,
            )
        )
    if len(dirty) > MAX_CONTROL_WARNINGS:
        warnings.append(
            Problem(
                f"… and on {len(dirty) - MAX_CONTROL_WARNINGS} more lines",
                file=file,
                line=dirty[MAX_CONTROL_WARNINGS][0],
                severity="warning",
                hint=CONTROL_HINT,
            )
        )
    return warnings


def _syntax_error(file: str, exc: yaml.MarkedYAMLError, found: list[Problem]) -> ProblemsError:
    mark = exc.problem_mark or exc.context_mark
    message = exc.problem or exc.context or "invalid YAML"
    if exc.context and exc.problem:
        message = f"{exc.context}, {exc.problem}"
    problem = Problem(
        message=f"YAML syntax error: {message}",
        file=file,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
        hint="Check indentation, colons and quotes on this line and the one above",
    )
    return ProblemsError([*found, problem], file)


def parse_yaml(text: str, file: str) -> YamlDocument:
    """Parse one YAML document held in ``text``; raise ``ProblemsError`` listing every fault."""
    if len(text) > MAX_FILE_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise _too_large(file)
    if "\r" in text:  # line breaks as the parser counts them, so lines match the editor's
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, dirty = remove_raw_controls(text)
    composer = Composer(file)
    try:
        composed = composer.run(text)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(file, exc, composer.result.problems) from None
    except yaml.YAMLError as exc:  # what the reader still refuses (none known): unlocated
        raise _fail(file, f"YAML error: {exc}") from None
    except TooDeep as exc:
        raise ProblemsError(
            [
                Problem(
                    f"the data is nested more than {MAX_DEPTH} levels deep",
                    file=file,
                    line=exc.line,
                    column=exc.column,
                    hint="A CV needs a few levels; check the brackets and indentation here",
                )
            ],
            file,
        ) from None
    except TooBig as exc:
        message = (
            "aliases expand to too many values (a YAML 'billion laughs' bomb?)"
            if exc.aliases
            else f"the file holds more than {MAX_NODES:,} values"
        )
        limit = MAX_ALIAS_NODES if exc.aliases else MAX_NODES
        hint = f"Keep the file below {limit} values" + (
            " reached through aliases" if exc.aliases else ""
        )
        raise _fail(file, message, exc.line, hint) from None
    except SeveralDocuments as exc:
        raise _fail(
            file, "the file holds several YAML documents (`---`)", exc.line, "Keep one per file"
        ) from None
    if composed.problems:
        raise ProblemsError(composed.problems, file)
    warnings = _control_warnings(file, dirty, composed.locations) if dirty else []
    return YamlDocument(
        file=file,
        data=composed.data,
        locations=composed.locations,
        warnings=warnings + composed.warnings,
    )


def read_text(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The UTF-8 text of a user's file, refusing folders, devices and pipes (their size is
    unknown: ``/dev/zero`` never ends) and files over ``max_bytes``, as located errors."""
    name = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise _fail(name, "file not found", hint="Check the path or create the file") from None
    except OSError as exc:
        raise _fail(name, f"cannot read the file: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise _fail(name, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise _fail(
            name,
            "is not a regular file (a device, pipe or socket?)",
            hint="Give the path of a file saved on disk",
        )
    if info.st_size > max_bytes:
        raise _too_large(name)
    try:
        with path.open("rb") as stream:
            raw = stream.read(max_bytes + 1)
    except OSError as exc:
        raise _fail(name, f"cannot read the file: {exc.strerror}") from None
    if len(raw) > max_bytes:  # it grew while we looked
        raise _too_large(name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _fail(
            name, "the file is not UTF-8 text", line, "Save it as UTF-8 in your editor"
        ) from None


def load_yaml(path: Path) -> YamlDocument:
    """Read and parse a YAML file, reporting unreadable files as user errors."""
    return parse_yaml(read_text(path), str(path))
