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
    status_label: str = doc(
        "Planned, running or ended (patents: filed, published, granted) as of the reference "
        "date (of a report: the end of its period), in the profile's language"
    )


@dataclass(frozen=True)
class PlacedDerived(EntryDerived):
    place: str = doc(
        "Where: unit, organization or institution, and location joined by commas (positions, "
        "education, service, teaching, talks); set it apart, e.g. in italics"
    )


@dataclass(frozen=True)
class PositionDerived(PlacedDerived):
    contract: str = doc(
        'The contract of a current position: "contract until 12/2027", "permanent"; empty '
        "when not given"
    )


@dataclass(frozen=True)
class EducationDerived(PlacedDerived):
    degree_line: str = doc('The degree and its field: "Master of Science in Computer Science"')
    when: str = doc("The date the degree was awarded, else the end of the studies, else the dates")
    doctorate: bool = doc("True for a doctorate (``level``, or read from the degree)")
    stage: str = doc("school, studies, doctorate or habilitation")


@dataclass(frozen=True)
class ProjectDerived(EntryDerived):
    title_line: str = doc('The acronym and title: "TEMA: Trusted Extremely Precise Mapping"')
    funding: str = doc('Funder, programme and grant id: "EU, Horizon Europe, 101093003"')
    amount: str = doc('The budget with its currency: "1,200,000 EUR"; empty without one')
    role_label: str = doc(
        'The role in the profile\'s language ("leading role", "Leitung"); empty without a role'
    )
    leading: bool = doc("True when the role is lead or coordinator")


@dataclass(frozen=True)
class PublicationDerived(EntryDerived):
    citation: str = doc("The whole reference as plain text")
    citation_rich: Rich = doc(
        "The whole reference: the person's name in bold, the venue in italics, the DOI (else "
        "the URL) as a link"
    )
    authors_rich: Rich = doc(
        "The author list (shortened by ``authors: {max: N}``) with the person's name in bold"
    )
    authors_text: str = doc("The same author list as plain text")
    author_position: str = doc(
        "Where the person stands in the author list: first, last, sole, middle, or empty"
    )
    venue_text: str = doc('``Venue vol(issue):pages``, e.g. "Pattern Recognition 65:211–222"')
    citations: int | str = doc("The citation count (replaces the ``citations`` mapping)")
    type_label: str = doc('The type as a heading in the profile\'s language ("Journal articles")')


@dataclass(frozen=True)
class TalkDerived(PlacedDerived):
    quoted_title: str = doc("The title in quotation marks, unless it already has them")
    kind_label: str = doc('The kind in the profile\'s language ("invited talk", "Hauptvortrag")')


@dataclass(frozen=True)
class TeachingDerived(PlacedDerived):
    when: str = doc('The term as written ("WS 24/25"), else the dates')


@dataclass(frozen=True)
class PatentDerived(EntryDerived):
    numbers: str = doc("The numbers of its filings, joined by commas")
    granted: bool = doc("True when a filing is granted")
    granted_filings: str = doc(
        'The granted filings with their dates: "US 20180018553 (04/10/2024); CN 107636693 …"'
    )


@dataclass(frozen=True)
class MetricDerived(EntryDerived):
    summary: str = doc(
        'The counts in words: "1,234 citations, h-index 20, i10-index 30" (in the language)'
    )


@dataclass(frozen=True)
class PersonDerived:
    full_name: str = doc('The name with the honorific: "Dr. Ada Example"')
    family_name: str = doc("The family name (given, or the last word of the name)")
    given_names: str = doc("The given names (given, or the words before the family name)")
    contact: str = doc("Affiliation, address, e-mail, phone and ORCID joined by ' · '")
    birth_date: str = doc("The birth date, printed whole in the profile's language")
    nationality: str = doc("The nationality in the profile's language")
    orcid: str = doc("The ORCID iD (from ``orcid`` or ``identifiers``)")
    identifiers_text: str = doc('Every identifier: "ORCID 0000-…; Scopus 123"')
    website: str = doc("The link labelled website or homepage, else the first link")


DERIVED: dict[str, type[EntryDerived]] = {
    "positions": PositionDerived,
    "education": EducationDerived,
    "projects": ProjectDerived,
    "publications": PublicationDerived,
    "talks": TalkDerived,
    "teaching": TeachingDerived,
    "service": PlacedDerived,
    "patents": PatentDerived,
    "metrics": MetricDerived,
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
