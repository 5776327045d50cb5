"""The typed value of a workbook column for one entry: dates stay dates, numbers numbers.

A column names an entry field (``start``, ``grant_id``, ``budget.amount``) or a derived one:
``dates`` (formatted range), ``citation``, ``authors`` / ``editors`` (as text), ``ongoing``,
``year``, ``duration_months``, ``status`` (planned, running or ended as of the reference
date), ``members`` (who in a group the entry belongs to), ``author_position``, ``role_label``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from assembler.cv.dates import PartialDate
from assembler.cv.model import Entry, Filing, Link, Publication
from assembler.cv.names import display_name
from assembler.cv.status import duration_months
from assembler.select.fields import Context, field_value
from assembler.shape.citations import citation_text
from assembler.shape.dates import entry_dates
from assembler.shape.style import Style
from assembler.source.record import Record


@dataclass(frozen=True)
class SheetContext:
    style: Style
    rules: Context
    members: dict[str, list[str]]
    notes: dict[str, str] = field(default_factory=dict)  # section -> text for an empty sheet
    period: bool = False  # a report of one period: an empty sheet says "none in this period"


def _filing(filing: Filing) -> str:
    when = f" {filing.date}" if filing.date else ""
    detail = f" ({filing.status}{when})" if filing.status else when
    return f"{filing.number or '–'}{detail}"


def _plain(value: Any) -> Any:
    if isinstance(value, dict):  # an extra field holding a mapping: one line of text
        return "; ".join(f"{key}: {_plain(item)}" for key, item in value.items())
    if isinstance(value, list):
        if value and isinstance(value[0], Link):
            return "; ".join(link.url for link in value)
        if value and isinstance(value[0], Filing):
            return "; ".join(_filing(filing) for filing in value)
        return "; ".join(display_name(item) for item in value)
    if isinstance(value, Record):
        amount = getattr(value, "amount", None)  # a budget is its amount; see budget.currency
        if amount is not None:
            return amount
        count = getattr(value, "count", None)
        return count if count is not None else str(value)
    return value


def column_value(entry: Entry, name: str, context: SheetContext) -> Any:
    """The value of one column for one entry, typed for Excel."""
    as_of = context.rules.as_of
    style = context.style
    if name == "dates":
        dates = entry_dates(
            entry, style.date_format, style.language, style.labels, context.rules.status_date
        )
        return dates or None
    if name == "citation" and isinstance(entry, Publication):
        return citation_text(entry, style)
    if name == "duration_months":
        return duration_months(entry, as_of)
    if name == "members":
        return "; ".join(context.members.get(entry.id or "", []))
    if name == "role_label":
        role = getattr(entry, "role", None)
        return style.labels.get(f"role_{role}", role) if role else None
    return _plain(field_value(entry, name, context.rules))


def display_width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, PartialDate | date):
        return 11
    return min(len(str(value)), 200)
