"""Print-ready worksheets: what makes a sheet print as a reader expects, apart from its data.

A workbook goes to the administration, which prints it: every sheet is landscape A4, fitted
to the page width, with its header row repeated on each page; rows are as tall as their
wrapped text (a long title no longer runs over the next row); a sheet without entries says
so in a line instead of being blank; and a column empty for every row is reported, since it
usually means the CV lacks a field the administration asked for.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

FONT_NAME = "Arial"
HEADER_FONT = Font(name=FONT_NAME, bold=True)
NOTE_FONT = Font(name=FONT_NAME, italic=True)
WRAPPED = Alignment(wrap_text=True, vertical="top")
LINE_POINTS = 12.75  # one line of 10-point text
DEFAULT_WIDTH = 8.43  # Excel's default column width, in characters


def print_setup(ws: Worksheet, header_row: int) -> None:
    """Landscape A4, fitted to one page wide, the header row repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6


def _lines(text: str, width: float) -> int:
    per_line = max(int(width * 1.1), 1)  # characters of 10-point Arial a column width holds
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def fit_row_heights(ws: Worksheet, first_row: int, last_row: int, wrap: bool) -> None:
    """Rows tall enough for their wrapped text; ``wrap`` also turns wrapping on where a
    text is wider than its column (plain sheets; a template's cells keep their own style)."""
    widths = {
        column: ws.column_dimensions[get_column_letter(column)].width or DEFAULT_WIDTH
        for column in range(1, ws.max_column + 1)
    }
    # A text no longer than its column's line and without a line break takes one line:
    # most cells, passed over without counting (5,000 rows of 13 columns).
    short = {column: max(int(width * 1.1), 1) for column, width in widths.items()}
    # The cells that exist, read from the sheet's own map: iter_rows would look up (and
    # make) every position of 5,000 rows, which took as long as writing them.
    heights: dict[int, int] = {}
    for (number, column), cell in ws._cells.items():  # openpyxl's (row, column) -> cell map
        value = cell.value
        if not first_row <= number <= last_row or not isinstance(value, str):
            continue
        if len(value) <= short.get(column, 0) and "\n" not in value:
            continue
        needed = _lines(value, widths.get(column, DEFAULT_WIDTH))
        if needed > 1 and (wrap or cell.alignment.wrap_text):
            if wrap:
                cell.alignment = WRAPPED
            heights[number] = max(heights.get(number, 1), needed)
    for number in sorted(heights):
        ws.row_dimensions[number].height = heights[number] * LINE_POINTS


def empty_note(ws: Worksheet, row: int, text: str) -> None:
    """One line saying why the sheet has no rows."""
    cell = ws.cell(row=row, column=1, value=text)
    cell.font = NOTE_FONT


def empty_columns(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    """Headers whose column has no value in any row (none when there are no rows)."""
    if not rows:
        return []
    return [
        header
        for index, header in enumerate(headers)
        if all(row[index] in (None, "") for row in rows)
    ]
