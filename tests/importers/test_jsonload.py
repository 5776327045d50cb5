"""One JSON loader for every JSON format: located errors, no RecursionError."""

from __future__ import annotations

import json
import random

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


def _mutated(node: object, rng: random.Random) -> object:
    """The same JSON with some values replaced by values of another type."""
    weird = [None, 1, 2.5, "x", "", [], {}, [1], {"value": None}, True, [[None]]]
    if isinstance(node, dict):
        return {
            k: rng.choice(weird) if rng.random() < 0.08 else _mutated(v, rng)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [rng.choice(weird) if rng.random() < 0.08 else _mutated(v, rng) for v in node]
    return node


@pytest.mark.parametrize(
    "file",
    [
        "openalex/works-list-mixed.json",
        "openalex/works-list-pre2023.json",
        "csl/zotero-csl-export.json",
        "orcid/works-bulk-v3.0.json",
        "jsonresume/resume.json",
    ],
)
def test_values_of_unexpected_types_never_crash_an_importer(file: str) -> None:
    from assembler.importers.csl import parse_csl
    from assembler.importers.jsonresume import parse_jsonresume
    from assembler.importers.merge import plan_merge
    from assembler.importers.openalex import parse_openalex
    from assembler.importers.orcid import parse_orcid
    from tests.importers import corpus

    parse = {
        "openalex": parse_openalex,
        "csl": parse_csl,
        "orcid": parse_orcid,
        "jsonresume": lambda text, name: parse_jsonresume(text, name).publications,
    }[file.split("/")[0]]
    data = json.loads(corpus.path(file).read_text("utf-8"))
    for seed in range(40):
        text = json.dumps(_mutated(data, random.Random(seed)))
        try:
            records = parse(text, file)
        except ProblemsError:
            continue  # a located user error is a fine answer to a broken file
        plan_merge([], [record for record in records if record.fields])
