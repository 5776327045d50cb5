"""One formatted reference per publication, right for every shape the data allows."""

from __future__ import annotations

import pytest

from assembler.cv.names import own_names
from assembler.shape.citations import WORD_JOINER, citation_rich, citation_text
from assembler.shape.labels import words
from assembler.shape.style import Style
from tests.helpers import make_cv

OWN = own_names("Sebastian Lapuschkin", ["Lapuschkin S", "Bach S"])
STYLE = Style("en", "month", words("en"), OWN)


def one(fields: str):
    return make_cv(f"person: {{name: S}}\npublications:\n  - {{{fields}}}\n").publications[0]


def test_a_journal_article_with_italic_venue_and_doi_link() -> None:
    pub = one(
        "title: 'Explaining NonLinear Classification Decisions', year: 2017, "
        "authors: [Montavon G, Lapuschkin S], venue: Pattern Recognition, volume: 65, "
        "pages: 211–222, doi: 10.1016/j.patcog.2016.11.008"
    )
    rich = citation_rich(pub, ["Montavon G", "Lapuschkin S"], STYLE, True)
    assert str(rich).replace(WORD_JOINER, "") == (
        "Montavon G, Lapuschkin S (2017). Explaining NonLinear Classification Decisions. "
        "Pattern Recognition 65:211–222. https://doi.org/10.1016/j.patcog.2016.11.008"
    )
    assert [run.text for run in rich if run.bold] == ["Lapuschkin S"]
    assert [run.text for run in rich if run.italic] == ["Pattern Recognition"]
    assert [run.url for run in rich if run.url] == ["https://doi.org/10.1016/j.patcog.2016.11.008"]
    assert "211–" + WORD_JOINER + "222" in str(rich)  # the range stays on one line


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # an edited book: the editors stand for the authors
        (
            "type: book, title: Explainable AI, year: 2024, editors: [Longo L, Lapuschkin S], "
            "publisher: Springer",
            "Longo L, Lapuschkin S (eds.) (2024). Explainable AI. Springer.",
        ),
        # an authored book is not marked as edited
        (
            "type: book, title: A Book, year: 2020, authors: [Bach S], publisher: Springer",
            "Bach S (2020). A Book. Springer.",
        ),
        # a chapter with one editor, several editors, none
        (
            "type: chapter, title: LRP Overview, year: 2019, authors: [Montavon G], "
            "editors: [Samek W], venue: Explainable AI, pages: 193-209, publisher: Springer",
            "Montavon G (2019). LRP Overview. In: Samek W (ed.), Explainable AI 193-209. Springer.",
        ),
        (
            "type: chapter, title: Ch, year: 2019, authors: [Bach S], editors: [A B, C D], "
            "venue: Book",
            "Bach S (2019). Ch. In: A B, C D (eds.), Book.",
        ),
        (
            "type: chapter, title: Ch, year: 2019, authors: [Bach S], venue: Book",
            "Bach S (2019). Ch. Book.",
        ),
        # titles that end a sentence themselves
        (
            "title: Is it fair?, year: 2021, authors: [Bach S], venue: J",
            "Bach S (2021). Is it fair? J.",
        ),
        ("title: Stop!, authors: [Bach S]", "Bach S. Stop!"),
        # missing parts leave no stray separators
        ("title: Only a title", "Only a title."),
        ("title: No authors, year: 2020, venue: Venue", "No authors (2020). Venue."),
        ("title: T, authors: [Bach S], pages: 12-14", "Bach S. T. 12-14."),
        ("title: T, authors: [Bach S], venue: V, issue: 3", "Bach S. T. V (3)."),
        # no DOI: the URL is the link
        (
            "title: T, authors: [Bach S], url: https://openreview.net/forum?id=x",
            "Bach S. T. https://openreview.net/forum?id=x",
        ),
    ],
)
def test_every_shape_of_a_publication(fields: str, expected: str) -> None:
    assert citation_text(one(fields), STYLE) == expected
