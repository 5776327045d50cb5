"""OpenAlex work records (one work, or a list response) -> publications.

OpenAlex gives the abstract only as an inverted index (word -> positions) and names authors in
display form ("Klaus‐Robert Müller", with a Unicode hyphen); both are turned into what a CV
prints. Citation counts keep their source and date, so a later import can refresh them.
"""

from __future__ import annotations

import json
from typing import Any

from assembler.cv.names import split_name
from assembler.importers.records import Incoming, author_form, bare_doi, clean
from assembler.problems import Problem, ProblemsError

# OpenAlex work types -> ours; "article" depends on where it appeared (see _type).
_TYPES = {
    "book-chapter": "chapter",
    "book": "book",
    "monograph": "book",
    "edited-book": "book",
    "dataset": "dataset",
    "dissertation": "thesis",
    "preprint": "preprint",
    "posted-content": "preprint",
    "software": "software",
}


def rebuild_abstract(index: dict[str, list[int]] | None) -> str | None:
    """The abstract's text from OpenAlex's inverted index."""
    if not index:
        return None
    positions = {position: word for word, spots in index.items() for position in spots}
    return " ".join(positions[i] for i in sorted(positions)) or None


def _type(work: dict[str, Any]) -> str:
    kind = str(work.get("type") or "").lower()
    if kind in _TYPES:
        return _TYPES[kind]
    source = (work.get("primary_location") or {}).get("source") or {}
    source_type = str(source.get("type") or "").lower()
    if source_type == "repository":
        return "preprint"
    if source_type == "conference":
        return "conference"
    if kind in ("article", "review", "letter", "editorial", "journal-article"):
        return "journal"
    return "other"


def _pages(biblio: dict[str, Any]) -> str | None:
    first, last = biblio.get("first_page"), biblio.get("last_page")
    if first and last and first != last:
        return f"{first}–{last}"
    return str(first or last) if (first or last) else None


def _author(authorship: dict[str, Any]) -> str:
    name = (
        (authorship.get("author") or {}).get("display_name")
        or authorship.get("raw_author_name")
        or ""
    )
    family, given = split_name(clean(name).replace("\u2010", "-"))
    return author_form(family, given)


def work_to_incoming(work: dict[str, Any], source: str) -> Incoming:
    location = work.get("primary_location") or {}
    venue = (location.get("source") or {}).get("display_name")
    biblio = work.get("biblio") or {}
    access = work.get("open_access") or {}
    fields: dict[str, Any] = {
        "type": _type(work),
        "authors": [_author(a) for a in work.get("authorships") or []],
        "year": str(work["publication_year"]) if work.get("publication_year") else None,
        "title": clean(work.get("title") or work.get("display_name")),
        "venue": clean(venue) or None,
        "volume": biblio.get("volume"),
        "issue": biblio.get("issue"),
        "pages": _pages(biblio),
        "doi": bare_doi(work.get("doi")),
        "url": access.get("oa_url") if access.get("is_oa") else None,
        "open_access": access.get("is_oa"),
        "abstract": rebuild_abstract(work.get("abstract_inverted_index")),
    }
    if work.get("cited_by_count") is not None:
        fields["citations"] = {
            "count": int(work["cited_by_count"]),
            "source": "openalex",
            "as_of": str(work.get("updated_date") or "")[:10] or None,
        }
    incoming = Incoming(
        {k: v for k, v in fields.items() if v not in (None, "", [])},
        source=f"{source} ({work.get('id', 'work')})",
    )
    if not incoming.title:
        incoming.problems.append("the record has no title")
    return incoming


def parse_openalex(text: str, source: str) -> list[Incoming]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProblemsError(
            [
                Problem(
                    f"not valid JSON: {exc.msg}",
                    file=source,
                    line=exc.lineno,
                    hint="Save the OpenAlex API response as it came",
                )
            ],
            source,
        ) from None
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        works = data["results"]
    elif isinstance(data, dict) and ("title" in data or "display_name" in data):
        works = [data]
    elif isinstance(data, list):
        works = data
    else:
        raise ProblemsError(
            [
                Problem(
                    "neither an OpenAlex work nor a list response "
                    '({"meta": ..., "results": [...]})',
                    file=source,
                )
            ],
            source,
        )
    return [work_to_incoming(work, source) for work in works if isinstance(work, dict)]
