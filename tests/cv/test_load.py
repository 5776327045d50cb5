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
