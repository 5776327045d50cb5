"""The bundled .docx templates are source files: their skeleton (each paragraph's style and
text, tables row by row) is held against a reference, every block tag ({%p %}, {%tr %})
stands alone in its paragraph, and every tag sits inside one run, so the templates stay what
docxtpl and a person editing them in Word expect.

After an intended edit of a template, update the references with
    uv run pytest tests/bundled --update-goldens
and review the diff.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.table import Table
from docx.text.paragraph import Paragraph

from assembler.resources import bundled_dir
from tests.bundled.test_documents import blocks
from tests.helpers import TESTDATA

TEMPLATES = sorted(bundled_dir("templates").glob("*.docx"))
SKELETONS = TESTDATA / "golden" / "templates"
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
BLOCK_TAG = re.compile(r"\{%(p|tr|tc)\s")


def paragraphs(path: Path) -> list[Paragraph]:
    document = docx.Document(str(path))
    found: list[Paragraph] = []
    for block in blocks(document):
        if isinstance(block, Paragraph):
            found.append(block)
        else:
            found += [p for row in block.rows for cell in row.cells for p in cell.paragraphs]
    for part in (document.sections[0].footer, document.sections[0].header):
        found += part.paragraphs
    return found


def skeleton(path: Path) -> str:
    document = docx.Document(str(path))
    lines = []
    for block in blocks(document):
        if isinstance(block, Table):
            for row in block.rows:
                lines.append("[row] " + " | ".join(cell.text for cell in row.cells))
        else:
            lines.append(f"[{block.style.name}] {block.text}")
    footer = document.sections[0].footer.paragraphs
    lines += [f"[footer] {p.text}" for p in footer]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.name)
def test_skeleton_matches_reference(path: Path, update_goldens: bool) -> None:
    reference = SKELETONS / f"{path.stem}.txt"
    if update_goldens:
        reference.write_text(skeleton(path), encoding="utf-8")
    assert skeleton(path) == reference.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.name)
def test_block_tags_stand_alone_in_their_paragraph(path: Path) -> None:
    for paragraph in paragraphs(path):
        text = paragraph.text.strip()
        if BLOCK_TAG.search(text):
            assert TAG.fullmatch(text), f"{path.name}: {text!r}"


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.name)
def test_every_tag_sits_in_one_run(path: Path) -> None:
    for paragraph in paragraphs(path):
        for run in paragraph.runs:
            pieces = run.text.count("{{") + run.text.count("{%")
            assert pieces == len(TAG.findall(run.text)), f"{path.name}: {run.text!r}"


def test_every_template_is_used_by_a_bundled_profile() -> None:
    profiles = "".join(p.read_text("utf-8") for p in bundled_dir("profiles").glob("*.yaml"))
    assert [t.name for t in TEMPLATES if t.name not in profiles] == []
