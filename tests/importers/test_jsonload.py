"""One JSON loader for every JSON format: located errors, no RecursionError."""

from __future__ import annotations

import pytest

from assembler.importers.jsonload import MAX_DEPTH, load_json
from assembler.problems import ProblemsError


def test_json_is_read() -> None:
    assert load_json('{"a": ["[not nesting]", {"b": 1}]}', "x.json", "JSON") == {
        "a": ["[not nesting]", {"b": 1}]
    }


def test_deep_nesting_is_a_located_error() -> None:
    text = '{"results":\n' + "[" * 200_000 + "]" * 200_000 + "}"
    with pytest.raises(ProblemsError) as caught:
        load_json(text, "deep.json", "an OpenAlex response")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == ("deep.json", 2)
    assert problem.message == f"JSON nested deeper than {MAX_DEPTH} levels"
    assert problem.hint == "This is not an OpenAlex response; export it again"


def test_broken_json_is_a_located_error() -> None:
    with pytest.raises(ProblemsError) as caught:
        load_json('[\n  {"a": 1,}\n]', "bad.json", "the CSL JSON export")
    (problem,) = caught.value.problems
    assert (problem.line, problem.message.startswith("not valid JSON")) == (2, True)
