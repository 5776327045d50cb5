"""The tags in a paragraph's text, as the user typed them, and where a problem with them is.

A Word template is read paragraph by paragraph: the text of a paragraph is the text of its
runs joined (Word splits what the user typed into runs at will: a spelling mark or a change of
font is enough). This module finds the Jinja tags in that text and classifies them the way
docxtpl does, so that every other step (the gate, the engine, the layout check for the bundled
templates) agrees on what a tag is:

* ``{{ x }}`` prints, ``{% … %}`` is a statement, ``{# … #}`` a comment;
* a letter right after the opening brace and followed by a space anchors the tag to the
  element around it: ``{%p %}`` the paragraph, ``{%tr %}`` the table row, ``{%tc %}`` the
  table cell, ``{%r %}`` the run (the element is replaced by the tag); ``{{r x }}`` prints rich
  text as runs of its own;
* a tag opens and closes in one paragraph. One that does not is reported here, before any
  XML is touched: docxtpl's regular expressions would let such a tag run on into the following
  paragraphs and swallow them (the "broken brace" fault of issue 12).

``Where`` names the place of a problem for the user: the part of the document (body, header,
footer, footnotes), the paragraph's number and its text, and the tag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from assembler.problems import Problem

CLOSERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_OPENER_OR_STRAY = re.compile(r"\{[{%#]|\}\}|%\}")
_ANCHOR = re.compile(r"(tr|tc|p|r)\s")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "\u00a0": " "})
MAX_SHOWN = 100


@dataclass(frozen=True)
class Tag:
    """One tag in a paragraph's text: ``text[start:end]`` is the tag as written."""

    start: int
    end: int
    kind: str  # "{{", "{%" or "{#"
    anchor: str  # "", "p", "tr", "tc" or "r"
    body: str  # between the delimiters, without the anchor letter; quotes straightened
    text: str  # the whole tag as the user wrote it

    @property
    def word(self) -> str:
        """The statement's keyword (``for``, ``endif``…), empty for prints and comments."""
        if self.kind != "{%":
            return ""
        words = self.body.strip("-+ \t").split(None, 1)
        return words[0] if words else ""

    @property
    def opens_block_by_set(self) -> bool:
        """``{% set x %}…{% endset %}`` is a block; ``{% set x = 1 %}`` is not."""
        return self.word == "set" and "=" not in self.body


@dataclass(frozen=True)
class TagError:
    start: int
    message: str
    hint: str


def shorten(text: str, limit: int = MAX_SHOWN) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _closing(text: str, start: int, closer: str, quotes: bool) -> int:
    """Where ``closer`` ends the tag opened at ``start`` (-1: nowhere). Jinja reads strings
    inside a tag, so ``{{ "}}" }}`` is one tag; a comment has no strings."""
    quote = ""
    position = start + 2
    while position < len(text):
        char = text[position]
        if quote:
            if char == "\\":
                position += 1
            elif char == quote:
                quote = ""
        elif quotes and char in "'\"":
            quote = char
        elif text.startswith(closer, position):
            return position + len(closer)
        position += 1
    return -1


def _make_tag(text: str, start: int, end: int) -> Tag:
    kind = text[start : start + 2]
    inner = text[start + 2 : end - 2]
    anchor = ""
    match = _ANCHOR.match(inner)
    if match and not (kind == "{#" and match.group(1) == "r"):
        anchor = match.group(1)
        inner = inner[len(anchor) :]
    return Tag(start, end, kind, anchor, inner.translate(_QUOTES), text[start:end])


def scan(text: str) -> tuple[list[Tag], list[TagError]]:
    """The tags of one paragraph's text, and what is wrong with their braces."""
    tags: list[Tag] = []
    errors: list[TagError] = []
    position = 0
    while (match := _OPENER_OR_STRAY.search(text, position)) is not None:
        found = match.group()
        start = match.start()
        if found in CLOSERS:
            closer = CLOSERS[found]
            end = _closing(text, start, closer, found != "{#")
            if end < 0:
                end = _closing(text, start, closer, False)  # a stray quote: Jinja will say
            if end < 0:
                errors.append(
                    TagError(
                        start,
                        f"the tag {shorten(text[start:], 40)!r} is not closed",
                        f"End it with {closer!r} in the same paragraph; a tag opens and "
                        "closes in one paragraph",
                    )
                )
                break
            tags.append(_make_tag(text, start, end))
            position = end
        else:
            opener = "{{" if found == "}}" else "{%"
            errors.append(
                TagError(
                    start,
                    f"{found!r} closes no tag",
                    f"Open the tag with {opener!r} in the same paragraph, or remove the {found!r}",
                )
            )
            position = match.end()
    return tags, errors


@dataclass(frozen=True)
class Where:
    """A place in a template, as the user can find it in Word."""

    part: str  # "body", "header", "footer 2", "footnotes"…
    paragraph: int = 0  # 1-based, in document order within the part; 0: unknown
    text: str = ""  # the paragraph's text as written
    tag: str = ""

    def context(self) -> str:
        """`` (near: 'paragraph text', body paragraph 3)``, and the tag when the shortened
        text does not show it whole."""
        place = f"{self.part} paragraph {self.paragraph}" if self.paragraph else self.part
        if not self.text:
            return f" (in the {place})"
        shown = shorten(self.text)
        tag = f", tag {shorten(self.tag, 60)!r}" if self.tag and self.tag not in shown else ""
        return f" (near: {shown!r}, {place}{tag})"


def located(template: Path | str, where: Where, message: str, hint: str = "") -> Problem:
    """A template problem as the user reads it: file, part and paragraph, text, fix."""
    return Problem(message=message + where.context(), file=str(template), hint=hint)
