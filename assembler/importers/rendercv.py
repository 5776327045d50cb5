"""A whole CV from RenderCV's YAML (``cv.sections`` of every entry type) -> our CV.

RenderCV's section titles are free ("Academic Positions", "Prizes"), so an entry's keys say
what it is: ``company``/``position`` a position, ``institution``/``area`` an education entry,
``title``/``authors`` a publication, ``label``/``details`` a skill (or a language, under a
title naming languages), ``bullet``/``number``/``reversed_number`` a line of text, ``name``
with dates a talk, grant, award or other entry as its section title says, and a plain string
a paragraph (the profile text). The person's name is bold or italic in author lists
(``**Ada Lovelace-Example**``): the markdown is removed. ``design``, ``locale`` and
``settings`` are RenderCV's own and left alone. The file is read with the CV's own YAML reader,
so values stay the text typed (``2009`` is a year, not a number).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from assembler.cv.names import split_name
from assembler.importers.latex import latex_to_text
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
from assembler.source.reader import parse_yaml

_MARKDOWN = re.compile(r"\*{1,3}([^*]+)\*{1,3}|_{1,2}([^_]+)_{1,2}")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")
_YEARS = re.compile(
    r"^\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*(?:[-–—]|to)\s*(\d{4}(?:-\d{2})?|present)?\s*$"
)
_TRAILING_YEAR = re.compile(r"^(.*?)[\s,(]*\b((?:19|20)\d{2})\)?\s*$")
_NETWORKS: dict[str, Callable[[str], str]] = {
    "orcid": lambda user: f"https://orcid.org/{user}",
    "github": lambda user: f"https://github.com/{user}",
    "gitlab": lambda user: f"https://gitlab.com/{user}",
    "linkedin": lambda user: f"https://www.linkedin.com/in/{user}",
    "google scholar": lambda user: f"https://scholar.google.com/citations?user={user}",
    "researchgate": lambda user: f"https://www.researchgate.net/profile/{user}",
    "x": lambda user: f"https://x.com/{user.lstrip('@')}",
    "twitter": lambda user: f"https://twitter.com/{user.lstrip('@')}",
    "bluesky": lambda user: f"https://bsky.app/profile/{user.lstrip('@')}",
    "stackoverflow": lambda user: f"https://stackoverflow.com/users/{user}",
    "youtube": lambda user: f"https://www.youtube.com/@{user.lstrip('@')}",
}


def plain(text: object) -> str:
    """Markdown as text: bold and italics unwrapped, ``[text](url)`` as its text."""
    value = _LINK.sub(r"\1", str(text or ""))
    value = _MARKDOWN.sub(lambda m: m[1] or m[2], value)
    return clean(value.replace("*", ""))


def _social(network: str, user: str) -> str | None:
    if network.lower() == "mastodon" and user.count("@") == 2:
        name, host = user.lstrip("@").split("@", 1)
        return f"https://{host}/@{name}"
    build = _NETWORKS.get(network.lower())
    return build(user) if build else None


def _person(cv: dict[str, Any]) -> dict[str, Any]:
    emails = cv.get("email")
    emails = emails if isinstance(emails, list) else [emails]
    links = []
    if cv.get("website"):
        links.append({"label": "Website", "url": clean(cv["website"])})
    orcid = None
    for item in cv.get("social_networks") or []:
        if not isinstance(item, dict):
            continue
        network, user = clean(item.get("network")), clean(item.get("username"))
        if network.lower() == "orcid":
            orcid = user
        url = _social(network, user)
        if url:
            links.append({"label": network, "url": url})
    return compact(
        {
            "name": plain(cv.get("name")),
            "orcid": orcid,
            "email": clean(emails[0]) if emails and emails[0] else None,
            "phone": clean(cv.get("phone")) or None,
            "address": clean(cv.get("location")) or None,
            "links": links,
        }
    )


def _span(entry: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    """(start, end, free text) from start_date/end_date or a free ``date``."""
    start, end = cv_date(entry.get("start_date")), cv_date(entry.get("end_date"))
    date = clean(entry.get("date"))
    if start or end or not date:
        return start, end, None
    if cv_date(date):
        return cv_date(date), cv_date(date), None
    years = _YEARS.match(date)
    if years:
        return cv_date(years[1]), cv_date(years[2]), None
    return None, None, date


def _description(entry: dict[str, Any], *extra: object) -> str | None:
    highlights = [plain(item) for item in entry.get("highlights") or []]
    return joined(*extra, plain(entry.get("summary")), *highlights)


def _position(entry: dict[str, Any]) -> dict[str, Any]:
    start, end, free = _span(entry)
    return compact(
        {
            "organization": plain(entry.get("company")),
            "role": plain(entry.get("position")),
            "start": start,
            "end": end,
            "location": plain(entry.get("location")) or None,
            "description": _description(entry, free),
        }
    )


def _education(entry: dict[str, Any]) -> dict[str, Any]:
    start, end, free = _span(entry)
    return compact(
        {
            "degree": plain(entry.get("degree")) or None,
            "field": plain(entry.get("area")) or None,
            "institution": plain(entry.get("institution")),
            "start": start,
            "end": end,
            "location": plain(entry.get("location")) or None,
            "description": _description(entry, free),
        }
    )


def _publication(entry: dict[str, Any], source: str, key: str) -> Incoming:
    authors = []
    for name in entry.get("authors") or []:
        family, given = split_name(plain(name))
        authors.append(author_form(family, given))
    url = clean(entry.get("url")) or None
    doi = bare_doi(clean(entry.get("doi"))) or bare_doi(url)
    title = latex_to_text(plain(entry.get("title")))
    venue = plain(entry.get("journal")) or None
    fields = compact(
        {
            "type": guess_type(title, venue),
            "authors": authors,
            "year": cv_date(entry.get("date")),
            "title": title,
            "venue": venue,
            "doi": doi,
            "url": None if url and bare_doi(url) else url,
            "note": plain(entry.get("summary")) or None,
        }
    )
    return Incoming(fields, source=f"{source} ({key})", key=key)


def _line(entry: Any) -> str:
    if isinstance(entry, dict):
        for name in ("bullet", "number", "reversed_number"):
            if entry.get(name):
                return plain(entry[name])
        return plain(joined(entry.get("label"), entry.get("details"), sep=": "))
    return plain(entry)


def _named(section: str, entry: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A NormalEntry (name, dates, summary) into the section its title names."""
    start, end, free = _span(entry)
    name = plain(entry.get("name"))
    title = section.lower()
    if re.search(r"award|prize|honou?r", title):
        return "awards", compact(
            {
                "name": name,
                "year": (start or "")[:4] or None,
                "description": _description(entry, free),
            }
        )
    if re.search(r"grant|project|fund", title):
        return "projects", compact(
            {"title": name, "start": start, "end": end, "description": _description(entry, free)}
        )
    if re.search(r"talk|presentation|lecture|keynote", title):
        return "talks", compact(
            {
                "title": name,
                "date": start,
                "location": plain(entry.get("location")) or None,
                "event": plain(entry.get("summary")) or None,
                "note": free,
            }
        )
    return "service", compact(
        {"role": name, "start": start, "end": end, "description": _description(entry, free)}
    )


def _text_entry(section: str, text: str) -> tuple[str, dict[str, Any] | str]:
    """A line of text (BulletEntry, NumberedEntry, ...) into the section its title names."""
    title = section.lower()
    if re.search(r"award|prize|honou?r", title):
        match = _TRAILING_YEAR.match(text)
        if match and match[1]:
            return "awards", {"name": match[1].rstrip(" ,"), "year": match[2]}
        return "awards", {"name": text}
    if "teach" in title:
        return "teaching", {"course": text}
    if "language" in title:
        return "languages", text
    if "skill" in title or "technolog" in title:
        return "skills", text
    return "service", {"role": text}


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.migrated = Migrated()

    def add(self, section: str, entry: Any) -> None:
        self.migrated.sections.setdefault(section, []).append(entry)

    def entry(self, section: str, index: int, entry: Any) -> None:
        """One entry of a section, put where its keys say."""
        if isinstance(entry, str):
            self.migrated.bio = joined(self.migrated.bio, plain(entry), sep="\n\n")
            return
        if not isinstance(entry, dict):
            return
        if "company" in entry or "position" in entry:
            self.add("positions", _position(entry))
        elif "institution" in entry:
            self.add("education", _education(entry))
        elif "authors" in entry or "journal" in entry or "doi" in entry:
            key = f"{section}[{index}]"
            self.migrated.publications.append(_publication(entry, self.source, key))
        elif "label" in entry and "language" in section.lower():
            self.add(
                "languages",
                _line({"label": entry.get("label"), "details": None})
                + (f" ({plain(entry['details'])})" if entry.get("details") else ""),
            )
        elif "label" in entry:
            label = plain(entry.get("label"))
            target = "languages" if label.lower() == "languages" else "skills"
            if target == "languages":
                for item in str(entry.get("details") or "").split(","):
                    if item.strip():
                        self.add("languages", plain(item))
            else:
                self.add("skills", _line(entry))
        elif "name" in entry:
            self.add(*_named(section, entry))
        else:
            self.add(*_text_entry(section, _line(entry)))


def parse_rendercv(text: str, source: str) -> Migrated:
    data = parse_yaml(text, source).data
    cv = data.get("cv") if isinstance(data, dict) else None
    if not isinstance(cv, dict) or not cv.get("name"):
        raise ProblemsError(
            [
                Problem(
                    "not a RenderCV file: cv.name is missing",
                    file=source,
                    hint="A RenderCV file starts with `cv:` and `name:`",
                )
            ],
            source,
        )
    reader = _Reader(source)
    reader.migrated.person = _person(cv)
    sections = cv.get("sections") or {}
    for title, entries in sections.items() if isinstance(sections, dict) else []:
        for index, entry in enumerate(entries or []):
            reader.entry(str(title), index, entry)
    for name in ("photo", "custom_connections"):
        if cv.get(name):
            reader.migrated.notes.append(f"cv.{name} has no place in the CV and was left out")
    return reader.migrated
