"""Validation reports every problem at once, each located and explained."""

from __future__ import annotations

import pytest

from assembler.cv.load import load_cv, validate_cv
from assembler.cv.model import AuthorName, Citations, LocalizedText
from assembler.problems import ProblemsError
from assembler.source.reader import parse_yaml
from tests.helpers import TESTDATA

TESTDATA = TESTDATA


def validate_text(text: str, file: str = "cv.yaml"):
    return validate_cv(parse_yaml(text, file))


def problems_of(text: str) -> list:
    with pytest.raises(ProblemsError) as caught:
        validate_text(text)
    return caught.value.problems


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


def test_yaml_traps_reach_the_model_as_typed() -> None:
    loaded = validate_text(
        "person:\n  name: Ada\n  nationality: NO\n"
        "projects:\n  - acronym: X\n    grant_id: 0123\n    start: 2021-04\n"
        "publications:\n  - title: T\n    volume: 1.10\n    pages: 12:30\n    year: 2021\n"
    )
    cv = loaded.cv
    assert cv.person.nationality == "NO"
    assert cv.projects[0].grant_id == "0123"
    assert str(cv.projects[0].start) == "2021-04"
    assert cv.publications[0].volume == "1.10"
    assert cv.publications[0].pages == "12:30"


def test_minimal_cv_is_just_a_name() -> None:
    loaded = validate_text("person:\n  name: Ada Example\n")
    assert loaded.cv.person.full_name == "Ada Example"
    assert loaded.cv.publications == []


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
    assert problem.hint.startswith("Known keys here: description, id, name, year")


def test_duplicate_ids_are_reported_with_schema_errors() -> None:
    problems = problems_of(
        "person: {name: A}\n"
        "talks:\n  - {id: t1, title: One}\n"
        "awards:\n  - {id: t1, name: Two}\n  - {name: Three, year: 20x1}\n"
    )
    messages = [p.format() for p in problems]
    assert any("duplicate id 't1'; talks[0] on line 3 has it too" in m for m in messages)
    assert any("'20x1' is not a date" in m for m in messages)


def test_union_shapes() -> None:
    cv = validate_text(
        "person: {name: A}\n"
        "bio: {en: Hello, de: Hallo}\n"
        "publications:\n"
        "  - title: T\n    authors: ['A B', {family: Müller, given: Klaus-Robert}]\n"
        "    citations: {count: 12, source: openalex, as_of: 2025-06}\n"
        "  - {title: U, citations: 7}\n"
        "supervision: Supervised 3 PhD students\n"
    ).cv
    assert cv.bio == LocalizedText(en="Hello", de="Hallo")
    assert cv.publications[0].authors[1] == AuthorName(family="Müller", given="Klaus-Robert")
    assert isinstance(cv.publications[0].citations, Citations)
    assert cv.publications[0].citation_count == 12
    assert cv.publications[1].citation_count == 7
    assert cv.supervision is not None
    assert cv.supervision.summary == "Supervised 3 PhD students"


def test_supervision_as_a_list_of_people() -> None:
    cv = validate_text(
        "person: {name: A}\nsupervision:\n  - {name: B, level: PhD, start: 2019, end: 2023}\n"
    ).cv
    assert cv.supervision is not None
    assert cv.supervision.people[0].level == "PhD"


def test_present_and_missing_end_are_ongoing() -> None:
    cv = validate_text(
        "person: {name: A}\npositions:\n  - {role: R, start: 2021, end: present}\n"
        "  - {role: S, start: 2022}\n"
    ).cv
    assert [p.end for p in cv.positions] == [None, None]


def test_doi_prefix_is_removed() -> None:
    cv = validate_text(
        "person: {name: A}\npublications:\n  - {title: T, doi: 'https://doi.org/10.1000/X1'}\n"
    ).cv
    assert cv.publications[0].doi == "10.1000/X1"
