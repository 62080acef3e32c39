"""Values files -> one clean set of observations (DESIGN 3.2).

Long CSV (``indicator,period,value[,note]``) and wide CSV/XLSX (an ``indicator`` column and one
column per month headed ``Oct-23``, ``2023-10`` or an Excel date) are accepted; any number of
files are merged in order, a later file's value for the same indicator and month being a
revision that wins and is recorded.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd

from builder.compute.periods import Month, parse_month_header
from builder.config.catalogue import Catalogue
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
    cell_ref: Any  # (row_idx, col_idx) -> str


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
    frozen = {k: MappingProxyType(dict(sorted(v.items()))) for k, v in merged.items()}
    return Values(MappingProxyType(frozen), tuple(revisions), tuple(paths))


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
                                encoding="utf-8-sig", skip_blank_lines=False)
        except UnicodeDecodeError:
            raise _ReadError("not UTF-8 text; save the CSV as UTF-8") from None
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise _ReadError(f"not a readable CSV: {exc}") from None
        rows = frame.to_numpy(dtype=object).tolist()
        yield _Sheet(path.name, rows, lambda r, c, _h=rows: _csv_ref(_h, r, c))
    elif suffix in (".xlsx", ".xlsm"):
        bad = check_office_zip(path)
        if bad:
            raise _ReadError(bad)
        try:
            book = pd.read_excel(path, sheet_name=None, header=None, dtype=object,
                                 engine="openpyxl")
        except Exception as exc:  # openpyxl raises many types for a damaged workbook
            raise _ReadError(f"not a readable Excel workbook: {exc}") from None
        for name, frame in book.items():
            rows = frame.to_numpy(dtype=object).tolist()
            yield _Sheet(name, rows, lambda r, c, _n=name: f"sheet '{_n}', cell {_col(c)}{r + 1}")
    else:
        raise _ReadError(f"unsupported file type '{suffix or '(none)'}'")


def _csv_ref(rows: list[list[Any]], r: int, c: int) -> str:
    header = rows[0][c] if rows and c < len(rows[0]) else ""
    return f"row {r + 1}, column '{header}'" if header else f"row {r + 1}, column {c + 1}"


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


def _store(path: Path, where: str, key: str, month: Month, obs: Observation,
           out: _FileResult) -> None:
    if (key, month) in out.observations:
        out.problems.append(Problem(str(path), where,
                                    f"duplicate value for '{key}' in {month.label()}",
                                    "one value per indicator and month in a file"))
    else:
        out.observations[(key, month)] = obs


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
        note = _text(row[note_col]) or None if note_col is not None else None
        obs = _observation(path, sheet, r, col["value"], row[col["value"]], note, out)
        if obs is not None:
            _store(path, sheet.cell_ref(r, col["value"]), key, month, obs, out)


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
    for r in range(1, len(rows)):
        row = rows[r]
        if all(_text(c) == "" for c in row):
            continue
        key = _text(row[key_col])
        bad = _check_key(path, sheet.cell_ref(r, key_col), key, indicators)
        if bad:
            out.problems.append(bad)
            continue
        for c, month in months.items():
            obs = _observation(path, sheet, r, c, row[c] if c < len(row) else None, None, out)
            if obs is not None:
                _store(path, sheet.cell_ref(r, c), key, month, obs, out)


def _observation(path: Path, sheet: _Sheet, r: int, c: int, raw: Any, note: str | None,
                 out: _FileResult) -> Observation | None:
    where = sheet.cell_ref(r, c)
    try:
        cell = parse_cell(raw)
    except CellError as exc:
        out.problems.append(Problem(str(path), where, str(exc), VALID_CELL))
        return None
    if cell.value is None and not cell.marker:
        return None  # an empty cell says nothing: it neither adds nor revises a value
    return Observation(cell.value, cell.marker, note, f"{path.name}: {where}")
