"""The filled parts, checked and finished without python-docx and without a recovering parser.

docxtpl parsed its output with ``recover=True``, which "repairs" broken XML by dropping what
it cannot place: content vanished and the reopen check that followed saw nothing wrong. Here
each filled part is read by expat, which stops at the first error, and a few rules of Word's
structure are checked on the way, the ones a template could break and Word or LibreOffice
would punish by dropping text: nothing inside a text element, no paragraph directly inside a
paragraph or run, no run or text directly in the body, a table, a row or a cell, rows only in
tables and cells only in rows, and no table without rows, no row without a cell, no cell
without a paragraph (a loop over an empty list can leave one, and Word refuses the file).
With the gate in front, the other rules should never fire; they are the proof that nothing is
written that would lose text.

Finishing: picture ids in the body are renumbered from 1001 (a loop repeats them; docxtpl did
the same), and when a template repeats table cells (``{%tc %}``) the table grids are widened or
narrowed to the cells (docxtpl's ``fix_tables``; only then is lxml loaded).
"""

from __future__ import annotations

import re
from xml.parsers import expat

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main "
_TEXT = {W + "t", W + "delText", W + "instrText"}
_NOT_IN = {
    W + "p": {W + "p", W + "r"},
    W + "r": {W + "body", W + "tbl", W + "tr", W + "tc", W + "r", W + "hdr", W + "ftr"},
    W + "tr": {W + "body", W + "p", W + "r", W + "tr", W + "tc"},
    W + "tc": {W + "body", W + "p", W + "r", W + "tbl", W + "tc"},
}
_NO_TEXT = {W + name for name in ("p", "r", "body", "tbl", "tr", "tc", "hdr", "ftr")}
# Elements Word refuses to open without a child of this kind (a loop over an empty list can
# leave a cell without a paragraph, a row without a cell).
_NEEDS = {
    W + "tbl": (W + "tr", "a table without rows"),
    W + "tc": (W + "p", "a table cell without a paragraph"),
    W + "tr": (W + "tc", "a table row without a cell"),
    W + "hdr": (W + "p", "a header without a paragraph"),
    W + "ftr": (W + "p", "a footer without a paragraph"),
}
_DOC_PR = re.compile(r'(<wp:docPr\b[^>]*?\bid=")\d+(")')


class BrokenPart(ValueError):
    """The filled part is not a valid Word part; the message says what and near which text."""


def _local(name: str) -> str:
    return "w:" + name[len(W) :] if name.startswith(W) else name.rpartition(" ")[2]


def check_part(xml: bytes) -> None:
    """Raise ``BrokenPart`` when the filled part is not well-formed or breaks the rules above."""
    stack: list[str] = []
    children: list[set[str]] = []  # the kinds of child element of each open element
    seen = [""]  # the last text read, to say where

    def start(name: str, _: object) -> None:
        parent = stack[-1] if stack else ""
        if parent in _TEXT:
            raise BrokenPart(f"a {_local(name)} element inside a text")
        if parent in _NOT_IN.get(name, ()):
            raise BrokenPart(f"a {_local(name)} element directly inside {_local(parent)}")
        if children:
            children[-1].add(name)
        stack.append(name)
        children.append(set())

    def end(name: str) -> None:
        stack.pop()
        kinds = children.pop()
        if name in _NEEDS and _NEEDS[name][0] not in kinds:
            raise BrokenPart(f"{_NEEDS[name][1]}, which Word cannot open")

    def text(data: str) -> None:
        if stack and stack[-1] in _TEXT:
            seen[0] = (seen[0] + data)[-60:]
        elif stack and stack[-1] in _NO_TEXT and data.strip():
            raise BrokenPart(f"text {data.strip()[:40]!r} outside a run, which Word drops")

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.buffer_text = True
    try:
        parser.Parse(xml, True)
    except expat.ExpatError as exc:
        raise BrokenPart(f"not well-formed XML ({expat.errors.messages[exc.code]})") from None
    except BrokenPart as exc:
        near = f" (after the text {seen[0]!r})" if seen[0] else ""
        raise BrokenPart(f"{exc}{near}") from None


def renumber_pictures(xml: str) -> str:
    """Unique ids for the pictures of the body, from 1001 on, as docxtpl numbered them."""
    if "docPr" not in xml:
        return xml
    counter = iter(range(1001, 1001 + xml.count("docPr")))
    return _DOC_PR.sub(lambda m: f"{m.group(1)}{next(counter)}{m.group(2)}", xml)


def fit_table_grids(xml: bytes) -> bytes:
    """Make every table's grid match its widest row (after ``{%tc %}`` loops)."""
    from lxml import etree

    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    for table in root.iter(ns + "tbl"):
        grid = table.find(ns + "tblGrid")
        if grid is None:
            continue
        columns = grid.findall(ns + "gridCol")
        widths = [float(c.get(ns + "w") or 0) for c in columns]
        total = sum(widths)
        cells = 0
        for row in table.iter(ns + "tr"):
            count = 0
            for cell in row.findall(ns + "tc"):
                span = cell.find(f"{ns}tcPr/{ns}gridSpan")
                value = span.get(ns + "val") if span is not None else None
                count += int(value) if value and value.isdigit() else 1
            cells = max(cells, count)
        if cells == 0 or cells == len(columns):
            continue
        for column in columns:
            grid.remove(column)
        for _ in range(cells):
            column = etree.SubElement(grid, ns + "gridCol")
            if total:
                column.set(ns + "w", str(int(total / cells)))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
