"""The ORCID record's works: /works summaries and bulk works, in JSON and in XML."""

from __future__ import annotations

import pytest

from assembler.importers.orcid import NO_AUTHORS, parse_orcid
from assembler.problems import ProblemsError
from tests.importers import corpus

PERSON = "Ada Lovelace-Example"


def read(file: str) -> list:
    return parse_orcid(corpus.path(file).read_text("utf-8"), file, PERSON)


@pytest.mark.parametrize("file", corpus.files("orcid/"))
def test_every_fixture_gives_the_facts_of_the_manifest(file: str) -> None:
    facts = corpus.expect(file)
    checked = facts.get("same_as", file)
    records = [record for record in read(file) if record.fields]
    assert corpus.check(checked, records) == []


@pytest.mark.parametrize("kind", ["summary", "bulk"])
def test_xml_and_json_give_the_same_records(kind: str) -> None:
    json_records = read(f"orcid/works-{kind}-v3.0.json")
    xml_records = read(f"orcid/works-{kind}-v3.0.xml")
    assert [(r.key, r.fields) for r in xml_records] == [(r.key, r.fields) for r in json_records]


def test_works_without_authors_get_the_person_and_a_note() -> None:
    records = {record.key: record.fields for record in read("orcid/works-bulk-v3.0.json")}
    thesis = records["142857014"]
    assert thesis["authors"] == ["Lovelace-Example A"]
    assert thesis["note"] == NO_AUTHORS
    assert records["142857018"]["authors"] == ["Lovelace A", "Pritchard H"]  # not hers


def test_a_missing_put_code_is_reported_and_the_rest_imported() -> None:
    records = read("orcid/works-bulk-v3.0.json")
    (error,) = [record for record in records if not record.fields]
    assert "142856999" in error.source and "ORCID answered 404" in error.problems[0]


def test_xml_with_entities_is_refused() -> None:
    bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
    with pytest.raises(ProblemsError, match="DOCTYPE"):
        parse_orcid(bomb, "bomb.xml")
