"""Excel workbooks from selected entries, plain or filled into the user's styled template.

Without a template each sheet gets a bold, frozen header with an autofilter and widths that fit
the content. With one, the rows go below the template's header row (or into its Excel table)
in the style of the template's first data row, and its header, widths and other sheets stay.
openpyxl cannot keep some template parts (images, charts, shapes, data-validation extensions,
pivot tables); they are named in warnings before anything is written, and macro-enabled
workbooks are refused.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from copy import copy
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.parsers import expat

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.table import Table, TableColumn
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from assembler.problems import Problem, ProblemsError
from assembler.profile.model import SheetSpec, WorkbookSpec
from assembler.render.excel.cells import CellError, set_cell, set_header
from assembler.render.excel.layout import (
    HEADER_FONT,
    empty_columns,
    empty_note,
    fit_row_heights,
    print_setup,
)
from assembler.render.package import normalise_zip, too_large
from assembler.select.engine import Selection
from assembler.shape.columns import SheetContext, column_value, display_width

MIN_WIDTH, MAX_WIDTH = 8, 60
_UNSUPPORTED = (
    ("xl/media/", "images"),
    ("xl/charts/", "charts"),
    ("xl/drawings/", "drawings and shapes"),
    ("xl/pivotTables/", "pivot tables"),
    ("xl/slicers/", "slicers"),
)
_XML_PARTS = (".xml", ".rels", ".vml")
_RESAVE = "Open it in Excel or LibreOffice and save it again as .xlsx"
_EXTENSION = re.compile(rb"<x14:(dataValidations|conditionalFormattings|sparklineGroups)")


@dataclass
class RenderedWorkbook:
    data: bytes
    warnings: list[Problem] = field(default_factory=list)


def _template_error(path: Path, message: str, hint: str = _RESAVE) -> ProblemsError:
    return ProblemsError([Problem(message, file=str(path), hint=hint)], str(path))


class _Declaration(Exception):
    """A document type declaration in a part: Excel never writes one; entities hide in it."""


def _refuse_declaration(*_: object) -> None:
    raise _Declaration


def check_xml(path: Path, part: str, data: bytes) -> None:
    """One XML part of the template: well-formed, and without a DTD (no entities that read
    local files, XXE, or expand a few bytes into gigabytes, billion laughs)."""
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse_declaration
    parser.EntityDeclHandler = _refuse_declaration
    try:
        parser.Parse(data, True)
    except _Declaration:
        raise _template_error(
            path,
            f"its part {part} declares XML entities (a DOCTYPE), which Excel never writes",
            "The file may be built to attack the program that opens it; do not use it",
        ) from None
    except expat.ExpatError as exc:
        raise _template_error(
            path,
            f"its part {part} is damaged: {expat.errors.messages[exc.code]} "
            f"(line {exc.lineno}, column {exc.offset + 1})",
        ) from None


def _read_parts(path: Path) -> tuple[list[str], list[bytes]]:
    """The names in the package, after the zip-level checks, and the worksheets' XML."""
    with zipfile.ZipFile(path) as archive:
        if too_large(archive):
            raise _template_error(path, "the template is too large when unpacked")
        names = archive.namelist()
        if any(name.endswith("vbaProject.bin") for name in names):
            raise _template_error(
                path, "the template contains macros", "Save it as .xlsx without macros"
            )
        if "[Content_Types].xml" not in names:
            raise _template_error(path, "not an Excel .xlsx file (a zip without its parts)")
        sheets = []
        for name in names:
            if name.endswith(_XML_PARTS):
                data = archive.read(name)
                check_xml(path, name, data)
                if name.startswith("xl/worksheets/sheet"):
                    sheets.append(data)
    return names, sheets


def inspect_template(path: Path) -> list[Problem]:
    """Refuse macro workbooks and damaged or hostile packages before openpyxl reads them;
    warn about what openpyxl would drop when saving."""
    if path.suffix.lower() in (".xlsm", ".xltm", ".xls"):
        raise _template_error(
            path,
            f"{path.suffix} templates are not supported",
            "Save the template as an Excel workbook (.xlsx) without macros",
        )
    try:
        names, sheets = _read_parts(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError):
        raise _template_error(path, "not an Excel .xlsx file") from None
    found = [label for prefix, label in _UNSUPPORTED if any(n.startswith(prefix) for n in names)]
    kinds = {match.decode() for xml in sheets for match in _EXTENSION.findall(xml)}
    if kinds:
        found.append("Excel 2010 extensions (" + ", ".join(sorted(kinds)) + ")")
    return [
        Problem(
            f"the template's {label} cannot be kept and will be missing from the output",
            file=str(path),
            severity="warning",
            hint="Remove them from the template or add them after filling",
        )
        for label in found
    ]


# What openpyxl raises on a package whose parts are well-formed XML but not what it expects
# (a missing workbook part, an attribute of the wrong type, ...): none is a bug of ours.
_LOAD_ERRORS = (
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    OSError,
    SyntaxError,
    zipfile.BadZipFile,
    InvalidFileException,
)


def load_template(path: Path) -> Workbook:
    try:
        return load_workbook(path)
    except _LOAD_ERRORS as exc:
        detail = str(exc).strip("\"'") or type(exc).__name__
        raise _template_error(path, f"the template cannot be read ({detail[:200]})") from None


def _rows(sheet: SheetSpec, selection: Selection, context: SheetContext) -> list[list[Any]]:
    section = selection.sections[sheet.section or ""]
    rows = []
    for entry in section.entries:
        row = []
        for header, name in sheet.columns.items():
            value = column_value(entry, name, context)
            row.append((value, f"{sheet.section} entry {entry.id}, column {header!r}"))
        rows.append(row)
    return rows


def _counts(sheet: SheetSpec, selection: Selection, context: SheetContext) -> list[tuple[str, int]]:
    """Entries per value, most first; a value prints as its label ("Journal articles", not
    "journal") where the document's words have one."""
    section = selection.sections[sheet.section or ""]
    field = sheet.count_by or ""
    counter = Counter(column_value(entry, field, context) for entry in section.entries)
    labels = context.style.labels
    named = Counter[str]()
    for key, count in counter.items():
        text = str(key) if key is not None else "(none)"
        named[labels.get(f"{field}_{text}", text)] += count
    return sorted(named.items(), key=lambda item: (-item[1], item[0]))


def _cell(ws: Worksheet, row: int, column: int, where: str) -> Cell:
    cell = ws.cell(row=row, column=column)
    if not isinstance(cell, Cell):
        raise ProblemsError(
            [
                Problem(
                    f"{where}: cell {cell.coordinate} of sheet {ws.title!r} is merged with "
                    "another one",
                    hint="Unmerge the cells of the template's data rows",
                )
            ],
            "the workbook template",
        )
    return cell


def _style_of(cell: Cell) -> Any:
    """A cell's style record: indexes into the workbook's fonts, fills, borders, formats.

    Copying the record gives a new row the sample row's style for the price of a few
    integers; the public font/fill/border setters look each style up again for every cell,
    which dominated the time of large sheets. openpyxl's stubs do not list the record."""
    return copy(cell._style)  # type: ignore[attr-defined]


def _set_style(cell: Cell, style: Any) -> None:
    cell._style = type(style)(style)  # type: ignore[attr-defined]  # a copy of the record


def _write(ws: Worksheet, row: int, column: int, value: Any, where: str) -> None:
    _write_cell(_cell(ws, row, column, where), value, where)


def _write_cell(cell: Cell, value: Any, where: str) -> None:
    try:
        set_cell(cell, value)
    except CellError as exc:
        raise ProblemsError(
            [Problem(f"{where}: {exc}", hint="Shorten the text")], "the workbook"
        ) from None


def _plain_sheet(ws: Worksheet, headers: list[str], rows: list[list[tuple[Any, str]]]) -> None:
    for column, header in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=column)
        set_header(cell, header)
        cell.font = HEADER_FONT
    widths = [len(header) + 2 for header in headers]
    for index, row in enumerate(rows, start=2):
        for column, (value, where) in enumerate(row, start=1):
            _write(ws, index, column, value, where)
            widths[column - 1] = max(widths[column - 1], display_width(value) + 2)
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = max(
            MIN_WIDTH, min(width, MAX_WIDTH)
        )
    ws.freeze_panes = "A2"
    last = get_column_letter(max(len(headers), 1))
    ws.auto_filter.ref = f"A1:{last}{max(len(rows) + 1, 1)}"


def _header_row(ws: Worksheet) -> int | None:
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 30)):
        if any(cell.value not in (None, "") for cell in row):
            return row[0].row
    return None


def _header_columns(ws: Worksheet, header_row: int, headers: list[str]) -> tuple[list[int], int]:
    """The column of each header in the template's header row (new headers go to the right),
    and the last column the header row uses."""
    existing = {
        str(cell.value).strip().casefold(): cell.column
        for cell in ws[header_row]
        if cell.value not in (None, "") and isinstance(cell.column, int)
    }
    positions = []
    next_free = max(existing.values(), default=0) + 1
    for header in headers:
        column = existing.get(header.casefold())
        if column is None:
            column = next_free
            next_free += 1
            cell = ws.cell(row=header_row, column=column)
            set_header(cell, header)
            cell.font = HEADER_FONT
        positions.append(column)
    return positions, max(positions + list(existing.values()))


def _extend_table(ws: Worksheet, table: Table | None, headers: list[str], ref: str) -> None:
    """The Excel table (or the autofilter) covers the header and every new row."""
    if table is not None:
        known = {column.name.casefold() for column in table.tableColumns}
        for header in headers:  # columns added to the right join the table
            if header.casefold() not in known:
                table.tableColumns.append(TableColumn(id=len(table.tableColumns) + 1, name=header))
        table.ref = ref
        if table.autoFilter is not None:
            table.autoFilter.ref = ref
    elif ws.auto_filter.ref:
        ws.auto_filter.ref = ref


def _fill_template_sheet(
    ws: Worksheet, headers: list[str], rows: list[list[tuple[Any, str]]]
) -> int:
    """Rows below the template's header, styled like its first data row; returns the row
    of the header."""
    table = next(iter(ws.tables.values()), None)
    if table is not None:
        header_row: int | None = int(re.findall(r"\d+", table.ref.split(":")[0])[0])
    else:
        header_row = _header_row(ws)
    if header_row is None:
        _plain_sheet(ws, headers, rows)
        return 1
    positions, last = _header_columns(ws, header_row, headers)
    sample = list(ws[header_row + 1]) if ws.max_row > header_row else []
    styles = {
        cell.column: _style_of(cell) for cell in sample if isinstance(cell, Cell) and cell.has_style
    }
    if ws.max_row > header_row:
        ws.delete_rows(header_row + 1, ws.max_row - header_row)
    styled = [styles.get(column) for column in positions]
    for number, row in enumerate(rows, start=header_row + 1):
        for column, style, (value, where) in zip(positions, styled, row, strict=True):
            cell = _cell(ws, number, column, where)  # looked up once: 5,000 rows, 65,000 cells
            if style is not None:
                _set_style(cell, style)
            _write_cell(cell, value, where)
    first_column = table.ref.split(":")[0].rstrip("0123456789") if table is not None else "A"
    ref = f"{first_column}{header_row}:{get_column_letter(last)}{header_row + max(len(rows), 1)}"
    _extend_table(ws, table, headers, ref)
    return header_row


def _count_sheet(ws: Worksheet, sheet: SheetSpec, counts: list[tuple[str, int]]) -> None:
    headers = [(sheet.count_by or "").replace("_", " ").capitalize(), "Count"]
    _plain_sheet(ws, headers, [[(key, "count"), (value, "count")] for key, value in counts])
    if sheet.chart and counts:
        chart: PieChart | BarChart
        if sheet.chart == "pie":
            chart = PieChart()
        else:
            chart = BarChart()
            chart.type = "bar" if sheet.chart == "bar" else "col"
        chart.title = sheet.name
        data = Reference(ws, min_col=2, min_row=1, max_row=len(counts) + 1)
        labels = Reference(ws, min_col=1, min_row=2, max_row=len(counts) + 1)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(labels)
        chart.legend = None if sheet.chart != "pie" else chart.legend
        ws.add_chart(chart, "D2")


def _summary_sheet(ws: Worksheet, selection: Selection, labels: dict[str, str]) -> None:
    rows = [
        [(labels.get(name, name), "summary"), (section.kept_count, "summary")]
        for name, section in selection.sections.items()
        if section.source != "bio"
    ]
    _plain_sheet(ws, ["Section", "Entries"], rows)


def _write_sheet(
    ws: Worksheet,
    sheet: SheetSpec,
    selection: Selection,
    context: SheetContext,
    fresh: bool,
) -> list[Problem]:
    """One sheet's rows, then its print layout; warnings for columns empty in every row."""
    header_row, count, plain = 1, 0, True
    warnings: list[Problem] = []
    if sheet.summary:
        _summary_sheet(ws, selection, context.style.labels)
        count = len(selection.sections)
    elif sheet.count_by:
        counts = _counts(sheet, selection, context)
        _count_sheet(ws, sheet, counts)
        count = len(counts)
    else:
        headers = list(sheet.columns)
        rows = _rows(sheet, selection, context)
        count = len(rows)
        if fresh or (ws.max_row <= 1 and ws.max_column <= 1 and ws["A1"].value is None):
            _plain_sheet(ws, headers, rows)
        else:
            header_row, plain = _fill_template_sheet(ws, headers, rows), False
        values = [[value for value, _ in row] for row in rows]
        warnings += [
            Problem(
                f"sheet {sheet.name!r}: the column {header!r} is empty in every row",
                severity="warning",
                hint=f"Add `{sheet.columns[header]}` to the {sheet.section} entries of the CV, "
                "or leave the column out of the profile",
            )
            for header in empty_columns(headers, values)
        ]
    if count == 0:
        empty_note(ws, header_row + 1, _empty_text(sheet, context))
    else:
        fit_row_heights(ws, header_row + 1, header_row + count, wrap=plain)
    print_setup(ws, header_row)
    return warnings


def _empty_text(sheet: SheetSpec, context: SheetContext) -> str:
    """The line of a sheet without entries: a section's note (supervision's summary), else
    "None" / "None in this period"."""
    note = context.notes.get(sheet.section or "")
    if note:
        return note
    return context.style.labels["none_in_period" if context.period else "none"]


def render_workbook(
    spec: WorkbookSpec,
    selection: Selection,
    context: SheetContext,
    template: Path | None,
    when: datetime,
    title: str,
    author: str = "",
) -> RenderedWorkbook:
    warnings = inspect_template(template) if template else []
    workbook = load_template(template) if template else Workbook()
    fresh = template is None
    for index, sheet in enumerate(spec.sheets):
        found = workbook[sheet.name] if sheet.name in workbook.sheetnames else None
        if found is None and fresh and index == 0:
            found = workbook.active
            if found is not None:
                found.title = sheet.name
        if found is None:
            found = workbook.create_sheet(sheet.name)
        if not isinstance(found, Worksheet):
            raise ProblemsError(
                [Problem(f"{sheet.name!r} is a chart sheet in the template", file=str(template))],
                str(template),
            )
        warnings += _write_sheet(found, sheet, selection, context, fresh)
    properties = workbook.properties
    properties.created = properties.modified = when
    properties.lastModifiedBy = "assemble"
    properties.creator = author or properties.creator
    properties.title = title
    buffer = io.BytesIO()
    # Stored, not compressed: normalise_zip compresses every entry once, as it rewrites
    # them with fixed times (compressing here too cost 10 % of a 5,000-row workbook).
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        ExcelWriter(workbook, archive).save()  # not save_workbook: it stamps the clock
    _release(workbook)
    return RenderedWorkbook(normalise_zip(buffer.getvalue()), warnings)


def _release(workbook: Workbook) -> None:
    """Free the workbook's cells now. Each openpyxl cell points back at its sheet and each
    sheet at its workbook, so a written workbook is a heap of reference cycles that only the
    cyclic garbage collector could free, and the build pauses it (``build.py``); without
    the sheets' cell maps the cells are freed as soon as the workbook is dropped."""
    for sheet in workbook.worksheets:
        sheet._cells.clear()
