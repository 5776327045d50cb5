"""Located problems: how a user reads what is wrong."""

from __future__ import annotations

from assembler.problems import Problem, ProblemsError, closest


def test_a_problem_names_file_line_path_entry_value_and_fix() -> None:
    problem = Problem(
        "month 13 does not exist",
        file="cv.yaml",
        line=4,
        column=7,
        path="positions[0].start",
        entry_id="head",
        value="2021-13",
        has_value=True,
        hint="Months run from 01 to 12",
    )
    assert problem.format() == (
        "cv.yaml:4:7: error: positions[0].start (id head): month 13 does not exist "
        "(value: '2021-13'). Months run from 01 to 12"
    )


def test_problems_are_sorted_and_counted() -> None:
    error = ProblemsError(
        [Problem("b", file="x.yaml", line=9), Problem("a", file="x.yaml", line=2)], "x.yaml"
    )
    assert error.format_message().splitlines() == [
        "x.yaml:2: error: a",
        "x.yaml:9: error: b",
        "2 errors in x.yaml.",
    ]
    assert error.exit_code == 1


def test_closest_names_the_likely_meant_choice_or_nothing() -> None:
    assert closest("publcations", ["projects", "publications", "talks"]) == "publications"
    assert closest("xyz", ["projects", "publications"]) is None
