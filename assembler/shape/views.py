"""The template context as typed records: what a Word template can print, and nothing else.

Each entry a template sees is the entry's own fields (``cv.model``; dates formatted, nested
records as mappings) plus the derived fields of its section's record below. The manual's
template reference is generated from these classes and the CV model, so the two cannot drift.
A field typed ``Rich`` is rich text: write it ``{{r e.citation_rich }}``; without the ``r`` the
document would be corrupted, and the template check refuses it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from assembler.shape.authors import Rich


def doc(text: str) -> Any:
    """A field of a view with its documentation (read by the manual's generator)."""
    return field(metadata={"doc": text})


@dataclass(frozen=True)
class EntryDerived:
    """Derived fields every entry has."""

    dates: str = doc(
        "The entry's date or range in the profile's language and date format: \"2021 – "
        'present", "seit Jan. 2021", "2019"; empty when the entry has no date'
    )
    year: int | str = doc("The year the entry starts (or its only year); empty when undated")
    ongoing: bool = doc("True for a range with a start and no end (``end: present``)")
    members: str = doc("In a group report: the members the entry belongs to, joined by '; '")


@dataclass(frozen=True)
class ProjectDerived(EntryDerived):
    role_label: str = doc(
        'The role in the profile\'s language ("leading role", "Leitung"); empty without a role'
    )
    leading: bool = doc("True when the role is lead or coordinator")


@dataclass(frozen=True)
class PublicationDerived(EntryDerived):
    citation: str = doc("The whole reference as plain text")
    citation_rich: Rich = doc("The whole reference with the person's name in bold")
    authors_rich: Rich = doc(
        "The author list (shortened by ``authors: {max: N}``) with the person's name in bold"
    )
    authors_text: str = doc("The same author list as plain text")
    author_position: str = doc(
        "Where the person stands in the author list: first, last, sole, middle, or empty"
    )
    venue_text: str = doc('``Venue vol(issue):pages``, e.g. "Pattern Recognition 65:211–222"')
    citations: int | str = doc("The citation count (replaces the ``citations`` mapping)")


@dataclass(frozen=True)
class PersonDerived:
    full_name: str = doc('The name with the honorific: "Dr. Ada Example"')
    contact: str = doc("Affiliation, address, e-mail, phone and ORCID joined by ' · '")
    birth_date: str = doc("The birth date, printed whole in the profile's language")


DERIVED: dict[str, type[EntryDerived]] = {
    "projects": ProjectDerived,
    "publications": PublicationDerived,
}


def derived_for(section: str) -> type[EntryDerived]:
    """The record of derived fields for entries of a section."""
    return DERIVED.get(section, EntryDerived)


@dataclass(frozen=True)
class ProfileView:
    name: str = doc("The profile's name")
    description: str = doc("Its one-line description")
    language: str = doc("en or de")
    as_of: str = doc("The reference date, formatted")
    period: str = doc('The period of ``--period``: "2024" or "2020..2024"; empty without one')


@dataclass(frozen=True)
class Count:
    shown: int = doc("Entries the document shows")
    total: int = doc("Entries the CV has in the section")


@dataclass(frozen=True)
class TemplateContext:
    """Everything a Word template sees, besides one list per section under its own name."""

    person: dict[str, Any] = doc(
        "The person: every field of ``person`` plus full_name, contact and birth_date"
    )
    bio: str = doc("The bio in the profile's language, shortened by max_words / max_chars")
    bio_paragraphs: list[str] = doc("The bio split into paragraphs at blank lines")
    supervision_summary: str = doc("The summary text of ``supervision``")
    members: list[str] = doc("In a group report: every member's name")
    profile: ProfileView = doc("The profile: name, description, language, as_of, period")
    counts: dict[str, Count] = doc("Per section: shown and total")
    labels: dict[str, str] = doc("Headings and words in the profile's language")
    sections: dict[str, list[dict[str, Any]]] = doc(
        "Each section and named list under its own name, e.g. ``publications``, ``results_a``"
    )

    def as_mapping(self) -> dict[str, Any]:
        """The names a template uses: sections first, then the variables above."""
        mapping: dict[str, Any] = dict(self.sections)
        for item in fields(self):
            if item.name != "sections":
                mapping[item.name] = getattr(self, item.name)
        return mapping


def rich_fields() -> set[str]:
    """Names of the fields that hold rich text and must be written ``{{r … }}``."""
    return {
        item.name
        for view in DERIVED.values()
        for item in fields(view)
        if item.type in ("Rich", Rich)
    }
