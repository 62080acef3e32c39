"""Write the computed dataset as CSV or XLSX (a sheet per theme, numbers as numbers)."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from builder.data.sheets import DATASET_KEYWORDS, VALUES_SHEET
from builder.errors import ConfigError
from builder.present.dataset import REVISION_COLUMNS, DatasetTable
from builder.present.dataset_inputs import InputTable
from builder.render.reproducible import ZIP_EPOCH, save_package

CHANGE_FORMAT = '0"%";-0"%"'


FORMATS = (".csv", ".xlsx")


def check_dataset_path(path: Path) -> None:
    """Refuse, before any work is done, an output whose extension is not .csv or .xlsx."""
    if path.suffix.lower() not in FORMATS:
        raise ConfigError(f"{path}: cannot write a dataset as "
                          f"'{path.suffix or '(no extension)'}'",
                          hint="Use an --out file ending in .csv or .xlsx.")


def write_dataset(table: DatasetTable, path: Path) -> None:
    """``.csv`` or ``.xlsx`` by the extension of ``path``."""
    check_dataset_path(path)
    if path.suffix.lower() == ".csv":
        _write_csv(table, path)
    else:
        _write_xlsx(table, path)


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a CSV cell as a formula (OWASP, 'CSV injection')."""
_SHOWN_NUMBER = re.compile(r"^[+-]?[\d.,]+%?$")


def _write_csv(table: DatasetTable, path: Path) -> None:
    text = [not table.is_numeric(column) for column in table.columns]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([_neutral(c) for c in table.columns])
        for row in table.rows:
            writer.writerow(["" if cell is None else _neutral(cell) if is_text else _plain(cell)
                             for cell, is_text in zip(row, text, strict=True)])


def _plain(cell: float | str) -> str:
    if isinstance(cell, float):
        return repr(cell) if cell != int(cell) else str(int(cell))
    return cell


def _neutral(cell: float | str) -> str:
    """A text cell that a spreadsheet shows as text: one starting like a formula gets a
    leading ``'`` (OWASP's advice); numbers, and numbers shown as text (``-5%``), stay."""
    if isinstance(cell, float) or _SHOWN_NUMBER.match(cell):
        return _plain(cell)
    return f"'{cell}" if cell.startswith(FORMULA_PREFIXES) else cell


def _sheet_title(title: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "-", title)[:31].strip() or "Sheet"
    name, n = base, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def _write_xlsx(table: DatasetTable, path: Path) -> None:
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    bold = Font(bold=True)
    for _key, title, indexes in table.themes:
        sheet = book.create_sheet(_sheet_title(title, used))
        sheet.append(list(table.columns))
        for cell in sheet[1]:
            cell.font = bold
        # rows are counted here: openpyxl's max_row and sheet[n] scan every cell (quadratic)
        for excel_row, index in enumerate(indexes, start=2):
            sheet.append(list(table.rows[index]))
            for c, column in enumerate(table.columns, start=1):
                if isinstance(table.rows[index][c - 1], str):
                    sheet.cell(excel_row, c).data_type = "s"  # text, even if it starts with '='
                elif table.is_change(column):
                    sheet.cell(excel_row, c).number_format = CHANGE_FORMAT
                elif table.is_numeric(column):
                    sheet.cell(excel_row, c).number_format = table.value_formats[index]
        sheet.freeze_panes = "A2"
        for c, column in enumerate(table.columns, start=1):
            width = 48 if column == "title" else max(10, len(column) + 2)
            sheet.column_dimensions[get_column_letter(c)].width = width
    if table.revisions:
        sheet = book.create_sheet(_sheet_title("Revisions", used))
        sheet.append(list(REVISION_COLUMNS))
        for cell in sheet[1]:
            cell.font = bold
        for excel_row, row in enumerate(table.revisions, start=2):
            sheet.append(list(row))
            for c in range(1, len(row) + 1):
                sheet.cell(excel_row, c).data_type = "s"
    if table.inputs is not None:
        _write_inputs(book, table.inputs, bold)
    book.properties.title = table.title
    book.properties.language = "en-GB"
    book.properties.keywords = DATASET_KEYWORDS
    # dated at the period end (or the fixed zip epoch): openpyxl would stamp the save time
    created = ZIP_EPOCH if table.as_of is None else dt.datetime.combine(table.as_of, dt.time())
    save_package(book, path, created)


def _write_inputs(book: Workbook, inputs: InputTable, bold: Font) -> None:
    """The ``values`` sheet: the wide input form that ``--values`` reads back as it is."""
    sheet = book.create_sheet(VALUES_SHEET)
    sheet.append(list(inputs.columns))
    for cell in sheet[1]:
        cell.font = bold
        cell.data_type = "s"
    for excel_row, row in enumerate(inputs.rows, start=2):
        sheet.append(list(row))
        for c, value in enumerate(row, start=1):
            if isinstance(value, str):
                sheet.cell(excel_row, c).data_type = "s"  # text, even if it starts with '='
    sheet.freeze_panes = "D2"
    sheet.column_dimensions["C"].width = 48
