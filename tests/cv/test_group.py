"""Group reports: several people, shared papers once, every row naming its members."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from assembler.cli.main import main
from assembler.cv import group as group_module
from assembler.cv.group import POOL_FROM, Group, load_people, merge, worker_count
from assembler.cv.load import validate_cv
from assembler.problems import ProblemsError
from assembler.source.reader import load_yaml, parse_yaml

ADA = """\
person: {name: Ada Example, name_variants: [Example A]}
publications:
  - {id: shared, type: journal, title: "Shared Paper", year: 2024, doi: 10.1000/ABC,
     authors: [Example A, Builder B]}
  - {id: solo, type: conference, title: Ada alone, year: 2024, authors: [Example A]}
  - {id: old, type: journal, title: Old, year: 2023-12-31, authors: [Example A]}
talks:
  - {id: t1, title: New year talk, date: 2024-01-01, kind: invited}
projects:
  - {id: run, acronym: RUN, title: Running, start: 2020, role: lead}
  - {id: end, acronym: END, title: Ending, start: 2022-01, end: 2024-12, role: participant}
  - {id: new, acronym: NEW, title: Next, start: 2025-01, role: lead}
"""
BOB = """\
person: {name: Bob Builder, name_variants: [Builder B]}
publications:
  - {id: shared-copy, type: journal, title: "Shared paper", year: 2024,
     doi: "https://doi.org/10.1000/abc", authors: [Example A, Builder B]}
  - {id: with-cem, type: workshop, title: "Small Workshop Paper!", year: 2024,
     authors: [Builder B, Cem C]}
awards:
  - {id: prize, name: Bob's prize, year: 2024}
"""
CEM = """\
person: {name: Cem Cetin, name_variants: [Cetin C, Cem C]}
publications:
  - {id: mine, type: workshop, title: "small workshop paper", year: 2024,
     authors: [Builder B, Cem C]}
  - {id: later, type: preprint, title: Later, year: 2025, authors: [Cem C]}
"""


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "xai-group"
    folder.mkdir()
    for name, text in (("ada.yaml", ADA), ("bob.yaml", BOB), ("cem.yaml", CEM)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def load(text: str):
    return validate_cv(parse_yaml(text, "cv.yaml"))


def test_shared_publications_are_merged_with_all_their_members() -> None:
    group = merge([load(ADA), load(BOB), load(CEM)], "Team")
    titles = [p.title for p in group.cv.publications]
    assert titles == ["Shared Paper", "Ada alone", "Old", "Small Workshop Paper!", "Later"]
    members = {p.id: group.members[p.id or ""] for p in group.cv.publications}
    assert members["ada-example:shared"] == ["Ada Example", "Bob Builder"]  # same DOI
    assert members["bob-builder:with-cem"] == ["Bob Builder", "Cem Cetin"]  # same title, year
    assert members["ada-example:solo"] == ["Ada Example"]
    assert group.cv.awards[0].id == "bob-builder:prize"
    assert {"Example A", "Builder B", "Cem C"} <= set(group.cv.person.name_variants)


def test_entries_alike_share_one_record_of_their_set_fields() -> None:
    """Memory: a group of 1,000 people held 100,000 copies of some fifteen sets of field
    names. Sharing them changes no value, and a copy with an update gets its own set."""
    group = merge([load(ADA), load(BOB), load(CEM)], "Team")
    solo, old = (p for p in group.cv.publications if p.title in ("Ada alone", "Old"))
    assert solo.model_fields_set == old.model_fields_set
    assert solo.model_fields_set is old.model_fields_set
    assert (solo.title, old.title, str(old.year)) == ("Ada alone", "Old", "2023-12-31")
    copy = solo.model_copy(update={"doi": "10.1000/new"})
    assert "doi" in copy.model_fields_set
    assert "doi" not in old.model_fields_set


def test_the_same_person_twice_is_an_error() -> None:
    with pytest.raises(ProblemsError, match="appears in more than one person file"):
        merge([load(ADA), load(ADA)], "Team")


def test_group_annual_report_counts_a_shared_paper_once(team: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "--profile",
            "annual-report",
            "--data",
            str(team),
            "--period",
            "2024",
            "--as-of",
            "2026-11-21",
        ],
    )
    assert result.exit_code == 0, result.output
    output = team.parent / "output"
    assert sorted(p.name for p in output.iterdir()) == [
        "xai-group-annual-report-2024.docx",
        "xai-group-annual-report-2024.xlsx",
    ]
    workbook = load_workbook(output / "xai-group-annual-report-2024.xlsx")
    rows = list(workbook["Publications"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 3  # shared paper once, Ada's solo paper, the shared workshop paper
    members = {row[3]: row[8] for row in rows}
    assert members["Shared Paper"] == "Ada Example; Bob Builder"
    assert members["Small Workshop Paper!"] == "Bob Builder; Cem Cetin"
    summary = dict(workbook["Summary"].iter_rows(min_row=2, values_only=True))
    assert summary["Publications"] == 3
    assert dict(workbook["Outputs by type"].iter_rows(min_row=2, values_only=True)) == {
        "Journal articles": 1,
        "Conference papers": 1,
        "Workshop papers": 1,
    }
    awards = list(workbook["Awards"].iter_rows(min_row=2, values_only=True))
    assert awards == [(2024, "Bob's prize", None, "Bob Builder")]
    text = [
        p.text for p in docx.Document(str(output / "xai-group-annual-report-2024.docx")).paragraphs
    ]
    assert text[1] == "Xai Group: Ada Example, Bob Builder, Cem Cetin"


def test_period_edges_of_the_annual_report(team: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "--profile",
            "annual-report",
            "--data",
            str(team / "ada.yaml"),
            "--period",
            "2024",
            "--as-of",
            "2026-11-21",
            "--explain",
        ],
    )
    assert result.exit_code == 0, result.output
    report = (team.parent / "output" / "annual-report.selection.md").read_text("utf-8")
    publications = report.split("## publications")[1].split("##")[0]
    assert "- old: period" in publications  # 31 December 2023 is outside 2024
    talks = report.split("## talks")[1].split("##")[0]
    assert "- t1" in talks and "period" not in talks  # 1 January 2024 is inside
    started = report.split("## projects_started")[1].split("##")[0]
    assert "Kept:\n- end" not in started and "- run: period" in started
    running = report.split("## projects_running")[1].split("##")[0]
    assert "- run\n" in running and "- end\n" in running and "- new: period" in running
    ended = report.split("## projects_ended")[1].split("##")[0]
    assert "Kept:\n- end\n" in ended
    assert "- run: still running (window on end)" in ended


def test_annual_report_defaults_to_the_last_full_year(team: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["--profile", "annual-report", "--data", str(team / "cem.yaml"), "--as-of", "2026-03-01"],
    )
    assert result.exit_code == 0, result.output
    assert (team.parent / "output" / "cem-cetin-annual-report-2025.xlsx").exists()


def test_a_progress_bar_shows_while_many_person_files_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "big-group"
    folder.mkdir()
    for index in range(6):
        (folder / f"p{index}.yaml").write_text(
            f"person: {{name: Person {index}}}\nawards:\n  - {{name: Prize {index}, year: 2024}}\n",
            encoding="utf-8",
        )
    result = CliRunner().invoke(
        main,
        [
            "--profile",
            "annual-report",
            "--data",
            str(folder),
            "--period",
            "2024",
            "--as-of",
            "2026-11-21",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Reading person files" in result.stderr
    workbook = load_workbook(tmp_path / "output" / "big-group-annual-report-2024.xlsx")
    assert len(list(workbook["Awards"].iter_rows(min_row=2))) == 6


def test_shared_papers_follow_the_one_publication_identity() -> None:
    first = load(
        "person: {name: Ada Example}\npublications:\n"
        "  - {id: r1, title: Объяснимый ИИ, year: 2020, authors: [Example A]}\n"
        "  - {id: nodoi, title: Shared, year: 2021, authors: [Example A, Builder B]}\n"
        "  - {id: v1, title: Proceedings, year: 2020, doi: 10.1000/v1, authors: [Example A]}\n"
    )
    second = load(
        "person: {name: Bob Builder}\npublications:\n"
        "  - {id: r2, title: Глубокое обучение в медицине, year: 2020, authors: [Builder B]}\n"
        "  - {id: doi, title: Shared, year: 2021, doi: 10.1000/s,\n"
        "     authors: [Example A, Builder B]}\n"
        "  - {id: v2, title: Proceedings, year: 2020, doi: 10.1000/v2, authors: [Builder B]}\n"
    )
    third = load(
        "person: {name: Cem Cetin}\npublications:\n"
        "  - {id: again, title: Other title, year: 2021, doi: 10.1000/S, authors: [Cetin C]}\n"
    )
    group = merge([first, second, third], "Team")
    owners = {p.id: group.members[p.id or ""] for p in group.cv.publications}
    assert owners == {
        "ada-example:r1": ["Ada Example"],
        "ada-example:nodoi": ["Ada Example", "Bob Builder", "Cem Cetin"],
        "ada-example:v1": ["Ada Example"],
        "bob-builder:r2": ["Bob Builder"],
        "bob-builder:v2": ["Bob Builder"],
    }


def test_member_ids_are_unique_whatever_the_names() -> None:
    people = [
        validate_cv(
            parse_yaml("person: {name: José Müller}\nawards: [{id: a, name: A}]", "a.yaml")
        ),
        validate_cv(
            parse_yaml("person: {name: Jose Muller}\nawards: [{id: a, name: B}]", "b.yaml")
        ),
        validate_cv(parse_yaml("person: {name: 王伟}\nawards: [{id: a, name: C}]", "wang.yaml")),
        validate_cv(parse_yaml("person: {name: 李娜}\nawards: [{id: a, name: D}]", "li.yaml")),
    ]
    group = merge(people, "Team")
    assert [award.id for award in group.cv.awards] == [
        "jose-muller:a",
        "jose-muller-2:a",
        "wang:a",
        "li:a",
    ]
    assert [group.members[award.id or ""] for award in group.cv.awards] == [
        ["José Müller"],
        ["Jose Muller"],
        ["王伟"],
        ["李娜"],
    ]
    (warning,) = group.warnings
    assert "b.yaml" in warning.format() and "jose-muller-2" in warning.message


def _person_files(folder: Path, count: int) -> list[Path]:
    """``count`` members who share one paper (one copy without its DOI)."""
    folder.mkdir()
    paths = []
    for index in range(count):
        doi = "" if index == 1 else ", doi: 10.1000/team"
        path = folder / f"p{index:02d}.yaml"
        path.write_text(
            f"person: {{name: Person {index}, name_variants: [P{index} X]}}\n"
            "publications:\n"
            f"  - {{id: team, title: Team paper, year: 2024{doi}, authors: [P0 X, P{index} X]}}\n"
            f"  - {{title: Own paper {index}, year: 2024, authors: [P{index} X]}}\n"
            f"awards:\n  - {{name: Prize {index}, year: 2024}}\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def _summary(group: Group) -> list[tuple[str | None, list[str]]]:
    entries = [*group.cv.publications, *group.cv.awards]
    return [(entry.id, group.members[entry.id or ""]) for entry in entries]


def test_worker_processes_give_the_same_group_as_loading_in_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _person_files(tmp_path / "team", 10)
    by_workers: list[tuple[str | None, list[str]]] = []
    for workers in (0, 2):
        monkeypatch.setattr(group_module, "worker_count", lambda files, n=workers: n)
        seen: list[Path] = []

        def progress(files: list[Path], seen: list[Path] = seen) -> Iterator[Path]:
            for path in files:
                seen.append(path)
                yield path

        group = load_people(paths, "Team", progress)
        assert seen == paths  # the progress bar sees every file, in order
        summary = _summary(group)
        if workers == 0:
            by_workers = summary
        assert summary == by_workers
    in_one = merge([validate_cv(load_yaml(path)) for path in paths], "Team")
    assert _summary(in_one) == by_workers
    team_paper = by_workers[0]
    assert team_paper == ("person-0:team", [f"Person {i}" for i in range(10)])  # DOI or not


def test_every_broken_person_file_is_reported_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _person_files(tmp_path / "team", 10)
    paths[3].write_text("person: {name: Broken}\nawards: [{year: 2024}]\n", encoding="utf-8")
    paths[7].write_text("person: {name: [not, text]}\n", encoding="utf-8")
    monkeypatch.setattr(group_module, "worker_count", lambda files: 2)
    with pytest.raises(ProblemsError) as raised:
        load_people(paths, "Team")
    text = str(raised.value.message)
    assert "p03.yaml:2" in text and "p07.yaml:1" in text
    assert text.endswith("2 errors in 2 of 10 person files.")


def test_one_broken_person_file_is_counted_among_the_group(tmp_path: Path) -> None:
    paths = _person_files(tmp_path / "team", 3)
    paths[2].write_text("person: {name: Broken}\nawards: [{year: 2024}]\n", encoding="utf-8")
    with pytest.raises(ProblemsError, match=r"p02\.yaml:2.*\n1 error in 1 of 3 person files\.$"):
        load_people(paths, "Team")


@pytest.mark.parametrize(
    ("cores", "files", "workers"),
    [(2, 100, 2), (2, POOL_FROM - 1, 0), (1, 100, 0), (8, 10, 8), (8, POOL_FROM, 8)],
)
def test_workers_are_used_for_large_groups_on_several_cores(
    monkeypatch: pytest.MonkeyPatch, cores: int, files: int, workers: int
) -> None:
    monkeypatch.setattr(group_module, "usable_cores", lambda: cores)
    assert worker_count(files) == workers
