"""Selected entries -> the values templates print: formatted dates, citations, author lists.

Everything a template shows is decided here, in plain Python, so templates hold layout only and
no selection or sorting logic. Rich text (the person's name in bold) is a neutral ``Rich`` list of
runs; the Word renderer turns it into docxtpl's RichText.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from assembler.cv.dates import PartialDate
from assembler.cv.model import CV, Entry, Publication, RangeEntry
from assembler.cv.names import NameKey, display_name, is_person, person_keys
from assembler.profile.model import KNOWN_SECTIONS, LIST_SECTIONS, TEXT_LIST_SECTIONS, Profile
from assembler.select.engine import Selection, trim_words
from assembler.select.fields import Context, author_position
from assembler.shape.labels import format_date, format_range, labels_for

ELLIPSIS = "…"
PROSE_FIELDS = ("description", "significance", "contribution", "note")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False


class Rich(list[Run]):
    """Text made of runs, some bold. ``str()`` gives the plain text."""

    def __str__(self) -> str:
        return "".join(run.text for run in self)


@dataclass(frozen=True)
class Style:
    language: str
    date_format: str
    labels: dict[str, str]
    keys: tuple[NameKey, ...]


def shorten_authors(
    names: list[str], keys: tuple[NameKey, ...], limit: int | None, et_al: str
) -> list[str]:
    """At most ``limit`` names plus "et al.", never hiding the person: when they come later,
    show the first limit-1, an ellipsis, the person, and "et al." if anyone follows."""
    if limit is None or len(names) <= limit:
        return list(names)
    own = [i for i, name in enumerate(names) if is_person(name, list(keys))]
    if not own or own[0] < limit:
        return [*names[:limit], et_al]
    index = own[0]
    shown = [*names[: max(limit - 1, 0)], ELLIPSIS, names[index]]
    if index < len(names) - 1:
        shown.append(et_al)
    return shown


def _join_names(names: list[str], et_al: str) -> list[str]:
    """Separators between names: commas, and no comma before "et al." or after "…"."""
    pieces: list[str] = []
    for i, name in enumerate(names):
        if i:
            pieces.append(" " if name in (et_al, ELLIPSIS) or names[i - 1] == ELLIPSIS else ", ")
        pieces.append(name)
    return pieces


def authors_rich(names: list[str], style: Style, highlight: bool) -> Rich:
    rich = Rich()
    for piece in _join_names(names, style.labels["et_al"]):
        bold = (
            highlight
            and piece not in (", ", " ", ELLIPSIS, style.labels["et_al"])
            and is_person(piece, list(style.keys))
        )
        rich.append(Run(piece, bold))
    return rich


def _venue_text(pub: Publication) -> str:
    text = pub.venue or ""
    if pub.volume:
        text += f" {pub.volume}"
        if pub.issue:
            text += f"({pub.issue})"
    elif pub.issue:
        text += f" ({pub.issue})"
    if pub.pages:
        text += f":{pub.pages}" if pub.volume or pub.issue else f" {pub.pages}"
    return text.strip()


def citation_rich(pub: Publication, names: list[str], style: Style, highlight: bool) -> Rich:
    """A reference as the source CVs print it: Authors (year). Title. Venue vol(issue):pages."""
    rich = Rich()
    editors_only = not pub.authors and pub.editors
    if names:
        rich.extend(authors_rich(names, style, highlight))
        if editors_only:
            rich.append(Run(f" ({style.labels['eds']})"))
    year = f" ({pub.year.year})" if pub.year else ""
    rich.append(Run(f"{year}. " if names else ""))
    title = pub.title.rstrip(".")
    rich.append(Run(f"{title}."))
    venue = _venue_text(pub)
    if pub.type == "chapter" and pub.editors and not editors_only:
        editors = ", ".join(display_name(e) for e in pub.editors)
        venue = f"{style.labels['in']}: {editors} ({style.labels['eds']}), {venue}".rstrip(", ")
    parts = [venue] if venue else []
    if pub.publisher and pub.type in ("book", "chapter", "thesis", "other"):
        parts.append(pub.publisher)
    if parts:
        rich.append(Run(" " + ". ".join(p.rstrip(".") for p in parts) + "."))
    if pub.doi:
        rich.append(Run(f" https://doi.org/{pub.doi}"))
    merged = Rich()
    for run in rich:
        if not run.text:
            continue
        if merged and merged[-1].bold == run.bold:
            merged[-1] = Run(merged[-1].text + run.text, run.bold)
        else:
            merged.append(run)
    return merged


def _plain(value: Any, style: Style) -> Any:
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
        return [_plain(item, style) for item in value]
    if isinstance(value, BaseModel):
        if hasattr(value, "family"):
            return display_name(value)
        return {name: _plain(getattr(value, name), style) for name in type(value).model_fields}
    return value


def shape_entry(
    entry: Entry,
    style: Style,
    context: Context,
    authors_max: int | None = None,
    highlight: bool = True,
    max_words: int | None = None,
    max_chars: int | None = None,
) -> dict[str, Any]:
    shaped: dict[str, Any] = {
        name: _plain(getattr(entry, name), style) for name in type(entry).model_fields
    }
    for name in PROSE_FIELDS:
        if shaped.get(name) and (max_words or max_chars):
            shaped[name] = trim_words(shaped[name], max_words, max_chars)
    span = entry.span()
    ongoing = isinstance(entry, RangeEntry) and entry.start is not None and entry.end is None
    shaped["ongoing"] = ongoing
    shaped["year"] = span.start.year if span else ""
    shaped["dates"] = ""
    if isinstance(entry, RangeEntry):
        shaped["dates"] = format_range(
            entry.start, entry.end, ongoing, style.date_format, style.language
        )
    elif span is not None:
        shaped["dates"] = format_range(
            span.start, span.end, False, style.date_format, style.language
        )
    if isinstance(entry, Publication):
        names = [display_name(a) for a in (entry.authors or entry.editors)]
        shown = shorten_authors(names, style.keys, authors_max, style.labels["et_al"])
        rich = authors_rich(shown, style, highlight)
        shaped["authors_rich"] = rich
        shaped["authors_text"] = str(rich)
        shaped["citation_rich"] = citation_rich(entry, shown, style, highlight)
        shaped["citation"] = str(shaped["citation_rich"])
        shaped["author_position"] = author_position(entry, context) or ""
        shaped["citations"] = entry.citation_count if entry.citation_count is not None else ""
        shaped["venue_text"] = _venue_text(entry)
    role = shaped.get("role")
    if isinstance(role, str) and f"role_{role}" in style.labels:
        shaped["role_label"] = style.labels[f"role_{role}"]
    return shaped


def person_context(cv: CV, style: Style) -> dict[str, Any]:
    person = {
        name: _plain(getattr(cv.person, name), style) for name in type(cv.person).model_fields
    }
    person["full_name"] = cv.person.full_name
    # A birth date is printed whole, whatever precision the profile uses for other dates.
    birth_format = "dd/mm/yyyy" if style.date_format == "dd/mm/yyyy" else "day"
    person["birth_date"] = format_date(cv.person.birth_date, birth_format, style.language)
    parts = [
        cv.person.affiliation,
        cv.person.address,
        cv.person.email,
        cv.person.phone,
        f"ORCID {cv.person.orcid}" if cv.person.orcid else None,
    ]
    person["contact"] = " · ".join(part for part in parts if part)
    return person


def build_context(
    cv: CV, profile: Profile, selection: Selection, members: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    """The whole template context of DESIGN.md "What templates see". ``members`` maps entry
    ids to the people of a group they belong to (shown as each entry's ``members``)."""
    members = members or {}
    people = list(dict.fromkeys(name for names in members.values() for name in names))
    labels = labels_for(profile.language, profile.labels)
    for name, section in selection.sections.items():
        if section.rule.label:
            labels[name] = section.rule.label
        elif name not in labels:  # a named list drawn with `from:`
            labels[name] = name.replace("_", " ").capitalize()
    keys = tuple(person_keys(cv.person.name, cv.person.name_variants))
    style = Style(profile.language, profile.date_format, labels, keys)
    context_rules = Context(keys, selection.as_of)
    result: dict[str, Any] = {
        "person": person_context(cv, style),
        "bio": "",
        "bio_paragraphs": [],
        "supervision_summary": "",
        "members": people,
    }
    for name in (*LIST_SECTIONS, *TEXT_LIST_SECTIONS):
        result[name] = []
    counts: dict[str, dict[str, int]] = {name: {"shown": 0, "total": 0} for name in KNOWN_SECTIONS}
    for name, section in selection.sections.items():
        rule = section.rule
        counts[name] = {"shown": section.kept_count, "total": section.total}
        if section.source == "bio":
            text = selection.bio or ""
            result["bio"] = text
            result["bio_paragraphs"] = [p.strip() for p in text.split("\n\n") if p.strip()]
            counts[name]["shown"] = int(bool(text))
        elif section.source in TEXT_LIST_SECTIONS:
            result[name] = list(section.texts)
        else:
            authors = rule.authors
            result[name] = [
                shape_entry(
                    entry,
                    style,
                    context_rules,
                    authors.max if authors else None,
                    authors.highlight if authors else True,
                    rule.max_words,
                    rule.max_chars,
                )
                for entry in section.entries
            ]
            for entry, shaped in zip(section.entries, result[name], strict=True):
                shaped["members"] = "; ".join(members.get(entry.id or "", []))
            if section.source == "supervision" and cv.supervision and cv.supervision.summary:
                result["supervision_summary"] = cv.supervision.summary
    as_of = PartialDate(selection.as_of.year, selection.as_of.month, selection.as_of.day)
    period = ""
    if selection.period:
        first, last = selection.period
        period = str(first) if first == last else f"{first}..{last}"
    result["profile"] = {
        "name": profile.name or "",
        "description": profile.description or "",
        "language": profile.language,
        "as_of": format_date(as_of, "day", profile.language),
        "period": period,
    }
    result["counts"] = counts
    result["labels"] = labels
    return result
