"""What every importer produces: publication fields in the CV's own form, with provenance."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

# The order keys take in a new entry, as in the example CV.
FIELD_ORDER = (
    "id",
    "type",
    "authors",
    "editors",
    "year",
    "title",
    "venue",
    "volume",
    "issue",
    "pages",
    "publisher",
    "doi",
    "url",
    "links",
    "open_access",
    "citations",
    "abstract",
    "note",
)
_HYPHENS = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013"), "-")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


@dataclass
class Incoming:
    """One publication read from an import source."""

    fields: dict[str, Any]
    source: str  # "file:line" or the record id, for messages
    raw: str = ""  # the text it came from, kept in a note when a field could not be read
    problems: list[str] = field(default_factory=list)
    key: str = ""  # the record's own id in its source (citation key, OpenAlex id, ...)

    @property
    def title(self) -> str:
        return str(self.fields.get("title", ""))


def clean(text: str | None) -> str:
    """One line of text: NFC, single spaces, no stray braces or markup."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", str(text))
    text = text.replace("{", "").replace("}", "")
    return " ".join(text.split())


def initials(given: str) -> str:
    """'Klaus-Robert' -> 'K-R', 'Sebastian Maria' -> 'S M', 'A.-K.' -> 'A-K'."""
    given = given.translate(_HYPHENS).replace(".-", "-")
    parts = []
    for word in given.replace(".", " ").split():
        pieces = [piece for piece in word.split("-") if piece]
        parts.append("-".join(piece[0].upper() for piece in pieces))
    return " ".join(parts)


def _cjk(text: str) -> bool:
    return bool(text) and all(_CJK.match(char) for char in text if not char.isspace())


def author_form(family: str, given: str = "") -> str:
    """Our author form: 'Müller K-R' (family name, then initials), as the CVs print names.
    Chinese, Japanese and Korean names stay whole, family name first, without a space
    ('王芳'): their given names have no initials."""
    family = clean(family).translate(_HYPHENS)
    if _cjk(family) and _cjk(given):
        return family + clean(given).replace(" ", "")
    letters = initials(clean(given))
    return f"{family} {letters}".strip()


def bare_doi(text: str | None) -> str | None:
    if not text or not isinstance(text, str):
        return None
    doi = _DOI_PREFIX.sub("", text.strip())
    return doi if doi.startswith("10.") else None


@dataclass
class Migrated:
    """A whole CV read from another CV tool: the person, entries of the other sections in the
    CV's own field names, and the publications (merged like any import)."""

    person: dict[str, Any] = field(default_factory=dict)
    bio: str | None = None
    sections: dict[str, list[Any]] = field(default_factory=dict)
    publications: list[Incoming] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was not carried over, and why


def compact(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields that have a value (None, "" and [] are left out)."""
    return {key: value for key, value in fields.items() if value not in (None, "", [], {})}


_SUB = dict(zip("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎", strict=True))
_SUP = dict(zip("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ", strict=True))
_SCRIPT_TAG = re.compile(r"<(sub|sup)>([^<]*)</\1>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_BLOCK_TAG = re.compile(r"</?(?:[\w-]+:)?(?:p|br|div|title|sec|li)\b[^>]*>", re.IGNORECASE)
_RANGE = re.compile(r"^\s*([^\s\-–—]+)\s*(?:-{1,3}|–|—)\s*([^\s\-–—]+)\s*$")


def html_text(text: object) -> str:
    """Rich text from JSON sources (OpenAlex, Crossref, Zotero) as text: ``ℒ<sub>2</sub>`` ->
    ``ℒ₂``, other tags (JATS too) dropped, entities decoded."""

    def script(match: re.Match[str]) -> str:
        table = _SUB if match[1].lower() == "sub" else _SUP
        body = match[2]
        return "".join(table[c] for c in body) if all(c in table for c in body) else body

    value = _SCRIPT_TAG.sub(script, str(text or ""))
    value = _BLOCK_TAG.sub(" ", value)  # paragraphs and titles of JATS abstracts
    return clean(html.unescape(_TAG.sub("", value)))


def page_range(text: object) -> str | None:
    """ "968-980", "968 - 980", "pp. 968--980" -> "968–980"; "123-+" (end unknown) -> "123";
    article numbers and single pages as given."""
    pages = clean(str(text or ""))
    if not pages:
        return None
    pages = re.sub(r"^p{1,2}\.\s*", "", pages)
    pages = re.sub(r"\s*[-–]+\s*\+$", "", pages)
    match = _RANGE.match(pages)
    return f"{match[1]}–{match[2]}" if match else pages


_CV_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def cv_date(value: object) -> str | None:
    """A date from another CV tool as the CV writes it (YYYY, YYYY-MM or YYYY-MM-DD), or
    None when it is not one ("present", "Summer 2019", "")."""
    match = _CV_DATE.match(clean(str(value or "")))
    if not match:
        return None
    parts = [match[1], *(f"{int(part):02d}" for part in match.groups()[1:] if part)]
    return "-".join(parts)


def joined(*parts: object, sep: str = "; ") -> str | None:
    """The parts that have text, joined (a description from a summary and highlights)."""
    texts = [text for text in (clean(str(p)) for p in parts if p not in (None, "", [])) if text]
    if not texts:
        return None
    result = texts[0]
    for text in texts[1:]:
        # "A sentence." and a next one need no "; " between them.
        result += (" " if sep == "; " and result[-1] in ".!?;:" else sep) + text
    return result


_JOURNAL_WORDS = re.compile(r"journal|transactions|letters|review|nature|science\b", re.I)
_PROCEEDINGS_WORDS = re.compile(
    r"proceedings|conference|symposium|\b(?:icml|neurips|nips|iclr|icdm|kdd|aistats|cvpr|"
    r"iccv|eccv|acl|emnlp|aaai|ijcai|uai)\b",
    re.I,
)


def guess_type(title: str, venue: str | None) -> str | None:
    """A publication's type from words, for CV tools that do not say it (JSON Resume,
    RenderCV): a thesis, a paper in proceedings, a journal article; None when the words say
    nothing (a later import from a database fills an empty type, where a guessed "other"
    would only be reported as a conflict)."""
    if "thesis" in title.lower() or "dissertation" in title.lower():
        return "thesis"
    if venue and "workshop" in venue.lower():
        return "workshop"
    if venue and _PROCEEDINGS_WORDS.search(venue):
        return "conference"
    if venue and _JOURNAL_WORDS.search(venue):
        return "journal"
    return None
