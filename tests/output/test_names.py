"""Output file names: filled in, safe everywhere, inside the output folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from assembler.output.names import inside, output_name, safe_file_name, slug
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
