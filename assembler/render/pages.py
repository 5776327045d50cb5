"""Page counts of rendered documents, and what to say when one is too long.

The count comes from a real PDF made by LibreOffice (``pdf.to_pdf``), never from an estimate.
The estimate below only ranks sections to tell the user where the length comes from.
"""

from __future__ import annotations

import io
import math
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import docx

from assembler.render.pdf import DEFAULT_TIMEOUT, reproducible, to_pdf, verify_pdf

_CHARS_PER_LINE = 95


@dataclass
class Measured:
    """Pages and PDF bytes of each rendered document, keyed by its output path."""

    pages: dict[Path, int] = field(default_factory=dict)
    pdfs: dict[Path, bytes] = field(default_factory=dict)


def measure(
    documents: dict[Path, bytes],
    soffice: str,
    timeout: float = DEFAULT_TIMEOUT,
    times: dict[Path, datetime] | None = None,
) -> Measured:
    """Convert all documents in one LibreOffice run, in a private temporary folder. ``times``
    are the documents' own metadata times: each PDF carries its document's, so two runs make
    the same bytes (as the .docx), not LibreOffice's clock."""
    times = times or {}
    measured = Measured()
    with tempfile.TemporaryDirectory(prefix="assemble-pages-") as folder:
        sources = []
        for index, (target, data) in enumerate(documents.items()):
            source = Path(folder) / f"{index:03d}-{target.name}"  # unique even for equal names
            source.write_bytes(data)
            sources.append(source)
        pdfs = to_pdf(sources, Path(folder) / "pdf", timeout, soffice)
        for target, pdf in zip(documents, pdfs, strict=True):
            data = pdf.read_bytes()
            measured.pages[target] = verify_pdf(data, target.name)
            measured.pdfs[target.with_suffix(".pdf")] = reproducible(data, times.get(target))
    return measured


def section_lengths(data: bytes) -> list[tuple[str, int]]:
    """Estimated lines under each first-level heading, longest first."""
    document = docx.Document(io.BytesIO(data))
    lengths: dict[str, int] = {}
    current = ""
    for paragraph in document.paragraphs:
        if paragraph.style is not None and paragraph.style.name == "Heading 1":
            current = paragraph.text.strip()
            lengths.setdefault(current, 1)
            continue
        if current and paragraph.text.strip():
            lengths[current] += max(1, math.ceil(len(paragraph.text) / _CHARS_PER_LINE))
    return sorted(lengths.items(), key=lambda item: -item[1])


def over_limit_message(name: str, pages: int, limit: int, data: bytes) -> str:
    lengths = section_lengths(data)
    total = sum(lines for _, lines in lengths) or 1
    parts = [f"{heading} (~{round(100 * lines / total)}%)" for heading, lines in lengths[:3]]
    message = f"{name}: {pages} pages, limit {limit}."
    if parts:
        message += " Longest sections: " + ", ".join(parts) + "."
    return message + " Shorten them in the profile (limit, since) or run with --fit."
