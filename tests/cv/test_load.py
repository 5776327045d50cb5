"""Loading a CV file: every problem at once, ids unique and derived."""

from __future__ import annotations

from tests.helpers import TESTDATA, problems_of, validate_text

TESTDATA = TESTDATA


def test_minimal_cv_is_just_a_name() -> None:
    loaded = validate_text("person:\n  name: Ada Example\n")
    assert loaded.cv.person.full_name == "Ada Example"
    assert loaded.cv.publications == []


def test_duplicate_ids_are_reported_with_schema_errors() -> None:
    problems = problems_of(
        "person: {name: A}\n"
        "talks:\n  - {id: t1, title: One}\n"
        "awards:\n  - {id: t1, name: Two}\n  - {name: Three, year: 20x1}\n"
    )
    messages = [p.format() for p in problems]
    assert any("duplicate id 't1'; talks[0] on line 3 has it too" in m for m in messages)
    assert any("'20x1' is not a date" in m for m in messages)


def test_duplicate_ids_among_supervised_people_in_either_form() -> None:
    people = "  - {id: s1, name: Bo, level: phd}\n  - {id: s1, name: Cy, level: phd}\n"
    for form, where in (
        ("supervision:\n" + people, "supervision[1].id"),
        (
            "supervision:\n  summary: Two PhDs.\n  people:\n" + people.replace("  -", "    -"),
            "supervision.people[1].id",
        ),
    ):
        messages = [p.format() for p in problems_of("person: {name: A}\n" + form)]
        assert any(where in m and "duplicate id 's1'" in m for m in messages), (form, messages)
