"""The merge plan: which incoming records are new, which update an entry, which link."""

from __future__ import annotations

import pytest

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


def _record(source: str, **fields: object) -> Incoming:
    return Incoming(dict(fields), source)


ARTICLE = {"type": "journal", "title": "Calibrated uncertainty", "year": "2023"}
PREPRINT = {
    "type": "preprint",
    "title": "Calibrated Uncertainty",
    "year": "2022",
    "url": "https://arxiv.org/abs/2206.04117",
}


@pytest.mark.parametrize(
    ("existing", "incoming", "expected"),
    [
        # same DOI, different titles: one work
        (
            [{"id": "a", **ARTICLE, "doi": "10.1000/X"}],
            [{**ARTICLE, "title": "Other words", "doi": "10.1000/x", "volume": "3"}],
            [("update", "a", "doi")],
        ),
        # different DOIs, same title and year: two works
        (
            [{"id": "a", **ARTICLE, "doi": "10.1000/conf"}],
            [{**ARTICLE, "doi": "10.1000/journal"}],
            [("add", None, None)],
        ),
        # without DOIs, volume 1 and volume 2
        (
            [{"id": "v1", "type": "book", "title": "Methods", "year": "2022", "volume": "1"}],
            [{"type": "book", "title": "Methods", "year": "2022", "volume": "2"}],
            [("add", None, None)],
        ),
        # preprint, then its article (in one import): one entry with a preprint link
        (
            [],
            [PREPRINT, ARTICLE],
            [("link", None, "preprint"), ("add", None, "published")],
        ),
        # article, then its preprint: the same
        (
            [],
            [ARTICLE, PREPRINT],
            [("add", None, None), ("link", None, "preprint")],
        ),
        # the CV has the preprint; the article arrives: added, linked to the preprint entry
        (
            [{"id": "pre", **PREPRINT}],
            [ARTICLE],
            [("add", None, "published")],
        ),
        # the CV has the article; its preprint arrives: a link on the article
        (
            [{"id": "art", **ARTICLE}],
            [PREPRINT],
            [("link", "art", "preprint")],
        ),
        # titles in other scripts stay apart
        (
            [{"id": "ru", "type": "journal", "title": "Оценка неопределённости", "year": "2019"}],
            [{"type": "journal", "title": "Потоковый вариационный вывод", "year": "2019"}],
            [("add", None, None)],
        ),
        (
            [{"id": "zh", "type": "journal", "title": "基于流式变分推断", "year": "2020"}],
            [{"type": "journal", "title": "面向图神经网络", "year": "2020"}],
            [("add", None, None)],
        ),
    ],
)
def test_the_merge_rules(existing: list[dict], incoming: list[dict], expected: list[tuple]) -> None:
    plan = plan_merge(
        [dict(e) for e in existing], [_record(f"x:{i}", **r) for i, r in enumerate(incoming)]
    )
    got = [
        (item.action, item.entry_id if expected_id else None, item.matched)
        for item, (_, expected_id, _) in zip(plan.items, expected, strict=True)
    ]
    assert got == expected


def test_a_preprint_before_its_article_becomes_the_articles_link() -> None:
    plan = plan_merge([], [_record("x:1", **PREPRINT), _record("x:2", **ARTICLE)])
    link, add = plan.items
    assert link.entry_id == add.entry_id
    assert add.changes["links"] == [
        {"label": "preprint", "url": "https://arxiv.org/abs/2206.04117"}
    ]
    assert plan.changed == 1  # one entry, with its preprint


def test_citations_keep_the_newest_count() -> None:
    existing = [
        {
            "id": "a",
            **ARTICLE,
            "citations": {"count": 41, "source": "openalex", "as_of": "2024-05-02"},
        }
    ]
    older = {"count": 17, "source": "openalex", "as_of": "2023-02-11"}
    newer = {"count": 45, "source": "openalex", "as_of": "2024-06-01"}
    (stale,) = plan_merge(
        [dict(e) for e in existing], [_record("x", **ARTICLE, citations=older)]
    ).items
    assert stale.action == "unchanged"
    (fresh,) = plan_merge(
        [dict(e) for e in existing], [_record("x", **ARTICLE, citations=newer)]
    ).items
    assert fresh.changes == {"citations": newer}
    typed = [{"id": "a", **ARTICLE, "citations": 50}]
    (kept,) = plan_merge(typed, [_record("x", **ARTICLE, citations=newer)]).items
    assert kept.conflicts == [("citations", 50, newer)]  # a count the person typed stays


def test_a_new_record_that_does_not_name_the_person_is_not_theirs() -> None:
    from assembler.cv.names import own_names

    own = own_names("Ada Lovelace-Example", ["Example A L"])
    records = [
        _record("x:1", **ARTICLE, authors=["Lovelace A", "Pritchard H"]),
        _record("x:2", title="Mine", year="2020", authors=["Example A L"]),
        _record("x:3", title="No authors", year="2020"),
    ]
    plan = plan_merge([], records, own)
    assert [item.action for item in plan.items] == ["not_yours", "add", "add"]
    # An entry of the CV is the person's even when the record's list is cut.
    plan = plan_merge([{"id": "a", **ARTICLE}], [records[0]], own)
    assert plan.items[0].action in ("update", "unchanged")
