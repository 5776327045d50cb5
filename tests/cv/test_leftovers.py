"""Leftovers of PDF extraction and private remarks, found where they would be printed."""

from __future__ import annotations

import pytest

from assembler.cv.leftovers import leftovers
from tests.helpers import make_cv


def found(section: str, fields: str) -> list[tuple[str, str]]:
    cv = make_cv(f"person: {{name: A}}\n{section}:\n  - {{{fields}}}\n")
    (entry,) = getattr(cv, section)
    return [(item.field, item.message) for item in leftovers(entry)]


@pytest.mark.parametrize(
    ("section", "fields", "field", "words"),
    [
        (
            "positions",
            "role: R, description: 'by increasing efficiency (see also) and more'",
            "description",
            "'(see also)'",
        ),
        ("talks", "title: T, note: link to slides and video", "note", "'link to slides and video'"),
        ("talks", "title: T, note: streaming link", "note", "'streaming link'"),
        ("service", "role: R, description: 'TBA: 2nd workshop'", "description", "'TBA'"),
        (
            "awards",
            "name: Top 2%*, description: '*) which is to be taken with a grain of salt.'",
            "description",
            "'*)'",
        ),
        ("publications", "title: T, pages: TBA", "pages", "'TBA' is not a page number"),
        ("publications", "title: T, pages: ukLxqA8zXj", "pages", "OpenReview id"),
        ("publications", "title: T, pages: '1–'", "pages", "is cut off"),
    ],
)
def test_leftovers_are_found(section: str, fields: str, field: str, words: str) -> None:
    (item,) = found(section, fields)
    assert item[0] == field and words in item[1]


@pytest.mark.parametrize(
    ("section", "fields"),
    [
        ("publications", "title: T, pages: 211–222"),
        ("publications", "title: T, pages: e0130140"),
        ("publications", "title: T, pages: abs/2509.18058"),
        ("awards", "name: Prize, note: '*) which is to be taken with a grain of salt.'"),
        ("service", "role: R, note: 'TBA: 2nd workshop'"),  # a private note is not printed
        ("positions", "role: R, description: See also our work on LRP."),
    ],
)
def test_facts_are_not_leftovers(section: str, fields: str) -> None:
    assert found(section, fields) == []
