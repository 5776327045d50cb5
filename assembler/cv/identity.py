"""What makes two publications the same work: the one definition every caller uses.

``check`` warns about duplicates with it, group reports list a shared paper once with it, and
imports and ``enrich`` match incoming records with it. Two records are the same work when

1. they carry the same DOI, else
2. the same arXiv identifier, else
3. the same title and year (a record without a year matches any year), titles compared by
   their letters and digits only: case, accents, spaces and punctuation do not count
   ("Semantic Lens" = "SemanticLens"), and letters of every script count (two different
   Russian titles stay different).

Whatever matched, two records whose DOIs differ are never the same work (a conference and a
journal version, two Zenodo versions, volumes 1 and 2), and neither are two with different
arXiv ids. Without DOIs (Google Scholar exports have none), a title match is not enough when
the records name different volumes, issues or first pages, or one is a journal article and the
other a paper in proceedings: those are volumes 1 and 2 of a book, a recurring column
("Editorial") in two issues, or the conference and the journal version.
A preprint is not the same work as its published version; ``preprint_of`` tells when one is
the other's preprint, so imports can link them instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

from assembler.cv.model import Publication

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_ARXIV_NEW = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\d.])")
_ARXIV_OLD = re.compile(r"\b([a-z][a-z.-]+/\d{7})(?:v\d+)?\b", re.IGNORECASE)
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.IGNORECASE)
# Below U+0530 lie the Latin, Greek and Cyrillic blocks, whose combining marks are accents;
# in other scripts (Devanagari, Thai, ...) the marks are letters' vowels and stay.
_ACCENTED_SCRIPTS_END = 0x0530
_NOT_ASCII_ALNUM = re.compile(r"[^A-Za-z0-9]+")

Matched = Literal["doi", "arxiv", "title"]


def normalise_doi(value: object) -> str:
    """``https://doi.org/10.1/X`` and ``doi:10.1/x`` are the DOI ``10.1/x`` (DOIs ignore case)."""
    if not value:
        return ""
    doi = _DOI_PREFIX.sub("", str(value).strip()).casefold()
    return doi if doi.startswith("10.") else ""


def title_key(title: object) -> str:
    """The letters and digits of a title, case- and accent-folded, of every script."""
    if not title:
        return ""
    text = str(title)
    if text.isascii():  # most titles: no accents to fold, the same result ten times faster
        return _NOT_ASCII_ALNUM.sub("", text).lower()
    decomposed = unicodedata.normalize("NFKD", text)
    kept: list[str] = []
    base = ""
    for char in decomposed:
        if unicodedata.category(char).startswith("M"):
            if base and ord(base) < _ACCENTED_SCRIPTS_END:
                continue  # an accent on a Latin, Greek or Cyrillic letter
            kept.append(char)
            continue
        base = char
        if char.isalnum():
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)).casefold().replace("ß", "ss")


def arxiv_in(*texts: object) -> str:
    """The arXiv identifier in any of the texts (an arxiv.org link, ``abs/2402.12118``,
    ``arXiv:2402.12118v2``, an arXiv DOI), without its version."""
    for text in texts:
        if not text:
            continue
        value = str(text)
        doi = _ARXIV_DOI.match(normalise_doi(value) or "")
        if doi:
            return doi[1].casefold()
        lowered = value.lower()
        if "arxiv" not in lowered and not lowered.startswith("abs/"):
            continue
        match = _ARXIV_NEW.search(value) or _ARXIV_OLD.search(value)
        if match:
            return match[1].casefold()
    return ""


@dataclass(frozen=True, slots=True)  # one per publication copy while a group merges
class WorkId:
    """The identifying facts of one publication record."""

    doi: str = ""
    arxiv: str = ""
    title: str = ""
    year: str = ""
    preprint: bool = False
    volume: str = ""
    venue_kind: str = ""  # "journal" or "proceedings" when the type says which
    issue: str = ""
    first_page: str = ""

    def conflicts(self, other: WorkId) -> bool:
        """Different DOIs or different arXiv ids: never the same work."""
        return bool(
            (self.doi and other.doi and self.doi != other.doi)
            or (self.arxiv and other.arxiv and self.arxiv != other.arxiv)
        )

    def same_work(self, other: WorkId) -> Matched | None:
        """How two records are the same work, or None."""
        if self.conflicts(other):
            return None
        if self.doi and self.doi == other.doi:
            return "doi"
        if self.arxiv and self.arxiv == other.arxiv:
            return "arxiv"
        if (
            self.title
            and self.title == other.title
            and (self.year == other.year or not self.year or not other.year)
            and self.preprint == other.preprint  # a preprint is not its published version
            and not _differ(self.volume, other.volume)
            and not _differ(self.venue_kind, other.venue_kind)
            and not _differ(self.issue, other.issue)
            and not _differ(self.first_page, other.first_page)
        ):
            return "title"
        return None


def _differ(first: str, second: str) -> bool:
    return bool(first and second and first != second)


_VENUE_KINDS = {"journal": "journal", "conference": "proceedings", "workshop": "proceedings"}


def _volume(value: object) -> str:
    return "".join(str(value or "").split()).casefold()


def _first_page(value: object) -> str:
    """The first page of "968–980" or "pp. 968-980": where in its issue a work starts."""
    match = re.search(r"[A-Za-z]*\d+", str(value or ""))
    return match[0].casefold() if match else ""


def preprint_of(preprint: WorkId, published: WorkId) -> bool:
    """Is ``preprint`` the preprint of the published work (same title, any year: a preprint
    usually comes first)? Their DOIs may differ: an arXiv DOI is not the journal's."""
    return (
        preprint.preprint
        and not published.preprint
        and bool(preprint.title)
        and preprint.title == published.title
        and not (preprint.doi and published.doi and preprint.doi == published.doi)
    )


def _year_text(value: object) -> str:
    text = str(value or "")
    return text[:4] if text[:4].isdigit() else ""


def work_id(publication: Publication) -> WorkId:
    return _identity(
        doi=publication.doi,
        url=publication.url,
        links=[link.url for link in publication.links],
        title=publication.title,
        year=str(publication.year.year) if publication.year else "",
        kind=publication.type,
        volume=publication.volume,
        issue=publication.issue,
        pages=publication.pages,
        venue=publication.venue,
    )


def work_id_of_fields(fields: Mapping[str, Any]) -> WorkId:
    """The same for a publication held as plain fields (an import record, a raw entry)."""
    links = [link.get("url") for link in fields.get("links") or [] if isinstance(link, dict)]
    return _identity(
        doi=fields.get("doi"),
        url=fields.get("url"),
        links=links,
        title=fields.get("title"),
        year=_year_text(fields.get("year")),
        kind=fields.get("type"),
        volume=fields.get("volume"),
        issue=fields.get("issue"),
        pages=fields.get("pages"),
        venue=fields.get("venue"),
    )


def _identity(
    *,
    doi: Any,
    url: Any,
    links: list[Any],
    title: Any,
    year: str,
    kind: Any,
    volume: Any,
    issue: Any,
    pages: Any,
    venue: Any,
) -> WorkId:
    """The one rule behind both: a validated entry and raw fields of the same work (whatever
    the case of their type) get the same identity."""
    kind_text = str(kind or "").strip().casefold()
    pages_text = str(pages or "")
    venue_text = str(venue or "").casefold()
    # CVs print an arXiv id where pages go ("CoRR abs/2402.12118", "arXiv 2402.12118").
    on_arxiv = "arxiv" in venue_text or venue_text == "corr"
    pages_id = f"arxiv:{pages_text}" if pages_text and on_arxiv else pages_text
    return WorkId(
        doi=normalise_doi(doi),
        arxiv=arxiv_in(doi, url, *links, pages_id),
        title=title_key(title),
        year=year,
        preprint=kind_text == "preprint",
        volume=_volume(volume),
        venue_kind=_VENUE_KINDS.get(kind_text, ""),
        issue=_volume(issue),
        first_page=_first_page(pages),
    )


T = TypeVar("T")


@dataclass(eq=False, slots=True)  # index slots compare by identity
class _Slot(Generic[T]):
    """One work in an index: its identity grows as copies with more identifiers join it."""

    work: WorkId
    value: T

    def absorb(self, other: WorkId) -> None:
        self.work = WorkId(
            doi=self.work.doi or other.doi,
            arxiv=self.work.arxiv or other.arxiv,
            title=self.work.title or other.title,
            year=self.work.year or other.year,
            preprint=self.work.preprint and other.preprint,
            volume=self.work.volume or other.volume,
            venue_kind=self.work.venue_kind or other.venue_kind,
            issue=self.work.issue or other.issue,
            first_page=self.work.first_page or other.first_page,
        )


@dataclass
class WorkIndex(Generic[T]):
    """Works seen so far, findable by DOI, arXiv id and title with year in constant time.

    ``add_copy`` files a copy of a known work under the identifiers the copy brings (a copy
    with the DOI after one without), so that every later copy finds the same work and a work
    with yet another DOI does not.
    """

    _by_doi: dict[str, _Slot[T]] = field(default_factory=dict)
    _by_arxiv: dict[str, _Slot[T]] = field(default_factory=dict)
    _by_title: dict[tuple[str, str], list[_Slot[T]]] = field(default_factory=dict)
    _by_title_any_year: dict[str, list[_Slot[T]]] = field(default_factory=dict)

    def _file(self, slot: _Slot[T], work: WorkId) -> None:
        if work.doi:
            self._by_doi.setdefault(work.doi, slot)
        if work.arxiv:
            self._by_arxiv.setdefault(work.arxiv, slot)
        if work.title:
            for_year = self._by_title.setdefault((work.title, work.year), [])
            if slot not in for_year:
                for_year.append(slot)
            any_year = self._by_title_any_year.setdefault(work.title, [])
            if slot not in any_year:
                any_year.append(slot)

    def add(self, work: WorkId, value: T) -> None:
        """A work not seen before."""
        self._file(_Slot(work, value), work)

    def _candidates(self, work: WorkId) -> Iterator[_Slot[T]]:
        if work.doi and work.doi in self._by_doi:
            yield self._by_doi[work.doi]
        if work.arxiv and work.arxiv in self._by_arxiv:
            yield self._by_arxiv[work.arxiv]
        if work.title and not work.year:
            yield from self._by_title_any_year.get(work.title, [])
        elif work.title:
            yield from self._by_title.get((work.title, work.year), [])
            yield from self._by_title.get((work.title, ""), [])

    def _find_slot(self, work: WorkId) -> tuple[_Slot[T], Matched] | None:
        for slot in self._candidates(work):
            how = work.same_work(slot.work)
            if how is not None:
                return slot, how
        return None

    def find(self, work: WorkId) -> tuple[T, Matched] | None:
        """The value of the work that ``work`` is a copy of, and how it matched."""
        found = self._find_slot(work)
        return (found[0].value, found[1]) if found else None

    def add_copy(self, work: WorkId) -> tuple[T, Matched] | None:
        """Like ``find``, and file the copy's identifiers under the work it matched."""
        found = self._find_slot(work)
        if found is None:
            return None
        slot, how = found
        slot.absorb(work)
        self._file(slot, work)
        return slot.value, how

    def find_preprint(self, published: WorkId) -> T | None:
        """A preprint of the published work ``published``, if one is indexed (the preprint may
        come first: an arXiv record before the journal's)."""
        for slot in self._by_title_any_year.get(published.title, []):
            if preprint_of(slot.work, published):
                return slot.value
        return None

    def find_published(self, preprint: WorkId) -> T | None:
        """The published work whose preprint ``preprint`` is, if one is indexed."""
        for slot in self._by_title_any_year.get(preprint.title, []):
            if preprint_of(preprint, slot.work):
                return slot.value
        return None
