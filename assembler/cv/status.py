"""Whether an entry is ongoing, and its status as of a date: one answer for every stage.

Selection (``where: {ongoing: true}``), sorting by ``end``, the template's ``ongoing`` and
``dates``, and the workbook's ``status`` column all ask here.
"""

from __future__ import annotations

from datetime import date
from typing import Literal, cast

from assembler.cv.model import Entry, Patent, RangeEntry

Status = Literal["planned", "running", "ended", "filed", "pending", "published", "granted"]


def is_ongoing(entry: Entry) -> bool:
    """A range with a start and no end (``end: present`` or left out) is ongoing."""
    return isinstance(entry, RangeEntry) and entry.start is not None and entry.end is None


def status(entry: Entry, as_of: date) -> Status | None:
    """``planned`` before its first day, ``ended`` after its last, else ``running``; None for
    an undated entry. An ongoing range is running from its start on. A patent's status is
    its strongest filing's (filed, pending, published, granted) by that date."""
    if isinstance(entry, Patent):
        return _patent_status(entry, as_of)
    span = entry.span()
    if span is None:
        return None
    if span.first_day() > as_of:
        return "planned"
    if span.end is not None and span.end.last_day() < as_of:
        return "ended"
    return "running"


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


def _patent_status(patent: Patent, as_of: date) -> Status | None:
    best = patent.strongest_filing(as_of)
    return cast(Status, best.status) if best else None  # one of FILING_STRENGTH's keys
