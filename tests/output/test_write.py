"""Writing: safe names inside the output folder, all files or none, locked files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assembler.output.write import write_all
from assembler.problems import AssembleError


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
