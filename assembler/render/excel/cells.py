"""Values into Excel cells, typed and safe.

A date is an Excel date formatted at its own precision, a number is a number, and text is text:
openpyxl turns a string that starts with "=" into a formula, so text that a spreadsheet could
read as one (leading = + - @, tab, carriage return, NUL: OWASP's CSV/formula injection list)
is stored as a string with Excel's quote prefix. Excel reads ``_xHHHH_`` in a string as the
character HHHH (``_x000D_`` shows as a line break) and openpyxl writes strings unchanged, so a
literal one is escaped as the OOXML standard says (``_x005F_x000D_``: an escaped underscore).
Excel's own limits are checked here, before anything is written, with the entry that breaks
them.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell

from assembler.cv.dates import PartialDate
from assembler.problems import Problem, ProblemsError

MAX_CELL_CHARS = 32_767
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0")
DATE_FORMATS = {"year": "yyyy", "month": "yyyy-mm", "day": "yyyy-mm-dd"}
EXCEL_FIRST_YEAR = 1900
_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


class CellError(ValueError):
    """A value Excel cannot hold; the caller names the entry and column."""


def cell_text(value: str) -> str:
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(text) > MAX_CELL_CHARS:
        raise CellError(
            f"the text has {len(text)} characters; an Excel cell holds at most {MAX_CELL_CHARS}"
        )
    return _ESCAPE.sub("_x005F_", text) if "_x" in text else text


def set_header(cell: Cell | MergedCell, text: str) -> None:
    """A column header: always text (a header "=total" is not a formula), escaped."""
    if not isinstance(cell, Cell):
        raise ProblemsError(
            [
                Problem(
                    f"the header {text!r} would go into cell {cell.coordinate} of sheet "
                    f"{cell.parent.title!r}, which is merged with another one",
                    hint="Unmerge the cells of the template's header row",
                )
            ],
            "the workbook template",
        )
    _set_text(cell, cell_text(text))


def set_cell(cell: Cell, value: Any) -> None:
    """Write one value with its Excel type and number format."""
    if type(value) is str:  # most cells hold text: decided before the other types
        if value:
            _set_text(cell, cell_text(value))
        else:
            cell.value = None
        return
    if value is None or value == "":
        cell.value = None
        return
    if isinstance(value, bool):
        cell.value = value
        return
    if isinstance(value, int | float | Decimal):
        cell.value = value
        return
    if isinstance(value, PartialDate):
        if value.year < EXCEL_FIRST_YEAR:  # Excel's calendar starts in 1900: keep it as text
            _set_text(cell, str(value))
            return
        # The format first: a date written into a cell without a date format makes
        # openpyxl register a default one, which ours then replaces (twice the work).
        cell.number_format = DATE_FORMATS[value.precision]
        cell.value = value.first_day()
        return
    if isinstance(value, date):
        cell.number_format = DATE_FORMATS["day"]
        cell.value = value
        return
    if isinstance(value, list | tuple):
        value = "; ".join(str(item) for item in value)
    _set_text(cell, cell_text(str(value)))


def _set_text(cell: Cell, text: str) -> None:
    """Text as a text cell. Not through openpyxl's value setter: it checks every string
    again for what ``cell_text`` removed (a tenth of a 5,000-row workbook's time), reads a
    leading "=" as a formula and "#N/A" as an error value; text from the CV is neither."""
    cell._value = text  # type: ignore[attr-defined]  # openpyxl's stored value
    cell.data_type = "s"
    if text.startswith(FORMULA_TRIGGERS):
        cell.quotePrefix = True  # Excel shows it as typed, and does not compute it
