"""The gate: what a template may hold, read from its own paragraphs before anything runs."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from assembler.render.word.gate import (
    PartError,
    check_tag_layout,
    gate,
    owned_texts,
    parse_part,
)
from assembler.resources import bundled_dir

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def p(*runs: str) -> str:
    """A paragraph of runs; a run is its text, or raw run content when it starts with '<'."""
    inner = "".join(
        f"<w:r>{run}</w:r>" if run.startswith("<") else f"<w:r><w:t>{run}</w:t></w:r>"
        for run in runs
    )
    return f"<w:p>{inner}</w:p>"


def table(*rows: list[str]) -> str:
    body = "".join(
        "<w:tr>" + "".join(f"<w:tc>{p(cell)}</w:tc>" for cell in row) + "</w:tr>" for row in rows
    )
    return f"<w:tbl><w:tblGrid/>{body}</w:tbl>"


def problems(*blocks: str) -> list[str]:
    xml = f"<w:document {NS}><w:body>{''.join(blocks)}</w:body></w:document>"
    part = parse_part("word/document.xml", "body", xml.encode())
    return [problem.format() for problem in gate("t.docx", part)[1]]


def test_a_clean_template_passes() -> None:
    assert (
        problems(
            p("{%p for e in publications %}"),
            p("{{ e.dates }}", "<w:tab/>", "{{r e.citation_rich }}"),
            p("{%p endfor %}"),
            table(["{%tr for e in talks %}"], ["{{ e.title }}"], ["{%tr endfor %}"]),
            p("{% if a %}A{% else %}B{% endif %}"),
        )
        == []
    )


def test_a_tag_split_over_runs_is_joined_into_the_run_where_it_starts() -> None:
    xml = f"<w:document {NS}><w:body>{p('Dear {{ per', 'son.na', 'me }}!')}</w:body></w:document>"
    part = parse_part("word/document.xml", "body", xml.encode())
    placed, refused = gate("t.docx", part)
    assert refused == []
    (tag,) = placed
    assert tag.tag.text == "{{ person.name }}" and tag.owner == 0
    assert owned_texts(part.paragraphs[0]) == ["Dear {{ person.name }}", "", "!"]


def test_a_tag_over_a_tab_is_refused() -> None:
    (message,) = problems(p("{{ a", "<w:tab/>", " }}"))
    assert "a tab, line break or picture stands inside this tag" in message


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        ((p("HEAD {%p if a %}"), p("x"), p("{%p endif %}")), "'HEAD' in the same paragraph"),
        ((p("{%p if a %}{%p if b %}"), p("{%p endif %}")), "in the same paragraph would be lost"),
        (
            (table(["{%tr for x in y %}", "other"], ["{%tr endfor %}"]),),
            "'other' in the same table row",
        ),
        ((p("A {%r if a %}B"),), "'A B' in the same run would be lost"),
        ((p("{%tc if a %}"),), "a {%tc %} tag must stand in a table cell"),
        ((p("{{p x }}"),), "{{p … }} (a whole paragraph from data) is not supported"),
        ((p("{% include 'x' %}"),), "cannot include"),
        ((p("{% raw %}{{ x }}{% endraw %}"),), "{% raw %} is not supported"),
        ((p("{%- autoescape false %}x{% endautoescape %}"),), "cannot be switched off"),
        ((table(["{% vm %}"]),), "docxtpl's {% vm %} is not supported"),
        ((p("{{ e.citation_rich }}"),), "citation_rich is rich text"),
        ((p("{% endfor %}"),), "'{% endfor %}' has no block to belong to"),
        ((p("{% for x in y %}{% endif %}"),), "cannot close or continue '{% for x in y %}'"),
        ((p("{% for x in y %}{% elif z %}{% endfor %}"),), "cannot close or continue"),
        ((p("{%p if a %}"), p("{% endif %}")), "both must be of the same kind"),
        ((p("{% set x %}"), p("A")), "'{% set x %}' is never closed"),
    ],
)
def test_refused(blocks: tuple[str, ...], expected: str) -> None:
    found = problems(*blocks)
    assert found, "accepted"
    assert expected in found[0]


def test_a_block_must_stay_at_one_place_in_the_structure() -> None:
    (message,) = problems(p("{%p if a %}"), table(["{%p endif %}"]))
    assert "stands at another place in the document" in message
    assert "paragraphs side by side" in message
    (message,) = problems(table(["{%tr for x in y %}"]), p("between"), table(["{%tr endfor %}"]))
    assert "rows of the same table" in message
    # plain tags may span paragraphs side by side
    assert problems(p("A {% if a %}B"), p("C{% endif %} D")) == []


def test_every_paragraph_reports_its_first_fault_at_once() -> None:
    found = problems(p("one {{ a"), p("two"), p("three }}"))
    assert len(found) == 2
    assert "near: 'one {{ a', body paragraph 1" in found[0]
    assert "near: 'three }}', body paragraph 3" in found[1]


def test_xml_a_template_is_not_made_of_is_refused() -> None:
    with pytest.raises(PartError, match="DOCTYPE"):
        parse_part("word/document.xml", "body", b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')
    with pytest.raises(PartError, match="not well-formed"):
        parse_part("word/document.xml", "body", b"<w:document>")


def test_the_bundled_templates_keep_the_layout_rules() -> None:
    bundled = sorted(bundled_dir("templates").glob("*.docx"))
    assert len(bundled) >= 7
    for path in bundled:
        assert check_tag_layout(path) == [], path.name


def test_the_layout_rules_find_a_tag_split_over_runs(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Name: {{ person.")
    paragraph.add_run("name }}").bold = True
    document.add_paragraph("{%p if x %} tail")
    document.add_paragraph("{%p endif %}")
    path = tmp_path / "split.docx"
    document.save(path)
    found = [problem.format() for problem in check_tag_layout(path)]
    assert len(found) == 2
    assert "'tail' in the same paragraph would be lost" in found[0]
    assert "the tag is split over several runs" in found[1]
    assert "near: 'Name: {{ person.name }}', body paragraph 1" in found[1]


def test_the_layout_rules_report_a_file_that_is_no_template(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    (problem,) = check_tag_layout(path)
    assert "not a Word .docx file" in problem.message
