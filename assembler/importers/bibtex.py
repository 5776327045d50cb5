"""BibTeX as Zotero, JabRef and Google Scholar export it -> publications.

bibtexparser v2 does the parsing (string macros, LaTeX accents, month macros, name splitting);
here we resolve ``crossref``, map entry types to ours, write names as CVs print them, and report
broken entries with their line while importing the rest.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from bibtexparser import middlewares
from bibtexparser.entrypoint import parse_string
from bibtexparser.model import Entry as BibEntry

from assembler.importers.records import Incoming, author_form, bare_doi, clean
from assembler.problems import Problem

_ARXIV = re.compile(r"arxiv|corr", re.IGNORECASE)
_OTHERS = {"others", "et al.", "et al"}


def _value(entry: BibEntry, key: str) -> str | None:
    field = entry.fields_dict.get(key) or entry.fields_dict.get(key.lower())
    if field is None:
        for name, candidate in entry.fields_dict.items():
            if name.lower() == key.lower():
                field = candidate
                break
    if field is None or isinstance(field.value, list):
        return None
    text = clean(str(field.value))
    return text or None


def _names(entry: BibEntry, key: str) -> tuple[list[str], bool]:
    """Names in our form, and whether the list ended in "and others"."""
    field = entry.fields_dict.get(key)
    if field is None or not isinstance(field.value, list):
        return [], False
    names, truncated = [], False
    for parts in field.value:
        family = " ".join([*parts.von, *parts.last])
        if family.strip().lower() in _OTHERS and not parts.first:
            truncated = True
            continue
        names.append(author_form(family, " ".join(parts.first)))
    return names, truncated


def _type(entry: BibEntry, venue: str | None) -> str:
    kind = entry.entry_type.lower()
    if kind == "article":
        journal = _value(entry, "journal") or ""
        return "preprint" if _ARXIV.search(journal) else "journal"
    if kind in ("inproceedings", "conference", "proceedings"):
        return "workshop" if venue and "workshop" in venue.lower() else "conference"
    if kind in ("incollection", "inbook"):
        return "chapter"
    if kind == "book":
        return "book"
    if kind in ("phdthesis", "mastersthesis", "thesis"):
        return "thesis"
    if kind == "software":
        return "software"
    if kind in ("dataset", "data"):
        return "dataset"
    is_eprint = _ARXIV.search(
        " ".join(
            filter(
                None,
                (
                    _value(entry, "archiveprefix"),
                    _value(entry, "eprinttype"),
                    _value(entry, "journal"),
                    _value(entry, "publisher"),
                    _value(entry, "howpublished"),
                ),
            )
        )
    )
    if kind in ("misc", "unpublished", "online", "preprint") and (
        is_eprint or _value(entry, "eprint") or kind == "preprint"
    ):
        return "preprint"
    return "other"


def _resolve_crossrefs(entries: list[BibEntry]) -> None:
    """Fields missing from an entry are taken from the entry its ``crossref`` names."""
    by_key = {entry.key.lower(): entry for entry in entries}
    for entry in entries:
        parent_key = _value(entry, "crossref")
        parent = by_key.get(parent_key.lower()) if parent_key else None
        if parent is None:
            continue
        for name, field in parent.fields_dict.items():
            # The parent's title is the book or proceedings the child appears in.
            target = "booktitle" if name == "title" else name
            if target not in entry.fields_dict:
                entry.set_field(type(field)(key=target, value=field.value))


def entry_to_incoming(entry: BibEntry, source: str) -> Incoming:
    venue = _value(entry, "journal") or _value(entry, "booktitle") or _value(entry, "howpublished")
    kind = _type(entry, venue)
    authors, truncated = _names(entry, "author")
    editors, _ = _names(entry, "editor")
    year = _value(entry, "year")
    month = _value(entry, "month")
    if year and month and month.isdigit() and re.fullmatch(r"\d{4}", year):
        year = f"{year}-{int(month):02d}"
    eprint = _value(entry, "eprint")
    url = _value(entry, "url")
    if kind == "preprint" and eprint and not url:
        url = f"https://arxiv.org/abs/{eprint}"
    pages = _value(entry, "pages")
    if kind == "preprint" and eprint and not pages and (not venue or _ARXIV.search(venue)):
        venue, pages = (
            venue or "arXiv",
            f"abs/{eprint}" if venue and "corr" in venue.lower() else eprint,
        )
    notes = []
    if truncated:
        notes.append("author list ends with 'and others' in the BibTeX source")
    fields: dict[str, Any] = {
        "type": kind,
        "authors": authors,
        "editors": editors if (kind in ("book", "chapter") or not authors) else [],
        "year": year,
        "title": _value(entry, "title"),
        "venue": venue if kind != "book" else _value(entry, "series"),
        "volume": _value(entry, "volume"),
        "issue": _value(entry, "number") or _value(entry, "issue"),
        "pages": pages.replace("--", "–") if pages else None,
        "publisher": _value(entry, "publisher")
        or _value(entry, "school")
        or _value(entry, "institution"),
        "doi": bare_doi(_value(entry, "doi")),
        "url": url,
        "note": "; ".join(notes) or None,
    }
    incoming = Incoming(
        {k: v for k, v in fields.items() if v not in (None, "", [])},
        source=f"{source}:{(entry.start_line or 0) + 1} (@{entry.entry_type}{{{entry.key})",
    )
    if not incoming.title:
        incoming.problems.append("the entry has no title")
    return incoming


def parse_bibtex(text: str, source: str) -> tuple[list[Incoming], list[Problem]]:
    """Every readable entry, and a located problem for each broken one (which is skipped)."""
    # bibtexparser logs each broken block itself; we report them, located, instead.
    logging.getLogger("bibtexparser").setLevel(logging.ERROR)
    library = parse_string(
        text,
        append_middleware=[
            middlewares.LatexDecodingMiddleware(),
            middlewares.MonthIntMiddleware(True),
            middlewares.SeparateCoAuthors(),
            middlewares.SplitNameParts(),
        ],
    )
    problems = [
        Problem(
            f"broken BibTeX entry skipped: {_first_line(block.error)}",
            file=source,
            line=(block.start_line or 0) + 1,
            severity="warning",
            hint="Fix the entry (braces, commas, `=`) and import again",
        )
        for block in library.failed_blocks
    ]
    entries = list(library.entries)
    _resolve_crossrefs(entries)
    referenced = {(_value(entry, "crossref") or "").lower() for entry in entries}
    results = []
    for entry in entries:
        if entry.key.lower() in referenced and entry.entry_type.lower() == "proceedings":
            continue  # a proceedings volume only there to be cross-referenced
        results.append(entry_to_incoming(entry, source))
    return results, problems


def _first_line(error: object) -> str:
    text = str(getattr(error, "abort_reason", None) or error or "").strip()
    return text.splitlines()[0].strip() if text else "the entry could not be read"
