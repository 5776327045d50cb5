"""Helpers for tests: CVs written inline, loaded through the real loader."""

from __future__ import annotations

from datetime import date

from assembler.cv.model import CV
from assembler.source.reader import parse_yaml
from assembler.source.validation import validate_cv

AS_OF = date(2026, 11, 21)


def make_cv(text: str) -> CV:
    return validate_cv(parse_yaml(text, "cv.yaml")).cv
