"""Derived ids depend on the content only, and never collide."""

from __future__ import annotations

from assembler.cv.load import validate_cv
from assembler.source.reader import parse_yaml

CV = """\
person: {name: A}
publications:
  - {title: "The Meta-Evaluation Problem", year: 2023, authors: ["Hedström A", "B C"]}
  - {title: "Meta Evaluation again", year: 2023, authors: ["Hedström A"]}
  - {id: hedstrom-2023-meta-2, title: Taken, year: 2020}
talks:
  - {title: Talk, date: 2025-08-14}
  - {title: Lecture, date: 2024-11-27, kind: lecture}
projects:
  - {acronym: DAKI-FWS, start: 2021}
"""


def derived(text: str) -> dict:
    return validate_cv(parse_yaml(text, "cv.yaml")).derived_ids


def test_ids_are_readable_and_unique() -> None:
    ids = derived(CV)
    assert ids == {
        ("publications", 0): "hedstrom-2023-meta",
        ("publications", 1): "hedstrom-2023-meta-3",  # -2 is taken by an explicit id
        ("talks", 0): "talk-2025-08-14",
        ("talks", 1): "lecture-2024-11-27",
        ("projects", 0): "daki-fws",
    }


def test_ids_do_not_depend_on_position() -> None:
    before = derived(CV)[("talks", 0)]
    moved = CV.replace("talks:\n", "talks:\n  - {title: New, date: 2026-01-01}\n")
    assert derived(moved)[("talks", 1)] == before


def test_explicit_ids_are_kept() -> None:
    loaded = validate_cv(parse_yaml(CV, "cv.yaml"))
    assert loaded.cv.publications[2].id == "hedstrom-2023-meta-2"
    assert ("publications", 2) not in loaded.derived_ids
