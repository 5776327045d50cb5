"""The typed value of a workbook column for one entry: dates stay dates, numbers numbers.

A column names an entry field (``start``, ``grant_id``, ``budget.amount``) or a derived one:
``dates`` (formatted range), ``citation``, ``authors`` / ``editors`` (as text), ``ongoing``,
``year``, ``duration_months``, ``status`` (planned, running or ended as of the reference
date), ``members`` (who in a group the entry belongs to), ``author_position``, ``role_label``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel

from assembler.cv.dates import PartialDate
from assembler.cv.model import Entry, Link, Publication, RangeEntry
from assembler.cv.names import display_name
from assembler.select.fields import Context, field_value
from assembler.shape.context import Style, citation_rich
from assembler.shape.labels import format_range


@dataclass(frozen=True)
class SheetContext:
    style: Style
    rules: Context
    members: dict[str, list[str]]


def duration_months(entry: Entry, as_of: date) -> int | None:
    """Whole months from the start month to the end month, both counted (2021-01..2021-12 is
    12); an ongoing range runs to as_of. Year-only dates count from January / to December."""
    if not isinstance(entry, RangeEntry) or entry.start is None:
        return None
    first = entry.start.first_day()
    last = entry.end.last_day() if entry.end else as_of
    if last < first:
        return None
    return (last.year - first.year) * 12 + last.month - first.month + 1


def status(entry: Entry, as_of: date) -> str | None:
    span = entry.span()
    if span is None:
        return None
    if span.first_day() > as_of:
        return "planned"
    if span.end is not None and span.end.last_day() < as_of:
        return "ended"
    return "running"


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        if value and isinstance(value[0], Link):
            return "; ".join(link.url for link in value)
        return "; ".join(display_name(item) for item in value)
    if isinstance(value, BaseModel):
        amount = getattr(value, "amount", None)  # a budget is its amount; see budget.currency
        if amount is not None:
            return amount
        count = getattr(value, "count", None)
        return count if count is not None else str(value)
    return value


def column_value(entry: Entry, name: str, context: SheetContext) -> Any:
    """The value of one column for one entry, typed for Excel."""
    as_of = context.rules.as_of
    if "." in name:
        head, _, tail = name.partition(".")
        inner = getattr(entry, head, None)
        return getattr(inner, tail, None) if inner is not None else None
    if name == "dates":
        span = entry.span()
        ongoing = isinstance(entry, RangeEntry) and entry.start is not None and entry.end is None
        if isinstance(entry, RangeEntry):
            return format_range(
                entry.start, entry.end, ongoing, context.style.date_format, context.style.language
            )
        return (
            format_range(
                span.start, span.end, False, context.style.date_format, context.style.language
            )
            if span
            else None
        )
    if name == "citation" and isinstance(entry, Publication):
        names = [display_name(a) for a in (entry.authors or entry.editors)]
        return str(citation_rich(entry, names, context.style, highlight=False))
    if name == "duration_months":
        return duration_months(entry, as_of)
    if name == "status":
        return status(entry, as_of)
    if name == "members":
        return "; ".join(context.members.get(entry.id or "", []))
    if name == "role_label":
        role = getattr(entry, "role", None)
        return context.style.labels.get(f"role_{role}", role) if role else None
    value = field_value(entry, name, context.rules)
    return _plain(value)


def display_width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, PartialDate | date):
        return 11
    return min(len(str(value)), 200)
