"""The template context: what a Word template sees for a selection."""

from __future__ import annotations

from assembler.select.engine import select
from assembler.shape.authors import Rich
from assembler.shape.context import build_context
from assembler.shape.views import PublicationDerived, derived_for, documentation, rich_fields
from tests.helpers import AS_OF, make_cv

CV_TEXT = (
    "person: {name: Ada Example, honorific: Dr., name_variants: [Example A], email: a@b.org}\n"
    "bio: {en: One two three four five six, de: Eins zwei drei}\n"
    "projects:\n"
    "  - {id: p, acronym: P, start: 2021-01, role: lead}\n"
    "  - {id: q, title: No role, start: 2020}\n"
    "publications:\n"
    "  - {id: a, type: journal, title: T, year: 2024, authors: [Other B, Example A],\n"
    "     citations: {count: 7, source: openalex}}\n"
)


def test_context_holds_every_section_and_the_documented_variables(make_profile) -> None:
    cv = make_cv(CV_TEXT)
    profile = make_profile(
        "sections:\n  bio: {max_words: 2}\n  projects: all\n  publications: all\n"
    )
    context = build_context(cv, profile.profile, select(cv, profile, AS_OF)).as_mapping()
    assert context["bio"] == "One two …"  # shaping trims, once
    assert context["person"]["full_name"] == "Dr. Ada Example"
    assert context["person"]["contact"] == "a@b.org"
    assert context["talks"] == [] and context["skills"] == []  # not selected: empty lists
    lead, no_role = context["projects"]
    assert (lead["role_label"], lead["leading"], lead["ongoing"]) == ("leading role", True, True)
    assert (no_role["role_label"], no_role["leading"]) == ("", False)
    (paper,) = context["publications"]
    assert paper["citations"] == 7
    assert paper["author_position"] == "last"
    assert isinstance(paper["citation_rich"], Rich)
    assert [run.text for run in paper["authors_rich"] if run.bold] == ["Example A"]
    assert context["counts"]["publications"] == {"shown": 1, "total": 1}
    assert context["labels"]["projects"] == "Research projects"


def test_every_derived_field_is_documented_and_rich_ones_are_known() -> None:
    for section in ("publications", "projects", "talks"):
        for name, (_, text) in documentation(derived_for(section)).items():
            assert text, (section, name)
    assert rich_fields() == {"citation_rich", "authors_rich"}
    assert set(documentation(PublicationDerived)) >= {"citation", "authors_text"}


def test_a_profile_word_for_present_reaches_the_dates(make_profile) -> None:
    cv = make_cv(CV_TEXT)
    profile = make_profile("labels: {present: to date}\nsections:\n  projects: all\n")
    context = build_context(cv, profile.profile, select(cv, profile, AS_OF)).as_mapping()
    assert [project["dates"] for project in context["projects"]] == [
        "Jan 2021 – to date",
        "2020 – to date",
    ]
