"""The merge plan: which incoming records are new, which update an entry, which link."""

from __future__ import annotations

from assembler.importers.merge import plan_merge
from assembler.importers.records import Incoming


def test_records_in_other_scripts_are_not_merged_into_an_unrelated_entry() -> None:
    existing = [
        {
            "id": "r1",
            "type": "journal",
            "title": "Объяснимый искусственный интеллект",
            "year": "2020",
            "authors": ["Example A"],
        },
    ]
    incoming = [
        Incoming(
            {
                "type": "journal",
                "title": "Глубокое обучение в медицине",
                "year": "2020",
                "authors": ["Example A"],
                "volume": "12",
            },
            "new.bib:1",
        ),
        Incoming(
            {
                "type": "journal",
                "title": "可解释的人工智能",
                "year": "2020",
                "authors": ["Example A"],
            },
            "new.bib:9",
        ),
    ]
    plan = plan_merge(existing, incoming)
    assert [item.action for item in plan.items] == ["add", "add"]
    assert "volume" not in existing[0]


def test_same_title_and_year_with_different_dois_are_two_works() -> None:
    existing = [
        {
            "id": "conf",
            "type": "conference",
            "title": "Pixel-wise explanations",
            "year": "2015",
            "doi": "10.1000/conf",
        }
    ]
    incoming = [
        Incoming(
            {
                "type": "journal",
                "title": "Pixel-wise explanations",
                "year": "2015",
                "doi": "10.1000/journal",
            },
            "new.bib:1",
        )
    ]
    (item,) = plan_merge(existing, incoming).items
    assert item.action == "add"


def test_a_match_says_how_it_matched() -> None:
    existing = [{"id": "lens", "type": "journal", "title": "Semantic Lens", "year": "2025"}]
    incoming = [
        Incoming(
            {"type": "journal", "title": "SemanticLens", "year": "2025", "doi": "10.1000/lens"},
            "new.bib:1",
        )
    ]
    (item,) = plan_merge(existing, incoming).items
    assert (item.action, item.entry_id, item.matched) == ("update", "lens", "title")
