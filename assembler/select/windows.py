"""Date windows: which days a section's ``since``/``until``/``period`` admit, and which days
of an entry they test.

An entry is inside when its own span overlaps the window: ``2021`` covers the whole year, a
range covers start to end, an ongoing range runs to the as-of date. ``window_on: start`` or
``end`` tests only that date (the annual report's "started / ended in the year"), and
``events`` tests each dated event of an entry (a patent's filings).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from assembler.cv.dates import PartialDate, Span
from assembler.cv.model import CV, Entry, Patent, RangeEntry
from assembler.cv.status import is_ongoing
from assembler.profile.model import SectionRule, parse_period

Period = tuple[PartialDate, PartialDate]
Placement = Literal["inside", "undated", "still-running", "period", "since", "until"]


@dataclass(frozen=True)
class Window:
    """First and last day a section admits (None: open on that side) and what set them."""

    first: date | None
    last: date | None
    from_period: bool

    @property
    def open(self) -> bool:
        return self.first is None and self.last is None

    def describe(self) -> str:
        if self.first and self.last:
            return f"{self.first} to {self.last}"
        if self.first:
            return f"since {self.first}"
        if self.last:
            return f"until {self.last}"
        return ""


def _break_days(cv: CV, first: date, as_of: date) -> int:
    """Days of career breaks inside [first, as_of], by which a relative window widens."""
    days = 0
    for pause in cv.career_breaks:
        span = pause.span()
        start = max(span.first_day(), first)
        end = min(span.last_day(as_of), as_of)
        if end >= start:
            days += (end - start).days + 1
    return days


def window_of(rule: SectionRule, cv: CV, as_of: date, period: Period | None) -> Window:
    """The window of one section: ``--period`` (or the rule's ``period``), else
    ``since``/``until`` relative to as_of, widened by career breaks when the rule says so."""
    if period is None and rule.period:
        period = parse_period(rule.period)
    if period is not None:
        return Window(period[0].first_day(), period[1].last_day(), True)
    first = rule.since.first_day(as_of) if rule.since else None
    last = rule.until.last_day(as_of) if rule.until else None
    if first is not None and rule.extend_by_breaks and rule.since and not rule.since.absolute:
        first -= timedelta(days=_break_days(cv, first, as_of))
    return Window(first, last, False)


def _tested_span(entry: Entry, window_on: str) -> Span | Literal["still-running"] | None:
    """The dates a window tests: the whole span, or only the start or the end."""
    span = entry.span()
    if window_on == "span" or span is None:
        return span
    if isinstance(entry, RangeEntry):
        if window_on == "start":
            return Span(entry.start, entry.start) if entry.start else None
        if is_ongoing(entry):
            return "still-running"
        return Span(entry.end, entry.end) if entry.end else None
    point = span.start if window_on == "start" else (span.end or span.start)
    return Span(point, point)


def place(entry: Entry, window: Window, window_on: str, as_of: date) -> Placement:
    """Where an entry falls relative to a section's window; outside it, which bound it
    missed (``period``, ``since`` or ``until``), for the selection report."""
    if window.open:
        return "inside"
    if window_on == "events":
        return _place_events(entry, window, as_of)
    span = _tested_span(entry, window_on)
    if span == "still-running":
        return "still-running"
    if span is None:
        return "undated"
    if span.overlaps(window.first, window.last, as_of):
        return "inside"
    return _missed(span.first_day(), window)


def _missed(first_day: date, window: Window) -> Placement:
    """The bound an entry outside the window missed, judged by its first day."""
    if window.from_period:
        return "period"
    if window.first is not None and first_day < window.first:
        return "since"
    return "until"


def _place_events(entry: Entry, window: Window, as_of: date) -> Placement:
    """``window_on: events``: inside when one of the entry's events falls in the window (a
    patent's filings: filed, published or granted in the year), not merely its span."""
    if isinstance(entry, Patent):
        events = [filing.date for filing in entry.filings if filing.date is not None]
        if entry.year is not None:
            events.append(entry.year)
        if not events:
            return "undated"
        if any(Span(when, when).overlaps(window.first, window.last, as_of) for when in events):
            return "inside"
        return _missed(min(when.first_day() for when in events), window)
    span = entry.span()
    if span is None:
        return "undated"
    if span.overlaps(window.first, window.last, as_of):
        return "inside"
    return _missed(span.first_day(), window)
