"""The significance ranking: own marks, authorship, type, citations, recency."""

from __future__ import annotations

from datetime import date

from assembler.cv.names import own_names
from assembler.select.fields import Context
from assembler.select.significance import significance
from tests.helpers import make_cv

CONTEXT = Context(own_names("Ada Example", ["Example A"]), date(2026, 11, 21))


def scores(text: str) -> dict[str, float]:
    cv = make_cv("person: {name: Ada Example, name_variants: [Example A]}\n" + text)
    entries = [*cv.publications, *cv.patents, *cv.awards]
    return {entry.id or "": significance(entry, CONTEXT) for entry in entries}


def test_publications_by_marks_authorship_type_citations_and_recency() -> None:
    found = scores(
        "publications:\n"
        "  - {id: mine, type: journal, title: A, year: 2019, authors: [Example A, B C]}\n"
        "  - {id: recent-middle, type: journal, title: B, year: 2026,\n"
        "     authors: [B C, Example A, D E]}\n"
        "  - {id: workshop, type: workshop, title: C, year: 2026, authors: [Example A]}\n"
        "  - {id: marked, type: preprint, title: D, year: 2010, authors: [B C], selected: true}\n"
        "  - {id: cited, type: journal, title: E, year: 2019, authors: [Example A, B C],\n"
        "     citations: 999}\n"
    )
    assert found["marked"] > found["cited"] > found["mine"] > found["recent-middle"]
    assert found["mine"] > found["workshop"]  # a first-authored article over a workshop paper
    assert found["cited"] - found["mine"] == 30  # 10 × log10(1000)


def test_patents_by_what_they_reached() -> None:
    found = scores(
        "patents:\n"
        "  - {id: granted, title: G, year: 2016, filings: [{number: EP 1, status: granted,\n"
        "     date: 2020-01-01}, {number: US 2, status: granted, date: 2021-01-01}]}\n"
        "  - {id: published, title: P, year: 2024, filings: [{number: WO 3, status: published,\n"
        "     date: 2025-01-01}]}\n"
        "  - {id: unnumbered, title: U, year: 2025,\n"
        "     filings: [{status: published, date: 2025-05-15}]}\n"
    )
    assert found["granted"] > found["published"] > found["unnumbered"]


def test_other_entries_by_recency_only() -> None:
    found = scores(
        "awards:\n  - {id: new, name: N, year: 2026}\n  - {id: old, name: O, year: 2000}\n"
    )
    assert found == {"new": 12.0, "old": 0.0}
