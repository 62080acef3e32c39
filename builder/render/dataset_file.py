"""Write the computed dataset as CSV or XLSX (a sheet per theme, numbers as numbers)."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from builder.errors import ConfigError
from builder.present.dataset import DatasetTable
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


def _write_csv(table: DatasetTable, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(table.columns)
        for row in table.rows:
            writer.writerow(["" if cell is None else _plain(cell) for cell in row])


def _plain(cell: float | str) -> str:
    if isinstance(cell, float):
        return repr(cell) if cell != int(cell) else str(int(cell))
    return cell


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
        for index in indexes:
            sheet.append(list(table.rows[index]))
            excel_row = sheet.max_row
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
    book.properties.title = table.title
    book.properties.language = "en-GB"
    # dated at the period end (or the fixed zip epoch): openpyxl would stamp the save time
    created = ZIP_EPOCH if table.as_of is None else dt.datetime.combine(table.as_of, dt.time())
    save_package(book, path, created)
