"""Dates as documents print them: one formatter for Word and Excel alike.

A date prints at the coarser of its own precision and the profile's ``date_format``: a
year-only date stays "2021" in a profile that prints months. An entry's ``dates`` are its date
or range: "2021 – present" / "seit 2021", or one date when start and end print the same.
"""

from __future__ import annotations

from assembler.cv.dates import PartialDate
from assembler.cv.model import Entry, RangeEntry
from assembler.cv.status import is_ongoing
from assembler.shape.labels import words

MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "de": [
        "Jan.",
        "Feb.",
        "März",
        "Apr.",
        "Mai",
        "Juni",
        "Juli",
        "Aug.",
        "Sept.",
        "Okt.",
        "Nov.",
        "Dez.",
    ],
}
DASH = " – "  # spaced en dash, as in "2021 – present"


def format_date(value: PartialDate | None, date_format: str, language: str) -> str:
    """A date at the coarser of its own precision and the profile's ``date_format``."""
    if value is None:
        return ""
    if date_format == "year" or value.month is None:
        return str(value.year)
    if date_format == "dd/mm/yyyy":
        if value.day is not None:
            return f"{value.day:02d}/{value.month:02d}/{value.year}"
        return f"{value.month:02d}/{value.year}"
    month = MONTHS.get(language, MONTHS["en"])[value.month - 1]
    if date_format == "day" and value.day is not None:
        return (
            f"{value.day}. {month} {value.year}"
            if language == "de"
            else f"{value.day} {month} {value.year}"
        )
    return f"{month} {value.year}"


def _covers(outer: PartialDate, inner: PartialDate) -> bool:
    return outer.first_day() <= inner.first_day() and inner.last_day() <= outer.last_day()


def format_range(
    start: PartialDate | None,
    end: PartialDate | None,
    ongoing: bool,
    date_format: str,
    language: str,
) -> str:
    """``2021 – present`` / ``seit 2021``; a single date when start and end print the same."""
    if start is not None and end is not None:
        # "2025" and "2025-05" are one time, not a range: print the coarser date once.
        if _covers(start, end):
            end = None
        elif _covers(end, start):
            start, end = end, None
    first = format_date(start, date_format, language)
    last = format_date(end, date_format, language)
    if ongoing:
        terms = words(language)
        if language == "de":
            return f"{terms['since']} {first}"
        return f"{first}{DASH}{terms['present']}"
    if first and last and first != last:
        return f"{first}{DASH}{last}"
    return first or last


def entry_dates(entry: Entry, date_format: str, language: str) -> str:
    """The ``dates`` of an entry: its range, or the span its dates cover; "" when undated."""
    if isinstance(entry, RangeEntry):
        return format_range(entry.start, entry.end, is_ongoing(entry), date_format, language)
    span = entry.span()
    if span is None:
        return ""
    return format_range(span.start, span.end, False, date_format, language)
