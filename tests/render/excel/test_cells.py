"""Excel cells: real dates at their precision, numbers, text that never becomes a formula."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from assembler.cv.dates import PartialDate
from assembler.problems import ProblemsError
from assembler.render.excel.cells import MAX_CELL_CHARS, CellError, set_cell, set_header
from assembler.render.pdf import find_soffice, to_pdf


@pytest.fixture
def cell():
    return Workbook().active["A1"]


@pytest.mark.parametrize(
    ("text", "number_format"),
    [("2021", "yyyy"), ("2021-04", "yyyy-mm"), ("2021-04-15", "yyyy-mm-dd")],
)
def test_partial_dates_are_excel_dates_at_their_precision(cell, text, number_format) -> None:
    value = PartialDate.parse(text)
    set_cell(cell, value)
    assert cell.data_type == "d"
    assert cell.value == value.first_day()
    assert cell.number_format == number_format


def test_dates_before_1900_stay_text(cell) -> None:
    set_cell(cell, PartialDate.parse("1899-12"))
    assert (cell.value, cell.data_type) == ("1899-12", "s")


@pytest.mark.parametrize("value", [42, 3.5, Decimal("1200000.50")])
def test_numbers_are_numbers(cell, value) -> None:
    set_cell(cell, value)
    assert cell.data_type == "n"
    assert cell.value == value


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_like_text_is_stored_as_text(cell, text) -> None:
    set_cell(cell, text)
    assert cell.data_type == "s"
    assert cell.value == text
    assert cell.quotePrefix is True


@pytest.mark.parametrize("text", ["#N/A", "#DIV/0!", "#REF!"])
def test_text_like_an_error_value_stays_text(tmp_path: Path, text: str) -> None:
    """A CV may hold "#N/A" (copied from a spreadsheet); the cell shows it as text, not as
    Excel's error value."""
    book = Workbook()
    set_cell(book.active["A1"], text)
    book.save(tmp_path / "errors.xlsx")
    again = load_workbook(tmp_path / "errors.xlsx").active["A1"]
    assert (again.value, again.data_type) == (text, "s")


def test_plain_text_bool_and_empty(cell) -> None:
    set_cell(cell, "R&D <b> “quoted”")
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("R&D <b> “quoted”", "s", False)
    set_cell(cell, True)
    assert (cell.value, cell.data_type) == (True, "b")
    set_cell(cell, "")
    assert cell.value is None


def test_lists_are_joined_and_control_characters_dropped(cell) -> None:
    set_cell(cell, ["Samek W", "Lapuschkin S"])
    assert cell.value == "Samek W; Lapuschkin S"
    set_cell(cell, "a\x0bb\x00c")
    assert cell.value == "abc"


def test_too_long_text_is_an_error(cell) -> None:
    with pytest.raises(CellError, match="at most 32767"):
        set_cell(cell, "x" * (MAX_CELL_CHARS + 1))


def test_plain_dates(cell) -> None:
    set_cell(cell, date(2024, 2, 29))
    assert (cell.value, cell.data_type, cell.number_format) == (
        date(2024, 2, 29),
        "d",
        "yyyy-mm-dd",
    )


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("_x000D_", "_x005F_x000D_"),
        ("a_x0041_b and _x00e9_", "a_x005F_x0041_b and _x005F_x00e9_"),
        ("_x12_ _xZZZZ_ x000D", "_x12_ _xZZZZ_ x000D"),  # not the escape pattern: unchanged
    ],
)
def test_literal_excel_escapes_are_escaped(cell, text: str, stored: str) -> None:
    set_cell(cell, text)
    assert cell.value == stored


def test_headers_are_text_never_formulas(cell) -> None:
    set_header(cell, "=SUM(1,2)")
    assert cell.data_type == "s"
    assert cell.quotePrefix
    assert cell.value == "=SUM(1,2)"


def test_a_header_in_a_merged_cell_is_a_clear_error() -> None:
    sheet = Workbook().active
    sheet.merge_cells("A1:B1")
    with pytest.raises(ProblemsError, match="cell B1 of sheet 'Sheet', which is merged"):
        set_header(sheet["B1"], "Title")


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_a_spreadsheet_program_shows_the_text_as_typed(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    texts = ["=1+1", "_x000D_", "a_x0041_b", "@cmd", "plain"]
    for column, text in enumerate(texts, start=1):
        set_header(sheet.cell(row=1, column=column), text)
        set_cell(sheet.cell(row=2, column=column), text)
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    (csv,) = to_pdf([path], tmp_path / "csv", target="csv:Text - txt - csv (StarCalc):44,34,76,1")
    shown = csv.read_text(encoding="utf-8").splitlines()
    expected = ",".join(f'"{text}"' for text in texts)
    assert shown == [expected, expected]
