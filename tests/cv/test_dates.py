"""Partial dates parse strictly and know the span they cover."""

from __future__ import annotations

from datetime import date

import pytest

from assembler.cv.dates import PartialDate, Span, parse_end, term_span


@pytest.mark.parametrize(
    ("text", "first", "last", "precision"),
    [
        ("2021", date(2021, 1, 1), date(2021, 12, 31), "year"),
        ("2021-04", date(2021, 4, 1), date(2021, 4, 30), "month"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),
        ("2021-04-15", date(2021, 4, 15), date(2021, 4, 15), "day"),
    ],
)
def test_span_of_a_partial_date(text: str, first: date, last: date, precision: str) -> None:
    parsed = PartialDate.parse(text)
    assert (parsed.first_day(), parsed.last_day(), parsed.precision) == (first, last, precision)
    assert str(parsed) == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-22", "month 22 does not exist"),
        ("2023-02-30", "day 30 does not exist in February 2023"),
        ("2023-13-01", "month 13 does not exist"),
        ("2024/07", "Write it as 2024-07"),
        ("07/2024", "Write it as 2024-07"),
        ("15.04.2021", "Write it as 2021-04-15"),
        ("last year", "is not a date"),
        ("0999", "four digits"),
    ],
)
def test_impossible_dates_are_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PartialDate.parse(text)


def test_leap_day() -> None:
    assert PartialDate.parse("2024-02-29").last_day() == date(2024, 2, 29)
    with pytest.raises(ValueError):
        PartialDate.parse("2023-02-29")


@pytest.mark.parametrize("word", ["present", "Present", " now ", "ongoing"])
def test_present_ends_are_ongoing(word: str) -> None:
    assert parse_end(word) is None


def test_ongoing_span_ends_at_reference_date() -> None:
    span = Span(PartialDate.parse("2021"), None)
    as_of = date(2025, 6, 1)
    assert span.last_day(as_of) == as_of
    assert span.overlaps(date(2025, 1, 1), None, as_of)
    assert not span.overlaps(date(2025, 7, 1), None, as_of)


def test_year_only_date_at_the_window_edge_overlaps() -> None:
    span = Span(PartialDate.parse("2020"), PartialDate.parse("2020"))
    assert span.overlaps(date(2020, 11, 21), None, date(2025, 11, 21))
    assert not span.overlaps(date(2021, 1, 1), None, date(2025, 11, 21))


@pytest.mark.parametrize(
    ("term", "start", "end"),
    [
        ("WS 24/25", "2024-10", "2025-03"),
        ("SS13", "2013-04", "2013-09"),
        ("WS 99/00", "1999-10", "2000-03"),
        ("SoSe 2021", "2021-04", "2021-09"),
    ],
)
def test_academic_terms(term: str, start: str, end: str) -> None:
    span = term_span(term)
    assert span is not None
    assert (str(span.start), str(span.end)) == (start, end)


def test_unknown_term_form_is_undated() -> None:
    assert term_span("Spring quarter") is None
