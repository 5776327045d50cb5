"""The template context as typed records: what a Word template can print, and nothing else.

Each entry a template sees is the entry's own fields (``cv.model``; dates formatted, nested
records as mappings) plus the derived fields of its section's record below. The manual's
template reference is generated from these classes and the CV model, so the two cannot drift.
The records are typed dictionaries (an entry is a mapping anyway, and a run builds one per
entry); each field's meaning is in its annotation, ``Annotated[str, Doc("…")]``.
A field typed ``Rich`` is rich text: write it ``{{r e.citation_rich }}``; without the ``r`` the
document would be corrupted, and the template check refuses it.
"""

from __future__ import annotations

import functools
import typing
from dataclasses import dataclass, fields
from typing import Annotated, Any, TypedDict

from assembler.shape.authors import Rich


class Doc:
    """What a field of a view means: ``Annotated[str, Doc("…")]``, read by the manual."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def documentation(record: type[Any]) -> dict[str, tuple[Any, str]]:
    """Every field of a view: its type and its documentation, in order."""
    hints = typing.get_type_hints(record, include_extras=True)
    result: dict[str, tuple[Any, str]] = {}
    for name, hint in hints.items():
        base, *extras = typing.get_args(hint) if typing.get_origin(hint) is Annotated else (hint,)
        text = next((extra.text for extra in extras if isinstance(extra, Doc)), "")
        result[name] = (base, text)
    return result


class EntryDerived(TypedDict):
    """Derived fields every entry has."""

    dates: Annotated[
        str,
        Doc(
            "The entry's date or range in the profile's language and date format: \"2021 – "
            'present", "seit Jan. 2021", "2019"; empty when the entry has no date'
        ),
    ]
    year: Annotated[
        int | str, Doc("The year the entry starts (or its only year); empty when undated")
    ]
    ongoing: Annotated[bool, Doc("True for a range with a start and no end (``end: present``)")]
    members: Annotated[
        str, Doc("In a group report: the members the entry belongs to, joined by '; '")
    ]
    status_label: Annotated[
        str,
        Doc(
            "Planned, running or ended (patents: filed, published, granted) as of the reference "
            "date (of a report: the end of its period), in the profile's language"
        ),
    ]


class PlacedDerived(EntryDerived):
    place: Annotated[
        str,
        Doc(
            "Where: unit, organization or institution, and location joined by commas (positions, "
            "education, service, teaching, talks); set it apart, e.g. in italics"
        ),
    ]


class PositionDerived(PlacedDerived):
    contract: Annotated[
        str,
        Doc(
            'The contract of a current position: "contract until 12/2027", "permanent"; empty '
            "when not given"
        ),
    ]


class EducationDerived(PlacedDerived):
    degree_line: Annotated[
        str, Doc('The degree and its field: "Master of Science in Computer Science"')
    ]
    when: Annotated[
        str, Doc("The date the degree was awarded, else the end of the studies, else the dates")
    ]
    doctorate: Annotated[bool, Doc("True for a doctorate (``level``, or read from the degree)")]
    stage: Annotated[str, Doc("school, studies, doctorate or habilitation")]


class ProjectDerived(EntryDerived):
    title_line: Annotated[
        str, Doc('The acronym and title: "TEMA: Trusted Extremely Precise Mapping"')
    ]
    funding: Annotated[str, Doc('Funder, programme and grant id: "EU, Horizon Europe, 101093003"')]
    amount: Annotated[str, Doc('The budget with its currency: "1,200,000 EUR"; empty without one')]
    role_label: Annotated[
        str,
        Doc(
            'The role in the profile\'s language ("leading role", "Leitung"); empty without a role'
        ),
    ]
    leading: Annotated[bool, Doc("True when the role is lead or coordinator")]


class PublicationDerived(EntryDerived):
    citation: Annotated[str, Doc("The whole reference as plain text")]
    citation_rich: Annotated[
        Rich,
        Doc(
            "The whole reference: the person's name in bold, the venue in italics, the DOI (else "
            "the URL) as a link"
        ),
    ]
    authors_rich: Annotated[
        Rich,
        Doc("The author list (shortened by ``authors: {max: N}``) with the person's name in bold"),
    ]
    authors_text: Annotated[str, Doc("The same author list as plain text")]
    author_position: Annotated[
        str,
        Doc("Where the person stands in the author list: first, last, sole, middle, or empty"),
    ]
    venue_text: Annotated[
        str, Doc('``Venue vol(issue):pages``, e.g. "Pattern Recognition 65:211–222"')
    ]
    citations: Annotated[int | str, Doc("The citation count (replaces the ``citations`` mapping)")]
    type_label: Annotated[
        str, Doc('The type as a heading in the profile\'s language ("Journal articles")')
    ]


class TalkDerived(PlacedDerived):
    quoted_title: Annotated[str, Doc("The title in quotation marks, unless it already has them")]
    kind_label: Annotated[
        str, Doc('The kind in the profile\'s language ("invited talk", "Hauptvortrag")')
    ]


class TeachingDerived(PlacedDerived):
    when: Annotated[str, Doc('The term as written ("WS 24/25"), else the dates')]


class PatentDerived(EntryDerived):
    numbers: Annotated[str, Doc("The numbers of its filings, joined by commas")]
    granted: Annotated[bool, Doc("True when a filing is granted")]
    granted_filings: Annotated[
        str,
        Doc('The granted filings with their dates: "US 20180018553 (04/10/2024); CN 107636693 …"'),
    ]


class MetricDerived(EntryDerived):
    summary: Annotated[
        str,
        Doc('The counts in words: "1,234 citations, h-index 20, i10-index 30" (in the language)'),
    ]


class PersonDerived(TypedDict):
    full_name: Annotated[str, Doc('The name with the honorific: "Dr. Ada Example"')]
    family_name: Annotated[str, Doc("The family name (given, or the last word of the name)")]
    given_names: Annotated[str, Doc("The given names (given, or the words before the family name)")]
    contact: Annotated[str, Doc("Affiliation, address, e-mail, phone and ORCID joined by ' · '")]
    birth_date: Annotated[str, Doc("The birth date, printed whole in the profile's language")]
    nationality: Annotated[str, Doc("The nationality in the profile's language")]
    orcid: Annotated[str, Doc("The ORCID iD (from ``orcid`` or ``identifiers``)")]
    identifiers_text: Annotated[str, Doc('Every identifier: "ORCID 0000-…; Scopus 123"')]
    website: Annotated[str, Doc("The link labelled website or homepage, else the first link")]


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


class ProfileView(TypedDict):
    name: Annotated[str, Doc("The profile's name")]
    description: Annotated[str, Doc("Its one-line description")]
    language: Annotated[str, Doc("en or de")]
    as_of: Annotated[str, Doc("The reference date, formatted")]
    period: Annotated[
        str, Doc('The period of ``--period``: "2024" or "2020..2024"; empty without one')
    ]


class Count(TypedDict):
    shown: Annotated[int, Doc("Entries the document shows")]
    total: Annotated[int, Doc("Entries the CV has in the section")]


@dataclass(frozen=True)
class TemplateContext:
    """Everything a Word template sees, besides one list per section under its own name."""

    person: Annotated[
        dict[str, Any],
        Doc("The person: every field of ``person`` plus full_name, contact and birth_date"),
    ]
    bio: Annotated[
        str, Doc("The bio in the profile's language, shortened by max_words / max_chars")
    ]
    bio_paragraphs: Annotated[list[str], Doc("The bio split into paragraphs at blank lines")]
    supervision_summary: Annotated[str, Doc("The summary text of ``supervision``")]
    members: Annotated[list[str], Doc("In a group report: every member's name")]
    profile: Annotated[ProfileView, Doc("The profile: name, description, language, as_of, period")]
    counts: Annotated[dict[str, Count], Doc("Per section: shown and total")]
    labels: Annotated[dict[str, str], Doc("Headings and words in the profile's language")]
    sections: Annotated[
        dict[str, list[dict[str, Any]]],
        Doc("Each section and named list under its own name, e.g. ``publications``, ``results_a``"),
    ]

    def as_mapping(self) -> dict[str, Any]:
        """The names a template uses: sections first, then the variables above."""
        mapping: dict[str, Any] = dict(self.sections)
        for item in fields(self):
            if item.name != "sections":
                mapping[item.name] = getattr(self, item.name)
        return mapping


@functools.cache
def rich_fields() -> frozenset[str]:
    """Names of the fields that hold rich text and must be written ``{{r … }}``."""
    return frozenset(
        name
        for view in DERIVED.values()
        for name, (kind, _) in documentation(view).items()
        if kind is Rich
    )
