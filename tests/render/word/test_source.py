"""docxtpl's preprocessing on the XML tree: joined tags, replaced elements, rich runs, the
line map back to paragraphs, and braces outside paragraphs left alone."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX

from assembler.problems import ProblemsError
from assembler.render.word.fill import render_docx
from assembler.render.word.gate import gate, parse_part
from assembler.render.word.source import build_source, run_properties
from assembler.shape.authors import Rich, Run

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
WHEN = datetime(2026, 11, 21)


def source_of(body: str):
    xml = f"<w:document {NS}><w:body>{body}</w:body></w:document>".encode()
    part = parse_part("word/document.xml", "body", xml)
    placed, refused = gate("t.docx", part)
    assert refused == []
    return build_source(part, placed)


def rendered(path: Path, context: dict) -> docx.document.Document:
    return docx.Document(io.BytesIO(render_docx(path, context, WHEN, "T", "A")))


def test_each_tag_starts_a_line_that_maps_to_its_paragraph() -> None:
    source = source_of(
        "<w:p><w:r><w:t>A {{ a }} B {{ b }}</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>{%p if c %}</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>{%p endif %}</w:t></w:r></w:p>"
    )
    lines = source.source.splitlines()
    assert [(line, paragraph, tag) for line, paragraph, _, tag in source.tags] == [
        (3, 1, "{{ a }}"),
        (4, 1, "{{ b }}"),
        (5, 2, "{%p if c %}"),
        (6, 3, "{%p endif %}"),
    ]
    assert lines[2].startswith(" a }}")
    assert lines[4].startswith(" if c %}")
    assert "<w:p><w:r><w:t>{%p" not in source.source  # the paragraph is gone, the tag stays


def test_braces_outside_paragraph_text_are_not_template_code() -> None:
    source = source_of(
        "<w:p><w:r><w:instrText>{{ not_code }}</w:instrText></w:r></w:p>"
        "<w:p><w:r><w:t>{_{ literal }_}</w:t></w:r></w:p>"
    )
    assert "&#123;{ not_code }}" in source.source
    assert "<w:t>{{ literal }}</w:t>" not in source.source
    assert "&#123;{ literal }}" in source.source
    assert source.tags == []


def test_bold_is_added_to_the_run_properties_in_schema_order() -> None:
    xml = (
        f'<w:r {NS}><w:rPr><w:rStyle w:val="X"/><w:rFonts w:ascii="Arial"/><w:i/></w:rPr>'
        "<w:t>x</w:t></w:r>"
    )
    from lxml import etree

    plain, bold = run_properties(etree.fromstring(xml))
    assert plain == '<w:rPr><w:rStyle w:val="X"/><w:rFonts w:ascii="Arial"/><w:i/></w:rPr>'
    assert bold == '<w:rPr><w:rStyle w:val="X"/><w:rFonts w:ascii="Arial"/><w:b/><w:i/></w:rPr>'
    assert run_properties(etree.fromstring(f"<w:r {NS}><w:t>x</w:t></w:r>")) == (
        "",
        "<w:rPr><w:b/></w:rPr>",
    )


def test_a_split_tag_prints_in_its_first_run_and_the_other_runs_keep_their_text(
    tmp_path: Path,
) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("Dear {{ person.")
    tail = paragraph.add_run("name }}!")
    tail.italic = True
    document.save(tmp_path / "t.docx")
    (out,) = rendered(tmp_path / "t.docx", {"person": {"name": "Ada"}}).paragraphs
    assert [(run.text, run.italic) for run in out.runs] == [("Dear Ada", None), ("!", True)]


def test_rich_text_takes_the_formatting_of_the_run_it_stood_in(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    run = paragraph.add_run("By {{r authors }} et al.")
    run.italic = True
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    document.save(tmp_path / "t.docx")
    authors = Rich([Run("Samek W, "), Run("Lapuschkin S", True), Run(""), Run(" & co")])
    (out,) = rendered(tmp_path / "t.docx", {"authors": authors}).paragraphs
    assert out.text == "By Samek W, Lapuschkin S & co et al."
    assert [(r.text, r.bold, r.italic) for r in out.runs if r.text] == [
        ("By ", None, True),
        ("Samek W, ", None, True),
        ("Lapuschkin S", True, True),
        (" & co", None, True),
        (" et al.", None, True),
    ]
    assert all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in out.runs if r.text)


def test_paragraph_row_and_cell_tags_replace_their_element(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("{%p for x in items %}")
    document.add_paragraph("Item {{ x }}")
    document.add_paragraph("{%p endfor %}")
    rows = document.add_table(rows=3, cols=1)
    for index, text in enumerate(("{%tr for x in items %}", "{{ x }}", "{%tr endfor %}")):
        rows.cell(index, 0).text = text
    cells = document.add_table(rows=1, cols=3)
    for index, text in enumerate(("{%tc for x in items %}", "{{ x }}", "{%tc endfor %}")):
        cells.cell(0, index).text = text
    document.add_paragraph("{#p a comment that goes #}")
    document.add_paragraph("END")
    document.save(tmp_path / "t.docx")
    out = rendered(tmp_path / "t.docx", {"items": ["a", "b"]})
    assert [p.text for p in out.paragraphs] == ["Item a", "Item b", "END"]
    row_table, cell_table = out.tables
    assert [row.cells[0].text for row in row_table.rows] == ["a", "b"]
    assert [cell.text for cell in cell_table.rows[0].cells] == ["a", "b"]
    grid = cell_table._tbl.tblGrid.findall(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}gridCol"
    )
    assert len(grid) == 2  # the grid follows the cells


def test_headers_and_footers_are_filled(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Body {{ name }}")
    document.sections[0].header.paragraphs[0].text = "Head {{ name }}"
    document.sections[0].footer.paragraphs[0].text = "Foot {{ name }}"
    document.save(tmp_path / "t.docx")
    out = rendered(tmp_path / "t.docx", {"name": "Ada"})
    assert out.paragraphs[-1].text == "Body Ada"
    assert out.sections[0].header.paragraphs[0].text == "Head Ada"
    assert out.sections[0].footer.paragraphs[0].text == "Foot Ada"


def test_paragraph_tags_may_hold_percent_signs_and_braces(tmp_path: Path) -> None:
    """docxtpl #644: its expressions stopped at the first % or }."""
    document = docx.Document()
    document.add_paragraph("{%p for k in {'a': 1, 'b': 2} if n % 2 %}")
    document.add_paragraph("{{ k }}")
    document.add_paragraph("{%p endfor %}")
    document.save(tmp_path / "t.docx")
    assert [p.text for p in rendered(tmp_path / "t.docx", {"n": 3}).paragraphs] == ["a", "b"]


def test_a_table_wrapped_in_paragraph_tags_comes_and_goes_whole(tmp_path: Path) -> None:
    """docxtpl #445: a directive before a table gave a file Word could not read."""
    document = docx.Document()
    document.add_paragraph("{%p if show %}")
    document.add_table(rows=1, cols=2).cell(0, 1).text = "{{ value }}"
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("END")
    document.save(tmp_path / "t.docx")
    shown = rendered(tmp_path / "t.docx", {"show": True, "value": "v"})
    assert [cell.text for cell in shown.tables[0].rows[0].cells] == ["", "v"]
    hidden = rendered(tmp_path / "t.docx", {"show": False, "value": "v"})
    assert hidden.tables == [] and [p.text for p in hidden.paragraphs] == ["END"]


def test_what_word_does_to_typed_tags_is_undone(tmp_path: Path) -> None:
    document = docx.Document()
    for text in (
        "{{\u00a0name\u00a0}}",  # no-break spaces
        "{{ “quoted” }}",  # typographic quotes
        "A {%- if 1 %} B{% endif %}",  # Jinja's whitespace control, within the text
        "{{ '{{' }} x {{ '}}' }}",
    ):
        document.add_paragraph(text)
    document.save(tmp_path / "t.docx")
    out = rendered(tmp_path / "t.docx", {"name": "N"})
    assert [p.text for p in out.paragraphs] == ["N", "quoted", "A B", "{{ x }}"]


def test_a_table_left_without_rows_is_refused_not_written(tmp_path: Path) -> None:
    document = docx.Document()
    rows = document.add_table(rows=3, cols=1)
    for index, text in enumerate(("{%tr for x in items %}", "{{ x }}", "{%tr endfor %}")):
        rows.cell(index, 0).text = text
    document.save(tmp_path / "t.docx")
    with pytest.raises(ProblemsError, match="a table without rows, which Word cannot open"):
        rendered(tmp_path / "t.docx", {"items": []})
