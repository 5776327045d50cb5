"""Output file names: filled in, safe everywhere, inside the output folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from assembler.output.names import (
    Origin,
    check_outputs,
    inside,
    output_name,
    safe_file_name,
    slug,
)
from assembler.problems import AssembleError, ProblemsError


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("CON.docx", "_CON.docx"),
        ("report. ", "report"),
        ("a:b*c?.docx", "a-b-c-.docx"),
        ("Müller-CV.docx", "Muller-CV.docx"),
        ("...", "output"),
    ],
)
def test_safe_file_names(name: str, expected: str) -> None:
    assert safe_file_name(name) == expected


def test_output_name_fills_person_slug() -> None:
    values = {"person": slug("Dr. Sebastian Lapuschkin"), "profile": "x"}
    assert output_name("{person}-cv.docx", values, "p.yaml") == "dr-sebastian-lapuschkin-cv.docx"
    with pytest.raises(ProblemsError, match=r"uses \{name\}"):
        output_name("{name}.docx", values, "p.yaml")


def test_inside_refuses_escapes(tmp_path: Path) -> None:
    assert inside(tmp_path, "a.docx") == (tmp_path / "a.docx").resolve()
    with pytest.raises(AssembleError):
        inside(tmp_path, "../a.docx")


def test_long_names_keep_their_extension_and_stay_distinct() -> None:
    first = safe_file_name("a" * 200 + "-one.docx")
    second = safe_file_name("a" * 200 + "-two.docx")
    assert first.endswith(".docx") and second.endswith(".docx")
    assert len(first) == len(second) == 150
    assert first != second
    assert safe_file_name("b" * 160).startswith("b" * 100)
    assert len(safe_file_name("b" * 160)) == 150


def test_check_outputs_names_both_sides(tmp_path: Path) -> None:
    cv = tmp_path / "cv.yaml"
    cv.write_text("x", encoding="utf-8")
    first = Origin("documents[0].output 'a?.docx'", "p.yaml", 3)
    second = Origin("documents[1].output 'a*.docx'", "p.yaml", 4)
    with pytest.raises(ProblemsError) as caught:
        check_outputs(
            [(tmp_path / "a-.docx", first), (tmp_path / "A-.docx", second), (cv, first)],
            {cv: "the CV file"},
        )
    messages = [problem.format() for problem in caught.value.problems]
    assert messages[0].startswith("p.yaml:3: error: documents[0].output 'a?.docx' would overwrite")
    assert messages[1].startswith(
        "p.yaml:4: error: documents[1].output 'a*.docx' and documents[0].output 'a?.docx' "
        "both give the file A-.docx"
    )
    check_outputs([(tmp_path / "new.docx", first)], {cv: "the CV file"})  # no clash: passes
