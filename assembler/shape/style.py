"""How one document prints: its language, date format, words and the person's own names."""

from __future__ import annotations

from dataclasses import dataclass

from assembler.cv.names import OwnNames


@dataclass(frozen=True)
class Style:
    language: str
    date_format: str
    labels: dict[str, str]
    own: OwnNames
