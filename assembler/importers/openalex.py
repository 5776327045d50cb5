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
from assembler.importers.jsonload import at, items, load_json, mapping, mappings, scalar
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


def rebuild_abstract(index: Any) -> str | None:
    """The abstract's text from OpenAlex's inverted index."""
    positions = {
        position: word
        for word, spots in mapping(index).items()
        for position in items(spots)
        if isinstance(position, int) and not isinstance(position, bool)
    }
    return " ".join(positions[i] for i in sorted(positions)) or None


def _source(work: dict[str, Any]) -> dict[str, Any]:
    """The venue record: today's primary_location.source, or the 2022 host_venue."""
    source = mapping(at(work, "primary_location", "source"))
    if source:
        return source
    venue = mapping(work.get("host_venue"))
    return {
        "display_name": venue.get("display_name"),
        "type": venue.get("type"),
        "host_organization_name": venue.get("publisher"),
    }


def _type(work: dict[str, Any]) -> str:
    kind = (scalar(work.get("type")) or "").lower()
    if kind in _TYPES:
        return _TYPES[kind]
    source_type = (scalar(_source(work).get("type")) or "").lower()
    if source_type == "repository":
        return "preprint"
    if source_type == "conference":
        return "conference"
    if kind in ("article", "review", "letter", "editorial"):
        return "journal"
    return "other"


def _pages(biblio: dict[str, Any]) -> str | None:
    first, last = scalar(biblio.get("first_page")), scalar(biblio.get("last_page"))
    if first and last and first != last:
        return f"{first}–{last}"
    return str(first or last) if (first or last) else None


def _author(authorship: dict[str, Any]) -> str:
    name = (
        scalar(at(authorship, "author", "display_name"))
        or scalar(authorship.get("raw_author_name"))
        or ""
    )
    family, given = split_name(clean(name).replace("\u2010", "-"))
    return author_form(family, given)


def _date(work: dict[str, Any]) -> str | None:
    date = scalar(work.get("publication_date")) or ""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return date
    year = scalar(work.get("publication_year"))
    return year if year and re.fullmatch(r"\d{4}", year) else None


def _url(work: dict[str, Any], doi: str | None) -> str | None:
    """Where to read it: the open-access copy, or (without a DOI) the landing page."""
    access = mapping(work.get("open_access"))
    candidates = [
        None if doi else at(work, "primary_location", "landing_page_url"),
        access.get("oa_url") if access.get("is_oa") is True else None,
        None if doi else at(work, "host_venue", "url"),
    ]
    for url in map(scalar, candidates):
        if url and not bare_doi(url):
            return url
    return None


def work_to_incoming(work: dict[str, Any], source: str) -> Incoming:
    source_record = _source(work)
    venue = scalar(source_record.get("display_name")) or scalar(
        at(work, "primary_location", "raw_source_name")
    )
    biblio = mapping(work.get("biblio"))
    access = mapping(work.get("open_access"))
    doi = bare_doi(scalar(work.get("doi")))
    count = work.get("cited_by_count")
    fields: dict[str, Any] = {
        "type": _type(work),
        "authors": [name for name in map(_author, mappings(work.get("authorships"))) if name],
        "year": _date(work),
        "title": html_text(scalar(work.get("title")) or scalar(work.get("display_name"))),
        "venue": clean(venue) or None,
        "volume": scalar(biblio.get("volume")),
        "issue": scalar(biblio.get("issue")),
        "pages": _pages(biblio),
        "publisher": clean(scalar(source_record.get("host_organization_name"))) or None,
        "doi": doi,
        "url": _url(work, doi),
        "open_access": access.get("is_oa") if isinstance(access.get("is_oa"), bool) else None,
        "abstract": rebuild_abstract(work.get("abstract_inverted_index")),
    }
    if isinstance(count, int) and not isinstance(count, bool) and count >= 0:
        as_of = (scalar(work.get("updated_date")) or "")[:10]
        fields["citations"] = compact(
            {
                "count": count,
                "source": "openalex",
                "as_of": as_of if re.fullmatch(r"\d{4}-\d{2}-\d{2}", as_of) else None,
            }
        )
    key = (scalar(work.get("id")) or "work").rsplit("/", 1)[-1]
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
        if (scalar(work.get("type")) or "").lower() in _NOT_WORKS:
            record = Incoming({}, source=f"{source} ({work.get('id')})")
            record.problems.append(
                f"an {work.get('type')} (a correction of another work) is not a publication "
                "of its own: left out"
            )
            records.append(record)
            continue
        records.append(work_to_incoming(work, source))
    return records
