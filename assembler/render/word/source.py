"""A part of a Word template, once through the gate, as Jinja source: docxtpl's preprocessing,
done on the XML tree instead of with regular expressions on its text.

What docxtpl does, and what this does instead:

* tags split over runs are joined: here the tag's characters move into the run where the tag
  starts; the other characters of the runs stay where they were (docxtpl merged the runs);
* ``{%p %}``, ``{%tr %}``, ``{%tc %}``, ``{%r %}`` replace their paragraph, row, cell or run by
  the plain Jinja tag (``{#p #}`` and the like remove it);
* ``{{r x }}`` closes the run, prints ``x``'s runs, and reopens the run: here the text after
  the tag keeps the run's formatting, and the printed runs take it too (the run's properties,
  with ``<w:b/>`` added for bold runs; docxtpl gave them none);
* quotes Word made typographic inside a tag are straightened (“ ” ‘ ’ → " '), a no-break space
  becomes a space; ``{_{``, ``}_}``, ``{_%``, ``%_}`` in the text print as ``{{``, ``}}``, ``{%``,
  ``%}``;
* each text holding a tag keeps its spaces (``xml:space="preserve"``).

Tags are read from the text of paragraphs only. A brace pair anywhere else in the XML (alt text
of a picture, a field code) is written as a character reference, so Jinja never reads it.

Every tag starts a line of the Jinja source (``{{\\n x }}``): the line numbers Jinja reports map
back to the tag and its paragraph through ``PartSource.tags`` (line → place).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from lxml import etree

from assembler.render.word.gate import (
    TC,
    Paragraph,
    PlacedTag,
    TemplatePart,
    W,
)
from assembler.render.word.sandbox import RICH_FUNCTION

DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PRESERVE = "{http://www.w3.org/XML/1998/namespace}space"
_ESCAPES = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))
_NAMESPACE_DECLARATION = re.compile(r' xmlns(?::\w+)?="[^"]*"')
_BRACE = re.compile(r"\{(?=[{%#])")
_BOLD_AFTER = (W + "rStyle", W + "rFonts")


@dataclass
class PartSource:
    member: str
    label: str
    source: str = ""
    # One entry per tag, sorted by line: (line, paragraph number, paragraph text, tag text).
    tags: list[tuple[int, int, str, str]] = field(default_factory=list)
    # Run properties for rich text: (plain, bold) per {{r }} tag, by index.
    runs: list[tuple[str, str]] = field(default_factory=list)
    has_cell_tags: bool = False


def _markers(root: etree._Element) -> tuple[str, str]:
    """Two private-use characters the part does not contain, to mark where tags go."""
    present = set(etree.tostring(root, encoding="unicode"))
    free = (chr(code) for code in range(0xE000, 0xF900) if chr(code) not in present)
    return next(free), next(free)


def _unescape(text: str) -> str:
    for escaped, plain in _ESCAPES:
        text = text.replace(escaped, plain)
    return text


def tag_code(placed: PlacedTag) -> str:
    """The Jinja text of a tag, its body on a line of its own."""
    tag = placed.tag
    body = tag.body
    control = body[0] if body[:1] in ("-", "+") else ""
    closer = {"{{": "}}", "{%": "%}", "{#": "#}"}[tag.kind]
    return f"{tag.kind}{control}\n{body[len(control) :]}{closer}"


def rich_code(placed: PlacedTag, index: int) -> str:
    body = placed.tag.body.rstrip()
    control = "-" if body.endswith("-") else ""
    expression = body[: len(body) - len(control)]
    return f"{{{{\n {RICH_FUNCTION}(({expression}), {index}) {control}}}}}"


def _fragment(element: etree._Element | None) -> str:
    if element is None:
        return ""
    return _NAMESPACE_DECLARATION.sub("", etree.tostring(element, encoding="unicode"))


def run_properties(run: etree._Element) -> tuple[str, str]:
    """The run's properties as XML, as they are and with bold added (in schema order)."""
    properties = run.find(W + "rPr")
    plain = _fragment(properties)
    if properties is None:
        bold = etree.Element(W + "rPr", nsmap={"w": W[1:-1]})
    else:
        bold = copy.deepcopy(properties)
    for old in bold.findall(W + "b"):
        bold.remove(old)
    position = 0
    for child in bold:
        if child.tag not in _BOLD_AFTER:
            break
        position += 1
    bold.insert(position, etree.SubElement(bold, W + "b"))
    return plain, _fragment(bold)


class _Builder:
    def __init__(self, part: TemplatePart) -> None:
        self.part = part
        self.start, self.end = _markers(part.root)
        self.codes: list[tuple[str, PlacedTag | None]] = []
        self.result = PartSource(part.member, part.label)

    def marker(self, code: str, placed: PlacedTag | None) -> str:
        self.codes.append((code, placed))
        return f"{self.start}{len(self.codes) - 1}{self.end}"

    # -- text of paragraphs --------------------------------------------------------------

    def pieces(self, paragraph: Paragraph, placed: list[PlacedTag]) -> list[list[str | PlacedTag]]:
        """Per w:t of the paragraph, its text and tags once every tag is joined into the
        w:t where it starts."""
        at = {item.tag.start: item for item in placed}
        owner_of = paragraph.owners()
        result: list[list[str | PlacedTag]] = [[] for _ in paragraph.texts]
        offset, text = 0, paragraph.text
        while offset < len(text):
            if offset in at:
                item = at[offset]
                result[item.owner].append(item)
                offset = item.tag.end
                continue
            pieces = result[owner_of[offset]]
            if pieces and isinstance(pieces[-1], str):
                pieces[-1] += text[offset]
            else:
                pieces.append(text[offset])
            offset += 1
        return result

    def fill_text(self, paragraph: Paragraph, placed: list[PlacedTag]) -> None:
        inline = [item for item in placed if item.anchor is None]
        if not paragraph.tags:  # only the {_{ escapes, if any
            for element in paragraph.texts:
                if element.text and "_" in element.text:
                    unescaped = _unescape(element.text)
                    if unescaped != element.text:
                        element.text = unescaped
            return
        pieces = self.pieces(paragraph, inline)
        for element, owned in zip(paragraph.texts, pieces, strict=True):
            if any(isinstance(piece, PlacedTag) for piece in owned):
                self.fill_tagged(element, owned)
                continue
            joined = _unescape("".join(str(piece) for piece in owned))
            if joined != (element.text or ""):
                element.text = joined
                element.set(_PRESERVE, "preserve")

    def fill_tagged(self, element: etree._Element, pieces: list[str | PlacedTag]) -> None:
        """Write a w:t's text with markers for its tags; a {{r }} tag splits the run."""
        element.set(_PRESERVE, "preserve")
        current = element
        text = ""
        for piece in pieces:
            if isinstance(piece, str):
                text += _unescape(piece)
            elif piece.tag.kind == "{#":
                continue
            elif piece.tag.anchor == "r":
                current.text = text
                current = self.split_run(current, piece)
                text = ""
            else:
                text += self.marker(tag_code(piece), piece)
        current.text = text

    def split_run(self, text: etree._Element, placed: PlacedTag) -> etree._Element:
        """End the run after ``text``, put the rich tag's marker after it, and continue in a
        new run with the same properties; returns the new run's w:t."""
        run = text.getparent()
        parent = run.getparent() if run is not None else None
        assert run is not None and parent is not None
        index = len(self.result.runs)
        self.result.runs.append(run_properties(run))
        follower = etree.SubElement(parent, run.tag)  # in the parent's namespaces
        properties = run.find(W + "rPr")
        if properties is not None:
            follower.append(copy.deepcopy(properties))
        new_text = etree.SubElement(follower, W + "t")
        new_text.set(_PRESERVE, "preserve")
        for sibling in list(text.itersiblings()):
            follower.append(sibling)
        after = run.tail
        run.addnext(follower)
        follower.tail = after
        run.tail = self.marker(rich_code(placed, index), placed)
        return new_text

    # -- elements replaced by tags -------------------------------------------------------

    def replace(self, placed: PlacedTag) -> None:
        element = placed.anchor
        assert element is not None
        parent = element.getparent()
        assert parent is not None
        code = "" if placed.tag.kind == "{#" else self.marker(tag_code(placed), placed)
        text = code + (element.tail or "")
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + text
        else:
            parent.text = (parent.text or "") + text
        parent.remove(element)
        if element.tag == TC:
            self.result.has_cell_tags = True

    # -- the source ----------------------------------------------------------------------

    def build(self, placed: list[PlacedTag]) -> PartSource:
        by_paragraph: dict[int, list[PlacedTag]] = {}
        for item in placed:
            by_paragraph.setdefault(item.paragraph.number, []).append(item)
        for paragraph in self.part.paragraphs:
            self.fill_text(paragraph, by_paragraph.get(paragraph.number, []))
        for item in placed:
            if item.anchor is not None:
                self.replace(item)
        xml = _BRACE.sub("&#123;", etree.tostring(self.part.root, encoding="unicode"))
        self.result.source = self.assemble(DECLARATION + xml)
        return self.result

    def assemble(self, xml: str) -> str:
        pattern = re.compile(re.escape(self.start) + r"(\d+)" + re.escape(self.end))
        out: list[str] = []
        line = 1
        position = 0
        for match in pattern.finditer(xml):
            literal = xml[position : match.start()]
            out.append(literal)
            line += literal.count("\n")
            code, placed = self.codes[int(match.group(1))]
            if placed is not None:
                paragraph = placed.paragraph
                self.result.tags.append(
                    (line + 1, paragraph.number, paragraph.text, placed.tag.text)
                )
            out.append(code)
            line += code.count("\n")
            position = match.end()
        out.append(xml[position:])
        return "".join(out)


def build_source(part: TemplatePart, placed: list[PlacedTag]) -> PartSource:
    """The part as Jinja source (the part's tree is changed on the way)."""
    return _Builder(part).build(placed)
