"""Word rendering: exact text round trips, no template injection, located template errors."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result

from assembler.cli.main import main
from assembler.problems import ProblemsError
from assembler.render.word.fill import render_docx
from assembler.shape.authors import Rich, Run

WHEN = datetime(2026, 11, 21)


def template(tmp_path: Path, *paragraphs: str, name: str = "t.docx") -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = tmp_path / name
    document.save(path)
    return path


def texts(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def render(path: Path, context: dict) -> bytes:
    return render_docx(path, context, WHEN, "Title", "Author")


@pytest.mark.parametrize(
    "value",
    [
        "R&D",
        "p < 0.05",
        "a > b",
        "Smith & Wesson",
        "<w:t>xml</w:t>",
        "{{ 7*7 }}",
        "{% for x in y %}",
        "Ünïcödé – “quotes”",
        'it\'s "quoted"',
    ],
)
def test_values_reach_the_page_unchanged(tmp_path: Path, value: str) -> None:
    data = render(template(tmp_path, "{{ title }}"), {"title": value})
    assert texts(data)[-1] == value


def test_rich_text_bold_run(tmp_path: Path) -> None:
    rich = Rich([Run("Samek W, "), Run("Lapuschkin S", True), Run(" & co")])
    data = render(template(tmp_path, "Authors: {{r authors }}"), {"authors": rich})
    paragraph = docx.Document(io.BytesIO(data)).paragraphs[-1]
    assert paragraph.text == "Authors: Samek W, Lapuschkin S & co"
    assert [run.text for run in paragraph.runs if run.bold] == ["Lapuschkin S"]


def test_unknown_variable_names_the_paragraph(tmp_path: Path) -> None:
    path = template(tmp_path, "Intro", "Dear {{ persn.name }}, hello", "{{ person.name }}")
    with pytest.raises(ProblemsError) as caught:
        render(path, {"person": {"name": "A"}})
    (problem,) = caught.value.problems
    assert problem.file == str(path)
    assert "the template uses 'persn'" in problem.message
    assert "near: 'Dear {{ persn.name }}, hello'" in problem.message


def test_missing_attribute_is_an_error_not_an_empty_string(tmp_path: Path) -> None:
    with pytest.raises(ProblemsError, match="does not have"):
        render(template(tmp_path, "{{ person.nme }}"), {"person": {"name": "A"}})


def test_syntax_error_reports_paragraph_text(tmp_path: Path) -> None:
    path = template(tmp_path, "First", "Broken {{ person.name + }}", "Last")
    with pytest.raises(ProblemsError) as caught:
        render(path, {"person": {"name": "A"}})
    message = caught.value.problems[0].message
    assert message.startswith("template syntax error")
    assert "near: 'Broken {{ person.name + }}', body paragraph 2" in message
    assert "<w:" not in message


def test_sandbox_blocks_python(tmp_path: Path) -> None:
    path = template(tmp_path, "{{ person.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(ProblemsError, match=r"tried something unsafe: access to attribute"):
        render(path, {"person": {"name": "A"}})


def test_macro_and_non_docx_templates_are_refused(tmp_path: Path) -> None:
    macro = tmp_path / "t.docm"
    macro.write_bytes(b"whatever")
    with pytest.raises(ProblemsError, match=r"\.docm templates are not supported"):
        render(macro, {})
    fake = tmp_path / "fake.docx"
    fake.write_text("not a zip")
    with pytest.raises(ProblemsError, match=r"not a Word \.docx file"):
        render(fake, {})


def test_output_is_deterministic_with_fixed_metadata(tmp_path: Path) -> None:
    path = template(tmp_path, "{{ title }}")
    first = render(path, {"title": "x"})
    second = render(path, {"title": "x"})
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    props = docx.Document(io.BytesIO(first)).core_properties
    stamp = WHEN.replace(tzinfo=timezone.utc)
    assert (props.created, props.modified, props.author) == (stamp, stamp, "Author")


# --- issue 12: every fault in a user template is one located message, exit 1, no output ---

CV = """\
person: {name: Ada Example, name_variants: [Example A]}
publications:
  - {id: j1, type: journal, title: Dated, year: 2024, venue: J, authors: [One A, Example A]}
  - {id: u1, type: preprint, title: Undated, authors: [Example A]}
"""
PROFILE = """\
documents:
  - {template: mine.docx, output: out.docx}
sections:
  publications: all
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cv.yaml").write_text(CV, encoding="utf-8")
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "mine.yaml").write_text(PROFILE, encoding="utf-8")
    (tmp_path / "templates").mkdir()
    return tmp_path


def run(project: Path, *paragraphs: str, rows: tuple[str, ...] = ()) -> Result:
    """Write templates/mine.docx (paragraphs, then a one-column table of ``rows``, then
    "AFTER") and run ``assemble --profile mine`` on it."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if rows:
        table = document.add_table(rows=len(rows), cols=1)
        for index, text in enumerate(rows):
            table.cell(index, 0).text = text
        document.add_paragraph("AFTER")
    document.save(project / "templates" / "mine.docx")
    return CliRunner().invoke(main, ["--profile", "mine", "--as-of", "2026-11-21"])


def refused(result: Result, project: Path, *expected: str) -> str:
    """Exit 1, one error naming the template and every expected text, no output written."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # not an internal error
    assert "Traceback" not in result.output
    message = result.stderr
    assert "mine.docx: error: " in message
    assert "1 error in" in message
    for text in expected:
        assert text in message, message
    assert not (project / "output").exists()
    return message


def test_a_broken_brace_before_a_loops_end_is_located(project: Path) -> None:
    result = run(
        project, "HEAD", "{%p for p in publications %}", "X|{{ p.id }", "{%p endfor %}", "TAIL"
    )
    refused(
        result,
        project,
        "the tag '{{ p.id }' is not closed",
        "near: 'X|{{ p.id }', body paragraph 3",
        "End it with '}}' in the same paragraph",
    )


def test_a_broken_brace_before_a_loop_is_located(project: Path) -> None:
    result = run(
        project, "HEAD|{{ person.name }", "{%p for p in publications %}", "X", "{%p endfor %}"
    )
    refused(result, project, "not closed", "near: 'HEAD|{{ person.name }', body paragraph 1")


def test_a_row_loop_closed_by_a_paragraph_tag_is_refused(project: Path) -> None:
    result = run(
        project, "HEAD", rows=("{%tr for p in publications %}", "{{ p.title }}", "{%p endfor %}")
    )
    refused(
        result,
        project,
        "belongs to '{%tr for p in publications %}'",
        "near: '{%p endfor %}'",
        "Write it as {%tr endfor %}",
    )


def test_a_row_tag_in_a_plain_paragraph_is_reported_at_its_paragraph(project: Path) -> None:
    result = run(project, "A", "{%tr for p in publications %}", "{{ p.title }}", "B")
    refused(
        result,
        project,
        "a {%tr %} tag must stand in a table row",
        "near: '{%tr for p in publications %}', body paragraph 2",
        "Use a {%p %} tag here",
    )


def test_a_loop_that_is_never_closed_names_its_opening(project: Path) -> None:
    result = run(project, "HEAD", "{%p for p in publications %}", "{{ p.title }}", "TAIL")
    refused(
        result,
        project,
        "'{%p for p in publications %}' is never closed",
        "body paragraph 2",
        "Add '{%p endfor %}'",
    )


def test_a_paragraph_tag_with_other_text_would_lose_it(project: Path) -> None:
    result = run(project, "HEAD {%p if person %}", "x", "{%p endif %}")
    refused(result, project, "'HEAD' in the same paragraph would be lost", "alone in its own")


def test_rich_text_without_r_is_refused_before_rendering(project: Path) -> None:
    result = run(project, "{%p for p in publications %}", "{{ p.authors_rich }}", "{%p endfor %}")
    refused(
        result,
        project,
        "authors_rich is rich text",
        "near: '{{ p.authors_rich }}', body paragraph 2",
        "Write {{r p.authors_rich }}",
    )


def test_rich_text_printed_through_a_variable_is_caught_when_printed(project: Path) -> None:
    result = run(
        project,
        "{%p for p in publications %}",
        "{% set a = p.authors_rich %}{{ a }}",
        "{%p endfor %}",
    )
    refused(result, project, "printed without r", "body paragraph 2")


def test_arithmetic_on_an_undated_entry_names_the_paragraph(project: Path) -> None:
    result = run(
        project, "{%p for e in publications %}", "{{ e.title }}: {{ e.year + 1 }}", "{%p endfor %}"
    )
    refused(
        result,
        project,
        "the template failed: TypeError",
        "near: '{{ e.title }}: {{ e.year + 1 }}', body paragraph 2",
        "an undated entry has year ''",
    )


def test_include_is_refused(project: Path) -> None:
    result = run(project, "A", "{% include 'other.docx' %}")
    refused(result, project, "cannot include", "body paragraph 2")


def test_division_by_zero_is_located(project: Path) -> None:
    result = run(project, "A", "Total: {{ 1/0 }}")
    refused(result, project, "ZeroDivisionError", "near: 'Total: {{ 1/0 }}', body paragraph 2")


def test_a_huge_range_is_refused(project: Path) -> None:
    result = run(project, "{% for i in range(10**6) %}x{% endfor %}")
    refused(result, project, "range of 1,000,000 numbers is too long", "body paragraph 1")


def test_nested_big_ranges_stop_with_a_located_error(project: Path) -> None:
    result = run(
        project,
        "A",
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    )
    refused(result, project, "too long", "body paragraph 2")


def test_nested_loops_stop_at_the_step_limit(project: Path) -> None:
    result = run(
        project,
        "A",
        "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
    )
    refused(result, project, "loops ran more than 250,000 steps", "body paragraph 2")


def test_a_typo_in_a_field_names_the_paragraph_and_the_field(project: Path) -> None:
    result = run(project, "{%p for p in publications %}", "In {{ p.jounal }}", "{%p endfor %}")
    refused(
        result,
        project,
        "there is no field 'jounal' here",
        "near: 'In {{ p.jounal }}', body paragraph 2",
    )
    result = run(project, "{%p for p in publications %}", "In {{ p.venu }}", "{%p endfor %}")
    refused(result, project, "there is no field 'venu' here; did you mean 'venue'?")


def test_the_same_template_and_data_give_the_same_bytes(project: Path) -> None:
    paragraphs = ("{%p for p in publications %}", "{{r p.authors_rich }}", "{%p endfor %}")
    assert run(project, *paragraphs).exit_code == 0
    first = (project / "output" / "out.docx").read_bytes()
    assert run(project, *paragraphs).exit_code == 0
    assert (project / "output" / "out.docx").read_bytes() == first
    assert texts(first) == ["One A, Example A", "Example A"]


@pytest.mark.parametrize(
    ("styles", "expected"),
    [
        (
            b'<w:styles x="1"><w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="en-US"/>'
            b"</w:rPr></w:rPrDefault></w:docDefaults></w:styles>",
            b'<w:styles x="1"><w:docDefaults><w:rPrDefault><w:rPr>'
            b'<w:lang w:val="de-DE" w:eastAsia="de-DE" w:bidi="de-DE"/></w:rPr></w:rPrDefault>'
            b"</w:docDefaults></w:styles>",
        ),
        (
            b'<w:styles x="1"><w:style><w:rPr><w:lang w:val="fr-FR"/></w:rPr></w:style></w:styles>',
            b'<w:styles x="1"><w:docDefaults><w:rPrDefault><w:rPr>'
            b'<w:lang w:val="de-DE" w:eastAsia="de-DE" w:bidi="de-DE"/></w:rPr></w:rPrDefault>'
            b'</w:docDefaults><w:style><w:rPr><w:lang w:val="de-DE" w:eastAsia="de-DE" '
            b'w:bidi="de-DE"/></w:rPr></w:style></w:styles>',
        ),
    ],
)
def test_the_document_language_is_set_in_the_styles(styles: bytes, expected: bytes) -> None:
    from assembler.render.word.fill import with_language

    assert with_language(styles, "de-DE") == expected
