"""'The same publication', defined once: DOI, else arXiv id, else title letters with year."""

from __future__ import annotations

import pytest

from assembler.cv.identity import (
    WorkId,
    WorkIndex,
    arxiv_in,
    normalise_doi,
    preprint_of,
    title_key,
    work_id,
    work_id_of_fields,
)
from assembler.cv.model import Publication


def work(**fields: object) -> WorkId:
    return work_id_of_fields(fields)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Semantic Lens", "SemanticLens"),
        ("  Über-Fast:  LRP! ", "uber fast lrp"),
        ("Straße", "STRASSE"),
        ("Объяснимый ИИ", "объяснимый ии"),
    ],
)
def test_titles_that_are_the_same(first: str, second: str) -> None:
    assert title_key(first) == title_key(second) != ""


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Объяснимый искусственный интеллект", "Глубокое обучение в медицине"),
        ("Ερμηνεύσιμη μηχανική μάθηση", "Βαθιά μάθηση"),
        ("可解释的人工智能", "深度学习在医学中的应用"),
        ("説明可能なAI", "深層学習"),
        ("कृत्रिम बुद्धि", "कृत्रिम बुद्धी"),  # vowel signs are letters, not accents
    ],
)
def test_titles_in_other_scripts_stay_different(first: str, second: str) -> None:
    assert title_key(first) and title_key(second)
    assert title_key(first) != title_key(second)


def test_same_title_and_year_is_the_same_work() -> None:
    a = work(title="Semantic Lens", year="2025")
    b = work(title="SemanticLens", year="2025-05")
    assert a.same_work(b) == "title"
    assert work(title="Semantic Lens", year="2024").same_work(a) is None


def test_different_dois_are_never_the_same_work() -> None:
    conference = work(title="Pixel-wise explanations", year="2015", doi="10.1/conf")
    journal = work(title="Pixel-wise explanations", year="2015", doi="10.1/journal")
    assert conference.same_work(journal) is None
    assert conference.same_work(work(title="Pixel-wise explanations", year="2015")) == "title"


def test_doi_forms_are_one_doi() -> None:
    assert normalise_doi("https://doi.org/10.1038/ABC") == "10.1038/abc"
    assert normalise_doi("doi: 10.1038/abc") == "10.1038/abc"
    assert normalise_doi("not a doi") == ""
    assert work(doi="https://dx.doi.org/10.1/X").same_work(work(doi="10.1/x")) == "doi"


def test_arxiv_ids_in_their_printed_forms() -> None:
    assert arxiv_in("https://arxiv.org/abs/2402.12118v2") == "2402.12118"
    assert arxiv_in("arXiv:2402.12118") == "2402.12118"
    assert arxiv_in("10.48550/arXiv.2402.12118") == "2402.12118"
    assert arxiv_in("abs/2402.12118") == "2402.12118"
    assert arxiv_in("https://example.org/2402.12118") == ""
    renamed = work(title="Old name", url="https://arxiv.org/abs/2402.12118", type="preprint")
    assert work(title="New name", pages="abs/2402.12118", venue="CoRR").same_work(renamed)


def test_a_preprint_is_not_its_published_version_but_its_preprint() -> None:
    preprint = work(title="Deep Taylor", year="2015", type="preprint")
    article = work(title="Deep Taylor", year="2017", type="journal", doi="10.1016/x")
    assert preprint.same_work(article) is None
    assert preprint_of(preprint, article)
    assert not preprint_of(article, preprint)


def test_index_files_a_copy_under_the_identifiers_it_brings() -> None:
    index: WorkIndex[str] = WorkIndex()
    index.add(work(title="Paper", year="2020"), "first")
    assert index.add_copy(work(title="Paper", year="2020", doi="10.1/a")) == ("first", "title")
    # Now the work has DOI 10.1/a: a copy with another DOI is another work...
    assert index.find(work(title="Paper", year="2020", doi="10.1/b")) is None
    # ...and a copy found by that DOI alone is the same work.
    assert index.find(work(title="Other title", doi="10.1/A")) == ("first", "doi")


def test_index_finds_the_published_version_of_a_preprint() -> None:
    index: WorkIndex[str] = WorkIndex()
    index.add(work(title="Deep Taylor", year="2017", type="journal"), "article")
    assert index.find_published(work(title="Deep  taylor", year="2015", type="preprint")) == (
        "article"
    )


def test_index_finds_the_preprint_of_a_published_work_that_comes_later() -> None:
    index: WorkIndex[str] = WorkIndex()
    index.add(work(title="Deep Taylor", year="2015", type="preprint"), "arxiv")
    index.add(work(title="Other paper", year="2017", type="preprint"), "other")
    assert index.find_preprint(work(title="Deep taylor", year="2017", type="journal")) == "arxiv"
    assert index.find_preprint(work(title="Deep taylor", year="2017", type="preprint")) is None
    assert index.find_preprint(work(title="Unknown", year="2017", type="journal")) is None


def test_without_dois_different_volumes_or_venue_kinds_are_different_works() -> None:
    # Google Scholar exports carry no DOIs: volume 1 and 2 of a book, a conference paper and
    # its journal version share title and year.
    volume_1 = work(title="Numerical Methods", year="2022", type="book", volume="1")
    volume_2 = work(title="Numerical Methods", year="2022", type="book", volume="2")
    assert volume_1.same_work(volume_2) is None
    conference = work(title="Learning to rank", year="2020", type="conference")
    article = work(title="Learning to rank", year="2020", type="journal")
    assert conference.same_work(article) is None
    # What one record leaves out does not tell them apart.
    assert volume_1.same_work(work(title="Numerical methods", year="2022")) == "title"
    assert conference.same_work(work(title="Learning to Rank", year="2020", type="other")) == (
        "title"
    )


def test_a_record_without_a_year_matches_its_title_in_any_year() -> None:
    undated = work(title="Lecture notes on SMC")
    dated = work(title="Lecture Notes on SMC", year="2016")
    assert undated.same_work(dated) == "title"
    assert (
        work(title="Lecture notes", year="2015").same_work(work(title="Lecture notes", year="2016"))
        is None
    )
    index: WorkIndex[str] = WorkIndex()
    index.add(dated, "dated")
    assert index.find(undated) == ("dated", "title")
    other: WorkIndex[str] = WorkIndex()
    other.add(undated, "undated")
    assert other.find(dated) == ("undated", "title")


def test_without_dois_different_issues_or_first_pages_are_different_works() -> None:
    # A recurring column in two issues of one volume.
    first = work(title="Editorial comments", year="2010", volume="31", issue="1", pages="3-4")
    second = work(title="Editorial comments", year="2010", volume="31", issue="2", pages="99")
    assert first.same_work(second) is None
    assert (
        work(title="T", year="2020", pages="968–980").same_work(
            work(title="T", year="2020", pages="pp. 968-980")
        )
        == "title"
    )
    assert (
        work(title="T", year="2020", pages="12").same_work(work(title="T", year="2020", pages="13"))
        is None
    )


@pytest.mark.parametrize(
    "title",
    [
        "Semantic Lens: Mechanistic Understanding (v2)",
        "  A/B-testing of X-AI -- 100% done!  ",
        "CamelCase_and_under_scores 3.14",
        "\t\ttabs\nand lines",
        "~!@#$%^&*()",
    ],
)
def test_plain_ascii_titles_take_the_short_way_to_the_same_key(title: str) -> None:
    # The long way: the same title with one accented letter appended, then removed again.
    assert title_key(title) + "e" == title_key(title + "é")


@pytest.mark.parametrize(
    "raw",
    [
        {"title": "Deep Things", "type": "Preprint", "year": "2023", "pages": "arXiv:2402.12118"},
        {"title": "Deep Things", "type": "JOURNAL", "year": "2023", "volume": "12", "pages": "3-9"},
        {"title": "Deep Things", "type": "conference", "venue": "CoRR", "pages": "2402.12118"},
        {"title": "Deep Things", "doi": "10.1234/AbC", "links": [{"url": "u"}]},
    ],
)
def test_an_entry_and_its_raw_fields_have_one_identity(raw: dict) -> None:
    # Import compares raw records with validated entries: both must follow one rule.
    assert work_id(Publication.model_validate(raw)) == work_id_of_fields(raw)
