"""Print layout of a worksheet: page setup, row heights, empty sheets, empty columns."""

from __future__ import annotations

from openpyxl import Workbook

from assembler.render.excel.layout import (
    empty_columns,
    empty_note,
    fit_row_heights,
    print_setup,
)


def test_print_setup_repeats_the_header_row_of_a_template() -> None:
    sheet = Workbook().active
    assert sheet is not None
    print_setup(sheet, header_row=4)
    assert sheet.print_title_rows == "$4:$4"
    assert sheet.page_setup.orientation == "landscape"


def test_row_heights_follow_wrapped_text() -> None:
    sheet = Workbook().active
    assert sheet is not None
    sheet.column_dimensions["A"].width = 10
    sheet["A1"] = "x" * 50  # five lines of a 10-character column
    sheet["A2"] = "short"
    sheet["A3"] = "one\ntwo\nthree"
    fit_row_heights(sheet, 1, 3, wrap=True)
    assert sheet.row_dimensions[1].height == 5 * 12.75
    assert sheet.row_dimensions[2].height is None
    assert sheet.row_dimensions[3].height == 3 * 12.75
    assert sheet["A1"].alignment.wrap_text


def test_template_cells_keep_their_wrapping() -> None:
    sheet = Workbook().active
    assert sheet is not None
    sheet.column_dimensions["A"].width = 10
    sheet["A1"] = "x" * 50
    fit_row_heights(sheet, 1, 1, wrap=False)  # the template does not wrap this column
    assert sheet.row_dimensions[1].height is None and not sheet["A1"].alignment.wrap_text


def test_empty_note_and_empty_columns() -> None:
    sheet = Workbook().active
    assert sheet is not None
    empty_note(sheet, 2, "None in this period.")
    assert sheet["A2"].value == "None in this period." and sheet["A2"].font.i
    assert empty_columns(["A", "B"], [[1, None], [2, ""]]) == ["B"]
    assert empty_columns(["A"], []) == []
