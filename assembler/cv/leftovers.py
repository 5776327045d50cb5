"""Text that was copied with a CV but is not a fact: leftovers of PDF extraction and private
remarks. They print as they are in a funder document ("link to slides and video" without a
link, "TBA" where the page numbers go, "*) which is to be taken with a grain of salt"), so
``check`` points at each one with its line and says where it belongs instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from assembler.cv.model import Entry, Publication, Talk


@dataclass(frozen=True)
class Leftover:
    field: str
    message: str
    hint: str


# Words that stood next to a link in the PDF; the link itself did not survive extraction.
_LOST_LINK = re.compile(
    r"\(see also\)|\bsee also(?=\s*(?:[.,;)]|$))"
    r"|\(?\b(?:link to (?:the )?(?:slides|video|recording|paper|code)(?: and video)?"
    r"|streaming link|slides and video|click here)\b\)?",
    re.IGNORECASE,
)
# Placeholders and footnote marks: facts not known yet, or a remark meant for the reader.
_PLACEHOLDER = re.compile(r"(?<![A-Za-z])(?:TBA|TBD|t\.b\.a\.|n/a|TODO|FIXME|XXX)(?![A-Za-z])")
_FOOTNOTE = re.compile(r"\*\)|\(\*\)|\bgrain of salt\b|\bnote to self\b", re.IGNORECASE)
# Page numbers that are not pages: an OpenReview forum id, or a range cut off at a line end.
_OPENREVIEW_ID = re.compile(r"^(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[a-z])[A-Za-z0-9_-]{9,12}$")
_BROKEN_RANGE = re.compile(r"[–-]\s*$|^\s*[–-]")
PROSE = ("title", "name", "description", "note", "significance", "contribution", "role", "event")


def _in_text(name: str, value: str) -> Iterator[Leftover]:
    lost = _LOST_LINK.search(value)
    if lost:
        yield Leftover(
            name,
            f"{lost[0]!r} points at a link the text no longer has (left over from a PDF?)",
            "Add the link as `url:` or `links:`, or delete the words",
        )
    placeholder = _PLACEHOLDER.search(value)
    if placeholder:
        yield Leftover(
            name,
            f"{placeholder[0]!r} is a placeholder, not a fact; documents would print it",
            "Write the fact once it is known, or move the remark to `note:`",
        )
    footnote = _FOOTNOTE.search(value)
    if footnote and name != "note":
        yield Leftover(
            name,
            f"{footnote[0]!r} looks like a private remark or footnote; documents would print it",
            "Move it to the entry's `note:`, which the bundled templates do not print",
        )


def _in_pages(pages: str) -> Iterator[Leftover]:
    if _PLACEHOLDER.fullmatch(pages.strip()):
        yield Leftover("pages", f"pages {pages!r} is not a page number", "Leave `pages` out")
    elif _OPENREVIEW_ID.match(pages):
        yield Leftover(
            "pages",
            f"pages {pages!r} looks like an OpenReview id, not a page number",
            f"Write `url: https://openreview.net/forum?id={pages}` instead",
        )
    elif _BROKEN_RANGE.search(pages):
        yield Leftover("pages", f"the page range {pages!r} is cut off", "Write both pages")


def leftovers(entry: Entry) -> Iterator[Leftover]:
    """Every leftover in one entry's text fields."""
    printed_note = isinstance(entry, Publication | Talk)  # other notes are private
    fields = type(entry).model_fields  # asking a model for a field it lacks is slow
    for name in PROSE:
        if (name == "note" and not printed_note) or name not in fields:
            continue
        value = getattr(entry, name)
        if isinstance(value, str):
            yield from _in_text(name, value)
    if isinstance(entry, Publication) and entry.pages:
        yield from _in_pages(str(entry.pages))
