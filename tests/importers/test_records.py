"""The fields every importer produces, in the CV's own forms."""

from __future__ import annotations

import pytest

from assembler.importers.records import (
    author_form,
    bare_doi,
    clean,
    cv_date,
    guess_type,
    html_text,
    initials,
    joined,
    page_range,
)


@pytest.mark.parametrize(
    ("given", "expected"),
    [("Klaus-Robert", "K-R"), ("Sebastian Maria", "S M"), ("A.-K.", "A-K"), ("", "")],
)
def test_initials(given: str, expected: str) -> None:
    assert initials(given) == expected


def test_author_form_is_family_then_initials() -> None:
    assert author_form("Müller", "Klaus\u2010Robert") == "Müller K-R"
    assert author_form("{van} Berg", "Anna") == "van Berg A"


def test_bare_doi_and_clean() -> None:
    assert bare_doi("https://doi.org/10.1000/X") == "10.1000/X"
    assert bare_doi("not-a-doi") is None
    assert clean("  {Deep}   Taylor\n") == "Deep Taylor"


def test_cjk_names_stay_whole() -> None:
    assert author_form("王", "芳") == "王芳"
    assert author_form("田中", "浩") == "田中浩"
    assert author_form("Иванов", "Пётр Сергеевич") == "Иванов П С"


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        ("968 - 980", "968–980"),
        ("968--980", "968–980"),
        ("pp. 1145-1170", "1145–1170"),
        ("123-+", "123"),
        ("186:1--186:36", "186:1–186:36"),
        ("e1003", "e1003"),
        ("", None),
    ],
)
def test_page_ranges(pages: str, expected: str | None) -> None:
    assert page_range(pages) == expected


def test_html_in_titles() -> None:
    assert html_text("ℒ<sub>2</sub> and <sup>13</sup>C in H<sub>2</sub>O &amp; <i>vivo</i>") == (
        "ℒ₂ and ¹³C in H₂O & vivo"
    )
    assert html_text("<jats:p>One.</jats:p><jats:p>Two.</jats:p>") == "One. Two."


def test_dates_and_joins_from_cv_tools() -> None:
    assert [cv_date(v) for v in ("2021-3-5", "2019", "present", "Summer 2019", None)] == [
        "2021-03-05",
        "2019",
        None,
        None,
        None,
    ]
    assert joined("A sentence.", "Next", None, "last") == "A sentence. Next; last"


@pytest.mark.parametrize(
    ("title", "venue", "expected"),
    [
        ("Variational methods (PhD thesis)", "Edinburgh", "thesis"),
        ("X", "Proceedings of the 36th ICML", "conference"),
        ("X", "NeurIPS 2021 Workshop on Privacy", "workshop"),
        ("X", "IEEE Transactions on Knowledge and Data Engineering", "journal"),
        ("X", "Neural Networks", None),
    ],
)
def test_types_guessed_from_words(title: str, venue: str, expected: str | None) -> None:
    assert guess_type(title, venue) == expected
