"""BibTeX and biblatex as exporters write them: the fixture corpus and the traps one by one."""

from __future__ import annotations

import pytest

from assembler.importers.bibtex import parse_bibtex, parse_bibtex_files
from assembler.importers.run import read_text
from tests.helpers import TESTDATA
from tests.importers import corpus

OLD = TESTDATA / "import"


def parsed() -> tuple[dict[str, dict], list]:
    items, problems = parse_bibtex((OLD / "zotero.bib").read_text("utf-8"), "zotero.bib")
    return {item.key: item.fields for item in items}, problems


def read(file: str) -> tuple[list, list]:
    text, problems = read_text(corpus.path(file), legacy=True)
    records, found = parse_bibtex(text, file)
    return records, problems + found


@pytest.mark.parametrize(
    "file", [f for f in corpus.files("bibtex/") if f != "bibtex/papers-using-strings.bib"]
)
def test_every_fixture_gives_the_facts_of_the_manifest(file: str) -> None:
    records, _ = read(file)
    assert corpus.check(file, records) == []


def test_macros_from_another_file_are_shared_and_unknown_ones_reported() -> None:
    files = [
        (corpus.path(f"bibtex/{name}").read_text("utf-8"), f"bibtex/{name}")
        for name in ("strings.bib", "papers-using-strings.bib")
    ]
    records, problems = parse_bibtex_files(files)
    assert corpus.check("bibtex/papers-using-strings.bib", records) == []
    (unknown,) = [p for p in problems if "unknown @string macro" in p.message]
    assert "lovelace-example2021pami.journal: unknown @string macro tpami" in unknown.message
    # Read alone, no macro name becomes a venue, and every undefined one is reported.
    alone, problems = parse_bibtex(*files[1])
    venues = {record.key: record.fields.get("venue") for record in alone}
    assert venues["lovelace-example2018sketch"] is None
    assert len([p for p in problems if "unknown @string macro" in p.message]) >= 5


def test_legacy_latin1_file_is_read_with_its_declared_encoding() -> None:
    _, problems = read("bibtex/jabref2-legacy-latin1.bib")
    assert any("read as iso8859-1 (from its % Encoding header)" in p.message for p in problems)


def test_scholar_duplicate_keys_are_kept_when_different_and_reported() -> None:
    records, problems = read("bibtex/google-scholar-profile.bib")
    messages = [p.format() for p in problems]
    assert any(
        ":38: warning: the key lovelace2020learning is used again (first at line 29)" in m
        for m in messages
    )
    assert any(
        ":100: warning: lovelace2019fast repeats the entry of line 49" in m for m in messages
    )
    assert [r.fields["volume"] for r in records if r.key == "lovelace2022numerical"] == ["1", "2"]


def test_damage_is_reported_with_its_line_and_no_field_is_swallowed() -> None:
    records, problems = read("bibtex/damaged.bib")
    by_key = {record.key: record.fields for record in records}
    comma = by_key["missing-comma-2019"]
    assert (comma["title"], comma["venue"]) == (
        "Robust streaming estimators for heavy-tailed data",
        "Statistics and Computing",
    )
    lines = {p.line: p.message for p in problems}
    assert "a comma is missing after the field `title`" in lines[13]
    assert "broken BibTeX entry skipped" in lines[33]
    assert "broken BibTeX entry skipped" in lines[44]
    assert "good-after-unbalanced-2021" in by_key and "good-last-2022" in by_key


def test_commented_out_entries_are_skipped_and_said() -> None:
    records, problems = read("bibtex/commented-entries.bib")
    assert {r.key for r in records} == {"robust2019", "changepoint2019", "gp-emulators2022"}
    assert any(p.line == 17 and "commented out with %" in p.message for p in problems)


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


def test_and_others_is_a_final_et_al_not_a_sentence() -> None:
    entries, _ = parsed()
    workshop = entries["bach2015"]
    assert workshop["authors"] == ["Bach S", "Binder A", "et al."]
    assert "note" not in workshop
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


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("title", r"A $\alpha$-test with \href{http://x.org}{\texttt{link}}", "A α-test with link"),
        ("title", r"Runs in $O(n^2)$ time -- mostly", "Runs in O(n²) time – mostly"),
        ("pages", "968 - 980", "968–980"),
        ("pages", "pp. 1145-1170", "1145–1170"),
        ("pages", "123-+", "123"),
    ],
)
def test_values_are_readable_text(field: str, value: str, expected: str) -> None:
    title = "" if field == "title" else "title={T}, "
    (record,), _ = parse_bibtex(f"@article{{k, {title}{field} = {{{value}}}, year=2020}}", "x.bib")
    assert record.fields[field] == expected


def test_corporate_authors_stay_whole_and_dois_are_found_in_url_and_note() -> None:
    text = (
        "@Misc{who, Author = {{World Health Organization} and "
        "{National Heart, Lung, and Blood Institute} and Doe, Jane},\n"
        "  Title = {Report}, Year = {2020}, url = {https://doi.org/10.5555/ABC}}\n"
        "@article{n, title={Noted}, year=2021, note={doi:10.5555/xyz. Invited}}\n"
    )
    (who, noted), problems = parse_bibtex(text, "x.bib")
    assert problems == []
    assert who.fields["authors"] == [
        "World Health Organization",
        "National Heart, Lung, and Blood Institute",
        "Doe J",
    ]
    assert who.fields["doi"] == "10.5555/ABC"
    assert (noted.fields["doi"], noted.fields["note"]) == ("10.5555/xyz", "Invited")


def test_al_folio_fields_have_homes() -> None:
    records, _ = read("bibtex/al-folio-papers.bib")
    paper = next(r.fields for r in records if r.key == "lovelace-example2023calibrated")
    assert paper["selected"] is True
    assert {"label": "code", "url": "https://github.com/ada-le/gnn-calibration"} in paper["links"]
    assert "calibrated_gnn_2023.pdf" not in str(paper)


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
