"""Values files -> tables of cells as read (CSV, or every sheet of an XLSX workbook).

What an Excel cell means is settled here, where the workbook is open: a number shown as a
percentage (stored as a fraction, 0.21 for 21%) becomes 0-100 like every other percentage in
builder (DESIGN 3.1); a formula whose result was never saved becomes ``UNSAVED``; merged cells
are remembered so that headers can be read across them.
"""

from __future__ import annotations

import itertools
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import load_workbook

from builder.core.limits import LIMITS
from builder.data.safezip import check_office_input

DATASET_KEYWORDS = "builder performance dataset"
"""The keywords of the dataset workbook builder writes; its ``values`` sheet is then the input."""
VALUES_SHEET = "values"


class Unsaved:
    """A formula cell whose value was never saved (written by a tool that does not calculate)."""

    def __repr__(self) -> str:
        return "UNSAVED"


UNSAVED = Unsaved()
UNSAVED_FIX = "open and save the workbook in Excel, or paste values"


class ReadError(Exception):
    """The file cannot be read as a table at all."""

    def __init__(self, message: str, valid: str = ".csv (UTF-8) or .xlsx") -> None:
        super().__init__(message)
        self.valid = valid


@dataclass
class Sheet:
    """One table read from a file, cells as read (``object``)."""

    name: str
    rows: list[list[Any]]
    excel: bool = False
    merges: tuple[tuple[int, int, int, int], ...] = ()
    """Merged ranges as (first row, first column, last row, last column), 0-based."""
    percent: frozenset[tuple[int, int]] = frozenset()
    """Cells (row, column) that a ``%`` number format turned from a fraction into 0-100."""
    trusted: bool = False
    """builder's own dataset workbook: its percentages are already 0-100."""
    names: dict[int, str] = field(default_factory=dict)
    """Header text by column, set once the header is found (for CSV cell references)."""

    def ref(self, r: int, c: int) -> str:
        """(row index, column index) -> the place as the user sees it."""
        if self.excel:
            return f"sheet '{self.name}', cell {column_letter(c)}{r + 1}"
        name = self.names.get(c, "")
        return f"row {r + 1}, column '{name}'" if name else f"row {r + 1}, column {c + 1}"

    def header_cell(self, r: int, c: int) -> Any:
        """The cell, or for a cell inside a merged range the range's (top-left) value."""
        for top, left, bottom, right in self.merges:
            if top <= r <= bottom and left <= c <= right:
                return self.rows[top][left]
        return self.rows[r][c] if c < len(self.rows[r]) else None


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def read_sheets(path: Path, sheet: str | None = None) -> Iterator[Sheet]:
    """The tables of a values file; ``sheet`` names the one sheet of a workbook to read."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        yield _csv(path)
    elif suffix in (".xlsx", ".xlsm"):
        bad = check_office_input(path)
        if bad:
            raise ReadError(bad)
        yield from _workbook(path, sheet)
    else:
        raise ReadError(f"unsupported file type '{suffix or '(none)'}'")


def _csv(path: Path) -> Sheet:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, header=None,
                            encoding="utf-8-sig", skip_blank_lines=False,
                            nrows=LIMITS.values_rows + 1)
    except UnicodeDecodeError:
        raise ReadError("not UTF-8 text; save the CSV as UTF-8") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ReadError(f"not a readable CSV: {exc}") from None
    return Sheet(path.name, _bounded(frame.to_numpy(dtype=object).tolist()))


def _workbook(path: Path, only: str | None) -> list[Sheet]:
    with warnings.catch_warnings():
        # openpyxl warns about features it drops (data validation, styles); the values stay
        warnings.simplefilter("ignore")
        try:
            book = load_workbook(path, data_only=True)
            formulas = load_workbook(path, read_only=True, data_only=False)
        except Exception as exc:  # openpyxl raises many types for a damaged workbook
            raise ReadError(f"not a readable Excel workbook: {exc}") from None
        try:
            own = (book.properties.keywords == DATASET_KEYWORDS
                   and VALUES_SHEET in book.sheetnames)
            if only is not None and only not in book.sheetnames:
                raise ReadError(f"no sheet '{only}' in the workbook",
                                "one of: " + ", ".join(f"'{n}'" for n in book.sheetnames))
            names = [only] if only is not None else [VALUES_SHEET] if own else book.sheetnames
            return [_sheet(book[name], formulas[name], own) for name in names]
        finally:
            formulas.close()


_QUOTED = re.compile(r'"[^"]*"|\\.')


def _sheet(ws: Any, formula_ws: Any, own: bool) -> Sheet:
    rows: list[list[Any]] = []
    percent: set[tuple[int, int]] = set()
    columns = min(ws.max_column or LIMITS.values_columns + 1, LIMITS.values_columns + 1)
    for r, row in enumerate(itertools.islice(ws.iter_rows(min_row=1, min_col=1,
                                                          max_col=columns),
                                             LIMITS.values_rows + 1)):
        out = []
        for c, cell in enumerate(row):
            value = cell.value
            if isinstance(value, int | float) and not isinstance(value, bool):
                number_format = cell.number_format or ""
                if "%" in _QUOTED.sub("", number_format):
                    value = float(Decimal(repr(value)).scaleb(2))
                    percent.add((r, c))
            out.append(value)
        rows.append(out)
    for r, row in enumerate(formula_ws.iter_rows(min_row=1, min_col=1)):
        for c, cell in enumerate(row):
            if getattr(cell, "data_type", None) == "f" and r < len(rows) and c < len(rows[r]) \
                    and rows[r][c] is None:
                rows[r][c] = UNSAVED
    rows = _bounded(rows)
    width = max((len(r) for r in rows), default=0)
    merges = tuple((m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1)
                   for m in ws.merged_cells.ranges)
    return Sheet(ws.title, [r + [None] * (width - len(r)) for r in rows], True, merges,
                 frozenset(percent), own)


def _bounded(rows: list[list[Any]]) -> list[list[Any]]:
    """``rows``, or a ReadError when there are more rows or columns than LIMITS allows."""
    if len(rows) > LIMITS.values_rows:
        raise ReadError(f"has more than {LIMITS.values_rows:,} rows (see docs/limits.md)")
    if any(len(r) > LIMITS.values_columns and any(c not in (None, "") for c in
                                                   r[LIMITS.values_columns:]) for r in rows):
        raise ReadError(f"has more than {LIMITS.values_columns:,} columns (see docs/limits.md)")
    return rows
