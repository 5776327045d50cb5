"""The profile model: windows, periods, workbook sheets."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic_core import ValidationError

from assembler.cv.dates import PartialDate
from assembler.profile.model import SheetSpec, Window, parse_period


def test_relative_and_absolute_windows() -> None:
    as_of = date(2024, 2, 29)
    assert Window.parse("5 years").first_day(as_of) == date(2019, 2, 28)
    assert Window.parse("18 months").first_day(as_of) == date(2022, 8, 29)
    assert Window.parse("2021-07").first_day(as_of) == date(2021, 7, 1)
    assert Window.parse("2021").last_day(as_of) == date(2021, 12, 31)
    with pytest.raises(ValueError, match="neither a relative window"):
        Window.parse("lately")


def test_periods() -> None:
    assert parse_period("2024") == (PartialDate(2024), PartialDate(2024))
    assert parse_period("2020..2024-06") == (PartialDate(2020), PartialDate(2024, 6))
    with pytest.raises(ValueError, match="ends before it starts"):
        parse_period("2024..2020")


@pytest.mark.parametrize(
    ("sheet", "message"),
    [
        ({"name": "a/b", "section": "x", "columns": {"A": "a"}}, "cannot contain /"),
        ({"name": "x" * 32, "section": "x", "columns": {"A": "a"}}, "at most 31 characters"),
        ({"name": "S", "summary": True, "section": "x"}, "takes no section"),
        ({"name": "S", "section": "x"}, "needs `columns"),
        ({"name": "S", "section": "x", "columns": {"A": "a"}, "chart": "bar"}, "count_by"),
    ],
)
def test_sheet_rules(sheet: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        SheetSpec.model_validate(sheet)
