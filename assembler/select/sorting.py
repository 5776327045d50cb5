"""Ordering entries by a profile's ``sort`` (ranking, before ``limit``) or ``order`` (how the
kept entries are printed) keys.

A key is a field or derived field, ``-key`` for descending; entries without a value come last
in either direction and ties keep the order of the file. ``significance`` means the ranking of
``select.significance``, not a publication's significance note. A key that no entry has a
value for cannot order anything: it is reported, because a profile that sorts by citations on
a CV without citation counts silently falls back to file order otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assembler.cv.model import Entry
from assembler.cv.status import is_ongoing
from assembler.select.fields import Context, field_value, sort_value
from assembler.select.significance import significance

SortValue = tuple[int, Any] | None


@dataclass
class Sorted:
    entries: list[Entry]
    empty_keys: list[str] = field(default_factory=list)  # keys no entry has a value for


def _end_value(entry: Entry) -> SortValue:
    """An ongoing range ends after every finished one."""
    if is_ongoing(entry):
        return (1, (9999, 99, 99))
    return sort_value(getattr(entry, "end", None))


def key_value(entry: Entry, name: str, context: Context) -> SortValue:
    if name == "end":
        return _end_value(entry)
    if name == "significance":
        return (0, significance(entry, context))
    return sort_value(field_value(entry, name, context))


def sort_entries(entries: list[Entry], keys: list[str], context: Context) -> Sorted:
    """Stable multi-key sort; ``-key`` descending; missing values last in either direction."""
    ordered = list(entries)
    empty: list[str] = []
    for key in reversed(keys):
        descending = key.startswith("-")
        name = key.lstrip("-+")
        values = {id(e): key_value(e, name, context) for e in ordered}
        present = [e for e in ordered if values[id(e)] is not None]
        missing = [e for e in ordered if values[id(e)] is None]
        if ordered and not present:
            empty.insert(0, name)
        present.sort(key=lambda e: values[id(e)] or (0, 0), reverse=descending)
        ordered = present + missing
    return Sorted(ordered, empty)
