"""Validation reports every problem at once, each located and explained."""

from __future__ import annotations

import pytest

from assembler.cv.load import load_cv
from assembler.problems import ProblemsError
from tests.helpers import TESTDATA, problems_of

TESTDATA = TESTDATA


def test_five_mistakes_give_five_located_messages() -> None:
    path = TESTDATA / "five_mistakes.yaml"
    with pytest.raises(ProblemsError) as caught:
        load_cv(path)
    lines = caught.value.format_message().splitlines()
    expected = [
        f"{path}:3:3: error: person.emial: unknown key 'emial'. Did you mean 'email'?",
        f"{path}:9:5: error: publications[0].year (id ada-2021): month 22 does not exist in "
        "'2024-22'. Months run from 01 to 12 (value: '2024-22')",
        f"{path}:11:5: error: publications[1].type (id ada-2022): must be one of 'journal', "
        "'conference', 'workshop', 'book', 'chapter', 'preprint', 'thesis', 'software', "
        "'dataset' or 'other' (value: 'jurnal'). Did you mean 'journal'?",
        f"{path}:16:5: error: talks[0].title: required field is missing. Add `title: ...`",
        f"{path}:19:5: error: awards[0].id: duplicate id 'ada-2021'; publications[0] on line 5 "
        "has it too. Ids must be unique within one CV: rename one of them",
        f"5 errors in {path}.",
    ]
    assert lines == expected


def test_impossible_day_is_located() -> None:
    (problem,) = problems_of("person: {name: A}\nawards:\n  - name: Prize\n    year: 2023-02-30\n")
    assert (problem.line, problem.path, problem.entry_id) == (4, "awards[0].year", '"Prize"')
    assert "day 30 does not exist in February 2023" in problem.message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("- a\n- b\n", "mapping of `key: value` lines at the top level"),
        ("bio: hello\n", "required field is missing"),
        ("person: {name: A}\npublications: {title: T}\n", "expected a list"),
        ("person: {name: A}\npublications:\n  - title: ''\n", "must not be empty"),
        ("person: {name: A}\npublications:\n  - {title: T, citations: -3}\n", "not be negative"),
        ("person: {name: A}\npublications:\n  - {title: T, selected: maybe}\n", "true or false"),
        ("person: {name: A}\npublications:\n  - {title: T, doi: 'not a doi'}\n", "a DOI looks"),
        ("person: {name: A, orcid: 0000-0002-1825-0098}\n", "wrong check digit"),
        ("person: {name: A, email: nope}\n", "not an e-mail address"),
        ("person: {name: A}\nprojects:\n  - {start: 2020}\n", "needs an `acronym` or a `title`"),
        ("person: {name: A}\nprojects:\n  - {title: T, budget: {amount: lots}}\n", "a number"),
        ("person: {name: A}\nprojects:\n  - {title: T, id: 'has space'}\n", "only letters"),
        ("person: {name: A}\nbio: {en: x, fr: y}\n", "unknown key 'fr'"),
    ],
)
def test_messages(text: str, message: str) -> None:
    problems = problems_of(text)
    assert any(message in p.format() for p in problems), [p.format() for p in problems]


def test_unknown_key_in_a_nested_model_suggests_from_that_model() -> None:
    (problem,) = problems_of(
        "person: {name: A}\nprojects:\n  - title: T\n    budget: {amount: 5, curency: EUR}\n"
    )
    assert problem.path == "projects[0].budget.curency"
    assert problem.hint == "Did you mean 'currency'?"
    assert problem.line == 4


def test_unknown_key_without_a_close_match_lists_the_known_keys() -> None:
    (problem,) = problems_of("person: {name: A}\nawards:\n  - {name: X, zzz: 1}\n")
    assert problem.hint.startswith("Known keys here: description, extra, id, name, note, year")
