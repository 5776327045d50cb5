"""The bundled example CV: valid, complete, and counted against the source documents.

How the expected counts were taken from ../shared/seeds (002 = CV of September 2025, the
newest; 001 = June 2025; 000 = early 2023):
- positions 7: the appointments under "Professional Experience" in 002 (TU Dublin External
  Scholar; HHI Head of XAI, Tenured Researcher, Research Associate; TU Berlin Research
  Associate, Student Research- & Teaching Assistant, Student Teaching Assistant).
- service 6: the other roles there (MDPI Topic Editor, XAI4Science organizer, XAI World
  Conference steering committee and programme chair, IFRoS contact person, ethics committee).
- education 4: PhD, M.Sc., B.Sc., Abitur.
- projects 9: rows of "Third-Party Funded Research Projects" in 002; 5 carry "leading role"
  (TraMeExCo carries it only in 000; the newer CVs dropped the mark, so it is a participant).
- publications 96, the highest list numbers in 002: journal articles 32; conference and
  workshop papers 44 (23 main-conference proceedings, 21 workshops); books 1; chapters 4;
  preprints 15. Scholar's own count in 002 is also 96. Each work once: a preprint that 002 lists
  as published (001's preprints of CUE, FADE, Prisma, ...) and 001's duplicate preprint are
  not counted twice.
- talks 33: 25 items of 002's "Talks" (item 20 lost its number in the PDF text) and 8
  "Invited Lectures".
- teaching 18: one entry per course and term; 13 term lines, five of which hold two courses.
- awards 8, patents 7 with 17 filings: the distinct rows of 001's clean tables (002's are
  garbled and repeated).
- metrics 4: the Scholar tables of June and September 2025, "All" and "Since 2020" columns.
- skills 4, languages 2: the only CV that lists them (000).
"""

from __future__ import annotations

import json
from collections import Counter

from assembler.cli.main import schema_text
from assembler.cv.lint import lint
from assembler.cv.load import load_cv
from assembler.resources import bundled_dir, example_cv

EXPECTED = {
    "positions": 7,
    "service": 6,
    "education": 4,
    "projects": 9,
    "publications": 96,
    "talks": 33,
    "teaching": 18,
    "awards": 8,
    "patents": 7,
    "metrics": 4,
    "skills": 4,
    "languages": 2,
}


def test_example_validates_without_warnings() -> None:
    loaded = load_cv(example_cv())
    assert lint(loaded) == []
    assert loaded.derived_ids == {}  # every entry carries its id in the file


def test_entry_counts_match_the_source_documents() -> None:
    cv = load_cv(example_cv()).cv
    counts = {section: len(getattr(cv, section)) for section in EXPECTED}
    assert counts == EXPECTED
    assert Counter(p.type for p in cv.publications) == {
        "journal": 32,
        "conference": 23,
        "workshop": 21,
        "book": 1,
        "chapter": 4,
        "preprint": 15,
    }
    assert Counter(t.kind for t in cv.talks)["lecture"] == 8
    assert sum(len(p.filings) for p in cv.patents) == 17
    assert [p.acronym for p in cv.projects if p.role == "lead"] == [
        "xJuRAG",
        "EPIBMI",
        "ACHILLES",
        "TEMA",
        "iToBoS",
    ]


def test_traps_of_the_sources_are_resolved() -> None:
    cv = load_cv(example_cv()).cv
    projects = {p.acronym: p for p in cv.projects}
    assert str(projects["DAKI-FWS"].end) == "2024-11"  # "2024/22" in the 2025 CVs
    assert str(projects["BerDiBa"].end) == "2024-07"  # extended; 2023-12 in the old CV
    assert cv.person.name_variants == ["Lapuschkin S", "Bach S"]
    assert "10587 Berlin" in (cv.person.address or "")  # the institute, not a home address
    assert "+49 (177)" not in (cv.person.phone or "")  # no private mobile number
    titles = [p.title.casefold() for p in cv.publications]
    assert len(titles) == len(set(titles))
    bach_papers = [p for p in cv.publications if "Bach S" in p.authors]
    assert bach_papers and all(p.year and p.year.year <= 2016 for p in bach_papers)


def test_selected_only_where_the_cv_marks_a_distinction() -> None:
    cv = load_cv(example_cv()).cv
    selected = [p for p in cv.publications if p.selected]
    assert selected
    for publication in selected:
        assert publication.note and any(
            word in publication.note.lower()
            for word in ("award", "badge", "spotlight", "certification")
        ), publication.id
    assert all(p.citations is None and p.doi is None for p in cv.publications)  # none printed


def test_example_points_editors_at_the_current_schema() -> None:
    first_line = example_cv().read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=cv.schema.json"
    committed = (bundled_dir("examples") / "cv.schema.json").read_text(encoding="utf-8")
    assert json.loads(committed) == json.loads(schema_text()), (
        "examples/cv.schema.json is stale: run `assemble schema > examples/cv.schema.json`"
    )
