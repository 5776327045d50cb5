"""Compiling a template once: the cache is used, never stale, and errors point at the tag."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import docx
import pytest

from assembler.problems import ProblemsError
from assembler.render.word import cache as template_cache
from assembler.render.word import compile as template_compile
from assembler.render.word.compile import compile_part, compile_template
from assembler.render.word.fill import render_docx
from assembler.render.word.package import read_package
from assembler.render.word.sandbox import Sandbox
from assembler.render.word.source import PartSource

WHEN = datetime(2026, 11, 21)


@pytest.fixture
def builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every template compiled from scratch (not found in the cache) in this test."""
    monkeypatch.setenv("ASSEMBLE_CACHE_DIR", str(tmp_path / "cache"))
    template_cache.forget()
    compiled: list[Path] = []
    original = template_compile.build

    def counting(package):  # type: ignore[no-untyped-def]
        compiled.append(package.path)
        return original(package)

    monkeypatch.setattr(template_compile, "build", counting)
    return compiled


def write(path: Path, *paragraphs: str) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(path)
    return path


def text(path: Path, context: dict) -> list[str]:
    data = render_docx(path, context, WHEN, "T", "A")
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_a_template_is_compiled_once_and_then_loaded(tmp_path: Path, builds: list[Path]) -> None:
    path = write(tmp_path / "t.docx", "Hello {{ name }}")
    assert text(path, {"name": "Ada"})[-1] == "Hello Ada"
    template_cache.forget()  # as a new process: only the folder remains
    assert text(path, {"name": "Bob"})[-1] == "Hello Bob"
    assert builds == [path]
    assert len(list((tmp_path / "cache" / "templates").glob("*.bin"))) == 1


def test_a_changed_template_is_compiled_again(tmp_path: Path, builds: list[Path]) -> None:
    path = write(tmp_path / "t.docx", "Hello {{ name }}")
    assert text(path, {"name": "Ada"})[-1] == "Hello Ada"
    write(path, "Goodbye {{ name }}")
    assert text(path, {"name": "Ada"})[-1] == "Goodbye Ada"
    assert builds == [path, path]


def test_a_damaged_cache_entry_is_rebuilt(tmp_path: Path, builds: list[Path]) -> None:
    path = write(tmp_path / "t.docx", "Hello {{ name }}")
    text(path, {"name": "Ada"})
    template_cache.forget()
    for entry in (tmp_path / "cache" / "templates").glob("*.bin"):
        entry.write_bytes(entry.read_bytes()[:-10])
    assert text(path, {"name": "Ada"})[-1] == "Hello Ada"
    assert builds == [path, path]


def test_a_refused_template_is_not_cached(tmp_path: Path, builds: list[Path]) -> None:
    path = write(tmp_path / "t.docx", "Hello {{ name }")
    for _ in range(2):
        with pytest.raises(ProblemsError, match="not closed"):
            text(path, {"name": "Ada"})
    assert builds == [path, path]


def test_a_syntax_error_points_at_its_tag_and_paragraph(tmp_path: Path, builds: list[Path]) -> None:
    path = write(tmp_path / "t.docx", "One {{ a }}", "Two {{ a + }}", "Three {{ a }}")
    with pytest.raises(ProblemsError) as caught:
        compile_template(read_package(path))
    (problem,) = caught.value.problems
    assert problem.message.startswith("template syntax error: ")
    assert "(near: 'Two {{ a + }}', body paragraph 2)" in problem.message


def test_names_used_are_kept_with_their_paragraph(tmp_path: Path, builds: list[Path]) -> None:
    path = write(
        tmp_path / "t.docx", "{%p for e in items %}", "{{ e.x }} {{ other }}", "{%p endfor %}"
    )
    (part,) = compile_template(read_package(path)).parts
    assert [name for name, _ in part.names] == ["items", "other"]
    where = part.where(dict(part.names)["other"])
    assert (where.paragraph, where.tag) == (2, "{{ other }}")


def test_what_the_sandbox_must_not_run_is_refused_after_parsing() -> None:
    source = PartSource("word/document.xml", "body", "<x>{%\n import 'y' as z %}</x>")
    source.tags = [(2, 1, "{% import 'y' as z %}", "{% import 'y' as z %}")]
    with pytest.raises(ProblemsError, match="cannot include, import or extend"):
        compile_part(Path("t.docx"), source, Sandbox())


def test_nesting_beyond_pythons_limits_is_a_located_error(
    tmp_path: Path, builds: list[Path]
) -> None:
    loops = "".join(f"{{% for x{i} in items %}}" for i in range(25)) + "{% endfor %}" * 25
    path = write(tmp_path / "t.docx", "A", loops)
    with pytest.raises(ProblemsError, match="nests its blocks or brackets too deeply"):
        compile_template(read_package(path))
