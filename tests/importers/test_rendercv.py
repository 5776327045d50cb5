"""A whole CV from RenderCV YAML: every entry type, free section titles, markdown names."""

from __future__ import annotations

import pytest

from assembler.importers.rendercv import parse_rendercv, plain
from assembler.problems import ProblemsError
from tests.importers import corpus


def migrate(file: str):
    return parse_rendercv(corpus.path(file).read_text("utf-8"), file)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**Ada Lovelace-Example**", "Ada Lovelace-Example"),
        ("***Ada Lovelace-Example***", "Ada Lovelace-Example"),
        ("*Ada Lovelace-Example*", "Ada Lovelace-Example"),
        ("Released [streamvi](https://github.com/x), 1.2k stars", "Released streamvi, 1.2k stars"),
    ],
)
def test_markdown_is_removed(text: str, expected: str) -> None:
    assert plain(text) == expected


@pytest.mark.parametrize(
    "file", ["rendercv/Ada_Lovelace-Example_CV.yaml", "rendercv/ada-short_cv.yaml"]
)
def test_every_entry_type_finds_its_home(file: str) -> None:
    migrated = migrate(file)
    facts = corpus.expect(file)
    assert migrated.person["name"] == facts["person"]["name"]
    assert migrated.person["email"] == facts["person"]["email"]
    assert [link["url"] for link in migrated.person["links"]] == facts["person"]["links"]
    for got, want in zip(migrated.sections["positions"], facts["positions"], strict=True):
        assert (got["organization"], got["role"], got.get("start"), got.get("end")) == (
            want["organization"],
            want["role"],
            want["start"],
            want["end"],
        )
        assert all(kept in str(got) for kept in want.get("keeps", []))
    for got, want in zip(migrated.sections["education"], facts["education"], strict=True):
        assert (got["degree"], got["institution"], got["start"], got["end"]) == (
            want["degree"],
            want["institution"],
            want["start"],
            want["end"],
        )
    publications = facts["publications"]
    assert len(migrated.publications) == publications["records"]
    for record, want in zip(migrated.publications, publications["items"], strict=True):
        fields = record.fields
        assert fields["authors"] == want["authors"]
        assert fields["title"] == want["title"]
        assert fields["year"] == want["year"]
        assert fields.get("doi") == want.get("doi")
        assert all(kept in str(fields) for kept in want.get("keeps", []))


def test_sections_by_title_and_the_profile_text() -> None:
    migrated = migrate("rendercv/Ada_Lovelace-Example_CV.yaml")
    sections = migrated.sections
    assert [a["year"] for a in sections["awards"]] == ["2021", "2020", "2018"]
    assert [s["role"].split(",")[0] for s in sections["service"]] == [
        "Action Editor",
        "Area Chair",
        "Reviewer for NeurIPS",
    ]
    assert len(sections["talks"]) == 2 and len(sections["teaching"]) == 2
    assert len(sections["skills"]) == 2 and sections["languages"][1] == "German (C1)"
    assert migrated.bio is not None and "Emmy Noether" in migrated.bio
    short = migrate("rendercv/ada-short_cv.yaml").sections
    assert short["languages"] == ["German (C1)", "English (Native)"]
    assert short["projects"][0]["start"] == "2021" and short["projects"][0]["end"] == "2027"


def test_not_a_rendercv_file() -> None:
    with pytest.raises(ProblemsError, match=r"cv\.name is missing"):
        parse_rendercv("design:\n  theme: classic\n", "x.yaml")
