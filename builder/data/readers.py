"""Values files -> one clean set of observations (DESIGN 3.2).

Long (``indicator,period,value[,note]``) and wide (an indicator column and one column per month
headed ``Oct-23``, ``2023-10`` or an Excel date) tables are accepted, in CSV or XLSX, as analysts
keep them: a title above the header, a two-row or merged header (``2023`` over ``Oct Nov Dec``),
helper columns (ignored with one warning), notes sheets, rows named by key, ref or title (a
``ValuesSource``'s options). Any number of files are merged in order, a later file's value for
the same indicator and month being a revision that wins and is recorded.
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from builder.compute.periods import Month, parse_month_header
from builder.config.catalogue import PERIOD_EXAMPLES, Catalogue, Indicator
from builder.config.values_source import ValuesSource
from builder.data.cells import VALID_CELL, CellError, amended_from, parse_cell
from builder.data.sheets import UNSAVED, UNSAVED_FIX, ReadError, Sheet, read_sheets
from builder.errors import DataError, Problem, raise_if_any

MAX_VALUE_FILE_BYTES = 50_000_000
# non-month columns a wide sheet may carry for people's benefit; ignored by the engine
DESCRIPTIVE_COLUMNS = frozenset(
    {"ref", "title", "description", "section", "theme", "unit", "notes"}
)
KEY_COLUMNS = {"key": ("indicator", "key"), "ref": ("ref", "indicator"),
               "title": ("title", "indicator")}
"""The header of the column naming each row's indicator, by ``match``, in order of preference."""
HEADER_SCAN_ROWS = 30
"""How far down a sheet the header row is looked for."""
# a header that was meant to be a month (a typo is an error, not an ignored column)
_MONTHISH = re.compile(r"^[a-z]{3,9}[- ']?\d{2,4}$|^\d{4}[-/]\d"
                       r"|^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[- ']?\d")
# the upper row of a two-row header: a year (2023) or a financial year (2023/24)
_YEAR = re.compile(r"^(\d{4})(?:\s*[/-]\s*(\d{2}|\d{4}))?$")
VALID_HEADER = ("Oct-23, 2023-10 or an Excel date; or one of: indicator, "
                + ", ".join(sorted(DESCRIPTIVE_COLUMNS)))


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
    warnings: tuple[Problem, ...] = ()
    """What was read past without being used (a helper column, a notes sheet), each once."""

    def get(self, key: str, month: Month) -> Observation | None:
        months = self.series.get(key)
        return months.get(month) if months is not None else None

    def months(self) -> tuple[Month, ...]:
        found = {m for s in self.series.values() for m in s}
        return tuple(sorted(found))


@dataclass(frozen=True)
class _Header:
    """Where a table's header is and what its columns are."""

    row: int
    """The (last) header row; data rows follow it."""
    names: dict[int, str]
    """Normalised (lower-case) text of each header cell that is not a month, by column."""
    months: dict[int, Month]
    """The month each month column stands for."""


@dataclass
class _FileResult:
    observations: dict[tuple[str, Month], Observation] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    fractions: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    """Numbers without a ``%`` format read for percent indicators, with their cell, by key."""
    ignored: set[str] = field(default_factory=set)
    """Column headers already reported as ignored (each once per file)."""
    headers: set[str] = field(default_factory=set)
    """Every (normalised) column header seen in the file."""


def read_values(sources: Sequence[ValuesSource | Path], catalogue: Catalogue) -> Values:
    """Read and merge values files; raise one DataError listing every problem in all of them."""
    if not sources:
        raise DataError("no values file given", hint="Pass at least one --values FILE.")
    entries = [s if isinstance(s, ValuesSource) else ValuesSource(path=str(s)) for s in sources]
    merged: dict[str, dict[Month, Observation]] = {}
    revisions: list[Revision] = []
    results: list[tuple[ValuesSource, _FileResult]] = []
    indicators = {i.key: i for i in catalogue.indicators}
    for entry in entries:
        result = _read_file(entry, catalogue)
        results.append((entry, result))
        for (key, month), obs in result.observations.items():
            wrong = indicators[key].period_problem(month)
            if wrong:
                where = obs.source.removeprefix(f"{entry.file.name}: ")
                result.problems.append(Problem(entry.path, where, wrong,
                                               PERIOD_EXAMPLES[indicators[key].frequency]
                                               + " (or set the indicator's frequency)"))
                continue
            replaced = amended_from(obs.reason) if obs.value is not None else None
            if replaced is not None:  # '66.4% (amended from 68.9%)' records its own revision
                revisions.append(Revision(key, month, Observation(replaced, None, None,
                                                                  obs.source), obs))
            previous = merged.setdefault(key, {}).get(month)
            if previous is not None and previous != obs and (
                previous.value != obs.value or previous.reason != obs.reason
            ):
                revisions.append(Revision(key, month, previous, obs))
            merged[key][month] = obs
    problems = [p for _, result in results for p in result.problems]
    problems.extend(_fraction_problems(results, catalogue))
    raise_if_any(problems, DataError, "the values cannot be used",
                 hint="Fix the cells listed above and run `builder validate` again.")
    frozen = {k: MappingProxyType(dict(sorted(v.items(), key=_by_month)))
              for k, v in merged.items()}
    return Values(MappingProxyType(frozen), tuple(revisions), tuple(e.file for e in entries),
                  tuple(w for _, result in results for w in result.warnings))


def _by_month(item: tuple[Month, Observation]) -> int:
    return item[0].index


def _read_file(entry: ValuesSource, catalogue: Catalogue) -> _FileResult:
    result = _FileResult()
    path, file = entry.file, entry.path
    if not path.is_file():
        result.problems.append(Problem(file, "", "file not found"))
        return result
    if path.stat().st_size > MAX_VALUE_FILE_BYTES:
        result.problems.append(Problem(file, "", f"larger than {MAX_VALUE_FILE_BYTES:,} bytes"))
        return result
    try:
        sheets = list(read_sheets(path, entry.sheet))
    except ReadError as exc:
        result.problems.append(Problem(file, "", str(exc), exc.valid))
        return result
    headers = [(sheet, _parse_header(sheet, entry)) for sheet in sheets if _trimmed(sheet)]
    lookup = _Lookup(catalogue, entry)
    for sheet, header in headers:
        if header is not None:
            _read_table(file, sheet, header, entry, lookup, result)
        elif any(h is not None for _, h in headers):
            result.warnings.append(Problem(file, f"sheet '{sheet.name}'",
                                           "sheet ignored: it has no header row",
                                           "name the sheet to read with sheet:"))
        else:
            result.problems.append(Problem(
                file, sheet.ref(0, 0), "no header row: no row has an "
                f"'{KEY_COLUMNS[entry.match][0]}' column or month headers",
                "a header 'indicator' (long: indicator,period,value[,note]; wide: indicator then "
                "one column per month), or header_row: N in the values entry"))
    for name in entry.columns:
        if headers and _norm(name) not in result.headers:
            result.warnings.append(Problem(file, "columns", f"no column headed '{name}' to "
                                           "ignore", "a header of the file, as written there"))
    return result


def _trimmed(sheet: Sheet) -> bool:
    """Drop the sheet's trailing blank rows; False when nothing is left."""
    while sheet.rows and all(_text(c) == "" for c in sheet.rows[-1]):
        sheet.rows.pop()
    return bool(sheet.rows)


def _text(cell: Any) -> str:
    if cell is None or cell is UNSAVED or (isinstance(cell, float) and cell != cell):
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _parse_header(sheet: Sheet, entry: ValuesSource) -> _Header | None:
    """The sheet's header: at ``header_row`` if given, else the first row with two or more month
    headers, or with the indicator column (unless the row below holds the months). ``None``
    when there is none."""
    rows = sheet.rows
    if entry.header_row is not None:
        return _header_at(sheet, entry.header_row - 1) if entry.header_row <= len(rows) else None
    key_names = set(KEY_COLUMNS[entry.match])
    for r in range(min(len(rows), HEADER_SCAN_ROWS)):
        header = _header_at(sheet, r)
        if len(header.months) >= 2:
            below = _header_at(sheet, r + 1) if r + 1 < len(rows) else None
            years_over_months = below is not None and len(below.months) >= 2 and all(
                p.frequency == "annual" for p in header.months.values())
            return below if below is not None and years_over_months else header
        names = set(header.names.values())
        if names & key_names and ({"period", "value"} <= names or r + 1 == len(rows)
                                  or len(_header_at(sheet, r + 1).months) < 2):
            return header
    return None


def _header_at(sheet: Sheet, r: int) -> _Header:
    """Row ``r`` read as the header; with the row above when that holds the years of a two-row
    header (a merged ``2023`` or ``2023/24`` over month names)."""
    years = _years_above(sheet, r)
    names: dict[int, str] = {}
    months: dict[int, Month] = {}
    for c in range(len(sheet.rows[r])):
        cell = sheet.header_cell(r, c)
        month = _header_period(cell, years.get(c))
        if month is not None:
            months[c] = month
            continue
        text = _text(cell)
        if not text and years and c not in years:
            text = _text(sheet.header_cell(r - 1, c))  # 'indicator' above a two-row header
        names[c] = _norm(text)
    return _Header(r, names, months)


def _years_above(sheet: Sheet, r: int) -> dict[int, str]:
    """The year or financial year over each column in the row above ``r``; a year runs on to
    the right over blank cells (a merged or centred-across heading)."""
    years: dict[int, str] = {}
    if r == 0:
        return years
    carry: str | None = None
    for c in range(len(sheet.rows[r - 1])):
        text = _text(sheet.header_cell(r - 1, c))
        if text:
            carry = text if _YEAR.match(text) else None
        if carry:
            years[c] = carry
    return years


_MONTH_NAMES = {name.lower(): i for names in (calendar.month_abbr, calendar.month_name)
                for i, name in enumerate(names) if name}


def _header_period(cell: Any, year_above: str | None = None) -> Month | None:
    """The month a header (or long-form period) cell stands for: ``Oct-23``, ``2023-10``, an
    Excel date or serial; or a month name under a year (``2023``) or financial year
    (``2023/24``: April to December in 2023, January to March in 2024). ``None`` otherwise."""
    if cell is None or cell is UNSAVED:
        return None
    month = parse_month_header(cell)
    if month is not None or year_above is None:
        return month
    number = _MONTH_NAMES.get(_text(cell).lower())
    year = _YEAR.match(year_above)
    if number is None or year is None:
        return None
    first = int(year.group(1))
    return Month(first + 1 if year.group(2) and number <= 3 else first, number)


class _Lookup:
    """Finds the indicator a row names, by key, ref or title (``ValuesSource.match``)."""

    def __init__(self, catalogue: Catalogue, entry: ValuesSource) -> None:
        self.match = entry.match
        self.by: dict[str, list[Indicator]] = {}
        self.shown: dict[str, str] = {}
        for ind in catalogue.indicators:
            name = {"key": ind.key, "ref": ind.ref, "title": ind.title}[self.match]
            if name:
                self.by.setdefault(self._normal(name), []).append(ind)
                self.shown[self._normal(name)] = name
        self.percent = {i.key for i in catalogue.indicators if i.unit == "percent"}

    def _normal(self, text: str) -> str:
        return text if self.match == "key" else _norm(text)

    def find(self, text: str) -> tuple[str | None, tuple[str, str]]:
        """The key, or ``None`` with what is wrong and what would be valid."""
        found = self.by.get(self._normal(text), [])
        if len(found) > 1:
            return None, (f"the {self.match} '{text}' names {len(found)} indicators ("
                          + ", ".join(i.key for i in found) + ")",
                          "match: key or match: title for this file")
        if not found:
            close = difflib.get_close_matches(self._normal(text), list(self.by), n=3)
            what = (f"unknown indicator '{text}'" if self.match == "key"
                    else f"no indicator has the {self.match} '{text}'")
            return None, (what, ("did you mean " + ", ".join(self.shown[c] for c in close))
                          if close else f"a {self.match} from the catalogue")
        if found[0].computed:
            return None, (f"indicator '{found[0].key}' is computed from other indicators and "
                          "cannot be typed in", "remove the row")
        return found[0].key, ("", "")


def _read_table(file: str, sheet: Sheet, header: _Header, entry: ValuesSource,
                lookup: _Lookup, out: _FileResult) -> None:
    rows, h = sheet.rows, header.row
    sheet.names = {c: _text(rows[h][c]) for c in range(len(rows[h]))}
    out.headers.update(header.names.values())
    candidates = KEY_COLUMNS[entry.match]
    key_col = next((c for name in candidates for c, n in header.names.items() if n == name),
                   None)
    if key_col is None:
        out.problems.append(Problem(
            file, sheet.ref(h, 0), f"no '{candidates[0]}' column in the header row",
            f"a header '{candidates[0]}'" + (" (long: indicator,period,value[,note]; wide: "
                                             "indicator then one column per month)"
                                             if entry.match == "key" else
                                             f" holding the catalogue's {entry.match}s")))
        return
    skip = {_norm(c) for c in entry.columns}
    names = set(header.names.values())
    if {"period", "value"} <= names and not header.months:
        _read_long(file, sheet, header, key_col, skip, lookup, out)
    else:
        _read_wide(file, sheet, header, key_col, skip, lookup, out)


def _ignore(file: str, sheet: Sheet, h: int, c: int, name: str, out: _FileResult) -> None:
    """Warn, once per file, that a column is read past."""
    if name not in out.ignored:
        out.ignored.add(name)
        out.warnings.append(Problem(file, sheet.ref(h, c),
                                    f"column '{sheet.names.get(c) or name}' ignored",
                                    "list it under columns: in the values entry to say so, or "
                                    "head it with a month such as Oct-23"))


def _row_key(file: str, sheet: Sheet, r: int, key_col: int, has_values: bool,
             lookup: _Lookup, out: _FileResult) -> str | None:
    """The indicator of row ``r``, or ``None`` (a problem recorded when the row has values;
    a row without values that names no indicator, such as a section heading, is passed by)."""
    raw = sheet.rows[r][key_col]
    where = sheet.ref(r, key_col)
    if raw is UNSAVED:
        out.problems.append(Problem(file, where, "formula with no saved value", UNSAVED_FIX))
        return None
    text = _text(raw)
    if not text:
        if has_values:
            out.problems.append(Problem(file, where, "row has values but no indicator",
                                        f"the indicator's {lookup.match}"))
        return None
    key, (what, valid) = lookup.find(text)
    if key is None and has_values:
        out.problems.append(Problem(file, where, what, valid))
    return key


def _read_long(file: str, sheet: Sheet, header: _Header, key_col: int, skip: set[str],
               lookup: _Lookup, out: _FileResult) -> None:
    col = {name: c for c, name in header.names.items() if name in ("period", "value", "note")}
    for c, name in header.names.items():
        if name and c != key_col and c not in col.values() and name not in skip:
            _ignore(file, sheet, header.row, c, name, out)
    for r in range(header.row + 1, len(sheet.rows)):
        row = sheet.rows[r]
        if all(_text(c) == "" and c is not UNSAVED for c in row):
            continue
        key = _row_key(file, sheet, r, key_col, True, lookup, out)
        if key is None:
            continue
        month = _header_period(row[col["period"]])
        if month is None:
            out.problems.append(Problem(file, sheet.ref(r, col["period"]),
                                        f"'{_text(row[col['period']])}' is not a month",
                                        "YYYY-MM, e.g. 2023-10"))
            continue
        note = (_text(row[col["note"]]) or None) if "note" in col else None
        _take(file, sheet, r, col["value"], note, key, month, lookup, out)


def _read_wide(file: str, sheet: Sheet, header: _Header, key_col: int, skip: set[str],
               lookup: _Lookup, out: _FileResult) -> None:
    rows, h = sheet.rows, header.row
    months: dict[int, Month] = {}
    for c in range(len(rows[h])):
        name = header.names.get(c, "")
        if c == key_col or name in skip or name in DESCRIPTIVE_COLUMNS | {"indicator", "key"}:
            continue
        month = header.months.get(c)
        if month is None:
            if sheet.header_cell(h, c) is UNSAVED:
                out.problems.append(Problem(file, sheet.ref(h, c), "formula with no saved value",
                                            UNSAVED_FIX))
            elif name == "":
                if any(_text(r[c]) for r in rows[h + 1:]):
                    out.problems.append(Problem(file, sheet.ref(h, c),
                                                "column has values but no month header",
                                                "a month such as Oct-23, 2023-10 or an Excel "
                                                "date"))
            elif _MONTHISH.match(name):
                out.problems.append(Problem(file, sheet.ref(h, c),
                                            f"'{sheet.names[c]}' is not a month header",
                                            VALID_HEADER))
            else:
                _ignore(file, sheet, h, c, name, out)
            continue
        if month in months.values():
            out.problems.append(Problem(file, sheet.ref(h, c),
                                        f"month {month.label()} has two columns",
                                        "each month once"))
            continue
        months[c] = month
    first_row: dict[str, int] = {}
    for r in range(h + 1, len(rows)):
        row = rows[r]
        has_values = any(_text(row[c]) or row[c] is UNSAVED for c in months)
        if not has_values and not _text(row[key_col]):
            continue
        key = _row_key(file, sheet, r, key_col, has_values, lookup, out)
        if key is None:
            continue
        if key in first_row:
            out.problems.append(Problem(file, sheet.ref(r, key_col),
                                        f"second row for '{key}' (the first is at "
                                        f"{sheet.ref(first_row[key], key_col)})",
                                        "one row per indicator in a sheet"))
            continue
        first_row[key] = r
        for c, month in months.items():
            _take(file, sheet, r, c, None, key, month, lookup, out)


def _take(file: str, sheet: Sheet, r: int, c: int, note: str | None, key: str, month: Month,
          lookup: _Lookup, out: _FileResult) -> None:
    """Parse one value cell and keep it, or record why it cannot be used."""
    raw, where = sheet.rows[r][c], sheet.ref(r, c)
    if raw is UNSAVED:
        out.problems.append(Problem(file, where, "formula with no saved value", UNSAVED_FIX))
        return
    try:
        cell = parse_cell(raw)
    except CellError as exc:
        out.problems.append(Problem(file, where, str(exc), VALID_CELL))
        return
    if cell.value is None and not cell.marker:
        return  # an empty cell says nothing: it neither adds nor revises a value
    if (key, month) in out.observations:
        out.problems.append(Problem(file, where,
                                    f"duplicate value for '{key}' in {month.label()}",
                                    "one value per indicator and month in a file"))
        return
    if cell.value is not None and key in lookup.percent and not sheet.trusted \
            and (r, c) not in sheet.percent:
        out.fractions.setdefault(key, []).append((where, cell.value))
    out.observations[(key, month)] = Observation(cell.value, cell.marker, note,
                                                 f"{Path(file).name}: {where}")


def _fraction_problems(results: list[tuple[ValuesSource, _FileResult]], catalogue: Catalogue
                       ) -> list[Problem]:
    """Percentages typed as fractions (0.21 for 21%, no ``%`` format): refused when every such
    value of an indicator in a file is between 0 and 1 while its target or its other values
    are above 1, since read as they are they would be 0.21%."""
    problems = []
    for entry, result in results:
        for key, cells in result.fractions.items():
            numbers = [v for _, v in cells]
            if not all(0 <= v <= 1 for v in numbers) or not any(0 < v < 1 for v in numbers):
                continue
            target = _numeric_target(catalogue.indicator(key).target)
            history = [o.value for _, other in results
                       for (k, _m), o in other.observations.items()
                       if k == key and o.value is not None and o.value > 1]
            if target is not None and target > 1:
                because = f"its target is {target:g}"
            elif history:
                because = f"its other values are above 1 (e.g. {history[0]:g})"
            else:
                continue
            sample = numbers[next(i for i, v in enumerate(numbers) if 0 < v < 1)]
            where = cells[0][0] + (f" and {len(cells) - 1} more cell(s)" if len(cells) > 1 else "")
            fix = ("format the cells as Percentage in Excel (0.21 then shows as 21%), or type "
                   "21 for 21%" if entry.file.suffix.lower() != ".csv"
                   else "write percentages as 0-100: 21 or 21% for 21%")
            problems.append(Problem(
                entry.path, where,
                f"'{key}' is a percentage but its values here are all between 0 and 1 "
                f"(e.g. {sample:g}) while {because}: they would be read as {sample:g}%, "
                f"not {sample * 100:g}%", fix))
    return problems


def _numeric_target(target: float | str | Mapping[str, float | str] | None) -> float | None:
    """The target as a number (the largest of the yearly ones); None for text like 'TBC'."""
    if isinstance(target, int | float):
        return float(target)
    if isinstance(target, Mapping):
        numbers = [float(v) for v in target.values() if isinstance(v, int | float)]
        return max(numbers, default=None)
    return None
