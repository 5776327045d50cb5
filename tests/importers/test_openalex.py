"""OpenAlex records: the real one from the seeds, and a list response."""

from __future__ import annotations

import json

import pytest

from assembler.importers.openalex import parse_openalex, rebuild_abstract
from assembler.problems import ProblemsError
from tests.helpers import TESTDATA
from tests.importers import corpus

RECORD = TESTDATA / "import" / "openalex-work.json"


def test_the_seed_record() -> None:
    (item,) = parse_openalex(RECORD.read_text("utf-8"), "work.json")
    fields = item.fields
    assert fields["type"] == "journal"
    assert fields["authors"] == ["Dombrowski A-K", "Anders C J", "Müller K-R", "Kessel P"]
    assert (fields["year"], fields["venue"], fields["volume"], fields["pages"]) == (
        "2021-07-28",
        "Pattern Recognition",
        "121",
        "108194",
    )
    assert fields["doi"] == "10.1016/j.patcog.2021.108194"
    assert fields["open_access"] is True
    assert "url" not in fields  # the open-access link is the DOI's: nothing new
    assert fields["citations"] == {"count": 43, "source": "openalex", "as_of": "2026-04-28"}
    assert fields["abstract"].startswith("Explanation methods shed light on the decision")
    assert fields["abstract"].endswith("confirm the effectiveness of these approaches.")


def test_list_response_and_types() -> None:
    work = json.loads(RECORD.read_text("utf-8"))
    preprint = {**work, "id": "W2", "doi": None, "type": "preprint", "title": "A preprint"}
    chapter = {**work, "id": "W3", "type": "book-chapter", "title": "A chapter"}
    items = parse_openalex(
        json.dumps({"meta": {"count": 3}, "results": [work, preprint, chapter]}), "l.json"
    )
    assert [item.fields["type"] for item in items] == ["journal", "preprint", "chapter"]
    assert "doi" not in items[1].fields


def test_rebuild_abstract() -> None:
    assert (
        rebuild_abstract({"world": [1], "Hello": [0], "again": [3], "hello": [2]})
        == "Hello world hello again"
    )
    assert rebuild_abstract(None) is None


def test_not_json_is_a_located_error() -> None:
    with pytest.raises(ProblemsError) as caught:
        parse_openalex('{"results": [\n oops]}', "bad.json")
    assert caught.value.problems[0].line == 2


@pytest.mark.parametrize("file", corpus.files("openalex/"))
def test_every_fixture_gives_the_facts_of_the_manifest(file: str) -> None:
    records = parse_openalex(corpus.path(file).read_text("utf-8"), file)
    assert corpus.check(file, [record for record in records if record.fields]) == []


def test_an_erratum_is_left_out_with_a_warning() -> None:
    file = "openalex/works-list-mixed.json"
    records = parse_openalex(corpus.path(file).read_text("utf-8"), file)
    (erratum,) = [record for record in records if not record.fields]
    assert "W3171234509" in erratum.source
    assert "not a publication of its own" in erratum.problems[0]


def test_pre_2023_host_venue_gives_venue_and_publisher() -> None:
    file = "openalex/works-list-pre2023.json"
    records = parse_openalex(corpus.path(file).read_text("utf-8"), file)
    assert all(record.fields.get("venue") for record in records)
    assert records[0].fields["publisher"] == "Oxford University Press"


def test_deeply_nested_json_is_a_located_error_not_a_crash() -> None:
    with pytest.raises(ProblemsError) as caught:
        parse_openalex("\n" + "[" * 100_000 + "]" * 100_000, "deep.json")
    (problem,) = caught.value.problems
    assert (problem.line, problem.message) == (2, "JSON nested deeper than 64 levels")
