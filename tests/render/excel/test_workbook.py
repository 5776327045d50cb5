"""Workbooks read back with openpyxl: types, formats, template fidelity, errors."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from assembler.cli.main import main
from assembler.resources import example_cv
from tests.helpers import hostile_workbooks

CV = """\
person: {name: Ada Example, name_variants: [Example A]}
projects:
  - {id: p1, acronym: "=EVIL()", title: "R&D <b>", start: 2021-01, end: 2022-12, role: lead,
     funder: EU, grant_id: 0123, budget: {amount: 1200000.50, currency: EUR}}
  - {id: p2, acronym: P2, title: Planned, start: 2027, role: participant}
  - {id: p3, acronym: P3, title: Running, start: 2026-03, role: coordinator}
publications:
  - {id: a, type: journal, title: "+1 trick", year: 2024, authors: [Example A, "@me B"]}
"""

PLAIN = """\
name: plain
workbooks:
  - output: "{person}-plain.xlsx"
    sheets:
      - name: Projects
        section: projects
        columns: {Acronym: acronym, Title: title, Start: start, End: end, Months: duration_months,
                  Budget: budget.amount, Grant: grant_id, Status: status, Ongoing: ongoing}
      - {name: Kinds, section: publications, count_by: type, chart: column}
      - {name: Summary, summary: true}
sections:
  projects: all
  publications: all
"""


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cv.yaml").write_text(CV, encoding="utf-8")
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "plain.yaml").write_text(PLAIN, encoding="utf-8")
    return tmp_path


def invoke(*args: str):
    return CliRunner().invoke(main, [*args, "--as-of", "2026-11-21"])


def test_plain_workbook_cells_are_typed_and_safe(workdir: Path) -> None:
    result = invoke("--profile", "plain")
    assert result.exit_code == 0, result.output
    workbook = load_workbook(workdir / "output" / "ada-example-plain.xlsx")
    sheet = workbook["Projects"]
    assert [c.value for c in sheet[1]] == [
        "Acronym",
        "Title",
        "Start",
        "End",
        "Months",
        "Budget",
        "Grant",
        "Status",
        "Ongoing",
    ]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:I4"
    first = {header.value: cell for header, cell in zip(sheet[1], sheet[2], strict=True)}
    assert (first["Acronym"].value, first["Acronym"].data_type) == ("=EVIL()", "s")
    assert first["Acronym"].quotePrefix
    assert first["Title"].value == "R&D <b>"
    assert first["Start"].is_date and first["Start"].number_format == "yyyy-mm"
    assert first["Months"].value == 24
    assert float(first["Budget"].value) == 1200000.5 and first["Budget"].data_type == "n"
    assert first["Grant"].value == "0123"
    assert [sheet.cell(row=r, column=8).value for r in (2, 3, 4)] == ["ended", "planned", "running"]
    assert sheet.cell(row=4, column=9).value is True  # ongoing
    assert sheet.cell(row=3, column=3).number_format == "yyyy"
    assert sheet.column_dimensions["B"].width >= 8
    formulas = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_count_sheet_has_a_native_chart_and_summary_counts(workdir: Path) -> None:
    assert invoke("--profile", "plain").exit_code == 0
    path = workdir / "output" / "ada-example-plain.xlsx"
    workbook = load_workbook(path)
    assert list(workbook["Kinds"].values) == [("Type", "Count"), ("Journal articles", 1)]
    assert list(workbook["Summary"].values) == [
        ("Section", "Entries"),
        ("Research projects", 3),
        ("Publications", 1),
    ]
    with zipfile.ZipFile(path) as archive:
        assert any(name.startswith("xl/charts/chart") for name in archive.namelist())


def test_workbooks_are_byte_identical_between_runs(workdir: Path) -> None:
    assert invoke("--profile", "plain").exit_code == 0
    first = (workdir / "output" / "ada-example-plain.xlsx").read_bytes()
    assert invoke("--profile", "plain", "--out", "again").exit_code == 0
    assert (workdir / "again" / "ada-example-plain.xlsx").read_bytes() == first


def test_admin_projects_fills_the_styled_template(workdir: Path) -> None:
    result = invoke("--profile", "admin-projects", "--data", str(example_cv()))
    assert result.exit_code == 0, result.output
    workbook = load_workbook(workdir / "output" / "sebastian-lapuschkin-projects.xlsx")
    sheet = workbook["Projects"]
    assert sheet["A1"].value == "Third-party funded projects"  # the template's title stays
    assert sheet.column_dimensions["B"].width == 48  # and its widths
    table = sheet.tables["Projects"]
    assert table.ref == "A4:M13"  # header + nine projects
    rows = list(sheet.iter_rows(min_row=5, max_row=13, values_only=True))
    by_acronym = {row[0]: row for row in rows}
    daki = by_acronym["DAKI-FWS"]
    assert daki[6].year == 2024 and daki[6].month == 11  # the repaired end date
    assert daki[7] == 36 and daki[11] == "ended"
    assert by_acronym["xJuRAG"][11] == "running"
    assert sheet.cell(row=5, column=6).number_format == "yyyy-mm"
    assert sheet.cell(row=5, column=1).font.name == "Arial"  # the sample row's style


def test_template_parts_openpyxl_drops_are_warned_about(workdir: Path) -> None:
    from openpyxl.chart import BarChart, Reference

    template = Workbook()
    sheet = template.active
    sheet.title = "Projects"
    sheet.append(["Acronym", "Title"])
    sheet.append(["x", 1])
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=2, min_row=1, max_row=2))
    sheet.add_chart(chart, "D2")
    (workdir / "templates").mkdir()
    template.save(workdir / "templates" / "mine.xlsx")
    (workdir / "profiles" / "mine.yaml").write_text(
        "workbooks:\n  - output: out.xlsx\n    template: mine.xlsx\n    sheets:\n"
        "      - {name: Projects, section: projects, columns: {Acronym: acronym}}\n"
        "sections:\n  projects: all\n",
        encoding="utf-8",
    )
    result = invoke("--profile", "mine")
    assert result.exit_code == 0, result.output
    assert "warning: the template's charts cannot be kept" in result.stderr
    values = list(load_workbook(workdir / "output" / "out.xlsx")["Projects"].values)
    assert values[0] == ("Acronym", "Title")
    assert [row[0] for row in values[1:]] == ["=EVIL()", "P2", "P3"]


def test_macro_templates_are_refused(workdir: Path) -> None:
    (workdir / "templates").mkdir()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/vbaProject.bin", b"macro")
    (workdir / "templates" / "macro.xlsx").write_bytes(buffer.getvalue())
    (workdir / "profiles" / "macro.yaml").write_text(
        "workbooks:\n  - output: out.xlsx\n    template: macro.xlsx\n    sheets:\n"
        "      - {name: P, section: projects, columns: {A: acronym}}\n"
        "sections:\n  projects: all\n",
        encoding="utf-8",
    )
    result = invoke("--profile", "macro")
    assert result.exit_code == 1
    assert "the template contains macros" in result.stderr
    assert not (workdir / "output").exists()


def test_profile_errors_for_sheets(workdir: Path) -> None:
    (workdir / "profiles" / "bad.yaml").write_text(
        "workbooks:\n  - output: out.xlsx\n    sheets:\n"
        "      - {name: 'a/b', section: projects, columns: {A: acronym}}\n"
        "      - {name: This name is much longer than Excel allows, section: talks,\n"
        "         columns: {A: title}}\n"
        "      - {name: P, section: projects, columns: {A: acronymm}}\n"
        "sections:\n  projects: all\n",
        encoding="utf-8",
    )
    result = invoke("--profile", "bad")
    assert result.exit_code == 1
    assert "cannot contain /" in result.stderr
    assert "at most 31 characters" in result.stderr
    (workdir / "profiles" / "bad.yaml").write_text(
        "workbooks:\n  - output: out.xlsx\n    sheets:\n"
        "      - {name: T, section: talks, columns: {A: title}}\n"
        "      - {name: P, section: projects, columns: {A: acronymm}}\n"
        "sections:\n  projects: all\n",
        encoding="utf-8",
    )
    result = invoke("--profile", "bad")
    assert result.exit_code == 1
    assert "the sheet shows 'talks', which the profile does not select" in result.stderr
    assert "projects entries have no field 'acronymm'. Did you mean 'acronym'?" in result.stderr


def test_cell_limit_names_the_entry_and_writes_nothing(workdir: Path) -> None:
    long_title = "x" * 33_000
    (workdir / "cv.yaml").write_text(
        CV.replace("title: Planned", f'title: "{long_title}"'), encoding="utf-8"
    )
    result = invoke("--profile", "plain")
    assert result.exit_code == 1
    assert "projects entry p2, column 'Title'" in result.stderr
    assert "at most 32767" in result.stderr
    assert not (workdir / "output").exists()


def test_a_section_label_is_the_same_in_word_and_excel(workdir: Path) -> None:
    (workdir / "templates").mkdir()
    template = docx.Document()
    template.add_paragraph("{{ labels.projects }}")
    template.save(workdir / "templates" / "heads.docx")
    profile = PLAIN.replace("sections:\n  projects: all", "sections:\n  projects: {label: Grants}")
    profile = profile.replace(
        "workbooks:", "documents:\n  - {template: heads.docx, output: heads.docx}\nworkbooks:"
    )
    (workdir / "profiles" / "plain.yaml").write_text(profile, encoding="utf-8")
    result = invoke("--profile", "plain")
    assert result.exit_code == 0, result.output
    summary = load_workbook(workdir / "output" / "ada-example-plain.xlsx")["Summary"]
    assert [row[0] for row in summary.iter_rows(min_row=2, values_only=True)] == [
        "Grants",
        "Publications",
    ]
    word = docx.Document(str(workdir / "output" / "heads.docx"))
    assert [p.text for p in word.paragraphs] == ["Grants"]


def test_sheets_are_print_ready(workdir: Path) -> None:
    result = invoke("--profile", "plain")
    assert "the column 'Months' is empty" not in result.stderr
    workbook = load_workbook(workdir / "output" / "ada-example-plain.xlsx")
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$1:$1"
        assert sheet["A1"].font.name == "Arial" and sheet["A1"].font.b


def test_long_text_wraps_and_its_row_grows(workdir: Path) -> None:
    long_title = "A very long project title " * 8
    (workdir / "cv.yaml").write_text(CV.replace('title: "R&D <b>"', f"title: {long_title!r}"))
    assert invoke("--profile", "plain").exit_code == 0
    sheet = load_workbook(workdir / "output" / "ada-example-plain.xlsx")["Projects"]
    title = sheet["B2"]
    assert title.alignment.wrap_text
    assert sheet.row_dimensions[2].height >= 3 * 12.75
    assert sheet.row_dimensions[3].height is None  # a short row keeps Excel's height


def test_an_empty_sheet_says_so_and_an_empty_column_is_reported(workdir: Path) -> None:
    profile = PLAIN + "  talks: all\n"
    profile = profile.replace(
        "      - {name: Summary, summary: true}",
        "      - {name: Talks, section: talks, columns: {Title: title}}\n"
        "      - {name: Summary, summary: true}",
    )
    (workdir / "profiles" / "plain.yaml").write_text(profile, encoding="utf-8")
    result = invoke("--profile", "plain")
    assert result.exit_code == 0, result.output
    workbook = load_workbook(workdir / "output" / "ada-example-plain.xlsx")
    assert list(workbook["Talks"].values) == [("Title",), ("None",)]
    assert "sheet 'Projects': the column 'Grant' is empty in every row" not in result.stderr
    (workdir / "cv.yaml").write_text(CV.replace("grant_id: 0123, ", ""), encoding="utf-8")
    result = invoke("--profile", "plain")
    assert "sheet 'Projects': the column 'Grant' is empty in every row" in result.stderr


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("xxe", "its part xl/workbook.xml declares XML entities (a DOCTYPE)"),
        ("laughs", "its part xl/sharedStrings.xml declares XML entities (a DOCTYPE)"),
        ("truncated", "its part xl/workbook.xml is damaged: unclosed token (line 1, column"),
        ("no-workbook-part", "the template cannot be read (There is no item named 'xl/workbook"),
        ("no-content-types", "not an Excel .xlsx file (a zip without its parts)"),
        ("not-a-zip", "not an Excel .xlsx file"),
    ],
)
def test_damaged_and_hostile_templates_are_refused_naming_the_file(
    workdir: Path, name: str, message: str
) -> None:
    templates = workdir / "templates"
    templates.mkdir()
    hostile_workbooks(templates)
    (workdir / "profiles" / "hostile.yaml").write_text(
        f"workbooks:\n  - output: out.xlsx\n    template: {name}.xlsx\n    sheets:\n"
        "      - {name: P, section: projects, columns: {A: acronym}}\n"
        "sections:\n  projects: all\n",
        encoding="utf-8",
    )
    result = invoke("--profile", "hostile")
    assert result.exit_code == 1, result.output
    assert f"templates/{name}.xlsx: error: {message}" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (workdir / "output").exists()
