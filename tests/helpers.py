"""Helpers for tests: CVs written inline, loaded through the real loader."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assembler.cv.load import validate_cv
from assembler.cv.model import CV
from assembler.source.reader import parse_yaml

AS_OF = date(2026, 11, 21)
ROOT = Path(__file__).resolve().parent.parent
TESTDATA = ROOT / "tests" / "testdata"


def make_cv(text: str) -> CV:
    return validate_cv(parse_yaml(text, "cv.yaml")).cv
