"""Selected entries -> the template context: formatted dates, citations, author lists.

Everything a template shows is decided here, in plain Python, so templates hold layout only
and no selection or sorting logic. The records of ``shape.views`` say what a template sees.
"""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from assembler.cv.dates import PartialDate
from assembler.cv.model import CV, Entry, Person, Project, Publication
from assembler.cv.names import display_name, own_names
from assembler.cv.sections import SECTIONS
from assembler.cv.status import is_ongoing
from assembler.profile.model import Profile, SectionRule
from assembler.select.engine import Selection
from assembler.select.fields import Context, author_position
from assembler.shape.authors import authors_rich, shorten_authors
from assembler.shape.citations import citation_rich, venue_text
from assembler.shape.dates import entry_dates, format_date
from assembler.shape.labels import labels_for
from assembler.shape.style import Style
from assembler.shape.text import trim_words
from assembler.shape.views import (
    Count,
    EntryDerived,
    PersonDerived,
    ProfileView,
    ProjectDerived,
    PublicationDerived,
    TemplateContext,
)

PROSE_FIELDS = ("description", "significance", "contribution", "note")


def style_for(cv: CV, profile: Profile) -> Style:
    return Style(
        profile.language,
        profile.date_format,
        labels_for(profile),
        own_names(cv.person.name, cv.person.name_variants),
    )


def plain(value: Any, style: Style) -> Any:
    """A field value as templates print it (dates formatted, nested models as dicts)."""
    if value is None:
        return ""
    if isinstance(value, PartialDate):
        return format_date(value, style.date_format, style.language)
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    if isinstance(value, list):
        return [plain(item, style) for item in value]
    if isinstance(value, BaseModel):
        if hasattr(value, "family"):
            return display_name(value)
        return {name: plain(getattr(value, name), style) for name in type(value).model_fields}
    return value


def _common(entry: Entry, style: Style, members: str) -> dict[str, Any]:
    span = entry.span()
    return {
        "dates": entry_dates(entry, style.date_format, style.language),
        "year": span.start.year if span else "",
        "ongoing": is_ongoing(entry),
        "members": members,
    }


def derive(
    entry: Entry, rule: SectionRule, style: Style, context: Context, members: str
) -> EntryDerived:
    """The derived fields of one entry (see ``shape.views``)."""
    common = _common(entry, style, members)
    if isinstance(entry, Publication):
        names = [display_name(a) for a in (entry.authors or entry.editors)]
        limit = rule.authors.max if rule.authors else None
        highlight = rule.authors.highlight if rule.authors else True
        shown = shorten_authors(names, style.own, limit, style.labels["et_al"])
        authors = authors_rich(shown, style, highlight)
        citation = citation_rich(entry, shown, style, highlight)
        count = entry.citation_count
        return PublicationDerived(
            **common,
            citation=str(citation),
            citation_rich=citation,
            authors_rich=authors,
            authors_text=str(authors),
            author_position=author_position(entry, context) or "",
            venue_text=venue_text(entry),
            citations=count if count is not None else "",
        )
    if isinstance(entry, Project):
        label = style.labels.get(f"role_{entry.role}", "") if entry.role else ""
        return ProjectDerived(
            **common, role_label=label, leading=entry.role in ("lead", "coordinator")
        )
    return EntryDerived(**common)


def shape_entry(
    entry: Entry, rule: SectionRule, style: Style, context: Context, members: str = ""
) -> dict[str, Any]:
    """One entry as a template sees it: its fields, then the derived ones."""
    shaped: dict[str, Any] = {
        name: plain(getattr(entry, name), style) for name in type(entry).model_fields
    }
    if rule.max_words or rule.max_chars:
        for name in PROSE_FIELDS:
            if shaped.get(name):
                shaped[name] = trim_words(shaped[name], rule.max_words, rule.max_chars)
    derived = derive(entry, rule, style, context, members)
    shaped.update(
        {name: getattr(derived, name) for name in derived.__dataclass_fields__}
    )  # not asdict(): it would copy the rich-text runs into plain tuples
    return shaped


def person_view(person: Person, style: Style) -> dict[str, Any]:
    view = {name: plain(getattr(person, name), style) for name in type(person).model_fields}
    # A birth date is printed whole, whatever precision the profile uses for other dates.
    birth_format = "dd/mm/yyyy" if style.date_format == "dd/mm/yyyy" else "day"
    parts = [
        person.affiliation,
        person.address,
        person.email,
        person.phone,
        f"ORCID {person.orcid}" if person.orcid else None,
    ]
    derived = PersonDerived(
        full_name=person.full_name,
        contact=" · ".join(part for part in parts if part),
        birth_date=format_date(person.birth_date, birth_format, style.language),
    )
    view.update(asdict(derived))
    return view


def _profile_view(profile: Profile, selection: Selection) -> ProfileView:
    as_of = PartialDate(selection.as_of.year, selection.as_of.month, selection.as_of.day)
    period = ""
    if selection.period:
        first, last = selection.period
        period = str(first) if first == last else f"{first}..{last}"
    return ProfileView(
        name=profile.name or "",
        description=profile.description or "",
        language=profile.language,
        as_of=format_date(as_of, "day", profile.language),
        period=period,
    )


def build_context(
    cv: CV, profile: Profile, selection: Selection, members: dict[str, list[str]] | None = None
) -> TemplateContext:
    """The whole template context. ``members`` maps entry ids to the people of a group they
    belong to (shown as each entry's ``members``)."""
    members = members or {}
    style = style_for(cv, profile)
    rules_context = Context(style.own, selection.as_of)
    sections: dict[str, list[Any]] = {
        name: [] for name, section in SECTIONS.items() if section.kind != "text"
    }
    counts = {name: Count(0, 0) for name in SECTIONS}
    bio = ""
    for name, section in selection.sections.items():
        rule = section.rule
        counts[name] = Count(section.kept_count, section.total)
        kind = SECTIONS[section.source].kind
        if kind == "text":
            text = section.texts[0] if section.texts else ""
            bio = trim_words(text, rule.max_words, rule.max_chars)
        elif kind == "texts":
            sections[name] = list(section.texts)
        else:
            sections[name] = [
                shape_entry(
                    entry, rule, style, rules_context, "; ".join(members.get(entry.id or "", []))
                )
                for entry in section.entries
            ]
    people = list(dict.fromkeys(name for names in members.values() for name in names))
    summary = cv.supervision.summary if cv.supervision and cv.supervision.summary else ""
    shows_supervision = any(s.source == "supervision" for s in selection.sections.values())
    return TemplateContext(
        person=person_view(cv.person, style),
        bio=bio,
        bio_paragraphs=[p.strip() for p in bio.split("\n\n") if p.strip()],
        supervision_summary=summary if shows_supervision else "",
        members=people,
        profile=_profile_view(profile, selection),
        counts=counts,
        labels=style.labels,
        sections=sections,
    )
