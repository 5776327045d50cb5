"""One formatted reference per publication."""

from __future__ import annotations

from assembler.cv.names import own_names
from assembler.shape.citations import citation_rich
from assembler.shape.labels import words
from assembler.shape.style import Style
from tests.helpers import make_cv

OWN = own_names("Sebastian Lapuschkin", ["Lapuschkin S", "Bach S"])
STYLE = Style("en", "month", words("en"), OWN)


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
