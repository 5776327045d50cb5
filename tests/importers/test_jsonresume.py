"""A whole CV from JSON Resume (schema 1.0 and the older keys)."""

from __future__ import annotations

import pytest

from assembler.importers.jsonresume import NO_AUTHORS, parse_jsonresume
from assembler.problems import ProblemsError
from tests.importers import corpus


def migrate(file: str):
    return parse_jsonresume(corpus.path(file).read_text("utf-8"), file)


def test_every_section_finds_its_home() -> None:
    migrated = migrate("jsonresume/resume.json")
    facts = corpus.expect("jsonresume/resume.json")
    person = migrated.person
    assert (person["name"], person["email"], person["phone"], person["orcid"]) == (
        facts["person"]["name"],
        facts["person"]["email"],
        facts["person"]["phone"],
        facts["person"]["orcid"],
    )
    assert [link["url"] for link in person["links"]] == facts["person"]["links"]
    positions = migrated.sections["positions"]
    for got, want in zip(positions, facts["positions"], strict=True):
        assert (got["organization"], got["role"], got["start"], got.get("end")) == (
            want["organization"],
            want["role"],
            want["start"],
            want["end"],
        )
    for got, want in zip(migrated.sections["education"], facts["education"], strict=True):
        assert (got["degree"], got["field"], got["institution"], got["start"], got["end"]) == (
            want["degree"],
            want["field"],
            want["institution"],
            want["start"],
            want["end"],
        )
        assert all(kept in str(got) for kept in want.get("keeps", []))
    assert [(a["name"], a["year"]) for a in migrated.sections["awards"]] == [
        (a["name"], a["year"]) for a in facts["awards"]
    ]
    assert [s["role"] for s in migrated.sections["service"]] == [
        s["role"] for s in facts["service"]
    ]
    assert migrated.sections["languages"][0] == "English (Native speaker)"
    assert migrated.sections["skills"][0] == "Programming: Python, JAX, C++, R"
    assert "empty endDate" in " ".join(migrated.notes) or "endDate is empty" in " ".join(
        migrated.notes
    )
    assert any("certificates" in note for note in migrated.notes)


def test_publications_get_the_person_not_invented_coauthors() -> None:
    migrated = migrate("jsonresume/resume.json")
    first, second, thesis, fourth = (record.fields for record in migrated.publications)
    assert first["authors"] == ["Lovelace-Example A"]
    assert first["note"] == f"{NO_AUTHORS}; With C. N. Okonkwo and B. Horváth."
    assert (first["doi"], first["year"], first["venue"]) == (
        "10.5555/nn.2021.139.968",
        "2021-03-15",
        "Neural Networks",
    )
    assert second["type"] == "conference"
    assert (thesis["type"], thesis["title"], thesis["year"]) == (
        "thesis",
        "Variational methods for streaming Bayesian inference",
        "2017",
    )
    assert fourth["doi"] == "10.5555/tkde.2020.3012345"


def test_the_older_keys() -> None:
    migrated = migrate("jsonresume/resume-minimal.json")
    (first, second) = migrated.sections["positions"]
    assert (first["organization"], first["start"], first.get("end")) == (
        "Heidelberg University",
        "2021-04",
        None,
    )
    assert second["end"] == "2021-03"
    assert migrated.person["links"] == [{"label": "Website", "url": "https://ada-le.example.org"}]
    (publication,) = migrated.publications
    assert publication.fields["year"] == "2021"


def test_not_a_resume() -> None:
    with pytest.raises(ProblemsError, match=r"basics\.name is missing"):
        parse_jsonresume('{"work": []}', "x.json")
