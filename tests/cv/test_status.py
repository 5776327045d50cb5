"""Ongoing, status and duration as of a date: one answer for every stage."""

from __future__ import annotations

from datetime import date

import pytest

from assembler.cv.model import Patent
from assembler.cv.status import duration_months, is_ongoing, status
from tests.helpers import make_cv

CV = make_cv(
    "person: {name: A}\n"
    "projects:\n"
    "  - {acronym: DONE, start: 2021-01, end: 2021-12}\n"
    "  - {acronym: RUN, start: 2024-03}\n"
    "  - {acronym: LATER, start: 2027}\n"
    "  - {acronym: NODATE}\n"
    "awards: [{name: Prize, year: 2024}]\n"
)


def test_ongoing_is_a_start_without_an_end() -> None:
    # A planned project without an end is ongoing too: its status says it has not begun.
    assert [is_ongoing(p) for p in CV.projects] == [False, True, True, False]
    assert not is_ongoing(CV.awards[0])


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2026, 11, 21), ["ended", "running", "planned", None]),
        (date(2021, 6, 1), ["running", "planned", "planned", None]),
        (date(2024, 12, 31), ["ended", "running", "planned", None]),
    ],
)
def test_status_as_of_a_date(as_of: date, expected: list[str | None]) -> None:
    assert [status(p, as_of) for p in CV.projects] == expected


def test_duration_counts_both_months() -> None:
    as_of = date(2024, 8, 15)
    assert [duration_months(p, as_of) for p in CV.projects] == [12, 6, None, None]


def test_a_patents_status_is_its_printed_filings() -> None:
    patent = Patent.model_validate(
        {
            "title": "X",
            "filings": [
                {"number": "EP1", "status": "filed", "date": "2020-01"},
                {"number": "US2", "status": "pending", "date": "2021-06"},
            ],
        }
    )
    # filed and pending are equally strong: the later filing counts, for status and date.
    assert status(patent, date(2025, 1, 1)) == "pending"
    assert status(patent, date(2020, 6, 1)) == "filed"  # US2 not yet filed then
    best = patent.strongest_filing()
    assert best is not None and best.status == "pending"
