"""Helpers for tests: CVs written inline, loaded through the real loader."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assembler.cv.load import LoadedCV, validate_cv
from assembler.cv.model import CV
from assembler.problems import Problem, ProblemsError
from assembler.source.reader import parse_yaml

AS_OF = date(2026, 11, 21)
ROOT = Path(__file__).resolve().parent.parent
TESTDATA = ROOT / "tests" / "testdata"


def make_cv(text: str) -> CV:
    return validate_cv(parse_yaml(text, "cv.yaml")).cv


def validate_text(text: str, file: str = "cv.yaml") -> LoadedCV:
    return validate_cv(parse_yaml(text, file))


def problems_of(text: str) -> list[Problem]:
    """The problems a CV text is refused with (the test fails if it is accepted)."""
    with pytest.raises(ProblemsError) as caught:
        validate_text(text)
    return caught.value.problems
