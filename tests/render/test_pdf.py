"""LibreOffice conversion faults: a hanging converter, a converter that writes nothing."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from assembler.problems import AssembleError
from assembler.render.pdf import to_pdf


def fake_soffice(tmp_path: Path, body: str) -> str:
    script = tmp_path / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def test_hanging_libreoffice_is_stopped_with_its_children(tmp_path: Path) -> None:
    marker = tmp_path / "child.pid"
    soffice = fake_soffice(tmp_path, f"sleep 60 & echo $! > {marker}\nwait")
    document = tmp_path / "a.docx"
    document.write_bytes(b"x")
    started = time.monotonic()
    with pytest.raises(AssembleError, match="did not finish converting within 1 s"):
        to_pdf([document], tmp_path / "pdf", timeout=1, soffice=soffice)
    assert time.monotonic() - started < 10
    child = int(marker.read_text())
    time.sleep(0.2)
    assert not _alive(child)  # the whole process group is gone, not just the shell
    assert list((tmp_path / "pdf").iterdir()) == []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    if status.exists():  # a killed child may linger as a zombie until it is reaped
        return "State:\tZ" not in status.read_text()
    return True


def test_missing_pdf_is_an_error(tmp_path: Path) -> None:
    document = tmp_path / "a.docx"
    document.write_bytes(b"x")
    soffice = fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2")
    with pytest.raises(AssembleError, match=r"did not produce a\.pdf"):
        to_pdf([document], tmp_path / "pdf", soffice=soffice)
