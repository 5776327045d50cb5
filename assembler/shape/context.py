"""Selected entries -> the template context: formatted dates, citations, author lists.

Everything a template shows is decided here, in plain Python, so templates hold layout only
and no selection or sorting logic. The records of ``shape.views`` say what a template sees.
A required fact the CV lacks (``select.required``) is shown as a visible placeholder such as
``[ORCID]`` where the document would print it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal
from typing import Any

from assembler.cv.dates import PartialDate
from assembler.cv.model import (
    CV,
    Education,
    Entry,
    LocalizedText,
    Metric,
    Patent,
    Person,
    Position,
    Project,
    Publication,
    Service,
    Talk,
    Teaching,
    localized,
)
from assembler.cv.names import display_name
from assembler.cv.sections import SECTIONS
from assembler.cv.status import is_ongoing, status
from assembler.profile.model import Profile, SectionRule
from assembler.select.engine import Selection
from assembler.select.fields import Context, author_position
from assembler.select.required import Missing
from assembler.shape.authors import Run, authors_rich, shorten_authors
from assembler.shape.citations import citation_rich, venue_text
from assembler.shape.dates import entry_dates, format_date, format_range
from assembler.shape.labels import labels_for
from assembler.shape.style import Style
from assembler.shape.text import trim_words
from assembler.shape.views import (
    Count,
    EducationDerived,
    EntryDerived,
    MetricDerived,
    PatentDerived,
    PersonDerived,
    PlacedDerived,
    PositionDerived,
    ProfileView,
    ProjectDerived,
    PublicationDerived,
    TalkDerived,
    TeachingDerived,
    TemplateContext,
    derived_for,
)
from assembler.source.record import Record

PROSE_FIELDS = ("description", "significance", "contribution", "note")
# Derived fields that print a field: a placeholder for the field shows there too.
DISPLAYED_BY: dict[str, tuple[str, ...]] = {
    "funder": ("funding",),
    "programme": ("funding",),
    "grant_id": ("funding",),
    "budget.amount": ("amount",),
    "contract_end": ("contract",),
    "acronym": ("title_line",),
    "institution": ("place",),
    "organization": ("place",),
    "location": ("place",),
    "degree": ("degree_line",),
    "field": ("degree_line",),
}
_QUOTES = ("“", '"', "„", "«", "‘", "'")


def style_for(profile: Profile, selection: Selection) -> Style:
    """How the profile prints, highlighting the names its rules matched as the person's."""
    return Style(profile.language, profile.date_format, labels_for(profile), selection.context.own)


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
    if isinstance(value, LocalizedText):
        return localized(value, style.language)
    if isinstance(value, list):
        return [plain(item, style) for item in value]
    if isinstance(value, Record):
        if hasattr(value, "family"):
            return display_name(value)
        return {name: plain(getattr(value, name), style) for name in type(value).model_fields}
    return value


def joined(*parts: str | None, separator: str = ", ") -> str:
    """Non-empty parts joined: no stray separators when a field is missing."""
    return separator.join(part.strip() for part in parts if part and part.strip())


def _common(entry: Entry, style: Style, context: Context, members: str) -> EntryDerived:
    span = entry.span()
    state = status(entry, context.status_date)
    return EntryDerived(
        dates=entry_dates(
            entry, style.date_format, style.language, style.labels, context.status_date
        ),
        year=span.start.year if span else "",
        ongoing=is_ongoing(entry),
        members=members,
        status_label=style.labels.get(f"status_{state}", state or ""),
    )


def _publication(
    entry: Publication, rule: SectionRule, style: Style, context: Context, common: EntryDerived
) -> PublicationDerived:
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
        type_label=style.labels.get(f"type_{entry.type}", "") if entry.type else "",
    )


def _project(entry: Project, style: Style, common: EntryDerived) -> ProjectDerived:
    amount = ""
    if entry.budget is not None:
        amount = f"{plain(entry.budget.amount, style)} {entry.budget.currency}"
    return ProjectDerived(
        **common,
        title_line=joined(entry.acronym, entry.title, separator=": "),
        funding=joined(entry.funder, entry.programme, entry.grant_id),
        amount=amount,
        role_label=style.labels.get(f"role_{entry.role}", "") if entry.role else "",
        leading=entry.role in ("lead", "coordinator"),
    )


def _quoted(title: str) -> str:
    stripped = title.strip()
    return stripped if stripped.startswith(_QUOTES) else f"“{stripped}”"


def _metric(entry: Metric, style: Style, common: EntryDerived) -> MetricDerived:
    labels = style.labels
    parts = [
        f"{entry.publications:,} {labels['publications_count']}" if entry.publications else "",
        f"{entry.citations:,} {labels['citations_count']}" if entry.citations else "",
        f"{labels['h_index']} {entry.h_index}" if entry.h_index is not None else "",
        f"{labels['i10_index']} {entry.i10_index}" if entry.i10_index is not None else "",
    ]
    return MetricDerived(**common, summary=joined(*parts))


def derive(
    entry: Entry, rule: SectionRule, style: Style, context: Context, members: str
) -> EntryDerived:
    """The derived fields of one entry (see ``shape.views``)."""
    common = _common(entry, style, context, members)
    if isinstance(entry, Publication):
        return _publication(entry, rule, style, context, common)
    if isinstance(entry, Project):
        return _project(entry, style, common)
    if isinstance(entry, Position):
        return PositionDerived(
            **common,
            place=joined(entry.unit, entry.organization, entry.location),
            contract=_contract(entry, style),
        )
    if isinstance(entry, Education):
        when = entry.awarded or entry.end
        return EducationDerived(
            **common,
            when=format_date(when, style.date_format, style.language) if when else common["dates"],
            place=joined(entry.unit, entry.institution, entry.location),
            degree_line=joined(entry.degree, entry.field, separator=" in "),
            doctorate=entry.doctorate,
            stage=entry.stage,
        )
    if isinstance(entry, Talk):
        return TalkDerived(
            **common,
            place=joined(entry.event, entry.location),
            quoted_title=_quoted(entry.title),
            kind_label=style.labels.get(f"kind_{entry.kind}", "") if entry.kind else "",
        )
    if isinstance(entry, Teaching):
        return TeachingDerived(
            **common,
            place=entry.institution or "",
            when=entry.term or common["dates"],
        )
    if isinstance(entry, Patent):
        numbers = joined(*(filing.number for filing in entry.filings))
        granted = [
            joined(
                f.number,
                f"({format_date(f.date, style.date_format, style.language)})" if f.date else None,
                separator=" ",
            )
            for f in entry.filings
            if f.status == "granted"
        ]
        return PatentDerived(
            **common, numbers=numbers, granted=entry.granted, granted_filings="; ".join(granted)
        )
    if isinstance(entry, Metric):
        return _metric(entry, style, common)
    if isinstance(entry, Service):  # every entry of a section with `place` has it
        return PlacedDerived(**common, place=joined(entry.organization))
    return EntryDerived(**common)


def _contract(entry: Position, style: Style) -> str:
    if entry.contract_end == "permanent":
        return style.labels["contract_permanent"]
    if entry.contract_end is None:
        return ""
    when = format_date(entry.contract_end, style.date_format, style.language)
    return f"{style.labels['contract_end']} {when}"


def placeholder(field: str, style: Style) -> str:
    """``[DOI or URL]``: what a document shows for a required fact the CV lacks."""
    names = [style.labels.get(f"field_{name}", name.replace("_", " ")) for name in field.split("|")]
    return "[" + f" {style.labels.get('or', 'or')} ".join(names) + "]"


def _fill_placeholders(shaped: dict[str, Any], missing: Iterable[Missing], style: Style) -> None:
    for item in missing:
        if item.precision:
            continue  # the date's pattern shows its own placeholder ([DD]/04/2021)
        text = placeholder(item.field, style)
        first = item.field.split("|")[0]
        head, _, tail = first.partition(".")
        if tail and isinstance(shaped.get(head), dict):
            shaped[head] = {**shaped[head], tail: text}
        else:
            shaped[head if not tail else first] = text
        for shown in DISPLAYED_BY.get(first, ()):  # derived fields that print this one
            value = shaped.get(shown)
            if first == "contract_end":
                shaped[shown] = f"{style.labels['contract_end']} {text}"
            else:
                shaped[shown] = f"{text}, {value}" if value else text
        if "citation_rich" in shaped and {"doi", "url"} & set(item.field.split("|")):
            rich = shaped["citation_rich"]
            shaped["citation_rich"] = type(rich)([*rich, Run(f" {text}")])
            shaped["citation"] = str(shaped["citation_rich"])


def shape_entry(
    entry: Entry,
    rule: SectionRule,
    style: Style,
    context: Context,
    members: str = "",
    missing: Iterable[Missing] = (),
) -> dict[str, Any]:
    """One entry as a template sees it: its fields, then the derived ones."""
    shaped: dict[str, Any] = {
        name: plain(getattr(entry, name), style) for name in type(entry).model_fields
    }
    if rule.max_words or rule.max_chars:
        for name in PROSE_FIELDS:
            if shaped.get(name):
                shaped[name] = trim_words(shaped[name], rule.max_words, rule.max_chars)
    if isinstance(entry, Patent):
        for filing, view in zip(entry.filings, shaped["filings"], strict=True):
            label = style.labels.get(f"status_{filing.status}", filing.status or "")
            view["status_label"] = label
    derived = derive(entry, rule, style, context, members)
    shaped.update(derived)
    _fill_placeholders(shaped, missing, style)
    return shaped


def _website(person: Person) -> str:
    for link in person.links:
        if (link.label or "").strip().lower() in ("website", "homepage", "home page", "web"):
            return link.url
    return person.links[0].url if person.links else ""


def person_view(person: Person, style: Style, missing: Iterable[Missing] = ()) -> dict[str, Any]:
    view = {name: plain(getattr(person, name), style) for name in type(person).model_fields}
    # A birth date is printed whole, whatever precision the profile uses for other dates.
    birth_format = "dd/mm/yyyy" if style.date_format == "dd/mm/yyyy" else "day"
    orcid = person.orcid_id or ""
    identifiers = {"orcid": orcid} if orcid else {}
    identifiers.update({k: v for k, v in person.identifiers.items() if k != "orcid"})
    family, given = person.name_parts
    derived = PersonDerived(
        full_name=person.full_name,
        family_name=family,
        given_names=given,
        contact=joined(
            person.affiliation,
            person.address,
            person.email,
            person.phone,
            f"ORCID {orcid}" if orcid else None,
            separator=" · ",
        ),
        birth_date=format_date(person.birth_date, birth_format, style.language),
        nationality=localized(person.nationality, style.language),
        orcid=orcid,
        identifiers_text="; ".join(
            f"{style.labels.get(f'field_{scheme}', scheme)} {value}"
            for scheme, value in identifiers.items()
        ),
        website=_website(person),
    )
    view.update(derived)
    for item in missing:
        text = placeholder(item.field, style)
        for name in item.field.split("|"):
            head, _, tail = name.partition(".")
            if name in ("orcid", "identifiers"):
                view["orcid"] = view["identifiers_text"] = text
            elif tail and isinstance(view.get(head), dict):
                view[head] = {**view[head], tail: text}
            else:
                view[name] = text
    return view


def _profile_view(profile: Profile, selection: Selection, style: Style) -> ProfileView:
    as_of = PartialDate(selection.as_of.year, selection.as_of.month, selection.as_of.day)
    period = ""
    if selection.period:  # "2024", or "2020 – 2024" in the document's date words
        first, last = selection.period
        period = format_range(first, last, False, "month", profile.language)
    return ProfileView(
        name=profile.name or "",
        description=profile.description or "",
        language=profile.language,
        as_of=format_date(as_of, "day", profile.language),
        period=period,
    )


def build_context(
    cv: CV,
    profile: Profile,
    selection: Selection,
    members: dict[str, list[str]] | None = None,
    missing: list[Missing] | None = None,
) -> TemplateContext:
    """The whole template context. ``members`` maps entry ids to the people of a group they
    belong to (shown as each entry's ``members``); ``missing`` are the required facts the CV
    lacks (shown as placeholders). Derived fields see the selection's own context (its day
    for statuses)."""
    members = members or {}
    missing = missing or []
    style = style_for(profile, selection)
    rules_context = selection.context
    sections: dict[str, list[Any]] = {
        name: [] for name, section in SECTIONS.items() if section.kind != "text"
    }
    counts = {name: Count(shown=0, total=0) for name in SECTIONS}
    missing_by_entry: dict[tuple[str, str | None], list[Missing]] = {}
    for item in missing:
        missing_by_entry.setdefault((item.section, item.entry_id), []).append(item)
    bio = ""
    for name, section in selection.sections.items():
        rule = section.rule
        counts[name] = Count(shown=section.kept_count, total=section.total)
        section_style = replace(style, date_format=rule.date_format) if rule.date_format else style
        kind = SECTIONS[section.source].kind
        if kind == "text":
            text = section.texts[0] if section.texts else ""
            bio = trim_words(text, rule.max_words, rule.max_chars)
        elif kind == "texts":
            sections[name] = list(section.texts)
        else:
            sections[name] = [
                shape_entry(
                    entry,
                    rule,
                    section_style,
                    rules_context,
                    "; ".join(members.get(entry.id or "", [])),
                    missing_by_entry.get((name, entry.id), ()),
                )
                for entry in section.entries
            ]
    people = list(dict.fromkeys(name for names in members.values() for name in names))
    summary = cv.supervision.summary if cv.supervision and cv.supervision.summary else ""
    shows_supervision = any(s.source == "supervision" for s in selection.sections.values())
    person_missing = [m for m in missing if m.section == "person"]
    return TemplateContext(
        person=person_view(cv.person, style, person_missing),
        bio=bio,
        bio_paragraphs=[p.strip() for p in bio.split("\n\n") if p.strip()],
        supervision_summary=summary if shows_supervision else "",
        members=people,
        profile=_profile_view(profile, selection, style),
        counts=counts,
        labels=style.labels,
        sections=sections,
    )


__all__ = ["build_context", "derived_for", "person_view", "shape_entry", "style_for"]
