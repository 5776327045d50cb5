"""Dates as documents print them: one formatter for Word and Excel alike.

A profile's ``date_format`` is a keyword or a pattern.

Keywords (``year``, ``month``, ``day``, ``dd/mm/yyyy``) print a date at the coarser of its
own precision and the keyword's: a year-only date stays "2021" in a profile that prints
months, and nothing is invented.

A pattern (``MM/YYYY``, ``DD/MM/YYYY``, ``Mon YYYY``, ``[DD/]MM/YYYY``) prints exactly its
parts: ``YYYY`` the year, ``MM``/``M`` the month as a number (two digits / as is), ``Mon``/
``Month`` the month's short / full name in the document's language, ``DD``/``D`` the day.
A part the date does not have is printed as a visible placeholder (``[DD]/04/2021``), because
a funder that asks for exact dates wants to see what is missing; the run lists such dates
with the other missing facts. A part in square brackets is optional instead: it is left out,
with the separators inside the brackets, when the date does not have it (``[DD/]MM/YYYY``
prints 2021-04 as ``04/2021``).

An entry's ``dates`` are its date or range: "2021 – present" / "seit 2021", or one date when
start and end print the same.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from assembler.cv.dates import PartialDate
from assembler.cv.model import Entry, Patent, RangeEntry
from assembler.cv.status import is_ongoing
from assembler.profile.model import DATE_KEYWORDS, DATE_TOKEN
from assembler.shape.labels import WORDS

MONTH_NAMES = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
}
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


def _part(token: str, value: PartialDate, language: str) -> str | None:
    """One token of a pattern, or None when the date is not that precise."""
    if token == "YYYY":
        return f"{value.year:04d}"
    if token in ("MM", "M", "Mon", "Month"):
        if value.month is None:
            return None
        if token == "MM":
            return f"{value.month:02d}"
        if token == "M":
            return str(value.month)
        names = MONTHS if token == "Mon" else MONTH_NAMES
        return names.get(language, names["en"])[value.month - 1]
    if value.day is None:
        return None
    return f"{value.day:02d}" if token == "DD" else str(value.day)


def _render(pattern: str, value: PartialDate, language: str) -> tuple[str, bool]:
    """A pattern (without brackets) filled in; and whether every token had its part."""
    complete = True

    def fill(match: re.Match[str]) -> str:
        nonlocal complete
        part = _part(match[0], value, language)
        if part is None:
            complete = False
            return f"[{match[0]}]"
        return part

    return DATE_TOKEN.sub(fill, pattern), complete


def format_pattern(value: PartialDate, pattern: str, language: str) -> str:
    """A date by a pattern (see the module docstring)."""
    pieces = re.split(r"(\[[^\]]*\])", pattern)
    out = []
    for piece in pieces:
        if piece.startswith("[") and piece.endswith("]"):
            text, complete = _render(piece[1:-1], value, language)
            if complete:
                out.append(text)
        else:
            out.append(_render(piece, value, language)[0])
    return "".join(out)


def format_date(value: PartialDate | None, date_format: str, language: str) -> str:
    """A date by the profile's ``date_format`` (see the module docstring)."""
    if value is None:
        return ""
    if date_format not in DATE_KEYWORDS:
        return format_pattern(value, date_format, language)
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
    labels: Mapping[str, str] | None = None,
) -> str:
    """``2021 – present`` / ``seit 2021``; a single date when start and end print the same.
    ``labels`` are the profile's words (its own "present" and "since"), else the defaults."""
    if start is not None and end is not None:
        # "2025" and "2025-05" are one time, not a range: print the coarser date once.
        if _covers(start, end):
            end = None
        elif _covers(end, start):
            start, end = end, None
    first = format_date(start, date_format, language)
    last = format_date(end, date_format, language)
    if ongoing:
        terms = labels or WORDS.get(language, WORDS["en"])
        if language == "de":
            return f"{terms['since']} {first}"
        return f"{first}{DASH}{terms['present']}"
    if first and last and first != last:
        return f"{first}{DASH}{last}"
    return first or last


def _year_or_date(value: PartialDate, date_format: str, language: str) -> str:
    """A ``year`` field that holds only a year is complete: it prints as the year, whatever
    the pattern (an award of 2024 is not "[DD]/[MM]/2024")."""
    if value.precision == "year":
        return str(value.year)
    return format_date(value, date_format, language)


def entry_dates(
    entry: Entry,
    date_format: str,
    language: str,
    labels: Mapping[str, str] | None = None,
    status_on: date | None = None,
) -> str:
    """The ``dates`` of an entry: its range; a talk's date; a publication's or award's year;
    a patent's latest status date (granted, else published, else filed; by ``status_on``,
    the day its status is taken on); "" when undated."""
    if isinstance(entry, RangeEntry):
        return format_range(
            entry.start, entry.end, is_ongoing(entry), date_format, language, labels
        )
    if isinstance(entry, Patent):
        best = entry.strongest_filing(status_on)
        if best is not None and best.date is not None:
            return format_date(best.date, date_format, language)
    when = getattr(entry, "year", None) or getattr(entry, "date", None)
    if isinstance(when, PartialDate):
        if hasattr(entry, "year"):
            return _year_or_date(when, date_format, language)
        return format_date(when, date_format, language)
    span = entry.span()
    if span is None:
        return ""
    return format_range(span.start, span.end, False, date_format, language)
