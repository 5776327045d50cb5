"""A whole CV from JSON Resume (``resume.json``, schema 1.0 and the older keys) -> our CV.

basics -> person and bio; work -> positions; volunteer -> service; education -> education;
awards -> awards; publications -> publications (merged like any import; resume.json has no
author lists, so the person is the author and a note says the list was not there); skills and
languages -> their lists. Certificates, projects (software, not grants), interests and
references have no home in the CV: the report names them.
"""

from __future__ import annotations

from typing import Any

from assembler.cv.names import split_name
from assembler.importers.jsonload import items, load_json, mapping, mappings, scalar
from assembler.importers.records import (
    Incoming,
    Migrated,
    author_form,
    bare_doi,
    clean,
    compact,
    cv_date,
    guess_type,
    joined,
)
from assembler.problems import Problem, ProblemsError

NO_AUTHORS = "author list not in resume.json"
_NOT_CARRIED = ("certificates", "projects", "interests", "references")


def _text(value: Any) -> str | None:
    return clean(scalar(value)) or None


def _list(value: Any) -> list[dict[str, Any]]:
    return mappings(value)


def _texts(value: Any) -> list[str]:
    """The texts of a list (highlights, courses, keywords); other values are skipped."""
    return [text for text in map(_text, items(value)) if text]


def _person(basics: dict[str, Any]) -> dict[str, Any]:
    links = []
    site = _text(basics.get("url") or basics.get("website"))
    if site:
        links.append({"label": "Website", "url": site})
    orcid = None
    for profile in _list(basics.get("profiles")):
        url = _text(profile.get("url"))
        network = _text(profile.get("network")) or "Profile"
        if network.lower() == "orcid":
            orcid = _text(profile.get("username")) or (url or "").rsplit("/", 1)[-1] or None
        if url:
            links.append({"label": network, "url": url})
    location = mapping(basics.get("location"))
    city = joined(location.get("postalCode"), location.get("city"), sep=" ")
    address = joined(location.get("address"), city, location.get("countryCode"), sep=", ")
    return compact(
        {
            "name": _text(basics.get("name")),
            "orcid": orcid,
            "email": _text(basics.get("email")),
            "phone": _text(basics.get("phone")),
            "address": address,
            "links": links,
        }
    )


def _range(item: dict[str, Any], notes: list[str], what: str) -> dict[str, Any]:
    """start/end: no endDate means ongoing; an empty endDate is unknown, and said so."""
    end_text = scalar(item.get("endDate"))
    if end_text == "":
        notes.append(f"{what}: endDate is empty in resume.json, so it is written as ongoing")
    return {"start": cv_date(item.get("startDate")), "end": cv_date(end_text)}


def _positions(data: dict[str, Any], notes: list[str]) -> list[dict[str, Any]]:
    entries = []
    for item in _list(data.get("work")):
        organization = _text(item.get("name") or item.get("company"))
        role = _text(item.get("position"))
        entries.append(
            compact(
                {
                    "organization": organization,
                    "unit": _text(item.get("description")),
                    "role": role,
                    **_range(item, notes, f"work {organization}"),
                    "location": _text(item.get("location")),
                    "description": joined(
                        _text(item.get("summary")), *_texts(item.get("highlights"))
                    ),
                }
            )
        )
    return entries


def _service(data: dict[str, Any], notes: list[str]) -> list[dict[str, Any]]:
    return [
        compact(
            {
                "role": _text(item.get("position")),
                "organization": _text(item.get("organization")),
                **_range(item, notes, f"volunteer {item.get('organization')}"),
                "description": joined(_text(item.get("summary")), *_texts(item.get("highlights"))),
            }
        )
        for item in _list(data.get("volunteer"))
    ]


def _education(data: dict[str, Any], notes: list[str]) -> list[dict[str, Any]]:
    return [
        compact(
            {
                "degree": _text(item.get("studyType")),
                "field": _text(item.get("area")),
                "institution": _text(item.get("institution")),
                **_range(item, notes, f"education {item.get('institution')}"),
                "grade": _text(item.get("score") or item.get("gpa")),
                "description": joined(*_texts(item.get("courses"))),
            }
        )
        for item in _list(data.get("education"))
    ]


def _awards(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        compact(
            {
                "name": _text(item.get("title")),
                "year": (cv_date(item.get("date")) or "")[:4] or None,
                "description": joined(_text(item.get("awarder")), _text(item.get("summary"))),
            }
        )
        for item in _list(data.get("awards"))
    ]


def _publications(data: dict[str, Any], person: str, source: str) -> list[Incoming]:
    family, given = split_name(person)
    records = []
    for number, item in enumerate(_list(data.get("publications")), start=1):
        title = _text(item.get("name")) or ""
        venue = _text(item.get("publisher"))
        url = _text(item.get("url"))
        kind = guess_type(title, venue)
        if kind == "thesis":
            title = title.replace("(PhD thesis)", "").strip()
        fields = compact(
            {
                "type": kind,
                "authors": [author_form(family, given)] if person else [],
                "year": cv_date(item.get("releaseDate")),
                "title": title,
                "venue": venue if kind != "thesis" else None,
                "publisher": venue if kind == "thesis" else None,
                "doi": bare_doi(url),
                "url": None if bare_doi(url) else url,
                "note": joined(NO_AUTHORS, item.get("summary")),
            }
        )
        records.append(
            Incoming(fields, source=f"{source} (publications[{number - 1}])", key=str(number))
        )
    return records


def _skills(data: dict[str, Any]) -> list[str]:
    skills = []
    for item in _list(data.get("skills")):
        keywords = ", ".join(_texts(item.get("keywords")))
        text = joined(item.get("name"), keywords, sep=": ")
        if text:
            skills.append(text)
    return skills


def _languages(data: dict[str, Any]) -> list[str]:
    found = []
    for item in _list(data.get("languages")):
        language, fluency = _text(item.get("language")), _text(item.get("fluency"))
        if language:
            found.append(f"{language} ({fluency})" if fluency else language)
    return found


def parse_jsonresume(text: str, source: str) -> Migrated:
    data = load_json(text, source, "resume.json")
    basics = data.get("basics") if isinstance(data, dict) else None
    if not isinstance(basics, dict) or not _text(basics.get("name")):
        raise ProblemsError(
            [
                Problem(
                    "not a JSON Resume: basics.name is missing",
                    file=source,
                    hint='A resume.json starts with {"basics": {"name": ...}}',
                )
            ],
            source,
        )
    notes: list[str] = []
    person = _person(basics)
    migrated = Migrated(
        person=person,
        bio=_text(basics.get("summary")),
        sections={
            "positions": _positions(data, notes),
            "education": _education(data, notes),
            "awards": _awards(data),
            "service": _service(data, notes),
            "skills": _skills(data),
            "languages": _languages(data),
        },
        publications=_publications(data, str(person["name"]), source),
        notes=notes,
    )
    for name in _NOT_CARRIED:
        if data.get(name):
            migrated.notes.append(f"resume.json {name} have no place in the CV and were left out")
    return migrated
