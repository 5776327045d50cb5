"""The template gate: a Word template's own text, paragraph by paragraph, checked before use.

docxtpl edits the template's XML with regular expressions and lets a recovering XML parser
"repair" the result, so a tag typed wrong loses content without a word (issue 12: a missing
brace swallows a loop and everything after it). Here the XML is parsed strictly, the text of
each paragraph is read as the user wrote it, and a template is refused, with the paragraph and
the fix, when:

* a tag does not close in its paragraph, or a ``}}`` / ``%}`` closes nothing;
* a tag runs over a tab, line break or picture (which it would delete);
* ``{%p %}``, ``{%tr %}``, ``{%tc %}`` or ``{%r %}`` is not alone in its paragraph, row, cell or
  run (the rest would vanish with the element the tag replaces), or ``{%tr %}`` / ``{%tc %}``
  is not in a table;
* a block (``for``, ``if``, ``with``, ``macro``, ``call``, ``filter``, ``set``) is not closed,
  is closed by the wrong tag, or its tags are not at the same place in the document's
  structure: both ``{%tr %}`` rows of one table, both ``{%p %}`` paragraphs side by side, both
  plain tags in the text of paragraphs side by side. This is what guarantees that any number of
  repetitions (or none) still gives well-formed XML;
* rich text (``authors_rich``…) is printed without ``{{r }}``, or a tag is one assemble does
  not support (include/import/extends, autoescape, raw, docxtpl's cellbg/colspan/vm/hm,
  ``{{p }}``).

What the gate accepts and handles: a tag split over several runs (Word does this at will; the
tag is joined into the run where it starts, the other runs keep their text and formatting), and
spelling marks, bookmarks and the like inside a tag.

``check_tag_layout`` is the stricter rule for the bundled templates (every tag in one run).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from assembler.problems import Problem
from assembler.render.word.package import PackageError, read_package
from assembler.render.word.tags import Tag, TagError, Where, located, scan, shorten
from assembler.shape.views import rich_fields

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
P, R, T, TR, TC = W + "p", W + "r", W + "t", W + "tr", W + "tc"
# Run content a user sees that a tag must not swallow.
VISIBLE = frozenset(
    W + name
    for name in (
        "tab",
        "br",
        "cr",
        "drawing",
        "pict",
        "object",
        "sym",
        "footnoteReference",
        "endnoteReference",
        "ptab",
    )
)
PICTURES = (W + "drawing", W + "pict", W + "object")
ANCHOR_TAGS = {"p": P, "tr": TR, "tc": TC, "r": R}
ANCHOR_NAMES = {"p": "paragraph", "tr": "table row", "tc": "table cell", "r": "run"}
OPENERS = frozenset({"for", "if", "with", "macro", "call", "filter", "set"})
MIDDLES = {"elif": {"if"}, "else": {"if", "for"}}
UNSUPPORTED = {
    "include": "a template cannot include, import or extend other files",
    "import": "a template cannot include, import or extend other files",
    "from": "a template cannot include, import or extend other files",
    "extends": "a template cannot include, import or extend other files",
    "block": "template inheritance ({% block %}) is not supported",
    "autoescape": "autoescaping cannot be switched off: values are always printed as text",
    "raw": "{% raw %} is not supported; print braces with {{ '{{' }}",
    "cellbg": "docxtpl's {% cellbg %} is not supported",
    "colspan": "docxtpl's {% colspan %} is not supported",
    "vm": "docxtpl's {% vm %} is not supported",
    "hm": "docxtpl's {% hm %} is not supported",
}


@dataclass
class Paragraph:
    element: etree._Element
    number: int
    texts: list[etree._Element] = field(default_factory=list)  # its w:t, in order
    starts: list[int] = field(default_factory=list)  # offset of each w:t in ``text``
    visible: list[int] = field(default_factory=list)  # offsets of tabs, breaks, pictures
    text: str = ""
    tags: list[Tag] = field(default_factory=list)
    errors: list[TagError] = field(default_factory=list)

    def where(self, label: str, tag: Tag | None = None) -> Where:
        return Where(label, self.number, self.text, tag.text if tag else "")

    def owner(self, offset: int) -> int:
        """The index of the w:t holding the character at ``offset`` (empty w:t hold none)."""
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def owners(self) -> list[int]:
        """The w:t of each character once every tag is joined into the w:t where it starts."""
        owner_of = [0] * len(self.text)
        for index, start in enumerate(self.starts):
            end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
            owner_of[start:end] = [index] * (end - start)
        for tag in self.tags:
            first = owner_of[tag.start]
            owner_of[tag.start : tag.end] = [first] * (tag.end - tag.start)
        return owner_of


@dataclass
class PlacedTag:
    """A tag with the elements it belongs to, once the gate accepted it."""

    tag: Tag
    paragraph: Paragraph
    owner: int  # the w:t (index in paragraph.texts) where the tag starts
    anchor: etree._Element | None  # the paragraph/row/cell/run a {%p/tr/tc/r} tag replaces

    def place(self) -> tuple[etree._Element | None, tuple[str, ...], str]:
        """Where the tag sits in the structure: container element, element names below it
        down to the tag, and the tag's anchor letter."""
        if self.anchor is not None:
            return self.anchor.getparent(), (self.anchor.tag,), self.tag.anchor
        text = self.paragraph.texts[self.owner]
        chain = [text.tag]
        for ancestor in text.iterancestors():
            chain.append(ancestor.tag)
            if ancestor is self.paragraph.element:
                break
        return self.paragraph.element.getparent(), tuple(reversed(chain)), ""


@dataclass
class TemplatePart:
    member: str  # the zip member, e.g. word/document.xml
    label: str  # body, header, footer 2…
    root: etree._Element
    paragraphs: list[Paragraph]
    _by_element: dict[etree._Element, Paragraph] = field(default_factory=dict)

    def inside(self, element: etree._Element) -> list[Paragraph]:
        """The paragraphs within an element (itself included, if it is one)."""
        if not self._by_element:
            self._by_element.update((p.element, p) for p in self.paragraphs)
        return [self._by_element[found] for found in element.iter(P) if found in self._by_element]


class PartError(ValueError):
    """A part of the template that is not XML a template can be made of."""


def parse_part(member: str, label: str, data: bytes) -> TemplatePart:
    """Parse one part strictly (no recovery, no DTD, no entities) and read its paragraphs."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise PartError(f"{member} declares a DOCTYPE or entities, which Word never writes")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise PartError(f"{member} is not well-formed XML ({exc})") from None
    if root.getroottree().docinfo.doctype:  # type: ignore[union-attr]
        raise PartError(f"{member} declares a DOCTYPE, which Word never writes")
    return TemplatePart(member, label, root, read_paragraphs(root))


def _nearest_paragraph(element: etree._Element) -> etree._Element | None:
    return next(element.iterancestors(P), None)


def read_paragraphs(root: etree._Element) -> list[Paragraph]:
    """Every paragraph in document order, with its text joined from its own w:t elements
    (the text of a text box inside a paragraph belongs to the text box's paragraphs)."""
    paragraphs = {
        element: Paragraph(element, number) for number, element in enumerate(root.iter(P), start=1)
    }
    for element in root.iter(T, *VISIBLE):
        paragraph = paragraphs.get(_nearest_paragraph(element))  # type: ignore[arg-type]
        if paragraph is None:
            continue
        if element.tag == T:
            paragraph.starts.append(len(paragraph.text))
            paragraph.texts.append(element)
            paragraph.text += element.text or ""
        else:
            paragraph.visible.append(len(paragraph.text))
    for paragraph in paragraphs.values():
        if "{" in paragraph.text or "}" in paragraph.text:
            paragraph.tags, paragraph.errors = scan(paragraph.text)
    return list(paragraphs.values())


# --- the checks -------------------------------------------------------------------------


def _anchor(paragraph: Paragraph, tag: Tag, owner: int) -> etree._Element:
    if tag.anchor == "p":
        return paragraph.element
    if tag.anchor == "r":
        return paragraph.texts[owner].getparent()  # type: ignore[return-value]
    found = next(paragraph.element.iterancestors(ANCHOR_TAGS[tag.anchor]), None)
    if found is None:
        raise _Refused(
            f"a {{%{tag.anchor} %}} tag must stand in a {ANCHOR_NAMES[tag.anchor]}, and this "
            "paragraph is not in a table",
            "Use a {%p %} tag here, or move the tag into the table row it repeats",
        )
    return found


class _Refused(Exception):
    """One tag refused, with the message and the fix (turned into a Problem by the caller)."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def _check_words(tag: Tag, rich: frozenset[str]) -> None:
    if tag.kind == "{{" and tag.anchor in ("p", "tr", "tc"):
        raise _Refused(
            f"{{{{{tag.anchor} … }}}} (a whole {ANCHOR_NAMES[tag.anchor]} from data) is not "
            "supported",
            "Print values with {{ … }} inside a paragraph",
        )
    word = tag.word
    if word in UNSUPPORTED:
        raise _Refused(UNSUPPORTED[word], "Remove the tag")
    if tag.kind == "{{" and tag.anchor != "r":
        used = re.search(r"\b(" + "|".join(sorted(rich)) + r")\b", tag.body) if rich else None
        if used:
            raise _Refused(
                f"{used.group(1)} is rich text (runs, the person's name in bold) and is printed "
                "only with {{r … }}: without the r the document would be corrupt",
                f"Write {{{{r{tag.body}}}}} (alone in its text), or use the plain-text field",
            )


def _spans_visible(paragraph: Paragraph, tag: Tag) -> bool:
    """A tab, break or picture between the tag's first and last character."""
    index = bisect.bisect_right(paragraph.visible, tag.start)
    return index < len(paragraph.visible) and paragraph.visible[index] < tag.end


def _check_alone(
    part: TemplatePart, placed: PlacedTag, by_paragraph: dict[int, list[PlacedTag]]
) -> None:
    """A {%p/tr/tc/r %} tag replaces its element: nothing else may be in it."""
    anchor = placed.anchor
    if anchor is None:
        return
    tag = placed.tag
    if tag.anchor == "r":
        paragraph = placed.paragraph
        owned = owned_texts(paragraph)
        rest = "".join(
            owned[i] for i, text in enumerate(paragraph.texts) if text.getparent() is anchor
        )
        others = [
            other
            for other in by_paragraph[paragraph.number]
            if other is not placed and paragraph.texts[other.owner].getparent() is anchor
        ]
    else:
        inside = part.inside(anchor)
        rest = "".join(paragraph.text for paragraph in inside)
        others = [
            other
            for paragraph in inside
            for other in by_paragraph.get(paragraph.number, [])
            if other is not placed
        ]
    rest = rest.replace(tag.text, "", 1)
    for other in others:
        rest = rest.replace(other.tag.text, "", 1)
    pictures = tag.anchor != "r" and next(anchor.iter(*PICTURES), None) is not None
    if others or rest.strip() or pictures:
        lost = shorten(rest.strip() or (others[0].tag.text if others else "a picture"), 60)
        name = ANCHOR_NAMES[tag.anchor]
        raise _Refused(
            f"a {{%{tag.anchor} %}} tag replaces its whole {name}, and {lost!r} in the same "
            f"{name} would be lost",
            f"Put the tag alone in its own {name}"
            + (" (or use a plain {% %} tag)" if tag.anchor == "r" else ""),
        )


def place_tags(template: Path | str, part: TemplatePart) -> tuple[list[PlacedTag], list[Problem]]:
    """The part's tags with their elements, and what is wrong with each tag on its own."""
    placed: list[PlacedTag] = []
    problems: list[Problem] = []
    rich = frozenset(rich_fields())
    for paragraph in part.paragraphs:
        if paragraph.errors:
            error = paragraph.errors[0]
            where = paragraph.where(part.label)
            problems.append(located(template, where, error.message, error.hint))
            continue
        for tag in paragraph.tags:
            try:
                placed.append(_place(part, paragraph, tag, rich))
            except _Refused as refused:
                where = paragraph.where(part.label, tag)
                problems.append(located(template, where, refused.message, refused.hint))
    by_paragraph: dict[int, list[PlacedTag]] = {}
    for item in placed:
        by_paragraph.setdefault(item.paragraph.number, []).append(item)
    for item in placed:
        try:
            _check_alone(part, item, by_paragraph)
        except _Refused as refused:
            where = item.paragraph.where(part.label, item.tag)
            problems.append(located(template, where, refused.message, refused.hint))
    return placed, problems


def _place(part: TemplatePart, paragraph: Paragraph, tag: Tag, rich: frozenset[str]) -> PlacedTag:
    if _spans_visible(paragraph, tag):
        raise _Refused(
            "a tab, line break or picture stands inside this tag and would be lost",
            "Remove it from between the braces",
        )
    _check_words(tag, rich)
    owner = paragraph.owner(tag.start)
    anchored = tag.anchor and tag.kind != "{{"
    return PlacedTag(tag, paragraph, owner, _anchor(paragraph, tag, owner) if anchored else None)


# --- blocks -----------------------------------------------------------------------------


def _closer_for(opener: PlacedTag) -> str:
    return f"{{%{opener.tag.anchor} end{opener.tag.word} %}}"


def _kind(placed: PlacedTag) -> str:
    anchor = placed.tag.anchor
    return f"a {{%{anchor} %}} tag" if anchor else "a tag in the text of a paragraph"


def _same_place(opener: PlacedTag, other: PlacedTag) -> _Refused | None:
    mine, theirs = opener.place(), other.place()
    if mine[2] != theirs[2]:
        return _Refused(
            f"this tag belongs to {opener.tag.text!r} (paragraph {opener.paragraph.number}), "
            f"which is {_kind(opener)}; both must be of the same kind",
            f"Write it as {{%{opener.tag.anchor} {other.tag.body.strip()} %}}",
        )
    if mine[0] is not theirs[0] or mine[1] != theirs[1]:
        level = {
            "tr": "rows of the same table",
            "tc": "cells of the same row",
        }.get(
            opener.tag.anchor,
            "paragraphs side by side (the same table cell, or all outside tables)",
        )
        return _Refused(
            f"this tag belongs to {opener.tag.text!r} (paragraph {opener.paragraph.number}), "
            "which stands at another place in the document",
            f"The tags of one block must be in {level}",
        )
    return None


def _block_step(stack: list[PlacedTag], placed: PlacedTag) -> _Refused | None:
    tag = placed.tag
    word = tag.word
    if word in OPENERS and (word != "set" or tag.opens_block_by_set):
        stack.append(placed)
        return None
    if word in MIDDLES or word.startswith("end"):
        if not stack:
            return _Refused(
                f"{tag.text!r} has no block to belong to",
                "Remove it, or add the tag that opens its block before it",
            )
        opener = stack[-1]
        expected = MIDDLES.get(word, {word[3:]})
        if opener.tag.word not in expected:
            return _Refused(
                f"{tag.text!r} cannot close or continue {opener.tag.text!r} "
                f"(paragraph {opener.paragraph.number})",
                f"Close that block with {_closer_for(opener)!r} first",
            )
        mismatch = _same_place(opener, placed)
        if mismatch is None and word.startswith("end"):
            stack.pop()
        return mismatch
    return None


def check_blocks(part: TemplatePart, placed: list[PlacedTag]) -> tuple[Problem, Where] | None:
    """The first block of the part whose tags do not match, or None."""
    stack: list[PlacedTag] = []
    for item in placed:
        if item.tag.kind != "{%":
            continue
        refused = _block_step(stack, item)
        if refused is not None:
            where = item.paragraph.where(part.label, item.tag)
            return Problem(refused.message, hint=refused.hint), where
    if stack:
        opener = stack[-1]
        return (
            Problem(
                f"{opener.tag.text!r} is never closed",
                hint=f"Add {_closer_for(opener)!r} after what it spans",
            ),
            opener.paragraph.where(part.label, opener.tag),
        )
    return None


def gate(template: Path | str, part: TemplatePart) -> tuple[list[PlacedTag], list[Problem]]:
    """Every tag of the part, placed, or the problems that refuse the template."""
    placed, problems = place_tags(template, part)
    if not problems:
        block = check_blocks(part, placed)
        if block is not None:
            problem, where = block
            problems.append(located(template, where, problem.message, problem.hint))
    return placed, problems


def owned_texts(paragraph: Paragraph) -> list[str]:
    """The text of each w:t once every tag is joined into the w:t where it starts: a tag's
    characters move there, every other character stays in its own run."""
    texts: list[list[str]] = [[] for _ in paragraph.texts]
    for char, owner in zip(paragraph.text, paragraph.owners(), strict=True):
        texts[owner].append(char)
    return ["".join(chars) for chars in texts]


def _split_tags(part: TemplatePart) -> Iterator[tuple[Paragraph, Tag]]:
    for paragraph in part.paragraphs:
        for tag in paragraph.tags:
            first = paragraph.owner(tag.start)
            if paragraph.owner(tag.end - 1) != first:
                yield paragraph, tag


def check_tag_layout(template: Path) -> list[Problem]:
    """The rules for the bundled templates: everything the gate checks, and every tag typed in
    one run (so that the template reads the same in Word, LibreOffice and this engine)."""
    try:
        package = read_package(template)
    except PackageError as exc:
        return exc.problems
    problems: list[Problem] = []
    for member, label in package.parts:
        try:
            part = parse_part(member, label, package.read(member))
        except PartError as exc:
            problems.append(located(template, Where(label), str(exc)))
            continue
        problems += gate(template, part)[1]
        for paragraph, tag in _split_tags(part):
            problems.append(
                located(
                    template,
                    paragraph.where(label, tag),
                    "the tag is split over several runs",
                    "Retype it in one go, or clear its formatting, so that it sits in one run",
                )
            )
    return problems
