"""Stable ids for entries that have none.

An id is derived from the entry's content only (never from its position in the file), so adding
or reordering entries does not change the ids of the others and profiles can ``pin`` or
``exclude`` them. Two entries that derive the same id get ``-2``, ``-3`` in file order; such
entries deserve explicit ids, and ``assemble check`` prints the derived ones to copy in.
"""

from __future__ import annotations

import re
import unicodedata

from assembler.cv.model import (
    Award,
    CareerBreak,
    Education,
    Entry,
    Metric,
    Patent,
    Position,
    Project,
    Publication,
    Service,
    Supervisee,
    Talk,
    Teaching,
)
from assembler.cv.names import display_name, split_name

_STOPWORDS = {
    "a",
    "an",
    "the",
    "of",
    "on",
    "in",
    "for",
    "and",
    "to",
    "with",
    "from",
    "via",
    "by",
    "at",
    "is",
    "are",
    "towards",
    "toward",
    "der",
    "die",
    "das",
    "und",
    "ein",
    "eine",
    "zur",
    "zum",
}
MAX_SLUG = 48


def slugify(text: str, max_words: int | None = None) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    if max_words is not None:
        words = words[:max_words]
    return "-".join(words)[:MAX_SLUG].strip("-")


def _first_word(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    for word in re.findall(r"[a-z0-9]+", ascii_title.lower()):
        if word not in _STOPWORDS:
            return word
    return "untitled"


def _year(value: object) -> str:
    return str(value.year) if value is not None and hasattr(value, "year") else ""


def _join(*parts: str) -> str:
    return "-".join(part for part in parts if part)


def base_id(section: str, entry: Entry) -> str:
    """The readable part of a derived id, before collisions are numbered."""
    if isinstance(entry, Publication):
        names = entry.authors or entry.editors
        family = slugify(split_name(display_name(names[0]))[0]) if names else ""
        return _join(family, _year(entry.year), _first_word(entry.title)) or "publication"
    if isinstance(entry, Talk):
        when = str(entry.date) if entry.date else ""
        prefix = "lecture" if entry.kind == "lecture" else "talk"
        return _join(prefix, when or slugify(entry.title, 4))
    if isinstance(entry, Project):
        return slugify(entry.acronym or entry.title or "", 5) or "project"
    if isinstance(entry, Teaching):
        return _join("teach", slugify(entry.term or _year(entry.start)), slugify(entry.course, 3))
    if isinstance(entry, Position | Service):
        what = slugify(entry.role or entry.organization or "", 4)
        return _join(what, _year(entry.start)) or section
    if isinstance(entry, Education):
        return (
            _join(
                slugify(entry.degree or entry.institution or "", 4), _year(entry.end or entry.start)
            )
            or "education"
        )
    if isinstance(entry, Award):
        return _join(slugify(entry.name, 4), _year(entry.year)) or "award"
    if isinstance(entry, Patent):
        return _join("patent", slugify(entry.title, 4))
    if isinstance(entry, Metric):
        return _join(
            "metric",
            slugify(entry.source, 3),
            str(entry.as_of or ""),
            f"since-{entry.since}" if entry.since else "",
        )
    if isinstance(entry, CareerBreak):
        return _join("break", str(entry.start))
    if isinstance(entry, Supervisee):
        return _join("supervision", slugify(entry.name, 3))
    return section


def derive_ids(sections: dict[str, list[Entry]]) -> dict[tuple[str, int], str]:
    """Fill missing ids in place. Returns {(section, index): derived id} for reporting."""
    taken = {entry.id for entries in sections.values() for entry in entries if entry.id}
    derived: dict[tuple[str, int], str] = {}
    for section, entries in sections.items():
        for index, entry in enumerate(entries):
            if entry.id:
                continue
            base = base_id(section, entry) or section
            candidate, number = base, 1
            while candidate in taken:
                number += 1
                candidate = f"{base}-{number}"
            taken.add(candidate)
            entry.id = candidate
            derived[(section, index)] = candidate
    return derived
