"""Dates as documents print them."""

from __future__ import annotations

import pytest

from assembler.cv.dates import PartialDate
from assembler.shape.dates import format_date, format_range


@pytest.mark.parametrize(
    ("text", "fmt", "language", "expected"),
    [
        ("2021-04-15", "year", "en", "2021"),
        ("2021-04-15", "month", "en", "Apr 2021"),
        ("2021-04-15", "month", "de", "Apr. 2021"),
        ("2021-03-15", "day", "de", "15. März 2021"),
        ("2021-04-15", "dd/mm/yyyy", "en", "15/04/2021"),
        ("2021-04", "dd/mm/yyyy", "en", "04/2021"),
        ("2021", "day", "en", "2021"),
    ],
)
def test_dates_print_at_their_own_precision(text, fmt, language, expected) -> None:
    assert format_date(PartialDate.parse(text), fmt, language) == expected


def test_ranges() -> None:
    start, end = PartialDate.parse("2021-04"), PartialDate.parse("2024-07")
    assert format_range(start, None, True, "year", "en") == "2021 – present"
    assert format_range(start, None, True, "year", "de") == "seit 2021"
    assert format_range(start, end, False, "month", "en") == "Apr 2021 – Jul 2024"
    assert format_range(start, PartialDate.parse("2021-09"), False, "year", "en") == "2021"
