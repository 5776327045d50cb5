"""PDF conversion with LibreOffice, and page counts.

LibreOffice headless is fragile when used naively: parallel runs share one user profile and fail
silently, and a stuck conversion never returns. Each call here gets a private profile folder, a
timeout that ends the whole process group, and a check that every PDF exists and is not empty.
Several documents go through one LibreOffice start, which costs most of the time.

What comes back is checked to be a PDF with pages before it is kept (a broken converter once
passed as "0 pages"). LibreOffice stamps the clock into each PDF (creation date, document ID)
and ignores SOURCE_DATE_EPOCH; with that variable set, ``reproducible`` puts its time there
and derives the ID from the content, so the same inputs give the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path

from assembler.problems import AssembleError
from assembler.render.package import source_date_epoch

DEFAULT_TIMEOUT = 120.0
INSTALL_HINT = (
    "Install LibreOffice: `apt-get install libreoffice-writer-nogui` on Debian/Ubuntu, or the "
    "desktop package from libreoffice.org elsewhere"
)
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
_DATE = re.compile(rb"/(?:CreationDate|ModDate)\s*\(D:(\d{14})")
_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def require_soffice() -> str:
    found = find_soffice()
    if found is None:
        raise AssembleError(f"--pdf needs LibreOffice, which is not installed. {INSTALL_HINT}.")
    return found


def to_pdf(
    documents: list[Path],
    out_dir: Path,
    timeout: float = DEFAULT_TIMEOUT,
    soffice: str | None = None,
    target: str = "pdf",
) -> list[Path]:
    """Convert documents in one LibreOffice run; return the outputs in the same order.
    ``target`` is LibreOffice's --convert-to argument (``pdf``, or ``csv:...`` for sheets)."""
    binary = soffice or require_soffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="assemble-lo-") as profile:
        command = [
            binary,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            *[str(path) for path in documents],
        ]
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
            env={**os.environ, "TZ": "UTC"},  # dates as D:...Z', the same length everywhere
        )
        try:
            _, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise AssembleError(
                f"LibreOffice did not finish converting within {timeout:.0f} s and was stopped"
            ) from None
    suffix = target.split(":", 1)[0]
    pdfs = [out_dir / f"{path.stem}.{suffix}" for path in documents]
    missing = [pdf for pdf in pdfs if not pdf.is_file() or pdf.stat().st_size == 0]
    if missing or process.returncode != 0:
        detail = stderr.decode("utf-8", "replace").strip()[:300]
        raise AssembleError(
            "LibreOffice did not produce "
            + ", ".join(p.name for p in missing or pdfs)
            + (f" ({detail})" if detail else "")
        )
    return pdfs


def page_count(pdf: Path) -> int:
    """Pages of a PDF written by LibreOffice (its page objects are not compressed)."""
    return len(_PAGE.findall(pdf.read_bytes()))


def verify_pdf(data: bytes, name: str) -> int:
    """The page count of a PDF that LibreOffice wrote for ``name``; anything that is not a
    PDF with pages is an error naming the document."""
    problem = ""
    if not data.startswith(b"%PDF-"):
        problem = "it does not start like a PDF"
    elif b"%%EOF" not in data[-1024:]:
        problem = "it is cut off (no end-of-file marker)"
    pages = len(_PAGE.findall(data))
    if not problem and pages == 0:
        problem = "it has no pages"
    if problem:
        raise AssembleError(
            f"LibreOffice's PDF of {name} is not usable: {problem}. The document was not "
            "written; convert it by hand to see what LibreOffice says"
        )
    return pages


def reproducible(data: bytes, when: datetime | None = None) -> bytes:
    """With ``when`` (or SOURCE_DATE_EPOCH): the PDF's dates set to that time and its ID
    derived from the content (and the checksum LibreOffice adds, which covers the date). All
    are rewritten in place at the same length, so the
    cross-reference offsets stay right."""
    when = when or source_date_epoch()
    if when is None:
        return data
    stamp = when.strftime("%Y%m%d%H%M%S").encode()
    data = _DATE.sub(lambda match: match[0][: -len(stamp)] + stamp, data)
    unstamped = _CHECKSUM.sub(b"", _ID.sub(b"", data))
    digest = hashlib.md5(unstamped, usedforsecurity=False).hexdigest().upper().encode()

    def same_length(match: re.Match[bytes]) -> bytes:
        text = match[0]
        for old in match.groups():
            text = text.replace(old, digest[: len(old)].ljust(len(old), b"0"))
        return text

    return _CHECKSUM.sub(same_length, _ID.sub(same_length, data))
