"""Change the CV file only where new facts go, and leave every other byte as it was.

A YAML library that loads and dumps the whole file re-indents it, re-quotes it, turns CRLF into
LF and spreads a change of an anchored entry to every entry that merges it (``<<: *base``).
Instead we compose the file once (PyYAML's C composer gives every node's position) and splice
text into it: a new entry is written below the last one of its section, a new field is inserted
into its entry where the schema order puts it, and an empty or refreshed value is replaced in
place. What is written copies the file's own style: indentation, the dash offset of lists, the
quoting most values use, the line ending, and blank lines between entries. The result is
validated with the normal loader before it may replace the file.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assembler.cv.load import LoadedCV, validate_cv
from assembler.importers.records import FIELD_ORDER
from assembler.problems import AssembleError, ProblemsError
from assembler.source.reader import parse_yaml, remove_raw_controls

try:  # the same composer as the reader: positions are the same
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_MERGE_TAG = "tag:yaml.org,2002:merge"
_PLAIN_SAFE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#\n]*$")
_LITERAL_SAFE = re.compile(r"^[^\s][^\t\r]*$", re.DOTALL)  # no tabs, no leading space
_NOT_PLAIN = re.compile(r": |\s#|:$|^(?:true|false|yes|no|on|off|null|~)$", re.IGNORECASE)


@dataclass
class Style:
    """How the file writes things, read from the file itself."""

    newline: str = "\n"
    indent: int = 2  # a nested mapping's keys, past its parent key
    seq_offset: int = 2  # a list's dashes, past the key that holds it
    dash_gap: int = 2  # an item's keys, past its dash
    quote: str = '"'  # '"', "'" or "" (plain)

    def scalar(self, value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float):
            return str(value)
        text = str(value)
        if self.quote == "" and _PLAIN_SAFE.match(text) and not _NOT_PLAIN.search(text):
            return text.strip() if text == text.strip() else json.dumps(text, ensure_ascii=False)
        if self.quote == "'" and "\n" not in text:
            return "'" + text.replace("'", "''") + "'"
        return json.dumps(text, ensure_ascii=False)

    def field_lines(self, key: str, value: Any, column: int) -> list[str]:
        """``key: value`` at ``column``, nested values in block style below it."""
        pad = " " * column
        if isinstance(value, list) and value:
            lines = [f"{pad}{key}:"]
            for item in value:
                lines += self.item_lines(item, column + self.seq_offset)
            return lines
        if isinstance(value, dict) and value:
            lines = [f"{pad}{key}:"]
            for name, item in value.items():
                lines += self.field_lines(name, item, column + self.indent)
            return lines
        if isinstance(value, list | dict):
            return [f"{pad}{key}: {'[]' if isinstance(value, list) else '{}'}"]
        if isinstance(value, str) and "\n" in value.strip() and _LITERAL_SAFE.match(value):
            inner = " " * (column + self.indent)
            chomp = "" if value.endswith("\n") else "-"
            body = [inner + line if line else "" for line in value.rstrip("\n").split("\n")]
            return [f"{pad}{key}: |{chomp}", *body]
        return [f"{pad}{key}: {self.scalar(value)}"]

    def item_lines(self, item: Any, dash: int) -> list[str]:
        """One list item whose dash stands at column ``dash``."""
        if not isinstance(item, dict) or not item:
            return [f"{' ' * dash}- {self.scalar(item) if not isinstance(item, dict) else '{}'}"]
        column = dash + self.dash_gap
        lines: list[str] = []
        for name, value in item.items():
            lines += self.field_lines(name, value, column)
        lines[0] = " " * dash + "-" + " " * (self.dash_gap - 1) + lines[0][column:]
        return lines


def flow(value: Any) -> str:
    """A value inside a flow collection (`{...}`, `[...]`): JSON is valid YAML there."""
    return json.dumps(value, ensure_ascii=False)


@dataclass(order=True)
class _Edit:
    start: int
    # At one place: a field that ends an entry, then the entries that follow it, then a key of
    # the whole file (``bio`` after the last section's new entries).
    priority: int
    order: int
    end: int = field(compare=False)
    text: str = field(compare=False)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    """The start of the line after the one ``index`` is on (a value's own line end)."""
    if index > 0 and text[index - 1] == "\n":
        return index
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1


def _content_end(node: yaml.Node) -> int:
    """Where a node's own text ends (a block collection's end mark runs on to the next
    token, past comments and blank lines; its last value does not)."""
    if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
        return _content_end(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        return _content_end(node.value[-1])
    return int(node.end_mark.index)


def _is_empty_scalar(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and not node.style and node.value in ("", "~", "null")


def _walk(node: yaml.Node, seen: set[int]) -> list[yaml.Node]:
    if id(node) in seen:
        return []
    seen.add(id(node))
    found = [node]
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += _walk(item, seen)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            found += _walk(key, seen) + _walk(value, seen)
    return found


class CvEditor:
    """The CV file's text with planned splices; ``text()`` applies them."""

    def __init__(self, text: str, file: str = "cv.yaml") -> None:
        # Raw control characters (left by PDF extraction) stop the parser. Every command reads
        # the CV without them and warns; a file rewritten by import loses them, and says where.
        text, controls = remove_raw_controls(text)
        self.original = text
        self.file = file
        root = yaml.compose(text, Loader=_Loader) if text.strip() else None
        self.root: yaml.MappingNode | None = root if isinstance(root, yaml.MappingNode) else None
        self.edits: list[_Edit] = []
        self._adds: dict[str, list[Any]] = {}
        self._writing_adds = False
        self._at_root = False  # editing a key of the whole file
        self.notes: list[str] = [
            f"line {line}: control characters removed (the file is rewritten without them)"
            for line, _ in controls
        ]
        self.merged_into: dict[int, list[tuple[yaml.MappingNode, int]]] = {}
        self._expanded: set[int] = set()
        nodes = _walk(self.root, set()) if self.root is not None else []
        for node in nodes:
            if isinstance(node, yaml.MappingNode):
                for position, (key, value) in enumerate(node.value):
                    if key.tag == _MERGE_TAG:
                        self.merged_into.setdefault(id(value), []).append((node, position))
        self.style = self._read_style(nodes)

    # -- reading the file's style ------------------------------------------------------------

    def _read_style(self, nodes: list[yaml.Node]) -> Style:
        text = self.original
        style = Style(newline="\r\n" if "\r\n" in text[: text.find("\n") + 1] else "\n")
        values = [
            value
            for node in nodes
            if isinstance(node, yaml.MappingNode)
            for key, value in node.value
            if key.tag != _MERGE_TAG
        ] + [item for node in nodes if isinstance(node, yaml.SequenceNode) for item in node.value]
        quotes = Counter(
            node.style or "" for node in values if isinstance(node, yaml.ScalarNode) and node.value
        )
        if quotes:  # ties go to double quotes, the example's style
            style.quote = max(('"', "", "'"), key=lambda quote: quotes.get(quote, 0))
        self._read_indents(nodes, style)
        return style

    def _read_indents(self, nodes: list[yaml.Node], style: Style) -> None:
        indents, offsets, gaps = Counter[int](), Counter[int](), Counter[int]()
        for node in nodes:
            if not isinstance(node, yaml.MappingNode) or node.flow_style:
                continue
            for key, value in node.value:
                column = key.start_mark.column
                if isinstance(value, yaml.MappingNode) and value.value and not value.flow_style:
                    indents[value.value[0][0].start_mark.column - column] += 1
                elif isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
                    offsets[value.start_mark.column - column] += 1
                    for item in value.value:
                        if (
                            isinstance(item, yaml.MappingNode)
                            and item.value
                            and not (item.flow_style)
                        ):
                            gaps[item.value[0][0].start_mark.column - value.start_mark.column] += 1
        if indents:
            style.indent = indents.most_common(1)[0][0]
        if offsets:
            style.seq_offset = offsets.most_common(1)[0][0]
        if gaps:
            style.dash_gap = max(gaps.most_common(1)[0][0], 2)
        elif indents:
            style.dash_gap = max(style.indent, 2)

    # -- finding things ------------------------------------------------------------------------

    def _top(self, name: str) -> tuple[yaml.Node, yaml.Node] | None:
        if self.root is None:
            return None
        for key, value in self.root.value:
            if isinstance(key, yaml.ScalarNode) and key.value == name:
                return key, value
        return None

    def items(self, section: str) -> list[yaml.Node]:
        found = self._top(section)
        if found is None or not isinstance(found[1], yaml.SequenceNode):
            return []
        return list(found[1].value)

    def _splice(self, start: int, end: int, text: str) -> None:
        priority = 2 if self._at_root else 1 if self._writing_adds else 0
        self.edits.append(_Edit(start, priority, len(self.edits), end, text))

    def _lines(self, lines: list[str]) -> str:
        return "".join(line + self.style.newline for line in lines)

    def _insert_lines(self, at: int, lines: list[str]) -> None:
        """Whole lines at a line start (or at the end of a file without a final newline)."""
        if at == len(self.original) and self.original and not self.original.endswith("\n"):
            self._splice(
                at, at, self.style.newline + self._lines(lines)[: -len(self.style.newline)]
            )
            return
        self._splice(at, at, self._lines(lines))

    # -- adding entries --------------------------------------------------------------------------

    def add_entry(self, section: str, fields: Any) -> None:
        """A new entry (or text item) below the last one of ``section``; a missing or empty
        section is made. Entries are written when ``text()`` is called, in the order added."""
        self._adds.setdefault(section, []).append(fields)

    def _write_adds(self, section: str, entries: list[Any]) -> None:
        found = self._top(section)
        if found is None:
            lines = [f"{section}:"]
            for entry in entries:
                lines += self.style.item_lines(entry, self.style.seq_offset)
            self._insert_lines(len(self.original), lines)
            return
        key, value = found
        if isinstance(value, yaml.SequenceNode) and value.flow_style and value.value:
            at = value.end_mark.index - 1
            self._splice(at, at, "".join(", " + flow(entry) for entry in entries))
            return
        if not isinstance(value, yaml.SequenceNode) or not value.value:
            dash = key.start_mark.column + self.style.seq_offset
            lines = [line for entry in entries for line in self.style.item_lines(entry, dash)]
            end = _line_end(self.original, max(value.end_mark.index, key.end_mark.index))
            self._splice(key.end_mark.index, end, ":" + self.style.newline + self._lines(lines))
            return
        dash = value.start_mark.column
        blank = self._blank_between(value)
        lines = []
        for entry in entries:
            lines += ([""] if blank else []) + self.style.item_lines(entry, dash)
        self._insert_lines(_line_end(self.original, _content_end(value.value[-1])), lines)

    def _blank_between(self, sequence: yaml.SequenceNode) -> bool:
        if len(sequence.value) < 2:
            return False
        first, second = sequence.value[0], sequence.value[1]
        between = self.original[_content_end(first) : second.start_mark.index]
        return between.count("\n") >= 2

    # -- updating entries --------------------------------------------------------------------------

    def update_entry(
        self, node: yaml.Node, changes: dict[str, Any], order: tuple[str, ...] = FIELD_ORDER
    ) -> bool:
        """Write ``changes`` into the entry ``node`` (new keys where ``order`` puts them);
        False (with a note) when it cannot be."""
        if not isinstance(node, yaml.MappingNode):
            self.notes.append(f"line {node.start_mark.line + 1}: not a mapping, left as it was")
            return False
        if not self._free_of_merges(node):
            return False
        self._at_root = node is self.root
        for name, value in changes.items():
            self._set(node, name, value, order)
        self._at_root = False
        return True

    def update_top_mapping(
        self, section: str, changes: dict[str, Any], order: tuple[str, ...]
    ) -> None:
        """Fill fields of a top-level mapping (``person``)."""
        found = self._top(section)
        if found is not None and isinstance(found[1], yaml.MappingNode):
            self.update_entry(found[1], changes, order)

    def _free_of_merges(self, node: yaml.MappingNode) -> bool:
        """An anchored entry that others merge (``<<: *base``) gets the change alone: each
        entry merging it has the merged fields written out first, and the report says so."""
        users = self.merged_into.get(id(node), [])
        if not users or id(node) in self._expanded:
            return True
        anchor = re.match(r"&([^\s,\[\]{}]+)", self.original[node.start_mark.index :])
        name = f"&{anchor[1]}" if anchor else "an anchor"
        for user, position in users:
            key, value = user.value[position]
            if value is not node:
                self.notes.append(
                    f"line {key.start_mark.line + 1}: `<<` merges a list of anchors; "
                    f"the entry at line {node.start_mark.line + 1} was not updated"
                )
                return False
        for user, position in users:
            self._write_out_merge(node, user, position)
        self._expanded.add(id(node))
        lines = ", ".join(str(user.start_mark.line + 1) for user, _ in users)
        self.notes.append(
            f"line {node.start_mark.line + 1}: the updated entry is {name}, merged by the "
            f"entries at line {lines}; their `<<: *{name[1:]}` was replaced by the fields it "
            "gave them, so the new fields go to this entry only"
        )
        return True

    def _write_out_merge(
        self, base: yaml.MappingNode, user: yaml.MappingNode, position: int
    ) -> None:
        """Replace ``<<: *name`` in ``user`` by the fields ``base`` gives it."""
        key = user.value[position][0]
        alias = re.compile(r"\s*:\s*\*[^\s,\]}]+").match(self.original, key.end_mark.index)
        if alias is None:  # pragma: no cover - a merge key is always followed by its alias
            return
        own = {k.value for k, _ in user.value if isinstance(k, yaml.ScalarNode)}
        column = key.start_mark.column
        lines: list[str] = []
        plain = _plain_of(base)
        for name, item in plain.items():
            if name not in own:
                lines += self.style.field_lines(name, item, column)
        end = _line_end(self.original, alias.end())
        self._splice(key.start_mark.index, end, self._lines(lines)[column:])

    def _set(self, node: yaml.MappingNode, name: str, value: Any, order: tuple[str, ...]) -> None:
        for key, old in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == name:
                self._replace(key, old, name, value, bool(node.flow_style))
                return
        if node.flow_style:
            self._splice(
                node.end_mark.index - 1, node.end_mark.index - 1, f", {name}: {flow(value)}"
            )
            return
        column = node.value[0][0].start_mark.column
        new = self.style.field_lines(name, value, column)
        lines = self._lines(new)
        rank = _rank(name, order)
        for index, (key, _) in enumerate(node.value):
            if index and isinstance(key, yaml.ScalarNode) and _rank(key.value, order) > rank:
                at = _line_start(self.original, key.start_mark.index)
                self._splice(at, at, lines)
                return
        self._insert_lines(_line_end(self.original, _content_end(node.value[-1][1])), new)

    def _replace(
        self, key: yaml.Node, old: yaml.Node, name: str, value: Any, in_flow: bool
    ) -> None:
        span = self.original[old.start_mark.index : old.end_mark.index]
        collection = isinstance(value, list | dict)
        if in_flow:
            self._splice(old.start_mark.index, old.end_mark.index, flow(value))
            return
        if isinstance(old, yaml.ScalarNode) and not _is_empty_scalar(old) and "\n" not in span:
            if not collection:
                self._splice(old.start_mark.index, old.end_mark.index, self.style.scalar(value))
                return
        elif isinstance(old, yaml.CollectionNode) and old.flow_style and "\n" not in span:
            new = flow(value) if collection else self.style.scalar(value)
            self._splice(old.start_mark.index, old.end_mark.index, new)
            return
        # Anything else is written anew, from the key to the end of its old value.
        column = key.start_mark.column
        end = key.end_mark.index if _is_empty_scalar(old) else _content_end(old)
        text = self._lines(self.style.field_lines(name, value, column))[column:]
        self._splice(key.start_mark.index, _line_end(self.original, end), text)

    # -- the result ----------------------------------------------------------------------------

    def text(self) -> str:
        self._writing_adds = True
        for section, entries in self._adds.items():
            self._write_adds(section, entries)
        self._adds, self._writing_adds = {}, False
        pieces, position = [], 0
        for edit in sorted(self.edits):
            pieces += [self.original[position : edit.start], edit.text]
            position = max(position, edit.end)
        pieces.append(self.original[position:])
        return "".join(pieces)


def _rank(name: str, order: tuple[str, ...] = FIELD_ORDER) -> int:
    return order.index(name) if name in order else len(order)


def _plain_of(node: yaml.Node) -> Any:
    """A composed node as plain values (text as typed), for writing merged fields out."""
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key, value in node.value:
            if key.tag == _MERGE_TAG:
                merged = _plain_of(value)
                for name, item in merged.items() if isinstance(merged, dict) else []:
                    result.setdefault(name, item)
            else:
                result[str(key.value)] = _plain_of(value)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_plain_of(item) for item in node.value]
    return None if _is_empty_scalar(node) else node.value


def checked(text: str, path: Path) -> LoadedCV:
    """The CV ``text`` would load as, or an error saying nothing was written."""
    try:
        return validate_cv(parse_yaml(text, str(path)))
    except ProblemsError as exc:
        raise AssembleError(
            "the merged CV would not validate, so nothing was written:\n" + exc.format_message()
        ) from None


def checked_text(text: str, path: Path) -> str:
    """The new file's text, if it still validates; never write a CV that would not load."""
    checked(text, path)
    return text
