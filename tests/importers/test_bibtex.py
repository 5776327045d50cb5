"""BibTeX as reference managers export it."""

from __future__ import annotations

from assembler.importers.bibtex import parse_bibtex
from tests.helpers import TESTDATA

TESTDATA = TESTDATA / "import"


def parsed() -> tuple[dict[str, dict], list]:
    items, problems = parse_bibtex((TESTDATA / "zotero.bib").read_text("utf-8"), "zotero.bib")
    return {item.source.split("{")[1].rstrip(")"): item.fields for item in items}, problems


def test_accents_macros_months_and_names() -> None:
    entries, _ = parsed()
    article = entries["montavon2017explaining"]
    assert article["authors"] == ["Montavon G", "Lapuschkin S", "Binder A", "Samek W", "Müller K-R"]
    assert article["venue"] == "Pattern Recognition"  # @string macro
    assert article["year"] == "2017-05"  # month macro `may`
    assert article["title"] == (
        "Explaining NonLinear Classification Decisions with Deep Taylor Decomposition"
    )  # braces gone, casing kept
    assert (article["type"], article["volume"], article["pages"]) == ("journal", "65", "211–222")
    assert article["doi"] == "10.1016/j.patcog.2016.11.008"


def test_and_others_is_noted_not_invented() -> None:
    entries, _ = parsed()
    workshop = entries["bach2015"]
    assert workshop["authors"] == ["Bach S", "Binder A"]
    assert "and others" in workshop["note"]
    assert workshop["type"] == "workshop"


def test_arxiv_misc_is_a_preprint() -> None:
    entries, _ = parsed()
    preprint = entries["arxiv2025"]
    assert preprint["type"] == "preprint"
    assert preprint["url"] == "https://arxiv.org/abs/2508.21380"


def test_crossref_fills_the_chapter_from_its_book() -> None:
    entries, _ = parsed()
    chapter = entries["ch"]
    assert chapter["type"] == "chapter"
    assert chapter["venue"] == (
        "Explainable AI: Interpreting, Explaining and Visualizing Deep Learning"
    )
    assert (chapter["year"], chapter["publisher"]) == ("2019", "Springer, Cham")
    assert chapter["editors"] == ["Samek W", "Montavon G"]  # Gr\\'{e}goire decoded too
    book = entries["xaibook"]
    assert book["type"] == "book" and "authors" not in book


def test_broken_entry_is_reported_with_its_line_and_skipped() -> None:
    entries, problems = parsed()
    assert "broken" not in entries
    assert len(entries) == 5
    (problem,) = problems
    assert (problem.file, problem.line, problem.severity) == ("zotero.bib", 21, "warning")
    assert "broken BibTeX entry skipped" in problem.message


def test_google_scholar_style_export() -> None:
    text = """@article{lapuschkin2019unmasking,
  title={Unmasking {C}lever {H}ans predictors and assessing what machines really learn},
  author={Lapuschkin, Sebastian and W{\\"a}ldchen, Stephan and Binder, Alexander and Montavon, Gr{\\'e}goire and Samek, Wojciech and M{\\"u}ller, Klaus-Robert},
  journal={Nature communications},
  volume={10},
  number={1},
  pages={1096},
  year={2019},
  publisher={Nature Publishing Group UK London}
}
"""
    (item,), problems = parse_bibtex(text, "scholar.bib")
    assert problems == []
    assert item.fields["authors"][1] == "Wäldchen S"
    assert item.fields["title"] == (
        "Unmasking Clever Hans predictors and assessing what machines really learn"
    )
    assert (item.fields["volume"], item.fields["issue"], item.fields["pages"]) == (
        "10",
        "1",
        "1096",
    )
