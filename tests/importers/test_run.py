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


ADA = """\
person:
    name: "Ada Lovelace-Example"
    name_variants: ["Example A L"]
publications:
    -   &base
        id: "base"
        type: "journal"
        title: "Sparse α-divergence variational inference for streaming data"
        year: "2021"
        venue: "Neural Networks"
    -   <<: *base
        id: "copy"
        title: "A hand-made variant"
"""


def write_ada(path: Path, newline: str = "\n") -> Path:
    path.write_bytes(ADA.replace("\n", newline).encode("utf-8"))
    return path


CORPUS = TESTDATA.parent / "importers"


def test_layout_is_kept_four_spaces_crlf_and_anchors(tmp_path: Path) -> None:
    cv = write_ada(tmp_path / "cv.yaml", "\r\n")
    before = cv.read_bytes()
    result = run("openalex", str(CORPUS / "openalex" / "work-single.json"), "--into", str(cv))
    assert result.exit_code == 0, result.output
    after = cv.read_bytes()
    assert b"\n" not in after.replace(b"\r\n", b"")  # CRLF throughout
    text = after.decode("utf-8").replace("\r\n", "\n")
    # The anchored entry got the new facts; the entry merging it kept only what it had.
    assert "note: line 5: the updated entry is &base, merged by the entries at line 11" in (
        result.stdout
    )
    base, copy = text.split("    -   ")[1:]
    assert 'doi: "10.5555/nn.2021.139.968"' in base and "doi" not in copy
    assert '        title: "A hand-made variant"' in copy
    assert "<<: *base" not in copy and '        venue: "Neural Networks"' in copy
    publications = load_cv(cv).cv.publications
    assert [p.doi for p in publications] == ["10.5555/nn.2021.139.968", None]
    assert [p.title for p in publications][1] == "A hand-made variant"
    # Lines were only added, except the one `<<: *base` written out.
    old_lines = before.decode("utf-8").split("\r\n")
    new_lines = after.decode("utf-8").split("\r\n")
    assert [line for line in old_lines if line not in new_lines] == ["    -   <<: *base"]


def test_a_symlinked_cv_is_changed_where_it_lives(tmp_path: Path) -> None:
    real = write_ada(tmp_path / "real.yaml")
    link = tmp_path / "cv.yaml"
    link.symlink_to(real)
    result = run("openalex", str(CORPUS / "openalex" / "work-single.json"), "--into", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert "10.5555/nn.2021.139.968" in real.read_text("utf-8")


def test_the_cv_keeps_its_file_mode(tmp_path: Path) -> None:
    cv = write_ada(tmp_path / "cv.yaml")
    cv.chmod(0o644)
    result = run("openalex", str(CORPUS / "openalex" / "work-single.json"), "--into", str(cv))
    assert result.exit_code == 0, result.output
    assert cv.stat().st_mode & 0o777 == 0o644


_FORMAT_OF = {
    "bibtex": "bibtex",
    "openalex": "openalex",
    "csl": "csl-json",
    "ris": "ris",
    "orcid": "orcid",
}


@pytest.mark.parametrize(
    "file",
    sorted(
        str(path.relative_to(CORPUS))
        for folder in _FORMAT_OF
        for path in (CORPUS / folder).iterdir()
    ),
)
def test_a_second_import_reports_0_changed_and_leaves_the_bytes(tmp_path: Path, file: str) -> None:
    fmt = _FORMAT_OF[file.split("/")[0]]
    cv = write_ada(tmp_path / "cv.yaml")
    first = run(fmt, str(CORPUS / file), "--into", str(cv), "--include-others")
    assert first.exit_code == 0, first.output
    after_first = cv.read_bytes()
    second = run(fmt, str(CORPUS / file), "--into", str(cv), "--include-others")
    assert second.exit_code == 0, second.output
    assert ": 0 changed: 0 added, 0 updated, 0 preprints linked;" in second.stdout
    assert "(nothing to change)" in second.stdout
    assert cv.read_bytes() == after_first


def test_the_newest_citation_count_wins_over_a_stale_duplicate(tmp_path: Path) -> None:
    cv = write_ada(tmp_path / "cv.yaml")
    file = CORPUS / "openalex" / "works-list-duplicate-work.json"
    assert run("openalex", str(file), "--into", str(cv)).exit_code == 0
    by_doi = {p.doi: p for p in load_cv(cv).cv.publications}
    citations = by_doi["10.5555/bioinf.2020.36.3790"].citations
    assert (citations.count, str(citations.as_of)) == (41, "2024-05-02")
    assert len(load_cv(cv).cv.publications) == 2 + 2  # two works, not three


def test_not_your_paper_is_listed_and_left_out_unless_included(tmp_path: Path) -> None:
    cv = write_ada(tmp_path / "cv.yaml")
    file = str(CORPUS / "bibtex" / "google-scholar-profile.bib")
    result = run("bibtex", file, "--into", str(cv), "--dry-run")
    assert "? not yours, left out: Nitrogen" in result.stdout or "? not yours" in result.stdout
    assert "1 not yours" in result.stdout
    assert "add --include-others to import them" in result.stdout
    included = run("bibtex", file, "--into", str(cv), "--dry-run", "--include-others")
    assert "0 not yours" in included.stdout


def test_several_bibtex_files_share_their_macros(tmp_path: Path) -> None:
    cv = write_ada(tmp_path / "cv.yaml")
    strings, papers = (
        CORPUS / "bibtex" / "strings.bib",
        CORPUS / "bibtex" / "papers-using-strings.bib",
    )
    result = run("bibtex", str(strings), str(papers), "--into", str(cv))
    assert result.exit_code == 0, result.output
    venues = {p.venue for p in load_cv(cv).cv.publications}
    assert "Information Processing Letters" in venues and "ipl" not in venues
    assert "unknown @string macro tpami" in result.stderr


def test_the_command_offers_every_format_the_driver_reads() -> None:
    from assembler.cli.main import IMPORT_FORMATS
    from assembler.importers.run import FORMATS

    assert IMPORT_FORMATS == FORMATS


def test_a_cut_author_list_without_the_person_is_held_for_review(tmp_path: Path) -> None:
    cv = write_ada(tmp_path / "cv.yaml")
    file = CORPUS / "bibtex" / "authors-corporate-and-long.bib"
    result = run("bibtex", str(file), "--into", str(cv), "--dry-run")
    (line,) = [line for line in result.stdout.splitlines() if "tanaka2021federated" in line]
    assert line.startswith("? not yours, left out: Federated variational inference")
    assert line.endswith("the list is cut (et al.), so you may be among the others)")


def test_control_characters_in_the_cv_are_reported_and_dropped_on_rewrite(cv: Path) -> None:
    """PDF extraction leaves bytes like BEL after a closing quote; YAML refuses them, every
    command reads the CV without them, and an import that rewrites the file says so."""
    cv.write_text(CV.replace("to blame\n", "to blame\x07\n"), encoding="utf-8")
    result = run("openalex", str(TESTDATA / "openalex-work.json"), "--into", str(cv))
    assert result.exit_code == 0, result.output
    assert "line 20: control characters removed" in result.stdout
    text = cv.read_text("utf-8")
    assert "\x07" not in text
    assert "title: Explanations can be manipulated and geometry is to blame\n" in text
    assert "# hand-curated" in text


def test_control_characters_stay_when_nothing_is_rewritten(cv: Path) -> None:
    cv.write_text(CV.replace("to blame\n", "to blame\x07\n"), encoding="utf-8")
    before = cv.read_bytes()
    result = run("openalex", str(TESTDATA / "openalex-work.json"), "--into", str(cv), "--dry-run")
    assert result.exit_code == 0, result.output
    assert cv.read_bytes() == before
