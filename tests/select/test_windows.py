"""Date windows: since, until, period, career breaks, undated entries."""

from __future__ import annotations

from datetime import date

from assembler.cv.dates import PartialDate
from tests.select.cases import PERSON, TALKS, ids, reasons


def test_relative_window_keeps_year_only_date_at_the_edge(run_select) -> None:
    selection = run_select(TALKS, "sections:\n  talks: {since: 5 years}\n")
    # The window starts 2021-11-21: "2021" overlaps it, "2021-10" does not.
    assert ids(selection, "talks") == ["t2021", "t2024", "tnone"]
    assert reasons(selection, "talks") == {"t2019": "since", "t2021b": "since"}
    assert selection.sections["talks"].undated == ["tnone"]


def test_absolute_since_and_until(run_select) -> None:
    selection = run_select(TALKS, "sections:\n  talks: {since: 2021-11, until: 2023}\n")
    assert ids(selection, "talks") == ["t2021", "tnone"]
    assert reasons(selection, "talks")["t2024"] == "until"


def test_period_sets_both_sides(run_select) -> None:
    period = (PartialDate(2021), PartialDate(2021))
    selection = run_select(TALKS, "sections:\n  talks: {since: 1 years}\n", period=period)
    assert ids(selection, "talks") == ["t2021", "t2021b", "tnone"]
    assert reasons(selection, "talks")["t2024"] == "period"


def test_ongoing_range_ends_at_as_of(run_select) -> None:
    cv = (
        PERSON + "projects:\n  - {id: run, title: R, start: 2015}\n"
        "  - {id: done, title: D, start: 2015, end: 2020}\n"
        "  - {id: future, title: F, start: 2027}\n"
    )
    selection = run_select(cv, "sections:\n  projects: {since: 2 years}\n")
    # `since` bounds one side only: the planned project is in, the finished one is out.
    assert ids(selection, "projects") == ["run", "future"]
    earlier = run_select(cv, "sections:\n  projects: {until: 2016}\n", as_of=date(2016, 6, 1))
    assert ids(earlier, "projects") == ["run", "done"]


def test_extend_by_breaks_widens_relative_windows(run_select) -> None:
    cv = TALKS + "career_breaks:\n  - {start: 2023-01, end: 2023-12, reason: parental leave}\n"
    plain = run_select(cv, "sections:\n  talks: {since: 5 years}\n")
    extended = run_select(cv, "sections:\n  talks: {since: 5 years, extend_by_breaks: true}\n")
    assert "t2021b" not in ids(plain, "talks")
    assert "t2021b" in ids(extended, "talks")  # the window now starts in November 2020
    assert extended.sections["talks"].window.first == date(2020, 11, 21)


def test_status_rules_of_a_period_report_see_the_end_of_the_period(run_select) -> None:
    cv = (
        PERSON + "projects:\n  - {id: then, title: T, start: 2024-01, end: 2025-06}\n"
        "  - {id: later, title: L, start: 2025-02}\n"
    )
    profile = "sections:\n  projects: {where: {status: running}}\n"
    period = (PartialDate(2024), PartialDate(2024))
    selection = run_select(cv, profile, as_of=date(2026, 1, 10), period=period)
    # Running on 2024-12-31, though finished on the day the report is made.
    assert ids(selection, "projects") == ["then"]
    assert selection.context.status_date == date(2024, 12, 31)
    assert ids(run_select(cv, profile, as_of=date(2026, 1, 10)), "projects") == ["later"]


def test_event_windows_name_the_bound_each_entry_missed(run_select) -> None:
    cv = (
        PERSON + "patents:\n"
        "  - {id: old, title: O, filings: [{number: EP1, status: filed, date: 2015-03}]}\n"
        "  - {id: new, title: N, filings: [{number: EP2, status: filed, date: 2025-03}]}\n"
        "  - {id: mid, title: M, filings: [{number: EP3, status: granted, date: 2020-05}]}\n"
        "talks:\n  - {id: late, title: L, date: 2025-02}\n"
    )
    window = "{since: 2019, until: 2022, window_on: events}"
    selection = run_select(cv, f"sections:\n  patents: {window}\n  talks: {window}\n")
    assert ids(selection, "patents") == ["mid"]
    assert reasons(selection, "patents") == {"old": "since", "new": "until"}
    assert reasons(selection, "talks") == {"late": "until"}
