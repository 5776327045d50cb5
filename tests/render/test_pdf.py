"""LibreOffice conversion faults: a hanging converter, a converter that writes nothing."""

from __future__ import annotations

import os
import time
from datetime import datetime
from pathlib import Path

import pytest

from assembler.problems import AssembleError
from assembler.render.pages import measure
from assembler.render.pdf import reproducible, to_pdf


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


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("not a pdf at all", "it does not start like a PDF"),
        ("%PDF-1.6 1 0 obj", "it is cut off (no end-of-file marker)"),
        ("%PDF-1.6 1 0 obj << /Type /Catalog >> endobj %%EOF", "it has no pages"),
    ],
)
def test_a_converter_that_writes_no_real_pdf_is_an_error(
    tmp_path: Path, written: str, problem: str
) -> None:
    # LibreOffice's arguments: ... --outdir FOLDER DOCUMENT; write the "PDF" there
    script = 'while [ "$1" != --outdir ]; do shift; done\n'
    script += f'printf "%s" "{written}" > "$2/$(basename "$3" .docx).pdf"'
    soffice = fake_soffice(tmp_path, script)
    with pytest.raises(AssembleError) as caught:
        measure({tmp_path / "out" / "cv.docx": b"x"}, soffice)
    assert str(caught.value).startswith(f"LibreOffice's PDF of cv.docx is not usable: {problem}.")


def test_reproducible_sets_the_dates_and_a_content_id_at_the_same_length() -> None:
    data = (
        b"%PDF-1.6\n/CreationDate(D:20261123210539Z')\n"
        b"/ID [ <1E8C51CBD8CF5EE26D302E192A3A0660>\n<1E8C51CBD8CF5EE26D302E192A3A0660> ]\n%%EOF"
    )
    other = data.replace(b"210539", b"080000").replace(b"1E8C", b"ABCD")
    when = datetime(2023, 11, 14, 22, 13, 20)
    fixed = reproducible(data, when)
    assert len(fixed) == len(data)
    assert b"/CreationDate(D:20231114221320Z')" in fixed
    assert fixed == reproducible(other, when)
    assert reproducible(data) == data  # without SOURCE_DATE_EPOCH: unchanged
