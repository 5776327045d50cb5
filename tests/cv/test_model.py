"""The CV model: what each field accepts and means."""

from __future__ import annotations

import pytest

from assembler.cv.model import AuthorName, Citations, LocalizedText, Person
from tests.helpers import TESTDATA, make_cv, problems_of, validate_text

TESTDATA = TESTDATA


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


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e400", "is larger than any real value here (at most 1,000,000,000,000,000)"),
        ("nan", "expected a finite number such as 250000 or 1234.50"),
        ("-inf", "expected a finite number such as 250000 or 1234.50"),
        ("-5000", "must not be negative"),
    ],
)
def test_budgets_must_be_real_amounts(value: str, message: str) -> None:
    (problem,) = problems_of(
        f"person: {{name: A}}\nprojects:\n  - {{acronym: X, budget: {{amount: {value}}}}}\n"
    )
    assert problem.path == "projects[0].budget.amount"
    assert problem.line == 3
    assert problem.message == message


def test_counts_must_be_plausible() -> None:
    (problem,) = problems_of(
        "person: {name: A}\nmetrics:\n  - {source: S, h_index: 99999999999999999999}\n"
    )
    assert problem.path == "metrics[0].h_index"
    assert "larger than any real value" in problem.message
    assert (
        make_cv("person: {name: A}\nmetrics: [{source: S, citations: 1_000}]\n")
        .metrics[0]
        .citations
        == 1000
    )


def test_name_parts_follow_family_name_where_given() -> None:
    compound = Person(name="María García López", family_name="García López")
    assert compound.name_parts == ("García López", "María")
    assert compound.author_variants == ["García López, María"]
    assert Person(name="Ada Lovelace").name_parts == ("Lovelace", "Ada")
    assert Person(name="Ada Lovelace", given_names="Augusta Ada").name_parts == (
        "Lovelace",
        "Augusta Ada",
    )
