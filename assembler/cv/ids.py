"""Stable ids for entries that have none.

An id is derived from the entry's content only (never from its position in the file), so adding
or reordering entries does not change the ids of the others and profiles can ``pin`` or
``exclude`` them. Two entries that derive the same id get ``-2``, ``-3`` in file order; such
entries deserve explicit ids, and ``assemble check`` prints the derived ones to copy in.

Each section's recipe is a function here; the section registry (``cv.sections``) says which
section uses which.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence

from assembler.cv.dates import PartialDate
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

_STOPWORDS = frozenset(
    {"a", "an", "the", "of", "on", "in", "for", "and", "to", "with", "from", "via", "by"}
    | {"at", "is", "are", "towards", "toward"}
    | {"der", "die", "das", "und", "ein", "eine", "zur", "zum"}
)
MAX_SLUG = 48


def _ascii_words(text: str) -> list[str]:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", ascii_text.lower())


def slugify(text: str, max_words: int | None = None) -> str:
    """Lowercase ASCII words joined by hyphens; empty for text without Latin letters or
    digits (callers that need an id whatever the script use ``content_slug``)."""
    words = _ascii_words(text)
    if max_words is not None:
        words = words[:max_words]
    return "-".join(words)[:MAX_SLUG].strip("-")


def _first_word(title: str) -> str:
    for word in _ascii_words(title):
        if word not in _STOPWORDS:
            return word
    return "untitled"


def _year(value: PartialDate | None) -> str:
    return str(value.year) if value is not None else ""


def _join(*parts: str) -> str:
    return "-".join(part for part in parts if part)


def publication_id(entry: Publication) -> str:
    names = entry.authors or entry.editors
    family = slugify(split_name(display_name(names[0]))[0]) if names else ""
    return _join(family, _year(entry.year), _first_word(entry.title)) or "publication"


def talk_id(entry: Talk) -> str:
    when = str(entry.date) if entry.date else ""
    prefix = "lecture" if entry.kind == "lecture" else "talk"
    return _join(prefix, when or slugify(entry.title, 4))


def project_id(entry: Project) -> str:
    return slugify(entry.acronym or entry.title or "", 5) or "project"


def teaching_id(entry: Teaching) -> str:
    return _join("teach", slugify(entry.term or _year(entry.start)), slugify(entry.course, 3))


def position_id(entry: Position | Service) -> str:
    what = slugify(entry.role or entry.organization or "", 4)
    return _join(what, _year(entry.start)) or "position"


def education_id(entry: Education) -> str:
    what = slugify(entry.degree or entry.institution or "", 4)
    return _join(what, _year(entry.end or entry.start)) or "education"


def award_id(entry: Award) -> str:
    return _join(slugify(entry.name, 4), _year(entry.year)) or "award"


def patent_id(entry: Patent) -> str:
    return _join("patent", slugify(entry.title, 4))


def metric_id(entry: Metric) -> str:
    return _join(
        "metric",
        slugify(entry.source, 3),
        str(entry.as_of or ""),
        f"since-{entry.since}" if entry.since else "",
    )


def career_break_id(entry: CareerBreak) -> str:
    return _join("break", str(entry.start))


def supervisee_id(entry: Supervisee) -> str:
    return _join("supervision", slugify(entry.name, 3))


def assign_ids(
    sections: Mapping[str, Sequence[Entry]], recipe: Callable[[str, Entry], str]
) -> dict[tuple[str, int], str]:
    """Fill missing ids in place. Returns {(section, index): derived id} for reporting."""
    taken = {entry.id for entries in sections.values() for entry in entries if entry.id}
    derived: dict[tuple[str, int], str] = {}
    for section, entries in sections.items():
        for index, entry in enumerate(entries):
            if entry.id:
                continue
            candidate = base = recipe(section, entry) or section
            number = 1
            while candidate in taken:
                number += 1
                candidate = f"{base}-{number}"
            taken.add(candidate)
            entry.id = candidate
            derived[(section, index)] = candidate
    return derived
