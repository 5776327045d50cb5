"""`assemble import`: merging keeps what the person wrote, twice changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assembler.cli.main import main
from assembler.cv.load import load_cv
from tests.helpers import TESTDATA

TESTDATA = TESTDATA / "import"

CV = """\
# My CV. Comments like this one must survive an import.
person:
  name: Ann-Kathrin Dombrowski
  name_variants: [Dombrowski A-K]

publications:
  # hand-curated
  - id: robust
    type: journal
    authors: [Dombrowski A-K, Anders C J, Müller K-R, Kessel P]
    year: 2021
    title: Towards Robust Explanations for Deep Neural Networks
    venue: Pattern Recognition (corrected by hand)
    selected: true
    significance: "My favourite: R&D in one paper."
  - id: pre
    type: journal
    authors: [Dombrowski A-K]
    year: 2019
    title: Explanations can be manipulated and geometry is to blame
    venue: NeurIPS
"""


@pytest.fixture
def cv(tmp_path: Path) -> Path:
    path = tmp_path / "cv.yaml"
    path.write_text(CV, encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(main, ["import", *args])


def test_dry_run_reports_and_changes_nothing(cv: Path) -> None:
    before = cv.read_bytes()
    result = run("openalex", str(TESTDATA / "openalex-work.json"), "--into", str(cv), "--dry-run")
    assert result.exit_code == 0, result.output
    assert (
        "~ update robust: volume, pages, publisher, doi, open_access, citations, abstract"
        in result.stdout
    )
    assert (
        "! conflict robust.venue: kept 'Pattern Recognition (corrected by hand)'" in result.stdout
    )
    assert result.stdout.strip().endswith("(dry run: nothing was changed)")
    assert cv.read_bytes() == before


def test_merge_fills_empty_fields_keeps_hand_made_ones_and_comments(cv: Path) -> None:
    result = run("openalex", str(TESTDATA / "openalex-work.json"), "--into", str(cv))
    assert result.exit_code == 0, result.output
    text = cv.read_text(encoding="utf-8")
    assert text.startswith("# My CV. Comments like this one must survive an import.\n")
    assert "  # hand-curated\n" in text
    entry = load_cv(cv).cv.publications[0]
    assert entry.venue == "Pattern Recognition (corrected by hand)"  # never overwritten
    assert entry.selected is True
    assert entry.significance == "My favourite: R&D in one paper."
    assert entry.title == "Towards Robust Explanations for Deep Neural Networks"
    assert entry.doi == "10.1016/j.patcog.2021.108194"  # was empty: filled
    assert entry.citation_count == 43
    assert len(load_cv(cv).cv.publications) == 2


def test_importing_twice_changes_nothing_the_second_time(cv: Path) -> None:
    source = str(TESTDATA / "openalex-work.json")
    assert run("openalex", source, "--into", str(cv)).exit_code == 0
    after_first = cv.read_bytes()
    second = run("openalex", source, "--into", str(cv))
    assert second.exit_code == 0
    assert ": 0 changed: 0 added, 0 updated" in second.stdout
    assert "(nothing to change)" in second.stdout
    assert cv.read_bytes() == after_first


def test_citations_are_refreshed_from_the_same_source(cv: Path, tmp_path: Path) -> None:
    work = json.loads((TESTDATA / "openalex-work.json").read_text("utf-8"))
    assert run("openalex", str(TESTDATA / "openalex-work.json"), "--into", str(cv)).exit_code == 0
    newer = tmp_path / "newer.json"
    newer.write_text(
        json.dumps({**work, "cited_by_count": 50, "updated_date": "2026-10-01T00:00:00"}), "utf-8"
    )
    result = run("openalex", str(newer), "--into", str(cv))
    assert "~ update robust: citations" in result.stdout
    citations = load_cv(cv).cv.publications[0].citations
    assert (citations.count, str(citations.as_of)) == (50, "2026-10-01")


def test_new_entries_get_stable_ids_and_a_preprint_links_to_its_paper(
    cv: Path, tmp_path: Path
) -> None:
    bib = tmp_path / "new.bib"
    bib.write_text(
        "@misc{arxiv, title={Explanations can be manipulated and geometry is to blame},\n"
        "  author={Dombrowski, Ann-Kathrin}, year={2019}, eprint={1906.07983},\n"
        "  archivePrefix={arXiv}}\n"
        "@article{new, title={A New Paper}, author={Dombrowski, Ann-Kathrin},\n"
        "  journal={Journal}, year={2024}}\n",
        "utf-8",
    )
    result = run("bibtex", str(bib), "--into", str(cv))
    assert result.exit_code == 0, result.output
    assert "> preprint of pre: adds a preprint link" in result.stdout
    assert "+ add dombrowski-2024-new: A New Paper" in result.stdout
    publications = load_cv(cv).cv.publications
    assert [p.id for p in publications] == ["robust", "pre", "dombrowski-2024-new"]
    assert publications[1].links[0].url == "https://arxiv.org/abs/1906.07983"
    again = run("bibtex", str(bib), "--into", str(cv))
    assert "(nothing to change)" in again.stdout


def test_an_invalid_cv_is_not_touched(cv: Path) -> None:
    cv.write_text(CV.replace("year: 2021", "year: 2021-13"), "utf-8")
    before = cv.read_bytes()
    result = run("openalex", str(TESTDATA / "openalex-work.json"), "--into", str(cv))
    assert result.exit_code == 1
    assert "month 13 does not exist" in result.stderr
    assert cv.read_bytes() == before


def test_missing_files(cv: Path, tmp_path: Path) -> None:
    result = run("bibtex", str(tmp_path / "none.bib"), "--into", str(cv))
    assert result.exit_code == 1 and "none.bib: error: file not found" in result.stderr
    result = run("bibtex", str(TESTDATA / "zotero.bib"), "--into", str(tmp_path / "no.yaml"))
    assert result.exit_code == 1 and "no.yaml: error: file not found" in result.stderr
    assert run("word", "x", "--into", str(cv)).exit_code == 2


def test_bibtex_into_the_example_adds_only_what_is_new(tmp_path: Path) -> None:
    from assembler.resources import example_cv

    target = tmp_path / "cv.yaml"
    target.write_bytes(example_cv().read_bytes())
    result = run("bibtex", str(TESTDATA / "zotero.bib"), "--into", str(target))
    assert result.exit_code == 0, result.output
    assert "zotero.bib:21: warning: broken BibTeX entry skipped" in result.stderr
    assert "~ update montavon-2017-explaining: doi" in result.stdout
    assert "same title and year" in result.stdout  # how it matched
    # The book names neither "Lapuschkin S" nor "Bach S": listed and left out. The chapter
    # does not name him either, but it is an entry of his CV: it is his.
    assert "? not yours, left out: Explainable AI" in result.stdout
    assert "~ update montavon-2019-layer-wise: editors" in result.stdout
    assert "1 added, 3 updated, 0 preprints linked; 0 unchanged, 0 skipped, 1 not yours" in (
        result.stdout
    )
    assert "conflict sandmann-2025-iterative.venue" not in result.stdout  # CoRR = arXiv
    before = load_cv(example_cv()).cv
    after = load_cv(target).cv
    assert len(after.publications) == len(before.publications) + 1
    # The file changed only where the new facts went.
    old_lines = example_cv().read_text("utf-8").splitlines()
    new_lines = target.read_text("utf-8").splitlines()
    assert len(new_lines) - len(old_lines) == 2 + 3 + 10  # a DOI, a URL, editors, a new entry
    again = run("bibtex", str(TESTDATA / "zotero.bib"), "--into", str(target), "--include-others")
    assert ": 1 changed: 1 added, 0 updated" in again.stdout
    kept = {p.id: p for p in after.publications}
    for original in before.publications:  # every hand-made field survives
        merged = kept[original.id]
        for name in ("title", "authors", "venue", "selected", "note", "year", "type"):
            assert getattr(merged, name) == getattr(original, name), (original.id, name)


def test_retitled_preprint_matches_by_arxiv_id_and_titles_ignore_spaces() -> None:
    from assembler.importers.merge import plan_merge
    from assembler.importers.records import Incoming

    existing = [
        {
            "id": "dual",
            "type": "preprint",
            "title": "DualXDA: Towards Sparse Attribution",
            "year": "2024",
            "venue": "CoRR",
            "pages": "abs/2402.12118",
        },
        {
            "id": "lens",
            "type": "journal",
            "title": "Validation of AI Models with Semantic Lens",
            "year": "2025",
            "venue": "Nature Machine Intelligence",
        },
    ]
    incoming = [
        Incoming(
            {
                "type": "preprint",
                "title": "DualView: Data Attribution",
                "year": "2024",
                "venue": "CoRR",
                "pages": "abs/2402.12118",
            },
            "old-cv.txt:3",
        ),
        Incoming(
            {
                "type": "preprint",
                "title": "Validation of AI models with SemanticLens",
                "year": "2025",
                "venue": "CoRR",
                "pages": "abs/2501.05398",
            },
            "old-cv.txt:9",
        ),
    ]
    plan = plan_merge(existing, incoming)
    assert [(item.action, item.entry_id) for item in plan.items] == [
        ("unchanged", "dual"),
        ("link", "lens"),
    ]
    assert plan.items[0].conflicts == [
        ("title", "DualXDA: Towards Sparse Attribution", "DualView: Data Attribution")
    ]
