"""The ORCID public record's works (API v3.0, JSON or XML) -> publications.

Two responses are read: ``/works`` (groups of work summaries: one work as several sources
claimed it) and the bulk ``/works/{put-codes}`` (full works, with contributors, and an error
element for a put-code that is gone). XML is turned into the JSON's shape first, so one reader
serves both: ORCID's JSON wraps some leaves in ``{"value": ...}`` and not others, and a list
of one is a single element in XML, so every access goes through ``_value`` and ``_items``.
Summaries carry no authors: such a work gets the person as its author and a note saying the
list is not in the record, so it is neither lost nor given invented co-authors.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from typing import Any

from assembler.cv.names import split_name
from assembler.importers.jsonload import MAX_DEPTH, load_json, mapping, scalar
from assembler.importers.records import Incoming, author_form, bare_doi, clean, compact, html_text
from assembler.problems import Problem, ProblemsError

_TYPES = {
    "journal-article": "journal",
    "magazine-article": "journal",
    "review": "journal",
    "preprint": "preprint",
    "working-paper": "preprint",
    "conference-paper": "conference",
    "conference-abstract": "conference",
    "conference-poster": "conference",
    "book-chapter": "chapter",
    "encyclopedia-entry": "chapter",
    "book": "book",
    "edited-book": "book",
    "data-set": "dataset",
    "software": "software",
    "dissertation-thesis": "thesis",
    "dissertation": "thesis",
}
NO_AUTHORS = "author list not in the ORCID record"


def _value(node: Any) -> str:
    """A leaf as text, wrapped (``{"value": x}``) or not; "" for anything else."""
    if isinstance(node, dict):
        node = node.get("value")
    return scalar(node) or ""


def _items(node: Any) -> list[Any]:
    if node is None:
        return []
    return node if isinstance(node, list) else [node]


def _child(node: Any, *path: str) -> Any:
    for name in path:
        if not isinstance(node, dict):
            return None
        node = node.get(name)
    return node


# -- XML ----------------------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _element(element: ElementTree.Element, depth: int = 0) -> Any:
    """An element as ORCID's JSON has it: leaves as text, attributes as keys, repeated
    children as lists."""
    if depth > MAX_DEPTH:
        raise ValueError("nested too deep")
    children = list(element)
    if not children and not element.attrib:
        return (element.text or "").strip() or None
    result: dict[str, Any] = {_local(k): v for k, v in element.attrib.items()}
    if not children:
        result["value"] = (element.text or "").strip() or None
    for child in children:
        name, value = _local(child.tag), _element(child, depth + 1)
        if name in result:
            result[name] = [*_items(result[name]), value]
        else:
            result[name] = value
    return result


def _xml(text: str, source: str) -> dict[str, Any]:
    if "<!DOCTYPE" in text[:2000] or "<!ENTITY" in text:
        raise ProblemsError(
            [Problem("XML with a DOCTYPE or entities is not an ORCID response", file=source)],
            source,
        )
    try:
        root = ElementTree.fromstring(text)
        data = _element(root)
    except ElementTree.ParseError as exc:
        line, column = exc.position
        raise ProblemsError(
            [Problem(f"not valid XML: {exc}", file=source, line=line, column=column + 1)], source
        ) from None
    except ValueError:
        raise ProblemsError([Problem("XML nested too deep", file=source)], source) from None
    return {_local(root.tag): data}


# -- works --------------------------------------------------------------------------------------


def _date(work: dict[str, Any]) -> str | None:
    date = mapping(work.get("publication-date"))
    year = _value(date.get("year"))
    if not re.fullmatch(r"\d{4}", year):
        return None
    text = year
    for part in ("month", "day"):
        number = _value(date.get(part))
        if not number.isdigit():
            break
        text += f"-{int(number):02d}"
    return text


def _ids(work: dict[str, Any]) -> dict[str, str]:
    """The work's own identifiers (relationship ``self``); a preprint's arXiv id too."""
    found: dict[str, str] = {}
    for item in _items(_child(work, "external-ids", "external-id")):
        if not isinstance(item, dict):
            continue
        kind = _value(item.get("external-id-type")).lower()
        relation = _value(item.get("external-id-relationship")).lower()
        if relation in ("self", "") or (kind == "arxiv" and relation == "self"):
            found.setdefault(kind, _value(item.get("external-id-value")))
        if relation == "version-of" and kind == "arxiv":
            found.setdefault("arxiv-version", _value(item.get("external-id-value")))
    return found


def _authors(work: dict[str, Any], person: str) -> tuple[list[str], bool]:
    """The contributors in our form, or (the person, True) when the record has none."""
    names = []
    for contributor in _items(_child(work, "contributors", "contributor")):
        if not isinstance(contributor, dict):
            continue
        role = _value(_child(contributor, "contributor-attributes", "contributor-role"))
        name = clean(_value(contributor.get("credit-name")))
        if name and role.lower() in ("", "author", "none"):
            family, given = split_name(name.rstrip("."))
            names.append(author_form(family, given))
    if names or not person:
        return names, not names
    family, given = split_name(person)
    return [author_form(family, given)], True


def work_to_incoming(work: dict[str, Any], source: str, key: str, person: str) -> Incoming:
    ids = _ids(work)
    kind = _TYPES.get(_value(work.get("type")).lower(), "other")
    venue = html_text(_value(work.get("journal-title"))) or None
    if kind == "conference" and venue and "workshop" in venue.lower():
        kind = "workshop"
    title = html_text(_value(_child(work, "title", "title")))
    subtitle = html_text(_value(_child(work, "title", "subtitle")))
    translated = html_text(_value(_child(work, "title", "translated-title")))
    authors, unknown = _authors(work, person)
    notes = [
        NO_AUTHORS if unknown else None,
        f"English title: {translated}" if translated else None,
    ]
    doi = bare_doi(ids.get("doi"))
    url = _value(work.get("url")) or None
    if not url and ids.get("arxiv"):
        url = f"https://arxiv.org/abs/{ids['arxiv']}"
    fields: dict[str, Any] = {
        "type": kind,
        "authors": authors,
        "year": _date(work),
        "title": f"{title}: {subtitle}" if title and subtitle else title,
        "venue": venue if kind not in ("thesis", "book", "dataset", "software") else None,
        "publisher": venue if kind == "thesis" else None,
        "doi": doi,
        "url": None if url and bare_doi(url) else url,
        "abstract": html_text(_value(work.get("short-description"))) or None,
        "note": "; ".join(note for note in notes if note) or None,
    }
    incoming = Incoming(compact(fields), source=f"{source} (put-code {key})", key=key)
    if not incoming.title:
        incoming.problems.append("the work has no title")
    return incoming


def _merged(works: list[dict[str, Any]]) -> dict[str, Any]:
    """One work from the copies several sources claimed: the first, gaps filled."""
    result = dict(works[0])
    for work in works[1:]:
        for name, value in work.items():
            if not result.get(name) and value:
                result[name] = value
    return result


def _key(works: list[dict[str, Any]]) -> str:
    return "/".join(_value(work.get("put-code")) for work in works)


def _bulk(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The bulk response's items as JSON has them (``[{"work": ...}, {"error": ...}]``); XML
    gives ``{"work": [...], "error": ...}``."""
    bulk = data.get("bulk")
    if isinstance(bulk, dict):
        return [
            {name: item}
            for name in ("work", "error")
            for item in _items(bulk.get(name))
            if isinstance(item, dict)
        ]
    return [item for item in _items(bulk) if isinstance(item, dict)]


def _groups(data: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """Works that are one work: a /works group, or bulk works sharing a DOI."""
    root = mapping(data.get("works", data))
    if "group" in root:
        return [
            [summary for summary in _items(group.get("work-summary")) if isinstance(summary, dict)]
            for group in _items(root.get("group"))
            if isinstance(group, dict)
        ]
    by_doi: dict[str, list[dict[str, Any]]] = {}
    groups: list[list[dict[str, Any]]] = []
    for item in _bulk(data):
        work = item.get("work")
        if not isinstance(work, dict):
            continue
        doi = (bare_doi(_ids(work).get("doi")) or "").casefold()
        if doi and doi in by_doi:
            by_doi[doi].append(work)
            continue
        groups.append([work])
        if doi:
            by_doi[doi] = groups[-1]
    return groups


def _errors(data: dict[str, Any], source: str) -> list[Incoming]:
    found = []
    for item in _bulk(data):
        error = item.get("error")
        if isinstance(error, dict):
            message = _value(error.get("developer-message")) or _value(error.get("user-message"))
            code = re.search(r"id: (\d+)", message)
            record = Incoming({}, source=f"{source} (put-code {code[1] if code else '?'})")
            record.problems.append(
                f"ORCID answered {_value(error.get('response-code'))} for this work: "
                f"{_value(error.get('user-message')) or message}; the other works are imported"
            )
            found.append(record)
    return found


def parse_orcid(text: str, source: str, person: str = "") -> list[Incoming]:
    """The works of an ORCID /works or bulk response; ``person`` (the CV's name) stands in
    for an author list the record does not have."""
    stripped = text.lstrip()
    if stripped.startswith("<"):
        data = _xml(stripped, source)
    else:
        data = load_json(text, source, "the ORCID API response")
    if not isinstance(data, dict) or not ({"group", "bulk", "works"} & set(data)):
        raise ProblemsError(
            [
                Problem(
                    "not an ORCID works response (/works or /works/{put-codes}, v3.0)",
                    file=source,
                )
            ],
            source,
        )
    records = [
        work_to_incoming(_merged(works), source, _key(works), person)
        for works in _groups(data)
        if works
    ]
    return records + _errors(data, source)
