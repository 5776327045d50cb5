"""Rewrite the CV file with the merge applied, keeping the person's comments and layout.

ruamel.yaml's round-trip mode keeps comments, key order, quoting and indentation of everything
that is not touched; new entries are written in the style of the example CV (double-quoted
text, keys in schema order). The result is validated with the normal loader before it may
replace the file.
"""

from __future__ import annotations

import io
from itertools import pairwise
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from assembler.cv.load import validate_cv
from assembler.importers.merge import MergePlan
from assembler.importers.records import FIELD_ORDER
from assembler.problems import AssembleError, ProblemsError
from assembler.source.reader import parse_yaml


class RoundTrip:
    """The CV as ruamel.yaml holds it, ready to be changed and written back."""

    def __init__(self, text: str) -> None:
        self.yaml = YAML()
        self.yaml.preserve_quotes = True
        self.yaml.width = 4096  # never re-wrap long titles
        mapping, offset = guess_indent(text)
        self.yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
        data = self.yaml.load(text)
        self.data: CommentedMap = data if data is not None else CommentedMap()

    def publications(self) -> CommentedSeq:
        entries = self.data.get("publications")
        if not isinstance(entries, CommentedSeq):
            entries = self.data["publications"] = CommentedSeq()
        return entries

    def plain_publications(self) -> list[dict[str, Any]]:
        """Copies of the entries as plain values, for planning (the plan changes its copies)."""
        return [_plain(entry) for entry in self.publications() if isinstance(entry, dict)]

    def apply(self, plan: MergePlan) -> None:
        entries = self.publications()
        by_id = {
            str(entry.get("id")): entry for entry in entries if isinstance(entry, CommentedMap)
        }
        for item in plan.items:
            if item.action == "add":
                entries.append(_styled_entry(item.changes))
            elif item.action in ("update", "link") and item.entry_id in by_id:
                target = by_id[item.entry_id]
                for name, value in item.changes.items():
                    _set_in_order(target, name, _styled(value))

    def dump(self) -> str:
        stream = io.StringIO()
        self.yaml.dump(self.data, stream)
        return stream.getvalue()


def guess_indent(text: str) -> tuple[int, int]:
    """(mapping indent, dash offset) as the file uses them: `key:` followed by a deeper `key:`
    gives the first, followed by a `- ` item the second. Defaults: the example's 2 and 2."""
    mapping = offset = None
    lines = [
        line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    for line, following in pairwise(lines):
        stripped = line.rstrip()
        if not stripped.endswith(":") or stripped.lstrip().startswith("- "):
            continue
        parent = len(line) - len(line.lstrip())
        child = len(following) - len(following.lstrip())
        if child <= parent:
            continue
        if following.lstrip().startswith("- "):
            offset = offset if offset is not None else child - parent
        else:
            mapping = mapping if mapping is not None else child - parent
        if mapping is not None and offset is not None:
            break
    return mapping or 2, offset if offset is not None else 2


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, bool | int | float) or value is None:
        return value
    return str(value)


def _styled(value: Any) -> Any:
    """Values as the example CV writes them: text double-quoted, counts plain."""
    if isinstance(value, bool | int | float) or value is None:
        return value
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _styled(item)
        return mapping
    if isinstance(value, list):
        sequence = CommentedSeq()
        sequence.extend(_styled(item) for item in value)
        return sequence
    return DoubleQuotedScalarString(str(value))


def _styled_entry(fields: dict[str, Any]) -> CommentedMap:
    entry = CommentedMap()
    for name in sorted(
        fields, key=lambda key: FIELD_ORDER.index(key) if key in FIELD_ORDER else len(FIELD_ORDER)
    ):
        entry[name] = _styled(fields[name])
    return entry


def _set_in_order(entry: CommentedMap, name: str, value: Any) -> None:
    """Set a field where the schema order puts it, not at the end of the entry."""
    if name in entry:
        entry[name] = value
        return
    keys = list(entry.keys())
    rank = FIELD_ORDER.index(name) if name in FIELD_ORDER else len(FIELD_ORDER)
    position = len(keys)
    for index, key in enumerate(keys):
        if key in FIELD_ORDER and FIELD_ORDER.index(key) > rank:
            position = index
            break
    entry.insert(position, name, value)


def checked_text(text: str, path: Path) -> str:
    """The new file's text, if it still validates; never write a CV that would not load."""
    try:
        validate_cv(parse_yaml(text, str(path)))
    except ProblemsError as exc:
        raise AssembleError(
            "the merged CV would not validate, so nothing was written:\n" + exc.format_message()
        ) from None
    return text
