"""The rule semantics of DESIGN.md, rule by rule, edges included (as_of 2026-11-21)."""

from __future__ import annotations

from tests.select.cases import PERSON, PUBS, TALKS, ids, reasons


def test_unnamed_sections_are_left_out_and_all_keeps_data_order(run_select) -> None:
    selection = run_select(
        TALKS + "awards:\n  - {name: A, year: 2020}\n", "sections:\n  talks: all\n"
    )
    assert list(selection.sections) == ["talks"]
    assert ids(selection, "talks") == ["t2019", "t2021", "t2021b", "t2024", "tnone"]


def test_from_lists_are_exclusive_unless_overlap_is_allowed(run_select) -> None:
    profile = (
        "sections:\n"
        "  list_a: {from: publications, where: {citations: {min: 300}}}\n"
        "  list_b: {from: publications}\n"
    )
    selection = run_select(PUBS, profile)
    assert ids(selection, "list_a") == ["p2015", "p2021", "p2022"]
    assert ids(selection, "list_b") == ["p2016", "p2020"]
    assert reasons(selection, "list_b")["p2015"] == "already in list_a"
    allowed = run_select(
        PUBS, profile.replace("{from: publications}", "{from: publications, overlap: allowed}")
    )
    assert len(ids(allowed, "list_b")) == 5


def test_empty_result(run_select) -> None:
    selection = run_select(PUBS, "sections:\n  publications: {since: 2030}\n")
    assert ids(selection, "publications") == []
    assert selection.sections["publications"].total == 5


def test_bio_rule(run_select) -> None:
    cv = PERSON + "bio: {en: One two three four five six, de: Eins zwei drei}\n"
    selection = run_select(cv, "language: de\nsections:\n  bio: {max_words: 2}\n")
    assert selection.sections["bio"].texts == ["Eins zwei drei"]  # shaping trims it
