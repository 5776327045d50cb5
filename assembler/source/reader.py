"""Read YAML the way a person wrote it: every scalar stays the text that was typed.

PyYAML's resolver turns ``NO`` into False, ``0123`` into 83, ``1.10`` into 1.1, ``12:30`` into
750 and bad dates into bare ValueErrors. We only *compose* the document (nodes with positions),
never construct it, and convert the nodes ourselves: plain scalars become ``str`` (or ``None`` for
an empty value / ``null`` / ``~``), and the model decides the types later. Along the way we record
the line and column of every key and value, reject duplicate keys, cap the file size and alias
expansion (billion-laughs), and clean control characters that PDF extraction leaves behind.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assembler.problems import Problem, ProblemsError

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_NODES = 1_000_000
MAX_ALIAS_NODES = 100_000

PathKey = tuple[str | int, ...]

_NULLS = {"", "~", "null", "Null", "NULL"}
_STD_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    _STD_TAG + name
    for name in (
        "str",
        "int",
        "float",
        "bool",
        "null",
        "timestamp",
        "map",
        "seq",
        "merge",
        "binary",
        "value",
        "omap",
        "set",
    )
}
# C0 controls except tab and newline, DEL, C1 controls, and the XML-illegal non-characters.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SPACE_LIKE = {"\x0b": " ", "\x0c": " "}

try:  # the C composer is ~10x faster; the pure-Python one gives the same nodes and marks
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


def format_path(path: PathKey) -> str:
    """``('publications', 12, 'year')`` -> ``publications[12].year``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


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


def clean_text(text: str) -> tuple[str, bool]:
    """NFC-normalise and drop control characters. Returns the text and whether it changed."""
    cleaned = text.replace("\r\n", "\n").replace("\r", "\n")
    for char, replacement in _SPACE_LIKE.items():
        cleaned = cleaned.replace(char, replacement)
    cleaned = _CONTROL_RE.sub("", cleaned)
    cleaned = unicodedata.normalize("NFC", cleaned)
    return cleaned, cleaned != text


class _Converter:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.locations: dict[PathKey, tuple[int, int]] = {}
        self.nodes = 0
        self.alias_nodes = 0
        self.anchored: set[int] = set()
        self.active: set[int] = set()

    def error(self, node: yaml.Node, message: str, path: PathKey, hint: str = "") -> None:
        self.problems.append(
            Problem(
                message=message,
                file=self.file,
                line=node.start_mark.line + 1,
                column=node.start_mark.column + 1,
                path=format_path(path),
                hint=hint,
            )
        )

    def convert(self, node: yaml.Node, path: PathKey, via_alias: bool = False) -> Any:
        self.nodes += 1
        if via_alias:
            self.alias_nodes += 1
        if self.nodes > MAX_NODES or self.alias_nodes > MAX_ALIAS_NODES:
            raise _TooBig(node)
        self.locations.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if node.tag not in _ALLOWED_TAGS:
            self.error(
                node,
                f"the YAML tag {node.tag!r} is not supported",
                path,
                "Remove the tag; values are plain text, lists and mappings",
            )
            return None
        key = id(node)
        if key in self.active:
            self.error(
                node,
                "this alias refers to a node that contains it",
                path,
                "Remove the recursive alias",
            )
            return None
        # A node reached a second time was reached through an alias: count its expansion.
        repeated = key in self.anchored
        self.anchored.add(key)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        self.active.add(key)
        try:
            if isinstance(node, yaml.SequenceNode):
                return [
                    self.convert(item, (*path, index), via_alias or repeated)
                    for index, item in enumerate(node.value)
                ]
            assert isinstance(node, yaml.MappingNode)
            return self.mapping(node, path, via_alias or repeated)
        finally:
            self.active.discard(key)

    def scalar(self, node: yaml.ScalarNode, path: PathKey) -> str | None:
        plain = not node.style  # the C composer says '' where the Python one says None
        if plain and node.value in _NULLS and node.tag != _STD_TAG + "str":
            return None
        text, changed = clean_text(node.value)
        if changed and text != unicodedata.normalize("NFC", node.value):
            self.warnings.append(
                Problem(
                    message="control characters (from PDF extraction?) were removed",
                    file=self.file,
                    line=node.start_mark.line + 1,
                    column=node.start_mark.column + 1,
                    path=format_path(path),
                    severity="warning",
                    hint="Delete them from the file to silence this warning",
                )
            )
        return text

    def mapping(self, node: yaml.MappingNode, path: PathKey, via_alias: bool) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        merges: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _STD_TAG + "merge":
                merges.append(value_node)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(
                    key_node,
                    "a key must be plain text",
                    path,
                    "Write `name: value` with a text name",
                )
                continue
            name, _ = clean_text(key_node.value)
            line = key_node.start_mark.line + 1
            if name in first_line:
                self.error(
                    key_node,
                    f"duplicate key {name!r} (lines {first_line[name]} and {line}); "
                    "YAML would silently keep only the last one",
                    (*path, name),
                    "Remove or rename one of them",
                )
                continue
            first_line[name] = line
            child: PathKey = (*path, name)
            self.locations[child] = (line, key_node.start_mark.column + 1)
            result[name] = self.convert(value_node, child, via_alias)
        for merge_node in merges:
            sources = (
                merge_node.value if isinstance(merge_node, yaml.SequenceNode) else [merge_node]
            )
            for source in sources:
                merged = self.convert(source, path, True)
                if not isinstance(merged, dict):
                    self.error(source, "`<<` must refer to a mapping", path)
                    continue
                for name, value in merged.items():
                    result.setdefault(name, value)
        return result


class _TooBig(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def parse_yaml(text: str, file: str) -> YamlDocument:
    """Parse one YAML document held in ``text``; raise ``ProblemsError`` listing every fault."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise ProblemsError(
            [
                Problem(
                    f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB",
                    file=file,
                    hint="Split it or remove embedded data",
                )
            ],
            file,
        )
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            message = f"{exc.context}, {exc.problem}"
        raise ProblemsError(
            [
                Problem(
                    message=f"YAML syntax error: {message}",
                    file=file,
                    line=mark.line + 1 if mark else None,
                    column=mark.column + 1 if mark else None,
                    hint="Check indentation, colons and quotes on this line and the one above",
                )
            ],
            file,
        ) from None
    except yaml.YAMLError as exc:  # reader errors: unacceptable characters, bad encoding
        raise ProblemsError([Problem(f"YAML error: {exc}", file=file)], file) from None
    if len(nodes) > 1:
        raise ProblemsError(
            [
                Problem(
                    "the file holds several YAML documents (`---`)",
                    file=file,
                    line=nodes[1].start_mark.line + 1,
                    hint="Keep one document per file",
                )
            ],
            file,
        )
    converter = _Converter(file)
    if not nodes:
        return YamlDocument(file=file, data=None)
    try:
        data = converter.convert(nodes[0], ())
    except _TooBig as exc:
        raise ProblemsError(
            [
                Problem(
                    "aliases expand to too many values (a YAML 'billion laughs' bomb?)",
                    file=file,
                    line=exc.node.start_mark.line + 1,
                    hint=f"Keep the file below {MAX_ALIAS_NODES} values reached through aliases",
                )
            ],
            file,
        ) from None
    if converter.problems:
        raise ProblemsError(converter.problems, file)
    return YamlDocument(
        file=file, data=data, locations=converter.locations, warnings=converter.warnings
    )


def load_yaml(path: Path) -> YamlDocument:
    """Read and parse a YAML file, reporting unreadable files as user errors."""
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ProblemsError(
            [Problem("file not found", file=name, hint="Check the path or create the file")], name
        ) from None
    except OSError as exc:
        raise ProblemsError(
            [Problem(f"cannot read the file: {exc.strerror}", file=name)], name
        ) from None
    if path.is_dir():
        raise ProblemsError([Problem("is a folder, not a YAML file", file=name)], name)
    if size > MAX_FILE_BYTES:
        raise ProblemsError(
            [
                Problem(
                    f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB",
                    file=name,
                    hint="Split it or remove embedded data",
                )
            ],
            name,
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProblemsError(
            [Problem(f"cannot read the file: {exc.strerror}", file=name)], name
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ProblemsError(
            [
                Problem(
                    "the file is not UTF-8 text",
                    file=name,
                    line=line,
                    hint="Save it as UTF-8 in your editor",
                )
            ],
            name,
        ) from None
    return parse_yaml(text, name)
