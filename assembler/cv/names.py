"""Author names as CVs print them, and recognising the CV's owner among them.

CV author lists write "Müller K-R", "Yolcu G Ü" or "Lapuschkin S" (family name, then initials);
reference managers write "Lapuschkin, Sebastian"; people write "Sebastian Lapuschkin". We reduce
each to (family name, first initial), compared without case or accents, which is what a reader
does when scanning a list for a name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

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

    def matches(self, other: NameKey) -> bool:
        if self.family != other.family:
            return False
        return not self.initial or not other.initial or self.initial == other.initial


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


def name_key(name: str | object) -> NameKey:
    family = getattr(name, "family", None)
    if family is not None:
        given = getattr(name, "given", "") or ""
    else:
        family, given = split_name(str(name))
    given_letters = fold(given).replace(".", "").strip()
    return NameKey(fold(family).strip(), given_letters[:1])


def person_keys(name: str, variants: Iterable[str]) -> list[NameKey]:
    keys: list[NameKey] = []
    for candidate in [name, *variants]:
        key = name_key(candidate)
        if key.family and key not in keys:
            keys.append(key)
    return keys


def is_person(author: str | object, keys: list[NameKey]) -> bool:
    key = name_key(author)
    return any(key.matches(own) for own in keys)


def display_name(author: str | object) -> str:
    """An author as text: structured names print as 'Family G', like the CV's own lists."""
    family = getattr(author, "family", None)
    if family is None:
        return str(author)
    given = getattr(author, "given", "") or ""
    initials = " ".join(part[0] for part in re.split(r"[\s.]+", given) if part)
    return f"{family} {initials}".strip()
