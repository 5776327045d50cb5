"""RIS (EndNote, Zotero, Web of Science, Scopus, Mendeley) -> publications.

RIS is a list of ``TAG  - value`` lines, a record ending at ``ER  -``. Every exporter reads
the tags its own way: a line without a tag continues the previous one (EndNote, Web of
Science), dates come as ``2021/03/15/``, ``2022///``, ``DA  - Aug`` next to ``PY``, or
``17-20 Nov. 2020``; citation counts hide in ``N1`` notes ("Cited By: 15" with the export
date, "Times Cited in Web of Science Core Collection: 12"); ``C3`` is the proceedings title
for Zotero but an affiliation for Web of Science. The legacy Reference Manager tags (T1, A1,
Y1, JF, JO, BT, ED) are read too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from assembler.importers.records import (
    Incoming,
    author_form,
    bare_doi,
    clean,
    compact,
    html_text,
    page_range,
)

_TAG = re.compile(r"^([A-Z][A-Z0-9])\s{1,2}-(?: (.*)|)$")
_TYPES = {
    "JOUR": "journal",
    "JFULL": "journal",
    "EJOUR": "journal",
    "MGZN": "journal",
    "CONF": "conference",
    "CPAPER": "conference",
    "CHAP": "chapter",
    "ECHAP": "chapter",
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "book",
    "THES": "thesis",
    "DATA": "dataset",
    "COMP": "software",
}
_MONTHS = {
    name[:3]: number
    for number, name in enumerate(
        (
            "jan",
            "feb",
            "mar",
            "apr",
            "may",
            "jun",
            "jul",
            "aug",
            "sep",
            "oct",
            "nov",
            "dec",
        ),
        start=1,
    )
}
_SLASHED = re.compile(r"^(\d{4})(?:[/-](\d{1,2})?)?(?:[/-](\d{1,2})?)?")
_SCOPUS_COUNT = re.compile(r"Cited By:\s*(\d+)", re.IGNORECASE)
_SCOPUS_DATE = re.compile(r"Export Date:\s*(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", re.IGNORECASE)
_WOS_COUNT = re.compile(r"Times Cited in Web of Science Core Collection:\s*(\d+)", re.IGNORECASE)
_COUNTERS = re.compile(r"Cited By:|Times Cited|Cited Reference Count|Export Date:", re.I)


Record = dict[str, list[str]]


def split_records(text: str) -> list[tuple[int, Record]]:
    """(line of TY, tags -> values) for every record; untagged lines continue the last tag."""
    records: list[tuple[int, Record]] = []
    current: Record | None = None
    last = ""
    for number, line in enumerate(text.splitlines(), start=1):
        match = _TAG.match(line.rstrip())
        if match:
            tag, value = match[1], (match[2] or "").strip()
            if tag == "TY":
                current = defaultdict(list)
                records.append((number, current))
            if current is None:
                continue
            if tag == "ER":
                current, last = None, ""
                continue
            current[tag].append(value)
            last = tag
        elif current is not None and last and line.strip():
            values = current[last]
            joiner = "\n" if last in ("N1", "KW", "SN", "AD") else " "
            values[-1] = f"{values[-1]}{joiner}{line.strip()}".strip()
    return records


def _first(record: Record, *tags: str) -> str | None:
    for tag in tags:
        for value in record.get(tag, []):
            text = clean(value)
            if text:
                return text
    return None


def _person(name: str) -> str | None:
    text = clean(name).rstrip(",")
    if not text:
        return None
    family, _, given = text.partition(",")
    given = given.strip()
    if re.fullmatch(r"[A-Z]{2,3}", given):
        given = " ".join(given)  # Web of Science runs initials together: "Okonkwo, CN"
    return author_form(family, given) if family else None


def _people(record: Record, *tags: str) -> list[str]:
    for tag in tags:
        names = [name for name in map(_person, record.get(tag, [])) if name]
        if names:
            return names
    return []


def _month_day(text: str) -> tuple[int | None, int | None]:
    words = [word[:3].lower() for word in re.findall(r"[A-Za-z]+", text)]
    months = [_MONTHS[word] for word in words if word in _MONTHS]
    numbers = [int(n) for n in re.findall(r"\d+", text) if len(n) <= 2]
    ranged = bool(re.search(r"\d\s*-\s*\d", text))
    day = numbers[0] if len(numbers) == 1 and not ranged else None
    return (months[0] if months else None), day


def _date(record: Record) -> str | None:
    """The publication date from DA, PY or Y1, to the day where given."""
    found: str | None = None
    for tag in ("DA", "PY", "Y1"):
        value = _first(record, tag)
        match = _SLASHED.match(value or "")
        if match:
            parts = [match[1], *(f"{int(p):02d}" for p in match.groups()[1:] if p)]
            candidate = "-".join(parts)
            if found is None or len(candidate) > len(found):
                found = candidate
    year = (found or "")[:4] or None
    text = _first(record, "DA")
    if year and text and not _SLASHED.match(text):
        month, day = _month_day(text)
        if month:
            found = f"{year}-{month:02d}" + (f"-{day:02d}" if day and 0 < day < 32 else "")
    return found


def _citations(notes: list[str]) -> dict[str, Any] | None:
    for note in notes:
        scopus, wos = _SCOPUS_COUNT.search(note), _WOS_COUNT.search(note)
        if scopus:
            date = _SCOPUS_DATE.search(note)
            as_of = None
            if date and date[2][:3].lower() in _MONTHS:
                month = _MONTHS[date[2][:3].lower()]
                as_of = f"{date[3]}-{month:02d}-{int(date[1]):02d}"
            return compact({"count": int(scopus[1]), "source": "Scopus", "as_of": as_of})
        if wos:
            return {"count": int(wos[1]), "source": "Web of Science"}
    return None


def _type(record: Record, venue: str | None) -> str:
    kind = _first(record, "TY") or ""
    found = _TYPES.get(kind.upper())
    text = " ".join(
        filter(None, (_first(record, "PB"), _first(record, "AN"), _first(record, "DO"), venue))
    ).lower()
    if found == "conference" or (found is None and venue and "workshop" in venue.lower()):
        return "workshop" if venue and "workshop" in venue.lower() else "conference"
    if found:
        return found
    if kind.upper() in ("GEN", "UNPB", "PREPRINT", "ELEC", "INPR") and (
        "arxiv" in text or "10.48550" in text or "biorxiv" in text
    ):
        return "preprint"
    return "other"


def _venue(record: Record) -> str | None:
    kind = (_first(record, "TY") or "").upper()
    venue = _first(record, "T2", "JF", "BT", "JO", "JA", "T3" if kind == "JOUR" else "-")
    if not venue and kind in ("CONF", "CPAPER"):
        venue = _first(record, "C3")
    if not venue:
        venue = _first(record, "J2")
    if kind == "RPRT":
        venue = venue or _first(record, "M3")
    return venue


def _pages(record: Record) -> str | None:
    first, last = _first(record, "SP"), _first(record, "EP")
    if first and last and last not in ("+", first) and "-" not in first:
        return page_range(f"{first}-{last}")
    return page_range(first) or _first(record, "C7")


def _notes(record: Record) -> list[str]:
    return [html_text(note) for note in record.get("N1", []) if clean(note)]


def record_to_incoming(record: Record, source: str, number: int, line: int) -> Incoming:
    venue = _venue(record)
    kind = _type(record, venue)
    notes = _notes(record)
    kept = [note for note in notes if not _COUNTERS.search(note)]
    extra = []
    if kind in ("software", "dataset") and _first(record, "ET"):
        extra.append(f"Version {_first(record, 'ET')}")
    series = _first(record, "T3") if (_first(record, "TY") or "").upper() != "JOUR" else None
    series = series or (
        _first(record, "SE") if kind in ("conference", "workshop", "book") else None
    )
    if series:
        extra.append(f"Series: {series}")
    if kind == "thesis" and _first(record, "M3"):
        extra.append(str(_first(record, "M3")))
    doi = bare_doi(_first(record, "DO")) or bare_doi(_first(record, "UR"))
    url = _first(record, "UR", "L2")
    an = _first(record, "AN") or ""
    if not url and kind == "preprint" and an.lower().startswith("arxiv:"):
        url = f"https://arxiv.org/abs/{an[6:].strip()}"
    fields: dict[str, Any] = {
        "type": kind,
        "authors": _people(record, "AU", "A1"),
        "editors": _people(record, "A2", "ED"),
        "year": _date(record),
        "title": html_text(_first(record, "TI", "T1", "CT")),
        "venue": venue,
        "volume": _first(record, "VL"),
        "issue": _first(record, "IS") or (_first(record, "SN") if kind == "other" else None),
        "pages": _pages(record),
        "publisher": _first(record, "PB", "PU"),
        "doi": doi,
        "url": None if url and doi and bare_doi(url) else url,
        "abstract": html_text(_first(record, "AB", "N2")) or None,
        "note": "; ".join(kept + extra) or None,
        "citations": _citations(notes),
    }
    incoming = Incoming(
        compact(fields),
        source=f"{source}:{line} (record {number}, TY {_first(record, 'TY')})",
        key=str(number),
    )
    if not incoming.title:
        incoming.problems.append("the record has no title (TI)")
    return incoming


def parse_ris(text: str, source: str) -> list[Incoming]:
    """Every record; a correction notice (Scopus' ``M3  - Erratum``) is left out, reported."""
    results = []
    for number, (line, record) in enumerate(split_records(text), start=1):
        if (_first(record, "M3") or "").lower() == "erratum":
            skipped = Incoming({}, source=f"{source}:{line} (record {number})", key=str(number))
            skipped.problems.append(
                "an erratum (M3 Erratum) corrects another work and is not a publication of "
                "its own: left out"
            )
            results.append(skipped)
            continue
        results.append(record_to_incoming(record, source, number, line))
    return results
