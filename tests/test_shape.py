"""What templates print: author lists, citations, dates."""

from __future__ import annotations

import pytest

from assembler.cv.dates import PartialDate
from assembler.cv.names import person_keys
from assembler.shape.context import Style, authors_rich, citation_rich, shorten_authors
from assembler.shape.labels import format_date, format_range

from .helpers import make_cv

KEYS = tuple(person_keys("Sebastian Lapuschkin", ["Lapuschkin S", "Bach S"]))
STYLE = Style("en", "month", {"et_al": "et al.", "eds": "eds.", "in": "In"}, KEYS)
NAMES = ["A A", "B B", "C C", "D D", "Lapuschkin S", "F F", "G G"]


@pytest.mark.parametrize(
    ("names", "limit", "expected"),
    [
        (NAMES, None, NAMES),
        (NAMES, 7, NAMES),
        (NAMES, 6, ["A A", "B B", "C C", "D D", "Lapuschkin S", "F F", "et al."]),
        (NAMES, 3, ["A A", "B B", "…", "Lapuschkin S", "et al."]),
        (NAMES, 1, ["…", "Lapuschkin S", "et al."]),
        (["A A", "B B", "C C", "Bach S"], 2, ["A A", "…", "Bach S"]),
        (["Bach S", "B B", "C C"], 1, ["Bach S", "et al."]),
        (["X X", "Y Y", "Z Z"], 2, ["X X", "Y Y", "et al."]),
    ],
)
def test_shorten_authors_never_hides_the_person(names, limit, expected) -> None:
    assert shorten_authors(names, KEYS, limit, "et al.") == expected


def test_authors_rich_bolds_only_the_person() -> None:
    rich = authors_rich(["A A", "…", "Bach S", "et al."], STYLE, highlight=True)
    assert str(rich) == "A A … Bach S et al."
    assert [run.text for run in rich if run.bold] == ["Bach S"]
    assert not any(run.bold for run in authors_rich(["Bach S"], STYLE, highlight=False))


def test_citation_of_a_journal_article() -> None:
    cv = make_cv(
        "person: {name: S}\npublications:\n"
        "  - {title: 'Explaining NonLinear Classification Decisions', year: 2017,\n"
        "     authors: [Montavon G, Lapuschkin S], venue: Pattern Recognition, volume: 65,\n"
        "     pages: 211–222, doi: 10.1016/j.patcog.2016.11.008}\n"
    )
    rich = citation_rich(cv.publications[0], ["Montavon G", "Lapuschkin S"], STYLE, True)
    assert str(rich) == (
        "Montavon G, Lapuschkin S (2017). Explaining NonLinear Classification Decisions. "
        "Pattern Recognition 65:211–222. https://doi.org/10.1016/j.patcog.2016.11.008"
    )
    assert [run.text for run in rich if run.bold] == ["Lapuschkin S"]


def test_citation_of_an_edited_book_and_a_chapter() -> None:
    cv = make_cv(
        "person: {name: S}\npublications:\n"
        "  - {type: book, title: Explainable AI, year: 2024, editors: [Longo L, Lapuschkin S],\n"
        "     publisher: Springer}\n"
        "  - {type: chapter, title: LRP Overview, year: 2019, authors: [Montavon G],\n"
        "     editors: [Samek W], venue: Explainable AI, pages: 193-209, publisher: Springer}\n"
    )
    book, chapter = cv.publications
    assert (
        str(citation_rich(book, ["Longo L", "Lapuschkin S"], STYLE, True))
        == "Longo L, Lapuschkin S (eds.) (2024). Explainable AI. Springer."
    )
    assert (
        str(citation_rich(chapter, ["Montavon G"], STYLE, True))
        == "Montavon G (2019). LRP Overview. In: Samek W (eds.), Explainable AI 193-209. Springer."
    )


@pytest.mark.parametrize(
    ("text", "fmt", "language", "expected"),
    [
        ("2021-04-15", "year", "en", "2021"),
        ("2021-04-15", "month", "en", "Apr 2021"),
        ("2021-04-15", "month", "de", "Apr. 2021"),
        ("2021-03-15", "day", "de", "15. März 2021"),
        ("2021-04-15", "dd/mm/yyyy", "en", "15/04/2021"),
        ("2021-04", "dd/mm/yyyy", "en", "04/2021"),
        ("2021", "day", "en", "2021"),
    ],
)
def test_dates_print_at_their_own_precision(text, fmt, language, expected) -> None:
    assert format_date(PartialDate.parse(text), fmt, language) == expected


def test_ranges() -> None:
    start, end = PartialDate.parse("2021-04"), PartialDate.parse("2024-07")
    assert format_range(start, None, True, "year", "en") == "2021 – present"
    assert format_range(start, None, True, "year", "de") == "seit 2021"
    assert format_range(start, end, False, "month", "en") == "Apr 2021 – Jul 2024"
    assert format_range(start, PartialDate.parse("2021-09"), False, "year", "en") == "2021"
