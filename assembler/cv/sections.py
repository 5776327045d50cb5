"""The sections of a CV, in one registry that every stage reads.

Profiles check section names and fields against it, selection reads a section's entries
through it, shaping takes the default headings from it, ids are derived with its recipes and
the manual's reference pages are generated from it. Adding a section means adding its model
to ``cv.model`` (and the field to ``CV``) and one row here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, cast

from assembler.cv import ids
from assembler.cv.model import (
    CV,
    Award,
    CareerBreak,
    Education,
    Entry,
    Metric,
    Patent,
    Position,
    Project,
    Publication,
    Service,
    Supervisee,
    Talk,
    Teaching,
)

SectionKind = Literal["entries", "text", "texts"]


def raw_entries(data: object, section: str) -> tuple[tuple[str, ...], list[Any]]:
    """Where a section's entries sit in the file as written, and the raw items. Supervision
    may be written as a list of people or as ``{summary: …, people: [...]}``."""
    items = data.get(section) if isinstance(data, dict) else None
    if section == "supervision" and isinstance(items, dict):
        people = items.get("people")
        return (section, "people"), people if isinstance(people, list) else []
    return (section,), items if isinstance(items, list) else []


@dataclass(frozen=True)
class Section:
    """One section of the CV file.

    ``kind``: ``entries`` (a list of entries with ids that rules select), ``text`` (the bio)
    or ``texts`` (a list of strings: skills, languages).
    """

    name: str
    kind: SectionKind
    headings: dict[str, str]  # language -> default heading
    model: type[Entry] | None = None
    recipe: Callable[[Any], str] | None = None  # the id of an entry without one

    def entries(self, cv: CV) -> list[Entry]:
        """The entries of this section in file order (supervision: its list of people)."""
        if self.kind != "entries":
            return []
        if self.name == "supervision":
            return list(cv.supervision.people) if cv.supervision else []
        return list(cast("list[Entry]", getattr(cv, self.name)))

    def texts(self, cv: CV) -> list[str]:
        return list(cast("list[str]", getattr(cv, self.name))) if self.kind == "texts" else []


def _entries(
    name: str, model: type[Entry], recipe: Callable[[Any], str], en: str, de: str
) -> Section:
    return Section(name, "entries", {"en": en, "de": de}, model, recipe)


SECTIONS: dict[str, Section] = {
    section.name: section
    for section in (
        Section("bio", "text", {"en": "Profile", "de": "Profil"}),
        _entries("positions", Position, ids.position_id, "Positions", "Beruflicher Werdegang"),
        _entries("education", Education, ids.education_id, "Education", "Ausbildung"),
        _entries("projects", Project, ids.project_id, "Research projects", "Forschungsprojekte"),
        _entries("publications", Publication, ids.publication_id, "Publications", "Publikationen"),
        _entries("talks", Talk, ids.talk_id, "Talks", "Vorträge"),
        _entries("teaching", Teaching, ids.teaching_id, "Teaching", "Lehre"),
        _entries("awards", Award, ids.award_id, "Awards and honours", "Auszeichnungen"),
        _entries("patents", Patent, ids.patent_id, "Patents", "Patente"),
        _entries(
            "service",
            Service,
            ids.position_id,
            "Service to the research community",
            "Aktivitäten im Wissenschaftssystem",
        ),
        _entries("supervision", Supervisee, ids.supervisee_id, "Supervision", "Betreuung"),
        _entries("metrics", Metric, ids.metric_id, "Research metrics", "Kennzahlen"),
        _entries(
            "career_breaks", CareerBreak, ids.career_break_id, "Career breaks", "Unterbrechungen"
        ),
        Section("skills", "texts", {"en": "Skills", "de": "Kenntnisse"}),
        Section("languages", "texts", {"en": "Languages", "de": "Sprachen"}),
    )
}
ENTRY_SECTIONS: tuple[str, ...] = tuple(n for n, s in SECTIONS.items() if s.kind == "entries")
TEXT_SECTIONS: tuple[str, ...] = tuple(n for n, s in SECTIONS.items() if s.kind == "texts")


def section_entries(cv: CV) -> dict[str, list[Entry]]:
    """Every list of entries that carry ids, in registry order."""
    return {name: SECTIONS[name].entries(cv) for name in ENTRY_SECTIONS}


def base_id(section: str, entry: Entry) -> str:
    """The readable part of an entry's derived id, before collisions are numbered."""
    recipe = SECTIONS[section].recipe if section in SECTIONS else None
    return recipe(entry) if recipe is not None else section


def entry_model(section: str) -> type[Entry]:
    model = SECTIONS[section].model
    if model is None:
        raise KeyError(f"{section} has no entries")
    return model
