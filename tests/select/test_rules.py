"""The rules that drop entries, and sort with limit."""

from __future__ import annotations

import pytest

from assembler.problems import ProblemsError
from tests.select.cases import PUBS, ids, reasons


def test_sort_by_several_keys_then_limit_with_ranks(run_select) -> None:
    profile = "sections:\n  publications: {sort: [-selected, -citations, -year], limit: 3}\n"
    selection = run_select(PUBS, profile)
    assert ids(selection, "publications") == ["p2016", "p2015", "p2022"]
    assert reasons(selection, "publications") == {
        "p2021": "limit (rank 4)",
        "p2020": "limit (rank 5)",
    }


def test_pins_count_toward_the_limit_and_survive_other_rules(run_select) -> None:
    profile = (
        "sections:\n  publications:\n    where: {year: {min: 2020}}\n"
        "    sort: -year\n    limit: 2\n    pin: [p2015]\n"
    )
    selection = run_select(PUBS, profile)
    assert ids(selection, "publications") == ["p2022", "p2015"]


def test_pins_beyond_the_limit_are_all_kept(run_select) -> None:
    profile = "sections:\n  publications: {limit: 1, pin: [p2020, p2021]}\n"
    assert ids(run_select(PUBS, profile), "publications") == ["p2020", "p2021"]


def test_exclude_and_unknown_ids(run_select) -> None:
    selection = run_select(PUBS, "sections:\n  publications: {exclude: [p2016]}\n")
    assert reasons(selection, "publications") == {"p2016": "exclude"}
    with pytest.raises(ProblemsError) as caught:
        run_select(PUBS, "sections:\n  publications: {pin: [nope]}\n")
    (problem,) = caught.value.problems
    assert problem.line == 2
    assert "pin names 'nope'; no entry of publications has it" in problem.message


def test_author_position_knows_a_compound_family_name(run_select) -> None:
    cv = (
        "person: {name: María García López, family_name: García López}\n"
        "publications:\n  - {id: a, title: T, year: 2020, authors: [García López M, Other B]}\n"
    )
    selection = run_select(cv, "sections:\n  publications: {where: {author_position: first}}\n")
    assert [entry.id for entry in selection.sections["publications"].entries] == ["a"]
