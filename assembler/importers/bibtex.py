"""BibTeX and biblatex as exporters write them -> publications.

bibtexparser v2 splits the files into blocks (entries, ``@string`` macros, comments, broken
blocks) and its name functions split author lists; everything after that is done here, once
per distinct value, because its middlewares decode LaTeX before names are split (so
``{World Health Organization}`` lost its protecting braces and became a person) and cost two
milliseconds an entry. What exporters do that we read:

- field names in any case (``Author =`` from BibDesk and older JabRef);
- ``@string`` macros from any of the files of one import, and ``#`` concatenation;
- biblatex fields: ``date``, ``journaltitle``, ``subtitle``, ``eprint``/``eprinttype``;
- Google Scholar's duplicate keys: a second entry with the same key and different content is
  its own record (reported), an identical one is skipped (reported);
- corporate authors in braces kept whole; ``and others`` becomes a final "et al.";
- a missing comma between two fields is reported with its line and both fields are read;
- a DOI in ``doi``, a doi.org ``url`` or the ``note``; ``organization``, ``howpublished``,
  ``note`` URLs, al-folio's ``selected`` and link fields (``code``, ``pdf``, ...) are kept;
- an entry commented out with ``%`` is skipped (reported).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bibtexparser.entrypoint import parse_string
from bibtexparser.library import Library
from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ParsingFailedBlock,
)

from assembler.importers.latex import latex_to_text, latex_to_url
from assembler.importers.records import Incoming, author_form, bare_doi, compact, page_range
from assembler.problems import Problem

ET_AL = "et al."
_ARXIV = re.compile(r"arxiv|corr", re.IGNORECASE)
_OTHERS = {"others", "et al.", "et al", "et. al."}
_MONTHS = {
    name: str(number)
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_FIELD_AFTER = re.compile(r"^\s*[,]?\s*\n?\s*([A-Za-z][\w:.+-]*)\s*=\s*", re.DOTALL)
_DOI_IN_TEXT = re.compile(
    r"(?:doi\.org/|doi:\s*|\bdoi\s*=?\s*)(10\.\d{4,9}/[^\s,;}\"<>]+)", re.IGNORECASE
)
_URL_IN_TEXT = re.compile(r"\\url\{([^{}]+)\}|(https?://[^\s{}\\,;]+)")
# al-folio and similar site generators keep links in their own fields.
_LINK_FIELDS = ("html", "pdf", "code", "slides", "poster", "video", "website", "blog", "supp")
_TRUE = {"true", "yes", "1"}
_DELIMITERS = re.compile(r'[{}"]')
_YEAR_RANGE = re.compile(r"^(\d{4})\s*[-–—/]+\s*\d{4}$")
_COMMENT = re.compile(r"@comment\s*\{", re.IGNORECASE)
_MARKERS = re.compile(r"[*†‡∗]")  # equal-contribution marks are not part of names
_EXTENDED = re.compile(r"^\s*(?:family|given|prefix|suffix)\s*=", re.IGNORECASE)
_PERSON_FORM = re.compile(r"^[^,{}]+,\s*[^,{}]+$")


@dataclass
class _Raw:
    """One entry's fields as written: lower-case names -> (raw value, 0-based line)."""

    kind: str
    key: str
    line: int  # 0-based, as bibtexparser counts
    source: str
    fields: dict[str, tuple[str, int]] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)  # expanded, still LaTeX

    def text(self, name: str) -> str | None:
        value = self.values.get(name)
        if value is None:
            return None
        return latex_to_text(value) or None

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line + 1} (@{self.kind}{{{self.key})"


# -- values -------------------------------------------------------------------------------------


def _split_concatenation(raw: str) -> list[str]:
    """``"A" # macro # {B}`` -> its parts (``#`` outside braces and quotes)."""
    if "#" not in raw:
        return [raw.strip()]
    parts, depth, quoted, start = [], 0, False, 0
    for index, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            parts.append(raw[start:index])
            start = index + 1
    parts.append(raw[start:])
    return [part.strip() for part in parts]


def _group_end(raw: str) -> int | None:
    """The end of the braced or quoted group ``raw`` starts with, or None."""
    if not raw or raw[0] not in '{"':
        return None
    depth = 0
    closing = "}" if raw[0] == "{" else '"'
    for match in _DELIMITERS.finditer(raw, 0 if closing == "}" else 1):
        char = match.group()
        if char == closing and depth == (1 if closing == "}" else 0):
            return match.end()
        depth += 1 if char == "{" else -1 if char == "}" else 0
    return None


def _expand(raw: str, macros: dict[str, str]) -> tuple[str, list[str]]:
    """A value with its macros replaced and delimiters removed; unknown macro names."""
    pieces, unknown = [], []
    for part in _split_concatenation(raw):
        end = _group_end(part)
        if end is not None and end == len(part):
            pieces.append(part[1:-1])
        elif part.isdigit() or not part:
            pieces.append(part)
        elif part.lower() in macros:
            pieces.append(macros[part.lower()])
        else:
            unknown.append(part)  # left out: a macro's name is never the value
    return "".join(pieces), unknown


def _run_on(name: str, raw: str, line: int) -> list[tuple[str, str, int, str]]:
    """A value that swallowed the next field because a comma was missing, split back:
    [(name, raw value, line, the name of the field it swallowed or "")]."""
    end = _group_end(raw)
    if end is None or end == len(raw.rstrip()):
        return [(name, raw, line, "")]
    following = _FIELD_AFTER.match(raw[end:])
    if following is None:
        return [(name, raw, line, "")]
    swallowed = following[1].lower()
    rest = raw[end + following.end() :].rstrip().rstrip(",")
    next_line = line + raw[: end + following.start(1)].count("\n")
    return [(name, raw[:end], line, swallowed), *_run_on(swallowed, rest, next_line)]


# -- names --------------------------------------------------------------------------------------


def _extended(name: str) -> str | None:
    """biblatex's extended name format (``family=Cruz, given=María, prefix=de la``)."""
    parts = dict(
        (key.strip().lower(), value.strip())
        for key, _, value in (part.partition("=") for part in name.split(","))
    )
    family = " ".join(filter(None, (parts.get("prefix"), parts.get("family"))))
    given = parts.get("given", "")
    if not family:
        return None
    return author_form(latex_to_text(family), latex_to_text(given))


@lru_cache(maxsize=65536)
def _person(name: str) -> str | None:
    """One name in our form; None for "others". A name that is one braced group (a
    corporate author: ``{World Health Organization}``) is kept whole."""
    stripped = _MARKERS.sub("", name).strip()
    if stripped.lower() in _OTHERS:
        return None
    if _group_end(stripped) == len(stripped) and stripped.startswith("{"):
        return latex_to_text(stripped[1:-1])
    if _EXTENDED.match(stripped):
        return _extended(stripped)
    try:
        parts = parse_single_name_into_parts(stripped, strict=False)
    except InvalidNameError:
        return latex_to_text(stripped)
    family = latex_to_text(" ".join([*parts.von, *parts.last]))
    given = latex_to_text(" ".join(parts.first))
    if not family:
        return given or None
    return author_form(family, given) + (
        f" {latex_to_text(' '.join(parts.jr))}" if parts.jr else ""
    )


@lru_cache(maxsize=16384)
def _names(value: str) -> tuple[tuple[str, ...], bool]:
    names, truncated = [], False
    for name in split_multiple_persons_names(value):
        person = _person(name)
        if person is None:
            truncated = True
        elif person:
            names.append(person)
    return tuple(names), truncated


def _people(raw: _Raw, key: str) -> list[str]:
    value = raw.values.get(key)
    if not value:
        return []
    value = " ".join(value.split())
    if _group_end(value) == len(value) and value.startswith("{"):
        inner = value[1:-1]
        parts = re.split(r"\s+and\s+", inner)
        if len(parts) > 1 and all(_PERSON_FORM.match(part) for part in parts):
            value = inner  # Web of Science braces a whole list of people: {{Calders, T and ...}}
    names, truncated = _names(value)
    return [*names, ET_AL] if truncated and names else list(names)


# -- fields -------------------------------------------------------------------------------------


def _type(raw: _Raw, venue: str | None) -> str:
    kind = raw.kind
    eprint = " ".join(
        filter(
            None,
            (
                raw.text(n)
                for n in ("archiveprefix", "eprinttype", "journal", "journaltitle", "publisher")
            ),
        )
    )
    if re.match(r"\s*arxiv:", raw.values.get("note") or "", re.IGNORECASE):
        eprint += " arxiv"
    if kind == "article":
        return "preprint" if _ARXIV.search(venue or "") else "journal"
    if kind in ("inproceedings", "conference", "proceedings"):
        return "workshop" if venue and "workshop" in venue.lower() else "conference"
    if kind in ("incollection", "inbook", "inreference", "bookinbook", "suppbook"):
        return "chapter"
    if kind in ("book", "mvbook", "collection", "mvcollection", "reference"):
        return "book"
    if kind in ("phdthesis", "mastersthesis", "thesis"):
        return "thesis"
    if kind in ("software", "codefragment"):
        return "software"
    if kind in ("dataset", "data"):
        return "dataset"
    if kind == "preprint" or (
        kind in ("misc", "unpublished", "online", "electronic", "report", "techreport")
        and (_ARXIV.search(eprint + " " + (raw.text("howpublished") or "")))
    ):
        return "preprint"
    return "other"


def _date(raw: _Raw) -> tuple[str | None, str | None, str | None]:
    """YYYY, YYYY-MM or YYYY-MM-DD from ``date`` (biblatex) or ``year`` and ``month`` (with
    a day: "NOV 1", ``mar # "~28"``); and a note for what did not fit (a range, a season)."""
    date = raw.text("date")
    if date:
        match = _DATE.match(date)
        if match:
            found = "-".join(part for part in match.groups() if part)
            rest = date[match.end() :].strip()
            return found, (f"dated {date}" if rest else None), None
    year = raw.text("year")
    span = _YEAR_RANGE.match(year or "")
    if span:  # "1995--1996": the first year, the range kept in the note
        return span[1], f"dated {year}", None
    month = raw.text("month")
    if not (year and month and re.fullmatch(r"\d{4}", year)):
        return year, None, None
    number, day = _month_day(month)
    if number is None:
        return year, None, f"month {month!r} is not a month; the year alone is used"
    if day:
        return f"{year}-{number:02d}-{day:02d}", None, None
    return f"{year}-{number:02d}", None, None


def _month_day(text: str) -> tuple[int | None, int | None]:
    """ "5", "may", "NOV 1", "3 28" (``mar # "~28"``), "09–15 Jun" (a day range: the month
    only) -> (month, day)."""
    if text.isdigit():
        return (int(text), None) if 0 < int(text) < 13 else (None, None)
    words = [word for word in re.findall(r"[A-Za-z]+", text) if word.lower() in _MONTHS]
    numbers = re.findall(r"\d+", text)
    if len(words) == 1:
        month = int(_MONTHS[words[0].lower()])
    elif not words and numbers and 0 < int(numbers[0]) < 13:
        month, numbers = int(numbers[0]), numbers[1:]
    else:
        return None, None
    ranged = bool(re.search(r"\d\s*[-–]+\s*\d", text))
    day = int(numbers[0]) if len(numbers) == 1 and not ranged else None
    return month, day if day and 0 < day < 32 else None


def _pages(raw: _Raw) -> str | None:
    return page_range(raw.text("pages"))


def _joined(first: str | None, second: str | None) -> str | None:
    if first and second:
        return f"{first}{'' if first[-1] in ':?!.' else ':'} {second}"
    return first or second


def _title(raw: _Raw) -> str | None:
    title = _joined(raw.text("title"), raw.text("subtitle"))
    maintitle = _joined(raw.text("maintitle"), raw.text("mainsubtitle"))
    return _joined(maintitle, title) if maintitle and title else title


def _venue(raw: _Raw) -> str | None:
    venue = _joined(raw.text("journaltitle") or raw.text("journal"), raw.text("journalsubtitle"))
    venue = venue or _joined(raw.text("booktitle"), raw.text("booksubtitle"))
    if not venue and raw.kind in ("report", "techreport"):
        venue = raw.text("type") or ("Technical report" if raw.kind == "techreport" else None)
    if not venue and raw.kind in ("misc", "online", "unpublished", "electronic"):
        howpublished = raw.text("howpublished")
        if howpublished and not _URL_IN_TEXT.search(raw.values.get("howpublished", "")):
            venue = howpublished
    return venue


def _urls(raw: _Raw) -> tuple[str | None, str | None, list[dict[str, str]]]:
    """(DOI, URL, further links) from every field that holds them."""
    doi = bare_doi(raw.text("doi"))
    url = latex_to_url(raw.values["url"]) if raw.values.get("url") else None
    links: list[dict[str, str]] = []
    if url:
        doi = doi or bare_doi(url)
    for name in ("note", "howpublished", "annote"):
        text = raw.values.get(name) or ""
        doi = doi or next((m[1].rstrip(".") for m in _DOI_IN_TEXT.finditer(text)), None)
        for match in _URL_IN_TEXT.finditer(text):
            found_url = latex_to_url(match[1] or match[2])
            if bare_doi(found_url):
                continue
            if url is None:
                url = found_url
            elif found_url != url:
                links.append({"label": name, "url": found_url})
    for name in _LINK_FIELDS:
        value = raw.values.get(name)
        if value and re.match(r"https?://", value.strip()):
            link = latex_to_url(value)
            if name == "html" and url is None:
                url = link
            elif link != url:
                links.append({"label": name, "url": link})
    return doi, url, links


def _note(raw: _Raw, doi: str | None, extra: list[str | None]) -> str | None:
    """The note (without the URLs and the DOI that went into their own fields), the
    addendum, the series, the version, and what the date could not hold."""
    parts: list[str | None] = []
    note = raw.values.get("note")
    if note:
        text = _URL_IN_TEXT.sub("", note)
        if doi:
            text = re.sub(
                r"(?:doi\.org/|doi:\s*|\bdoi\s*=?\s*)?" + re.escape(doi),
                "",
                text,
                flags=re.IGNORECASE,
            )
        parts.append(latex_to_text(text).strip(" .,;:") or None)
    parts += [raw.text("addendum"), raw.text("annotation"), raw.text("award")]
    series = raw.text("series")
    if series and raw.kind not in ("book", "mvbook"):
        parts.append(f"Series: {series}")
    version = raw.text("version")
    if version:
        parts.append(f"Version {version}")
    parts += extra
    return "; ".join(part for part in parts if part) or None


def _preprint_fields(raw: _Raw, fields: dict[str, Any]) -> None:
    eprint = raw.text("eprint")
    if fields["type"] != "preprint" or not eprint:
        return
    eprint = eprint.removeprefix("arXiv:").removeprefix("arxiv:")
    if not fields.get("url"):
        fields["url"] = f"https://arxiv.org/abs/{eprint}"
    venue = fields.get("venue")
    if not fields.get("pages") and (not venue or _ARXIV.search(venue)):
        corr = bool(venue and "corr" in venue.lower())
        fields["venue"] = venue or "arXiv"
        fields["pages"] = f"abs/{eprint}" if corr else eprint


def _times_cited(raw: _Raw) -> dict[str, Any] | None:
    """Web of Science's ``Times-Cited`` (not its usage counts), dated by its ``DA``."""
    count = raw.text("times-cited")
    if not count or not count.isdigit():
        return None
    as_of = raw.text("da")
    return compact(
        {
            "count": int(count),
            "source": "Web of Science",
            "as_of": as_of if as_of and _DATE.fullmatch(as_of) else None,
        }
    )


def to_incoming(raw: _Raw) -> Incoming:
    venue = _venue(raw)
    kind = _type(raw, venue)
    authors = _people(raw, "author")
    editors = _people(raw, "editor")
    doi, url, links = _urls(raw)
    year, date_note, date_problem = _date(raw)
    publisher = (
        raw.text("publisher")
        or raw.text("school")
        or raw.text("institution")
        or raw.text("organization")
    )
    fields: dict[str, Any] = {
        "type": kind,
        "authors": authors,
        "editors": editors,
        "year": year,
        "title": _title(raw),
        "venue": venue if kind != "book" else raw.text("series"),
        "volume": raw.text("volume"),
        "issue": raw.text("number") or raw.text("issue"),
        "pages": _pages(raw),
        "publisher": publisher,
        "doi": doi,
        "url": url,
        "links": links,
        "abstract": raw.text("abstract"),
        "note": _note(raw, doi, [date_note]),
        "citations": _times_cited(raw),
    }
    selected = (raw.text("selected") or "").lower()
    if selected:
        fields["selected"] = selected in _TRUE
    _preprint_fields(raw, fields)
    incoming = Incoming(compact(fields), source=raw.where, key=raw.key)
    if not incoming.title:
        incoming.problems.append("the entry has no title")
    if date_problem:
        incoming.problems.append(date_problem)
    return incoming


# -- files --------------------------------------------------------------------------------------


@dataclass
class _Reader:
    """Everything read from the files of one import, with the problems found on the way."""

    macros: dict[str, str] = field(default_factory=lambda: dict(_MONTHS))
    entries: list[_Raw] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    comment_blocks: list[tuple[int, int]] = field(default_factory=list)  # 0-based lines

    def warn(self, message: str, source: str, line: int, hint: str = "") -> None:
        self.problems.append(
            Problem(message, file=source, line=line + 1, severity="warning", hint=hint)
        )

    def strings(self, library: Library) -> None:
        for string in library.strings:
            value, _ = _expand(str(string.value), self.macros)
            self.macros[string.key.lower()] = value

    def commented(self, line: int, what: str, source: str, lines: list[str]) -> bool:
        """Is the block starting at ``line`` commented out (``%`` before its ``@``, or inside
        an ``@comment{...}``)? Reported when it was meant as an entry."""
        if any(start <= line <= end for start, end in self.comment_blocks):
            return True
        head = lines[line] if line < len(lines) else ""
        at = head.find("@")
        if "%" in head[: max(at, 0)]:
            self.warn(f"{what} at line {line + 1} is commented out with %: skipped", source, line)
            return True
        return False

    def entry(self, entry: Entry, source: str, lines: list[str]) -> _Raw | None:
        line = entry.start_line or 0
        if self.commented(line, f"@{entry.entry_type}{{{entry.key}", source, lines):
            return None
        raw = _Raw(entry.entry_type.lower(), entry.key, line, source)
        for item in entry.fields:
            name = item.key.lower()
            for part, value, part_line, swallowed in _run_on(
                name, str(item.value), item.start_line or line
            ):
                if swallowed:
                    self.warn(
                        f"a comma is missing after the field `{part}` of {entry.key}: "
                        f"`{swallowed}` was read as its own field",
                        source,
                        part_line,
                        "Add the comma, so other programs read the entry too",
                    )
                if part in raw.fields:
                    self.warn(
                        f"the field `{part}` appears twice in {entry.key}: the first is kept",
                        source,
                        part_line,
                    )
                    continue
                raw.fields[part] = (value, part_line)
        return raw

    def failed(self, block: ParsingFailedBlock, source: str, lines: list[str]) -> None:
        line = block.start_line or 0
        if self.commented(line, "an entry", source, lines):
            return
        if isinstance(block, DuplicateBlockKeyBlock):
            self._duplicate_key(block, source, lines)
            return
        if isinstance(block, DuplicateFieldKeyBlock):
            entry = block.ignore_error_block
            if isinstance(entry, Entry):
                raw = self.entry(entry, source, lines)
                if raw is not None:
                    self.entries.append(raw)  # the repeated field is reported there
            return
        self.warn(
            f"broken BibTeX entry skipped: {_first_line(block.error)}",
            source,
            line,
            "Fix the entry (braces, commas, `=`) and import again",
        )

    def _duplicate_key(self, block: DuplicateBlockKeyBlock, source: str, lines: list[str]) -> None:
        entry, previous = block.ignore_error_block, block.previous_block
        line = block.start_line or 0
        if not isinstance(entry, Entry):
            return
        first = (previous.start_line or 0) + 1 if previous is not None else "?"
        if isinstance(previous, Entry) and _same_content(entry, previous):
            self.warn(
                f"{entry.key} repeats the entry of line {first} word for word: skipped",
                source,
                line,
            )
            return
        raw = self.entry(entry, source, lines)
        if raw is not None:
            self.entries.append(raw)
            self.warn(
                f"the key {entry.key} is used again (first at line {first}) for a different "
                "entry: both are imported",
                source,
                line,
                "Give each entry its own key (Google Scholar exports repeat keys)",
            )

    def expand(self) -> None:
        """Macros replaced in every value; each undefined macro reported once, with where it
        is first used and how often (a shared strings file left out names hundreds)."""
        unknown: dict[str, list[tuple[_Raw, str, int]]] = {}
        for raw in self.entries:
            for name, (value, line) in raw.fields.items():
                text, missing = _expand(value, self.macros)
                raw.values[name] = text
                for macro in missing:
                    unknown.setdefault(macro, []).append((raw, name, line))
        for macro, uses in unknown.items():
            raw, name, line = uses[0]
            more = f", and {len(uses) - 1} more time(s)" if len(uses) > 1 else ""
            self.warn(
                f"{raw.key}.{name}: unknown @string macro {macro}{more}; the field is left empty",
                raw.source,
                line,
                "Give the file that defines it too: `assemble import bibtex strings.bib "
                "papers.bib`",
            )


def _comment_blocks(text: str) -> list[tuple[int, int]]:
    """The lines of every ``@comment{...}`` block (JabRef and BibDesk keep data there, and
    people park entries there), braces matched."""
    blocks = []
    for match in _COMMENT.finditer(text):
        end = _group_end(text[match.end() - 1 :])
        stop = match.end() - 1 + end if end else len(text)
        blocks.append((text.count("\n", 0, match.start()), text.count("\n", 0, stop)))
    return blocks


def _same_content(first: Entry, second: Entry) -> bool:
    def content(entry: Entry) -> dict[str, str]:
        return {f.key.lower(): " ".join(str(f.value).split()) for f in entry.fields}

    return first.entry_type.lower() == second.entry_type.lower() and content(first) == content(
        second
    )


def _resolve_crossrefs(entries: list[_Raw]) -> set[str]:
    """Fields missing from an entry are taken from the entry its ``crossref`` names; the
    keys of proceedings volumes that are only there to be cross-referenced."""
    by_key = {raw.key.lower(): raw for raw in entries}
    referenced = set()
    for raw in entries:
        parent_key = (raw.values.get("crossref") or "").strip().lower()
        parent = by_key.get(parent_key)
        if parent is None:
            continue
        referenced.add(parent_key)
        for name, value in list(parent.values.items()):
            # The parent's title is the book or proceedings the child appears in.
            target = "booktitle" if name == "title" else name
            raw.values.setdefault(target, value)
    return referenced


def parse_bibtex_files(files: Iterable[tuple[str, str]]) -> tuple[list[Incoming], list[Problem]]:
    """Every readable entry of the files (``(text, name)``; macros shared across them), and
    a located problem for each thing skipped or repaired."""
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    reader = _Reader()
    libraries = [(parse_string(text, parse_stack=[]), text, name) for text, name in files]
    for library, _, _ in libraries:
        reader.strings(library)
    for library, text, name in libraries:
        lines = text.split("\n")
        reader.comment_blocks = _comment_blocks(text)
        for block in library.blocks:
            if isinstance(block, ParsingFailedBlock):
                reader.failed(block, name, lines)
            elif isinstance(block, Entry):
                raw = reader.entry(block, name, lines)
                if raw is not None:
                    reader.entries.append(raw)
    reader.expand()
    referenced = _resolve_crossrefs(reader.entries)
    results = [
        to_incoming(raw)
        for raw in reader.entries
        if not (raw.key.lower() in referenced and raw.kind == "proceedings")
    ]
    return results, reader.problems


def parse_bibtex(text: str, source: str) -> tuple[list[Incoming], list[Problem]]:
    """One file's entries and problems."""
    return parse_bibtex_files([(text, source)])


def _first_line(error: object) -> str:
    text = str(getattr(error, "abort_reason", None) or error or "").strip()
    return text.splitlines()[0].strip() if text else "the entry could not be read"
