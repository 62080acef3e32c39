"""Values files -> one clean set of observations (DESIGN 3.2).

Long CSV (``indicator,period,value[,note]``) and wide CSV/XLSX (an ``indicator`` column and one
column per month headed ``Oct-23``, ``2023-10`` or an Excel date) are accepted; any number of
files are merged in order, a later file's value for the same indicator and month being a
revision that wins and is recorded.
"""

from __future__ import annotations

import difflib
import itertools
import re
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd
from openpyxl import load_workbook

from builder.compute.periods import Month, parse_month_header
from builder.config.catalogue import Catalogue
from builder.core.limits import LIMITS
from builder.data.cells import VALID_CELL, CellError, parse_cell
from builder.data.safezip import check_office_zip
from builder.errors import DataError, Problem, raise_if_any

MAX_VALUE_FILE_BYTES = 50_000_000
# non-month columns a wide sheet may carry for people's benefit; ignored by the engine
DESCRIPTIVE_COLUMNS = frozenset(
    {"ref", "title", "description", "section", "theme", "unit", "notes"}
)


@dataclass(frozen=True)
class Observation:
    """One indicator's figure for one month, or the reason it has none."""

    value: float | None
    reason: str | None = None
    """The marker as the analyst wrote it ('-', 'TBC', 'New measure from Sep 16') when no value."""
    note: str | None = None
    source: str = ""
    """Where it came from: file and row/cell."""


@dataclass(frozen=True)
class Revision:
    """A later file changed a month's figure."""

    indicator: str
    period: Month
    old: Observation
    new: Observation


@dataclass(frozen=True)
class Values:
    """Every observation by indicator key and month, plus what later files revised."""

    series: MappingProxyType[str, MappingProxyType[Month, Observation]]
    revisions: tuple[Revision, ...] = ()
    files: tuple[Path, ...] = ()

    def get(self, key: str, month: Month) -> Observation | None:
        months = self.series.get(key)
        return months.get(month) if months is not None else None

    def months(self) -> tuple[Month, ...]:
        found = {m for s in self.series.values() for m in s}
        return tuple(sorted(found))


@dataclass
class _Sheet:
    """One table read from a file, cells as read (``object``), header in row 0."""

    name: str
    rows: list[list[Any]]
    cell_ref: Callable[[int, int], str]
    """(row index, column index) -> the place as the user sees it (``row 3, column 'Oct-23'``)."""


@dataclass
class _FileResult:
    observations: dict[tuple[str, Month], Observation] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read_values(paths: Sequence[Path], catalogue: Catalogue) -> Values:
    """Read and merge values files; raise one DataError listing every problem in all of them."""
    if not paths:
        raise DataError("no values file given", hint="Pass at least one --values FILE.")
    indicators = {i.key: i for i in catalogue.indicators}
    merged: dict[str, dict[Month, Observation]] = {}
    revisions: list[Revision] = []
    problems: list[Problem] = []
    for path in paths:
        result = _read_file(path, indicators)
        problems.extend(result.problems)
        for (key, month), obs in result.observations.items():
            previous = merged.setdefault(key, {}).get(month)
            if previous is not None and previous != obs and (
                previous.value != obs.value or previous.reason != obs.reason
            ):
                revisions.append(Revision(key, month, previous, obs))
            merged[key][month] = obs
    raise_if_any(problems, DataError, "the values cannot be used",
                 hint="Fix the cells listed above and run `builder validate` again.")
    frozen = {k: MappingProxyType(dict(sorted(v.items(), key=_by_month)))
              for k, v in merged.items()}
    return Values(MappingProxyType(frozen), tuple(revisions), tuple(paths))


def _by_month(item: tuple[Month, Observation]) -> int:
    return item[0].index


def _read_file(path: Path, indicators: dict[str, Any]) -> _FileResult:
    result = _FileResult()
    file = str(path)
    if not path.is_file():
        result.problems.append(Problem(file, "", "file not found"))
        return result
    if path.stat().st_size > MAX_VALUE_FILE_BYTES:
        result.problems.append(Problem(file, "", f"larger than {MAX_VALUE_FILE_BYTES:,} bytes"))
        return result
    try:
        sheets = list(_sheets(path))
    except _ReadError as exc:
        result.problems.append(Problem(file, "", str(exc), ".csv (UTF-8) or .xlsx"))
        return result
    for sheet in sheets:
        _read_sheet(path, sheet, indicators, result)
    return result


class _ReadError(Exception):
    pass


def _sheets(path: Path) -> Iterable[_Sheet]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, header=None,
                                encoding="utf-8-sig", skip_blank_lines=False,
                                nrows=LIMITS.values_rows + 1)
        except UnicodeDecodeError:
            raise _ReadError("not UTF-8 text; save the CSV as UTF-8") from None
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise _ReadError(f"not a readable CSV: {exc}") from None
        rows = _bounded(frame.to_numpy(dtype=object).tolist())
        yield _Sheet(path.name, rows, _csv_ref(rows))
    elif suffix in (".xlsx", ".xlsm"):
        bad = check_office_zip(path)
        if bad:
            raise _ReadError(bad)
        for name, rows in _workbook_rows(path):
            yield _Sheet(name, _bounded(rows), _xlsx_ref(name))
    else:
        raise _ReadError(f"unsupported file type '{suffix or '(none)'}'")


def _bounded(rows: list[list[Any]]) -> list[list[Any]]:
    """``rows``, or a _ReadError when there are more rows or columns than LIMITS allows."""
    if len(rows) > LIMITS.values_rows:
        raise _ReadError(f"has more than {LIMITS.values_rows:,} rows (see docs/limits.md)")
    if any(len(r) > LIMITS.values_columns and any(_text(c) for c in r[LIMITS.values_columns:])
           for r in rows):
        raise _ReadError(f"has more than {LIMITS.values_columns:,} columns (see docs/limits.md)")
    return rows


def _workbook_rows(path: Path) -> list[tuple[str, list[list[Any]]]]:
    """Every sheet's cell values; a number shown as a percentage (stored by Excel as a fraction,
    0.21 for 21%) becomes 0-100 like every other percentage in builder (DESIGN 3.1)."""
    with warnings.catch_warnings():
        # openpyxl warns about features it drops (data validation, styles); the values stay
        warnings.simplefilter("ignore")
        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a damaged workbook
            raise _ReadError(f"not a readable Excel workbook: {exc}") from None
        try:
            sheets = []
            for sheet in book.worksheets:
                rows = [[_excel_value(cell) for cell in row] for row in itertools.islice(
                    sheet.iter_rows(max_col=min(sheet.max_column or LIMITS.values_columns + 1,
                                                LIMITS.values_columns + 1)),
                    LIMITS.values_rows + 1)]
                width = max((len(r) for r in rows), default=0)
                sheets.append((sheet.title, [r + [None] * (width - len(r)) for r in rows]))
            return sheets
        finally:
            book.close()


_QUOTED = re.compile(r'"[^"]*"|\\.')


def _excel_value(cell: Any) -> Any:
    value = getattr(cell, "value", None)
    if isinstance(value, int | float) and not isinstance(value, bool):
        number_format = getattr(cell, "number_format", None) or ""
        if "%" in _QUOTED.sub("", number_format):
            return float(Decimal(repr(value)).scaleb(2))
    return value


def _xlsx_ref(name: str) -> Callable[[int, int], str]:
    def ref(r: int, c: int) -> str:
        return f"sheet '{name}', cell {_col(c)}{r + 1}"

    return ref


def _csv_ref(rows: list[list[Any]]) -> Callable[[int, int], str]:
    header = rows[0] if rows else []

    def ref(r: int, c: int) -> str:
        name = str(header[c]).strip() if c < len(header) else ""
        return f"row {r + 1}, column '{name}'" if name else f"row {r + 1}, column {c + 1}"

    return ref


def _col(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _text(cell: Any) -> str:
    if cell is None or (isinstance(cell, float) and cell != cell):
        return ""
    return str(cell).strip()


def _read_sheet(path: Path, sheet: _Sheet, indicators: dict[str, Any], out: _FileResult) -> None:
    rows = [r for r in sheet.rows]
    while rows and all(_text(c) == "" for c in rows[-1]):
        rows.pop()
    if not rows:
        return
    header = [_text(h) if not hasattr(h, "year") else h for h in rows[0]]
    lowered = [h.lower() if isinstance(h, str) else "" for h in header]
    if "indicator" not in lowered:
        out.problems.append(Problem(str(path), f"{sheet.cell_ref(0, 0)}",
                                    "no 'indicator' column in the header row",
                                    "a header 'indicator' (long: indicator,period,value[,note]; "
                                    "wide: indicator then one column per month)"))
        return
    if "period" in lowered and "value" in lowered:
        _read_long(path, sheet, rows, lowered, indicators, out)
    else:
        _read_wide(path, sheet, rows, header, lowered, indicators, out)


def _check_key(path: Path, where: str, key: str, indicators: dict[str, Any]) -> Problem | None:
    if key in indicators:
        if indicators[key].computed:
            return Problem(str(path), where, f"indicator '{key}' is computed from other indicators "
                           "and cannot be typed in", "remove the row")
        return None
    close = difflib.get_close_matches(key, list(indicators), n=3)
    valid = ("did you mean " + ", ".join(close)) if close else "a key from the catalogue"
    return Problem(str(path), where, f"unknown indicator '{key}'", valid)


def _read_long(path: Path, sheet: _Sheet, rows: list[list[Any]], lowered: list[str],
               indicators: dict[str, Any], out: _FileResult) -> None:
    col = {name: lowered.index(name) for name in ("indicator", "period", "value")}
    note_col = lowered.index("note") if "note" in lowered else None
    for extra, name in enumerate(lowered):
        if name and name not in ("indicator", "period", "value", "note"):
            out.problems.append(Problem(str(path), sheet.cell_ref(0, extra),
                                        f"unexpected column '{name}' in a long values file",
                                        "indicator, period, value, note"))
    for r in range(1, len(rows)):
        row = rows[r]
        if all(_text(c) == "" for c in row):
            continue
        key = _text(row[col["indicator"]])
        bad = _check_key(path, sheet.cell_ref(r, col["indicator"]), key, indicators)
        if bad:
            out.problems.append(bad)
            continue
        month = parse_month_header(row[col["period"]])
        if month is None:
            out.problems.append(Problem(str(path), sheet.cell_ref(r, col["period"]),
                                        f"'{_text(row[col['period']])}' is not a month",
                                        "YYYY-MM, e.g. 2023-10"))
            continue
        note = (_text(row[note_col]) or None) if note_col is not None else None
        _take(path, sheet.cell_ref(r, col["value"]), row[col["value"]], note, key, month, out)


def _read_wide(path: Path, sheet: _Sheet, rows: list[list[Any]], header: list[Any],
               lowered: list[str], indicators: dict[str, Any], out: _FileResult) -> None:
    key_col = lowered.index("indicator")
    months: dict[int, Month] = {}
    for c, head in enumerate(header):
        if c == key_col or lowered[c] in DESCRIPTIVE_COLUMNS:
            continue
        if head == "" or head is None:
            if any(_text(r[c]) for r in rows[1:] if c < len(r)):
                out.problems.append(Problem(str(path), sheet.cell_ref(0, c),
                                            "column has values but no month header",
                                            "a month such as Oct-23, 2023-10 or an Excel date"))
            continue
        month = parse_month_header(head)
        if month is None:
            out.problems.append(Problem(str(path), sheet.cell_ref(0, c),
                                        f"'{_text(head)}' is not a month header",
                                        "Oct-23, 2023-10 or an Excel date; or one of: indicator, "
                                        + ", ".join(sorted(DESCRIPTIVE_COLUMNS))))
            continue
        if month in months.values():
            out.problems.append(Problem(str(path), sheet.cell_ref(0, c),
                                        f"month {month.label()} has two columns",
                                        "each month once"))
            continue
        months[c] = month
    first_row: dict[str, int] = {}
    for r in range(1, len(rows)):
        row = rows[r]
        if all(_text(c) == "" for c in row):
            continue
        key = _text(row[key_col])
        bad = _check_key(path, sheet.cell_ref(r, key_col), key, indicators)
        if bad:
            out.problems.append(bad)
            continue
        if key in first_row:
            out.problems.append(Problem(str(path), sheet.cell_ref(r, key_col),
                                        f"second row for '{key}' (the first is at "
                                        f"{sheet.cell_ref(first_row[key], key_col)})",
                                        "one row per indicator in a sheet"))
            continue
        first_row[key] = r
        for c, month in months.items():
            _take(path, sheet.cell_ref(r, c), row[c] if c < len(row) else None, None, key, month,
                  out)


def _take(path: Path, where: str, raw: Any, note: str | None, key: str, month: Month,
          out: _FileResult) -> None:
    """Parse one value cell and keep it, or record why it cannot be used."""
    try:
        cell = parse_cell(raw)
    except CellError as exc:
        out.problems.append(Problem(str(path), where, str(exc), VALID_CELL))
        return
    if cell.value is None and not cell.marker:
        return  # an empty cell says nothing: it neither adds nor revises a value
    if (key, month) in out.observations:
        out.problems.append(Problem(str(path), where,
                                    f"duplicate value for '{key}' in {month.label()}",
                                    "one value per indicator and month in a file"))
        return
    out.observations[(key, month)] = Observation(cell.value, cell.marker, note,
                                                 f"{path.name}: {where}")
