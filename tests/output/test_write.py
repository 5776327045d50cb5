"""Writing: safe names inside the output folder, all files or none, locked files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assembler.output.names import inside, output_name, safe_file_name, slug
from assembler.output.write import write_all
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


def test_write_all_replaces_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a.docx"
    write_all({target: b"one"})
    write_all({target: b"two", tmp_path / "out" / "b.md": b"report"})
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.docx", "b.md"]


def test_locked_target_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.docx"
    target.write_bytes(b"good")

    def locked(src, dst):  # what Windows does while Word holds the file open
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(AssembleError, match="Close it"):
        write_all({target: b"new"})
    assert target.read_bytes() == b"good"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]
