"""OpenAlex work records (one work, or a list response) -> publications.

Both shapes the API has had are read: today's ``primary_location.source`` and the pre-2023
``host_venue`` (whose ``alternate_host_venues`` are other copies of the same work, not other
works), with the Crossref type names of that time. OpenAlex gives the abstract only as an
inverted index (word -> positions), names authors in display form ("Ada Lovelace‐Example",
with a Unicode hyphen) and writes sub- and superscripts in titles as HTML; all are turned into
what a CV prints. The publication date is kept to the day, and the citation count keeps its
source and date, so a later import keeps the newest count (see ``importers.merge``).
"""

from __future__ import annotations

import re
from typing import Any

from assembler.cv.names import split_name
from assembler.importers.jsonload import load_json
from assembler.importers.records import (
    Incoming,
    author_form,
    bare_doi,
    clean,
    compact,
    html_text,
)
from assembler.problems import Problem, ProblemsError

# OpenAlex work types (and the Crossref names of the 2022 shape) -> ours; "article" depends on
# where it appeared (see _type).
_TYPES = {
    "book-chapter": "chapter",
    "book": "book",
    "monograph": "book",
    "edited-book": "book",
    "reference-book": "book",
    "dataset": "dataset",
    "dissertation": "thesis",
    "preprint": "preprint",
    "posted-content": "preprint",
    "software": "software",
    "proceedings-article": "conference",
    "journal-article": "journal",
    "report": "other",
}
# Not publications of their own: corrections and retraction notices of another work.
_NOT_WORKS = {"erratum", "retraction", "paratext", "peer-review"}


def rebuild_abstract(index: dict[str, list[int]] | None) -> str | None:
    """The abstract's text from OpenAlex's inverted index."""
    if not index:
        return None
    positions = {position: word for word, spots in index.items() for position in spots}
    return " ".join(positions[i] for i in sorted(positions)) or None


def _source(work: dict[str, Any]) -> dict[str, Any]:
    """The venue record: today's primary_location.source, or the 2022 host_venue."""
    location = work.get("primary_location") or {}
    source = location.get("source") or {}
    if source:
        return dict(source)
    venue = work.get("host_venue") or {}
    return {
        "display_name": venue.get("display_name"),
        "type": venue.get("type"),
        "host_organization_name": venue.get("publisher"),
    }


def _type(work: dict[str, Any]) -> str:
    kind = str(work.get("type") or "").lower()
    if kind in _TYPES:
        return _TYPES[kind]
    source_type = str(_source(work).get("type") or "").lower()
    if source_type == "repository":
        return "preprint"
    if source_type == "conference":
        return "conference"
    if kind in ("article", "review", "letter", "editorial"):
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


def _date(work: dict[str, Any]) -> str | None:
    date = str(work.get("publication_date") or "")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return date
    year = work.get("publication_year")
    return str(year) if year else None


def _url(work: dict[str, Any], doi: str | None) -> str | None:
    """Where to read it: the open-access copy, or (without a DOI) the landing page."""
    access = work.get("open_access") or {}
    location = work.get("primary_location") or {}
    venue = work.get("host_venue") or {}
    candidates = [
        None if doi else location.get("landing_page_url"),
        access.get("oa_url") if access.get("is_oa") else None,
        None if doi else venue.get("url"),
    ]
    for url in candidates:
        if url and not bare_doi(url):
            return str(url)
    return None


def work_to_incoming(work: dict[str, Any], source: str) -> Incoming:
    source_record = _source(work)
    location = work.get("primary_location") or {}
    venue = source_record.get("display_name") or location.get("raw_source_name")
    biblio = work.get("biblio") or {}
    access = work.get("open_access") or {}
    doi = bare_doi(work.get("doi"))
    fields: dict[str, Any] = {
        "type": _type(work),
        "authors": [_author(a) for a in work.get("authorships") or []],
        "year": _date(work),
        "title": html_text(work.get("title") or work.get("display_name")),
        "venue": clean(venue) or None,
        "volume": biblio.get("volume"),
        "issue": biblio.get("issue"),
        "pages": _pages(biblio),
        "publisher": clean(source_record.get("host_organization_name")) or None,
        "doi": doi,
        "url": _url(work, doi),
        "open_access": access.get("is_oa"),
        "abstract": rebuild_abstract(work.get("abstract_inverted_index")),
    }
    if work.get("cited_by_count") is not None:
        fields["citations"] = compact(
            {
                "count": int(work["cited_by_count"]),
                "source": "openalex",
                "as_of": str(work.get("updated_date") or "")[:10] or None,
            }
        )
    key = str(work.get("id") or "work").rsplit("/", 1)[-1]
    incoming = Incoming(compact(fields), source=f"{source} ({key})", key=key)
    if not incoming.title:
        incoming.problems.append("the record has no title")
    return incoming


def _works(data: Any, source: str) -> list[Any]:
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        return list(data["results"])
    if isinstance(data, dict) and ("title" in data or "display_name" in data):
        return [data]
    if isinstance(data, list):
        return data
    raise ProblemsError(
        [
            Problem(
                'neither an OpenAlex work nor a list response ({"meta": ..., "results": [...]})',
                file=source,
            )
        ],
        source,
    )


def parse_openalex(text: str, source: str) -> list[Incoming]:
    """Every work of the response; corrections (errata) are left out with a warning."""
    data = load_json(text, source, "the OpenAlex API response")
    records = []
    for work in _works(data, source):
        if not isinstance(work, dict):
            continue
        if str(work.get("type") or "").lower() in _NOT_WORKS:
            record = Incoming({}, source=f"{source} ({work.get('id')})")
            record.problems.append(
                f"an {work.get('type')} (a correction of another work) is not a publication "
                "of its own: left out"
            )
            records.append(record)
            continue
        records.append(work_to_incoming(work, source))
    return records
