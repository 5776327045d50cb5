"""Field values, where conditions and sort keys."""

from __future__ import annotations

import pytest

from tests.select.cases import PUBS, TALKS, ids, reasons


def test_where_equality_is_case_insensitive_and_lists_mean_any(run_select) -> None:
    selection = run_select(TALKS, "sections:\n  talks: {where: {kind: [keynote, contributed]}}\n")
    assert ids(selection, "talks") == ["t2021", "t2024"]
    assert reasons(selection, "talks")["t2019"] == "where kind"


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("{kind: {not: invited}}", ["t2021", "t2024"]),
        ("{kind: {not: [invited, keynote]}}", ["t2024"]),
        ("{title: {contains: EDGE}}", ["t2021", "t2021b"]),
        ("{date: {min: 2021-10}}", ["t2021", "t2021b", "t2024"]),
        ("{date: {max: 2021}}", ["t2019", "t2021", "t2021b"]),
        ("{year: {min: 2021, max: 2021}}", ["t2021", "t2021b"]),
        ("{date: 2021}", ["t2021", "t2021b"]),
        ("{kind: invited, year: 2019}", ["t2019"]),
    ],
)
def test_where_operators(run_select, where: str, expected: list[str]) -> None:
    selection = run_select(TALKS, f"sections:\n  talks: {{where: {where}}}\n")
    assert ids(selection, "talks") == expected


def test_author_position_knows_both_surnames(run_select) -> None:
    selection = run_select(PUBS, "sections:\n  publications: {where: {author_position: first}}\n")
    assert ids(selection, "publications") == ["p2015"]
    last = run_select(PUBS, "sections:\n  publications: {where: {author_position: [last, sole]}}\n")
    assert ids(last, "publications") == ["p2016", "p2021"]
