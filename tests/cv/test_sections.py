"""The section registry covers every section of the CV model, and reads them."""

from __future__ import annotations

from assembler.cv.model import CV
from assembler.cv.sections import ENTRY_SECTIONS, SECTIONS, TEXT_SECTIONS, base_id
from tests.helpers import make_cv


def test_every_section_of_the_model_is_registered_once() -> None:
    fields = [name for name in CV.model_fields if name not in ("person", "supervision")]
    assert set(fields) | {"supervision"} == set(SECTIONS)
    assert TEXT_SECTIONS == ("skills", "languages")
    for name in ENTRY_SECTIONS:
        section = SECTIONS[name]
        assert section.model is not None and section.recipe is not None, name
        assert set(section.headings) == {"en", "de"}, name


def test_sections_read_their_entries_and_texts() -> None:
    cv = make_cv(
        "person: {name: A}\n"
        "supervision: {summary: Many, people: [{name: B C, level: PhD, start: 2020}]}\n"
        "skills: [Python, Rust]\n"
        "talks: [{title: T, date: 2024}]\n"
    )
    assert [e.id for e in SECTIONS["supervision"].entries(cv)] == ["supervision-b-c"]
    assert [e.id for e in SECTIONS["talks"].entries(cv)] == ["talk-2024"]
    assert SECTIONS["skills"].texts(cv) == ["Python", "Rust"]
    assert SECTIONS["talks"].texts(cv) == []
    assert SECTIONS["bio"].entries(cv) == []


def test_base_id_uses_the_section_recipe() -> None:
    cv = make_cv("person: {name: A}\nprojects: [{acronym: ACHILLES, title: Long title}]\n")
    assert base_id("projects", cv.projects[0]) == "achilles"
