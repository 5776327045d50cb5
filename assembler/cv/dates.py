"""Partial dates as CVs write them: a year, a month or a day, each covering a span of days.

"2021" is all of 2021, "2021-04" all of April 2021. Windows like "last five years" compare spans,
so a year-only entry at the edge of a window is inside when any part of its year is. ``present``
is not a date: it marks an ongoing range and is handled by the fields that accept it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Literal

from pydantic_core import core_schema

Precision = Literal["year", "month", "day"]

PRESENT_WORDS = frozenset({"present", "now", "ongoing", "today"})
_PATTERN = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_SLASHED = re.compile(r"^(\d{4})[/.](\d{1,2})$")
_MONTH_FIRST = re.compile(r"^(\d{1,2})[/.](\d{4})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
JSON_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _hint_for(text: str) -> str:
    if match := _SLASHED.match(text):
        return f"Write it as {match[1]}-{int(match[2]):02d}"
    if match := _MONTH_FIRST.match(text):
        return f"Write it as {match[2]}-{int(match[1]):02d}"
    if match := _DAY_FIRST.match(text):
        return f"Write it as {match[3]}-{int(match[2]):02d}-{int(match[1]):02d} (year-month-day)"
    return "Write YYYY, YYYY-MM or YYYY-MM-DD, for example 2021, 2021-04 or 2021-04-15"


@dataclass(frozen=True, slots=True)  # a group of a thousand people holds a million dates
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Parse ``2021``, ``2021-04`` or ``2021-04-15``; raise ``ValueError`` with a fix."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise ValueError(f"expected a date as text, not {type(value).__name__}")
        return _parse_text(value.strip())

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        if self.day is not None:
            return date(self.year, self.month or 1, self.day)
        if self.month is not None:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, 12, 31)

    def sort_key(self) -> tuple[int, int, int]:
        """Order by the first day; at equal first days the coarser date sorts first."""
        return (self.year, self.month or 0, self.day or 0)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    # As a field's type (source.coreschema, source.jsonschema): validated from text.
    @classmethod
    def __core_schema__(cls) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.to_string_ser_schema()
        )

    @classmethod
    def __json_schema__(cls) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "string", "pattern": JSON_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "A date as YYYY, YYYY-MM or YYYY-MM-DD",
        }


@lru_cache(maxsize=4096)
def _parse_text(text: str) -> PartialDate:
    """The date a text names, one object per text: dates are immutable, and the person files
    of a group write the same few hundred dates a hundred thousand times."""
    match = _PATTERN.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a date. {_hint_for(text)}")
    year = int(match[1])
    month = int(match[2]) if match[2] else None
    day = int(match[3]) if match[3] else None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month} does not exist in {text!r}. Months run from 01 to 12")
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(
                f"day {day} does not exist in {calendar.month_name[month]} {year} ({text!r}); "
                f"that month has {last} days"
            )
    if year < 1000:
        raise ValueError(f"{text!r}: the year must have four digits")
    return PartialDate(year, month, day)


def parse_end(value: object) -> PartialDate | None:
    """An end date: a partial date, or ``present`` (ongoing), which becomes ``None``."""
    if isinstance(value, str) and value.strip().lower() in PRESENT_WORDS:
        return None
    return PartialDate.parse(value)


@dataclass(frozen=True)
class Span:
    """The days an entry covers. ``end`` None means ongoing (up to the reference date)."""

    start: PartialDate
    end: PartialDate | None

    def first_day(self) -> date:
        return self.start.first_day()

    def last_day(self, as_of: date) -> date:
        return self.end.last_day() if self.end else max(as_of, self.start.first_day())

    def overlaps(self, first: date | None, last: date | None, as_of: date) -> bool:
        if first is not None and self.last_day(as_of) < first:
            return False
        return not (last is not None and self.first_day() > last)


_TERM = re.compile(
    r"^(?P<kind>WS|WiSe|SS|SoSe|Winter|Summer|W|S)\s*(?P<y1>\d{2}|\d{4})(?:\s*/\s*(?P<y2>\d{2}|\d{4}))?$",
    re.IGNORECASE,
)


def _full_year(text: str, pivot: int = 1950) -> int:
    if len(text) == 4:
        return int(text)
    year = 1900 + int(text)
    return year + 100 if year < pivot else year


def term_span(term: str) -> Span | None:
    """The months of a German academic term: ``WS 24/25`` is 2024-10..2025-03, ``SS 13`` is
    2013-04..2013-09. Terms in other forms give None (the entry then counts as undated)."""
    match = _TERM.match(term.strip())
    if not match:
        return None
    year = _full_year(match["y1"])
    if match["kind"].lower().startswith("w"):
        return Span(PartialDate(year, 10), PartialDate(year + 1, 3))
    return Span(PartialDate(year, 4), PartialDate(year, 9))
