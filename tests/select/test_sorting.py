"""Sorting and printed order: missing values last, stable ties, significance, empty keys."""

from __future__ import annotations

from tests.select.cases import PUBS, TALKS, ids


def test_sort_descending_missing_last_and_stable_ties(run_select) -> None:
    selection = run_select(PUBS, "sections:\n  publications: {sort: -citations}\n")
    # 5000, then the tie at 300 in data order, then the ones without citations in data order.
    assert ids(selection, "publications") == ["p2015", "p2021", "p2022", "p2016", "p2020"]
    ascending = run_select(PUBS, "sections:\n  publications: {sort: citations}\n")
    assert ids(ascending, "publications") == ["p2021", "p2022", "p2015", "p2016", "p2020"]


def test_order_prints_the_kept_entries_in_another_order(run_select) -> None:
    profile = "sections:\n  publications: {sort: -citations, limit: 3, order: -year}\n"
    selection = run_select(PUBS, profile)
    # ranked by citations (p2015, p2021, p2022), printed newest first
    assert ids(selection, "publications") == ["p2022", "p2021", "p2015"]


def test_a_sort_key_without_any_value_is_reported(run_select) -> None:
    profile = "sections:\n  talks: {sort: [-citations_count, -date]}\n"
    selection = run_select(TALKS, profile.replace("citations_count", "kind"))
    assert selection.sections["talks"].empty_keys == []
    nothing = run_select(TALKS, "sections:\n  talks: {sort: -location}\n")
    assert nothing.sections["talks"].empty_keys == ["location"]
    assert ids(nothing, "talks") == ["t2019", "t2021", "t2021b", "t2024", "tnone"]


def test_significance_puts_own_marks_then_authorship_first(run_select) -> None:
    selection = run_select(PUBS, "sections:\n  publications: {sort: -significance}\n")
    # p2016 is selected; p2015 is first-authored with 5,000 citations; p2021 is last-authored
    # and cited; p2022 (the person is not an author) still has 300 citations; p2020 has the
    # person in the middle and no citations.
    assert ids(selection, "publications") == ["p2016", "p2015", "p2021", "p2022", "p2020"]
