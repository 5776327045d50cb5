"""`check` warnings: valid data that is probably wrong."""

from __future__ import annotations

from assembler.cv.lint import lint
from assembler.cv.load import validate_cv
from assembler.source.reader import parse_yaml


def warnings_of(text: str, untyped: bool = False) -> list[str]:
    """The warnings of a CV; those about publications without a type only when asked (the
    CVs here leave types out where they do not matter)."""
    found = [w.format() for w in lint(validate_cv(parse_yaml(text, "cv.yaml")))]
    return [w for w in found if untyped or "has no type" not in w]


PERSON = "person: {name: Sebastian Lapuschkin, name_variants: [Lapuschkin S, Bach S]}\n"


def test_clean_cv_has_no_warnings() -> None:
    assert (
        warnings_of(PERSON + "publications:\n  - {title: T, year: 2015, authors: [Bach S]}\n") == []
    )


def test_same_doi_and_same_title_and_year() -> None:
    found = warnings_of(
        PERSON + "publications:\n"
        "  - {id: a, title: 'On Pixel-Wise Explanations', year: 2015, authors: [Bach S],\n"
        "     doi: 10.1000/x}\n"
        "  - {id: b, title: Other, year: 2015, authors: [Bach S], doi: 'https://doi.org/10.1000/X'}\n"
        "  - {id: c, title: 'On pixel-wise explanations!', year: 2015, authors: [Bach S]}\n"
        "  - {id: d, title: 'On pixel-wise explanations', year: 2016, authors: [Bach S]}\n"
    )
    assert found == [
        "cv.yaml:5:5: warning: publications[1] (id b): same DOI as publications[0] (a). "
        "Keep one entry; merge their fields",
        "cv.yaml:6:5: warning: publications[2] (id c): same title and year as publications[0] "
        "(a). Keep one entry; if one is a preprint of the other, drop the preprint",
    ]


def test_end_before_start() -> None:
    (found,) = warnings_of(
        PERSON + "positions:\n  - {id: p, role: R, start: 2021-05, end: 2021-04}\n"
    )
    assert "positions[0].end (id p): ends (2021-04) before it starts (2021-05)" in found


def test_same_month_range_is_fine() -> None:
    assert warnings_of(PERSON + "positions:\n  - {role: R, start: 2021-05, end: 2021}\n") == []


def test_publication_without_the_person() -> None:
    (found,) = warnings_of(
        PERSON + "publications:\n  - {id: x, title: T, year: 2020, authors: [Samek W]}\n"
    )
    assert "none of the authors is Sebastian Lapuschkin" in found
    assert "person.name_variants" in found


def test_edited_book_counts_editors() -> None:
    text = (
        PERSON + "publications:\n  - {title: B, year: 2024, type: book, editors: [Lapuschkin S]}\n"
    )
    assert warnings_of(text) == []


def test_undated_entries() -> None:
    found = warnings_of(
        PERSON + "talks:\n  - {id: t, title: T}\nteaching:\n  - {course: C, term: WS 24/25}\n"
        "  - {id: u, course: D, term: someday}\n"
    )
    assert len(found) == 2
    assert "talks[0] (id t): has no date" in found[0]
    assert "teaching[1] (id u): has no date" in found[1]


def test_duplicates_follow_the_one_publication_identity() -> None:
    found = warnings_of(
        PERSON + "publications:\n"
        "  - {id: a, title: Semantic Lens, year: 2025, authors: [Bach S]}\n"
        "  - {id: b, title: SemanticLens, year: 2025, authors: [Bach S]}\n"
        "  - {id: r1, title: Объяснимый искусственный интеллект, year: 2020, authors: [Bach S]}\n"
        "  - {id: r2, title: Глубокое обучение в медицине, year: 2020, authors: [Bach S]}\n"
        "  - {id: v1, title: Proceedings, year: 2020, authors: [Bach S], doi: 10.1000/v1}\n"
        "  - {id: v2, title: Proceedings, year: 2020, authors: [Bach S], doi: 10.1000/v2}\n"
    )
    assert len(found) == 1
    assert "publications[1] (id b): same title and year as publications[0] (a)" in found[0]


def test_publication_without_authors() -> None:
    (found,) = warnings_of(PERSON + "publications:\n  - {id: x, title: T, year: 2020}\n")
    assert "publications[0] (id x): has no authors" in found


def test_publication_without_type() -> None:
    (found,) = warnings_of(
        PERSON + "publications:\n  - {id: x, title: T, year: 2020, authors: [Bach S]}\n",
        untyped=True,
    )
    assert "publications[0] (id x): has no type" in found and "Add `type:`" in found


def test_warnings_on_supervised_people_point_at_their_line() -> None:
    (found,) = warnings_of(
        PERSON + "supervision:\n  summary: One PhD.\n  people:\n"
        "    - {id: s, name: Bo, level: phd, start: 2022, end: 2019}\n"
    )
    assert found.startswith("cv.yaml:5:") and "supervision.people[0].end (id s)" in found


def test_a_compound_family_name_finds_the_person_in_author_lists() -> None:
    cv = (
        "person: {name: María García López, family_name: García López}\n"
        "publications:\n  - {title: T, year: 2020, authors: [García López M, Other B]}\n"
    )
    assert warnings_of(cv) == []
    assert len(warnings_of(cv.replace(", family_name: García López", ""))) == 1
