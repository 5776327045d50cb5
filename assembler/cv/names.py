"""Author names as CVs print them, and recognising the CV's owner among them.

CV author lists write "Müller K-R", "Yolcu G Ü" or "Lapuschkin S" (family name, then initials);
reference managers write "Lapuschkin, Sebastian"; people write "Sebastian Lapuschkin". We reduce
each to (family name, first initial), compared without case or accents, which is what a reader
does when scanning a list for a name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

_INITIALS = re.compile(r"^[A-ZÀ-ÖØ-Þ]\.?(?:[-\u2010]?[A-ZÀ-ÖØ-Þ]\.?)*$")


def fold(text: str) -> str:
    """Lowercase without accents: 'Höhne' and 'Hohne' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return stripped.casefold().replace("ß", "ss")


@dataclass(frozen=True)
class NameKey:
    family: str
    initial: str


def _is_initials(token: str) -> bool:
    return bool(_INITIALS.match(token)) and len(token.replace(".", "").replace("-", "")) <= 3


def split_name(name: str) -> tuple[str, str]:
    """Return (family, given) for the written forms above; given may be initials or empty."""
    text = " ".join(name.replace("*", "").split())
    if "," in text:
        family, _, given = text.partition(",")
        return family.strip(), given.strip()
    tokens = text.split(" ")
    if len(tokens) == 1:
        return tokens[0], ""
    # "Müller K-R", "Yolcu G Ü", "Berzin T M": trailing initials follow the family name.
    trailing = 0
    while trailing < len(tokens) - 1 and _is_initials(tokens[-1 - trailing]):
        trailing += 1
    if trailing:
        return " ".join(tokens[:-trailing]), " ".join(tokens[-trailing:])
    # "Sebastian Lapuschkin", "Anna de Lange": the family name comes last (with particles).
    particles = {"van", "von", "de", "der", "den", "da", "di", "del", "le", "la", "du", "zu"}
    index = len(tokens) - 1
    while index > 1 and tokens[index - 1].lower() in particles:
        index -= 1
    return " ".join(tokens[index:]), " ".join(tokens[:index])


@lru_cache(maxsize=65536)
def _text_key(name: str) -> NameKey:
    family, given = split_name(name)
    return NameKey(fold(family).strip(), fold(given).replace(".", "").strip()[:1])


def name_key(name: str | object) -> NameKey:
    family = getattr(name, "family", None)
    if family is None:
        return _text_key(str(name))
    given = getattr(name, "given", "") or ""
    return NameKey(fold(family).strip(), fold(given).replace(".", "").strip()[:1])


@dataclass(frozen=True)
class OwnNames:
    """The forms of the person's own name, for finding them in author lists.

    Indexed by family name, so checking an author costs the same for one person as for a
    group of a thousand (whose "person" carries every member's names).
    """

    initials: Mapping[str, frozenset[str]]  # family -> initials; "" matches any initial

    def matches(self, author: str | object) -> bool:
        key = name_key(author)
        known = self.initials.get(key.family)
        if not known:
            return False
        return not key.initial or "" in known or key.initial in known

    def positions(self, authors: Iterable[str | object]) -> list[int]:
        return [index for index, author in enumerate(authors) if self.matches(author)]


def own_names(name: str, variants: Iterable[str]) -> OwnNames:
    """The person's name and its variants ("Lapuschkin S", "Bach S") as an ``OwnNames``."""
    found: dict[str, set[str]] = {}
    for candidate in [name, *variants]:
        key = name_key(candidate)
        if key.family:
            found.setdefault(key.family, set()).add(key.initial)
    return OwnNames({family: frozenset(initials) for family, initials in found.items()})


def display_name(author: str | object) -> str:
    """An author as text: structured names print as 'Family G', like the CV's own lists."""
    family = getattr(author, "family", None)
    if family is None:
        return str(author)
    given = getattr(author, "given", "") or ""
    initials = " ".join(part[0] for part in re.split(r"[\s.]+", given) if part)
    return f"{family} {initials}".strip()
