"""CSL-JSON (Zotero's and Mendeley's JSON export, citeproc and pandoc input, doi.org content
negotiation) -> publications.

CSL allows a date in five forms (``date-parts`` with numbers or strings, ``raw``, ``literal``,
an EDTF string, a range of two parts); Crossref adds its own keys (``is-referenced-by-count``
with its ``indexed`` date, ``posted-content``, JATS abstracts). Names carry their particles
separately (``non-dropping-particle: "van der"``) or are ``literal`` (a corporate author).
"""

from __future__ import annotations

import re
from typing import Any

from assembler.importers.jsonload import items, load_json, mapping, mappings, scalar
from assembler.importers.records import (
    Incoming,
    author_form,
    bare_doi,
    clean,
    compact,
    html_text,
    page_range,
)
from assembler.problems import Problem, ProblemsError

_TYPES = {
    "article-journal": "journal",
    "article-magazine": "journal",
    "article-newspaper": "other",
    "review": "journal",
    "paper-conference": "conference",
    "chapter": "chapter",
    "entry-encyclopedia": "chapter",
    "entry-dictionary": "chapter",
    "book": "book",
    "monograph": "book",
    "edited-book": "book",
    "thesis": "thesis",
    "dissertation": "thesis",
    "dataset": "dataset",
    "software": "software",
    "article": "preprint",  # Zotero writes its "Preprint" item type as CSL "article"
    "posted-content": "preprint",
    "preprint": "preprint",
    "journal-article": "journal",
    "proceedings-article": "conference",
    "book-chapter": "chapter",
}
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def _text(value: Any) -> str | None:
    """A CSL value as one line of text (Crossref gives some as lists)."""
    if isinstance(value, list):
        value = value[0] if value else None
    text = scalar(value)
    return html_text(text) or None if text is not None else None


def _name(person: Any) -> str | None:
    if not isinstance(person, dict):
        return clean(str(person)) or None
    if person.get("literal"):
        return clean(person["literal"])
    family = " ".join(
        filter(None, (clean(person.get("non-dropping-particle")), clean(person.get("family"))))
    )
    given = " ".join(
        filter(None, (clean(person.get("given")), clean(person.get("dropping-particle"))))
    )
    if not family:
        return clean(given) or None
    return author_form(family, given)


def _names(item: dict[str, Any], key: str) -> list[str]:
    return [name for name in map(_name, items(item.get(key))) if name]


def _part(value: Any) -> int | None:
    text = (scalar(value) or "").strip()
    return int(text) if text.isdigit() else None


def _from_parts(parts: list[Any]) -> str | None:
    numbers = [_part(value) for value in parts[:3]]
    if not numbers or numbers[0] is None:
        return None
    text = f"{numbers[0]:04d}"
    for number in numbers[1:]:
        if number is None or not 0 < number < 32:
            break
        text += f"-{number:02d}"
    return text


def read_date(value: Any) -> tuple[str | None, str | None]:
    """A CSL date as YYYY[-MM[-DD]], and what it could not hold (a range's end, a literal)."""
    if isinstance(value, str):
        value = {"raw": value}
    value = mapping(value)
    parts = items(value.get("date-parts"))
    if parts and items(parts[0]):
        start = _from_parts(parts[0])
        end = _from_parts(parts[1]) if len(parts) > 1 and items(parts[1]) else None
        return start, (f"dated {start}/{end}" if end and start and end != start else None)
    raw = scalar(value.get("raw")) or ""
    match = _DATE.match(raw)
    if match:
        found = "-".join(
            part if index == 0 else f"{int(part):02d}"
            for index, part in enumerate(match.groups())
            if part
        )
        rest = raw[match.end() :].strip()
        return found, (f"dated {raw}" if rest else None)
    literal = scalar(value.get("literal")) or raw
    return None, (clean(literal) or None)


def _type(item: dict[str, Any], venue: str | None) -> str:
    kind = (scalar(item.get("type")) or "").lower()
    ours = _TYPES.get(kind, "other")
    if ours == "conference" and venue and "workshop" in venue.lower():
        return "workshop"
    return ours


def _citations(item: dict[str, Any]) -> dict[str, Any] | None:
    count = item.get("is-referenced-by-count")
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        return None
    as_of, _ = read_date(item.get("indexed"))
    return compact({"count": count, "source": "Crossref", "as_of": as_of})


def _venue(item: dict[str, Any], kind: str) -> str | None:
    venue = _text(item.get("container-title")) or _text(item.get("container-title-short"))
    if venue or kind != "preprint":
        return venue
    institution = mappings(item.get("institution"))
    if institution:
        return _text(institution[0].get("name"))
    return _text(item.get("group-title")) or _text(item.get("publisher"))


def _numbers(item: dict[str, Any], kind: str) -> tuple[str | None, str | None]:
    """(issue, pages): CSL's ``number`` is an article number for journals, a report or
    project number otherwise."""
    issue = _text(item.get("issue"))
    pages = page_range(_text(item.get("page")))
    number = _text(item.get("number"))
    if number and kind == "journal" and not pages:
        pages = number
    elif number and not issue:
        issue = number
    return issue, pages


def item_to_incoming(item: dict[str, Any], source: str, key: str) -> Incoming:
    venue = _venue(item, _TYPES.get((scalar(item.get("type")) or "").lower(), "other"))
    kind = _type(item, venue)
    year, date_note = read_date(item.get("issued") or item.get("published"))
    issue, pages = _numbers(item, kind)
    notes = [
        _text(item.get("note")),
        f"Series: {_text(item.get('collection-title'))}" if item.get("collection-title") else None,
        f"Version {_text(item.get('version'))}" if item.get("version") else None,
        date_note,
    ]
    if kind in ("other", "thesis") and item.get("genre"):
        venue = venue or _text(item.get("genre"))
    fields: dict[str, Any] = {
        "type": kind,
        "authors": _names(item, "author"),
        "editors": _names(item, "editor"),
        "year": year,
        "title": _text(item.get("title")),
        "venue": venue,
        "volume": _text(item.get("volume")),
        "issue": issue,
        "pages": pages,
        "publisher": _text(item.get("publisher")),
        "doi": bare_doi(_text(item.get("DOI"))),
        "url": _text(item.get("URL")),
        "abstract": _text(item.get("abstract")),
        "note": "; ".join(note for note in notes if note) or None,
        "citations": _citations(item),
    }
    if fields["url"] and fields["doi"] and bare_doi(fields["url"]):
        fields["url"] = None  # the DOI's own link
    incoming = Incoming(compact(fields), source=f"{source} ({key})", key=key)
    if not incoming.title:
        incoming.problems.append("the item has no title")
    if not year and date_note:
        incoming.problems.append(f"no publication date ({date_note!r} kept in the note)")
    return incoming


def _items(data: Any, source: str) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in ("items", "citationItems"):
            if isinstance(data.get(key), list):
                return [item.get("itemData", item) for item in mappings(data[key])]
        if "type" in data or "title" in data:
            return [data]
    raise ProblemsError(
        [Problem("not CSL-JSON: expected a list of items", file=source, hint="Export as CSL JSON")],
        source,
    )


def parse_csl(text: str, source: str) -> list[Incoming]:
    data = load_json(text, source, "the CSL JSON export")
    records = []
    for index, item in enumerate(_items(data, source)):
        if isinstance(item, dict):
            item = item.get("itemData", item)
            item = mapping(item)
            key = scalar(item.get("id")) or str(index)
            records.append(item_to_incoming(item, source, key))
    return records
