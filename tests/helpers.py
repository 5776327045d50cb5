"""Helpers for tests: CVs written inline, loaded through the real loader."""

from __future__ import annotations

from datetime import date

from assembler.model import CV
from assembler.validate import validate_cv
from assembler.yaml_source import parse_yaml

AS_OF = date(2026, 11, 21)


def make_cv(text: str) -> CV:
    return validate_cv(parse_yaml(text, "cv.yaml")).cv
