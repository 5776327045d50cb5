"""The filled parts are checked by a parser that does not repair anything."""

from __future__ import annotations

import pytest

from assembler.render.word.check import BrokenPart, check_part, fit_table_grids, renumber_pictures

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def body(inner: str) -> bytes:
    return f"<w:document {NS}><w:body>{inner}</w:body></w:document>".encode()


def test_a_sound_part_passes() -> None:
    check_part(
        body(
            "<w:p><w:r><w:t>Text</w:t><w:tab/><w:t>more</w:t></w:r></w:p>"
            "<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>\n"
        )
    )


@pytest.mark.parametrize(
    ("inner", "message"),
    [
        ("<w:p><w:r><w:t>A<w:r/></w:t></w:r></w:p>", "a w:r element inside a text"),
        ("<w:p><w:r><w:t>A</w:t></w:r><w:p/></w:p>", "a w:p element directly inside w:p"),
        ("<w:r><w:t>A</w:t></w:r>", "a w:r element directly inside w:body"),
        ("<w:p>lost text</w:p>", "text 'lost text' outside a run"),
        ("<w:tbl><w:tc/></w:tbl>", "a w:tc element directly inside w:tbl"),
        ("<w:p><w:r><w:t>A</w:t></w:r>", "not well-formed XML"),
        ("<w:tbl><w:tr><w:tc><w:tcPr/></w:tc></w:tr></w:tbl>", "a table cell without a paragraph"),
        ("<w:tbl><w:tr><w:trPr/></w:tr></w:tbl>", "a table row without a cell"),
        ("<w:tbl><w:tblGrid/></w:tbl>", "a table without rows"),
    ],
)
def test_broken_parts_are_refused(inner: str, message: str) -> None:
    with pytest.raises(BrokenPart, match=message):
        check_part(body(inner))


def test_the_error_says_after_which_text() -> None:
    with pytest.raises(BrokenPart, match="after the text 'Publications'"):
        check_part(body("<w:p><w:r><w:t>Publications</w:t></w:r></w:p><w:p>x</w:p>"))


def test_pictures_are_renumbered() -> None:
    xml = '<wp:docPr id="5" name="a"/><wp:docPr name="b" id="5"/>'
    assert renumber_pictures(xml) == '<wp:docPr id="1001" name="a"/><wp:docPr name="b" id="1002"/>'
    assert renumber_pictures("<w:p/>") == "<w:p/>"


def test_table_grids_follow_the_widest_row() -> None:
    xml = body(
        '<w:tbl><w:tblGrid><w:gridCol w:w="3000"/></w:tblGrid>'
        "<w:tr><w:tc/><w:tc/><w:tc/></w:tr></w:tbl>"
    )
    fitted = fit_table_grids(xml).decode()
    assert fitted.count('<w:gridCol w:w="1000"/>') == 3
