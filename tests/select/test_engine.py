"""The rule semantics of DESIGN.md, rule by rule, edges included (as_of 2026-11-21)."""

from __future__ import annotations

from datetime import date

import pytest

from assembler.cv.dates import PartialDate
from assembler.problems import ProblemsError

PERSON = "person: {name: Sebastian Lapuschkin, name_variants: [Lapuschkin S, Bach S]}\n"

TALKS = (
    PERSON
    + """\
talks:
  - {id: t2019, title: Old, date: 2019-06-01, kind: invited}
  - {id: t2021, title: Edge year, date: 2021, kind: Keynote}
  - {id: t2021b, title: Before edge, date: 2021-10, kind: invited}
  - {id: t2024, title: Recent, date: 2024-03-05, kind: contributed}
  - {id: tnone, title: Undated, kind: invited}
"""
)


def ids(selection, section: str) -> list[str]:
    return [entry.id for entry in selection.sections[section].entries]


def reasons(selection, section: str) -> dict[str, str]:
    return {d.entry_id: str(d.drop) for d in selection.sections[section].dropped}


def test_unnamed_sections_are_left_out_and_all_keeps_data_order(run_select) -> None:
    selection = run_select(
        TALKS + "awards:\n  - {name: A, year: 2020}\n", "sections:\n  talks: all\n"
    )
    assert list(selection.sections) == ["talks"]
    assert ids(selection, "talks") == ["t2019", "t2021", "t2021b", "t2024", "tnone"]


def test_relative_window_keeps_year_only_date_at_the_edge(run_select) -> None:
    selection = run_select(TALKS, "sections:\n  talks: {since: 5 years}\n")
    # The window starts 2021-11-21: "2021" overlaps it, "2021-10" does not.
    assert ids(selection, "talks") == ["t2021", "t2024", "tnone"]
    assert reasons(selection, "talks") == {"t2019": "since", "t2021b": "since"}
    assert selection.sections["talks"].undated == ["tnone"]


def test_absolute_since_and_until(run_select) -> None:
    selection = run_select(TALKS, "sections:\n  talks: {since: 2021-11, until: 2023}\n")
    assert ids(selection, "talks") == ["t2021", "tnone"]
    assert reasons(selection, "talks")["t2024"] == "until"


def test_period_sets_both_sides(run_select) -> None:
    period = (PartialDate(2021), PartialDate(2021))
    selection = run_select(TALKS, "sections:\n  talks: {since: 1 years}\n", period=period)
    assert ids(selection, "talks") == ["t2021", "t2021b", "tnone"]
    assert reasons(selection, "talks")["t2024"] == "period"


def test_ongoing_range_ends_at_as_of(run_select) -> None:
    cv = (
        PERSON + "projects:\n  - {id: run, title: R, start: 2015}\n"
        "  - {id: done, title: D, start: 2015, end: 2020}\n"
        "  - {id: future, title: F, start: 2027}\n"
    )
    selection = run_select(cv, "sections:\n  projects: {since: 2 years}\n")
    # `since` bounds one side only: the planned project is in, the finished one is out.
    assert ids(selection, "projects") == ["run", "future"]
    earlier = run_select(cv, "sections:\n  projects: {until: 2016}\n", as_of=date(2016, 6, 1))
    assert ids(earlier, "projects") == ["run", "done"]


def test_where_equality_is_case_insensitive_and_lists_mean_any(run_select) -> None:
    selection = run_select(TALKS, "sections:\n  talks: {where: {kind: [keynote, contributed]}}\n")
    assert ids(selection, "talks") == ["t2021", "t2024"]
    assert reasons(selection, "talks")["t2019"] == "where kind"


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("{kind: {not: invited}}", ["t2021", "t2024"]),
        ("{kind: {not: [invited, keynote]}}", ["t2024"]),
        ("{title: {contains: EDGE}}", ["t2021", "t2021b"]),
        ("{date: {min: 2021-10}}", ["t2021", "t2021b", "t2024"]),
        ("{date: {max: 2021}}", ["t2019", "t2021", "t2021b"]),
        ("{year: {min: 2021, max: 2021}}", ["t2021", "t2021b"]),
        ("{date: 2021}", ["t2021", "t2021b"]),
        ("{kind: invited, year: 2019}", ["t2019"]),
    ],
)
def test_where_operators(run_select, where: str, expected: list[str]) -> None:
    selection = run_select(TALKS, f"sections:\n  talks: {{where: {where}}}\n")
    assert ids(selection, "talks") == expected


PUBS = (
    PERSON
    + """\
publications:
  - {id: p2015, title: LRP, year: 2015, authors: [Bach S, Binder A], citations: 5000}
  - {id: p2016, title: Fisher, year: 2016, authors: [Lapuschkin S], selected: true}
  - {id: p2020, title: Mid, year: 2020, authors: [Samek W, Lapuschkin S, Müller K-R]}
  - {id: p2021, title: Last, year: 2021, authors: [Anders C J, Lapuschkin S], citations: 300}
  - {id: p2022, title: Other, year: 2022, authors: [Samek W], citations: {count: 300}}
"""
)


def test_author_position_knows_both_surnames(run_select) -> None:
    selection = run_select(PUBS, "sections:\n  publications: {where: {author_position: first}}\n")
    assert ids(selection, "publications") == ["p2015"]
    last = run_select(PUBS, "sections:\n  publications: {where: {author_position: [last, sole]}}\n")
    assert ids(last, "publications") == ["p2016", "p2021"]


def test_sort_descending_missing_last_and_stable_ties(run_select) -> None:
    selection = run_select(PUBS, "sections:\n  publications: {sort: -citations}\n")
    # 5000, then the tie at 300 in data order, then the ones without citations in data order.
    assert ids(selection, "publications") == ["p2015", "p2021", "p2022", "p2016", "p2020"]
    ascending = run_select(PUBS, "sections:\n  publications: {sort: citations}\n")
    assert ids(ascending, "publications") == ["p2021", "p2022", "p2015", "p2016", "p2020"]


def test_sort_by_several_keys_then_limit_with_ranks(run_select) -> None:
    profile = "sections:\n  publications: {sort: [-selected, -citations, -year], limit: 3}\n"
    selection = run_select(PUBS, profile)
    assert ids(selection, "publications") == ["p2016", "p2015", "p2022"]
    assert reasons(selection, "publications") == {
        "p2021": "limit (rank 4)",
        "p2020": "limit (rank 5)",
    }


def test_pins_count_toward_the_limit_and_survive_other_rules(run_select) -> None:
    profile = (
        "sections:\n  publications:\n    where: {year: {min: 2020}}\n"
        "    sort: -year\n    limit: 2\n    pin: [p2015]\n"
    )
    selection = run_select(PUBS, profile)
    assert ids(selection, "publications") == ["p2022", "p2015"]


def test_pins_beyond_the_limit_are_all_kept(run_select) -> None:
    profile = "sections:\n  publications: {limit: 1, pin: [p2020, p2021]}\n"
    assert ids(run_select(PUBS, profile), "publications") == ["p2020", "p2021"]


def test_exclude_and_unknown_ids(run_select) -> None:
    selection = run_select(PUBS, "sections:\n  publications: {exclude: [p2016]}\n")
    assert reasons(selection, "publications") == {"p2016": "exclude"}
    with pytest.raises(ProblemsError) as caught:
        run_select(PUBS, "sections:\n  publications: {pin: [nope]}\n")
    (problem,) = caught.value.problems
    assert problem.line == 2
    assert "pin names 'nope'; no entry of publications has it" in problem.message


def test_from_lists_are_exclusive_unless_overlap_is_allowed(run_select) -> None:
    profile = (
        "sections:\n"
        "  list_a: {from: publications, where: {citations: {min: 300}}}\n"
        "  list_b: {from: publications}\n"
    )
    selection = run_select(PUBS, profile)
    assert ids(selection, "list_a") == ["p2015", "p2021", "p2022"]
    assert ids(selection, "list_b") == ["p2016", "p2020"]
    assert reasons(selection, "list_b")["p2015"] == "already in list_a"
    allowed = run_select(
        PUBS, profile.replace("{from: publications}", "{from: publications, overlap: allowed}")
    )
    assert len(ids(allowed, "list_b")) == 5


def test_empty_result(run_select) -> None:
    selection = run_select(PUBS, "sections:\n  publications: {since: 2030}\n")
    assert ids(selection, "publications") == []
    assert selection.sections["publications"].total == 5


def test_extend_by_breaks_widens_relative_windows(run_select) -> None:
    cv = TALKS + "career_breaks:\n  - {start: 2023-01, end: 2023-12, reason: parental leave}\n"
    plain = run_select(cv, "sections:\n  talks: {since: 5 years}\n")
    extended = run_select(cv, "sections:\n  talks: {since: 5 years, extend_by_breaks: true}\n")
    assert "t2021b" not in ids(plain, "talks")
    assert "t2021b" in ids(extended, "talks")  # the window now starts in November 2020
    assert extended.sections["talks"].window.first == date(2020, 11, 21)


def test_bio_rule(run_select) -> None:
    cv = PERSON + "bio: {en: One two three four five six, de: Eins zwei drei}\n"
    selection = run_select(cv, "language: de\nsections:\n  bio: {max_words: 2}\n")
    assert selection.bio == "Eins zwei drei"  # the profile's language; shaping trims it
