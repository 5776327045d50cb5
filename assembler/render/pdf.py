"""PDF conversion with LibreOffice, and page counts.

LibreOffice headless is fragile when used naively: parallel runs share one user profile and fail
silently, and a stuck conversion never returns. Each call here gets a private profile folder, a
timeout that ends the whole process group, and a check that every PDF exists and is not empty.
Several documents go through one LibreOffice start, which costs most of the time.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from assembler.problems import AssembleError

DEFAULT_TIMEOUT = 120.0
INSTALL_HINT = (
    "Install LibreOffice: `apt-get install libreoffice-writer-nogui` on Debian/Ubuntu, or the "
    "desktop package from libreoffice.org elsewhere"
)
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


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
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
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
