"""Word rendering: exact text round trips, no template injection, located template errors."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest

from assembler.problems import ProblemsError
from assembler.render.docx import render_docx
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
    path = template(tmp_path, "First", "Broken {{ person.name }", "Last")
    with pytest.raises(ProblemsError) as caught:
        render(path, {"person": {"name": "A"}})
    message = caught.value.problems[0].message
    assert message.startswith("template syntax error")
    assert "Broken" in message
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
