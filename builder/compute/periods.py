"""Periods: calendar months, financial quarters and financial years (April to March).

``Period(2023, 10)`` (alias ``Month``) is October 2023. A quarter or a year is the same type with
a length: ``Period.quarter(2014, 2)`` is Q2 2014/15 (July-September 2014), ending September 2014;
``Period.financial_year(2013)`` is 2013/14, ending March 2014. Every period is named by its last
month and length, so periods of all kinds share one order (a month before the quarter and the year
ending with it) and can key one mapping.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Frequency = Literal["monthly", "quarterly", "annual"]
FREQUENCIES: tuple[Frequency, ...] = ("monthly", "quarterly", "annual")
LENGTHS: dict[Frequency, int] = {"monthly": 1, "quarterly": 3, "annual": 12}
FY_START = 4  # financial years run April to March

_ABBR = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_FULL = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})(?:-\d{1,2})?(?:[ T]00:00:00)?$")
_LABEL = re.compile(r"^([A-Za-z]{3,9})[- ']?(\d{2}|\d{4})$")
_YEARS = r"(\d{4}|\d{2})\s*[/-]\s*(\d{4}|\d{2})"
_QUARTER_FIRST = re.compile(rf"^Q([1-4])\s*[- ]?\s*{_YEARS}$", re.IGNORECASE)
_QUARTER_LAST = re.compile(rf"^{_YEARS}\s*[- ]?\s*Q([1-4])$", re.IGNORECASE)
_FINANCIAL_YEAR = re.compile(r"^(?:FY\s*)?(\d{4})\s*/\s*(\d{4}|\d{2})$", re.IGNORECASE)
_FINANCIAL_YEAR_KEY = re.compile(rf"^(?:FY\s*)?{_YEARS}$", re.IGNORECASE)

VALID_PERIOD = "a month (2023-10, Oct-23), a quarter (Q2 2014/15) or a financial year (2013/14)"


@dataclass(frozen=True, order=True)
class Period:
    """A month, a financial quarter or a financial year, named by its last month; ordered,
    hashable, shiftable by whole periods of its own length."""

    year: int
    """Calendar year of the last month."""
    month: int
    """The last month, 1-12."""
    months: int = 1
    """Length in months: 1 (a month), 3 (a financial quarter) or 12 (a financial year)."""

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month must be 1..12, got {self.month}")
        if self.months not in (1, 3, 12):
            raise ValueError(f"a period is 1, 3 or 12 months long, got {self.months}")
        if self.months > 1 and (self.month - FY_START + 1) % self.months:
            raise ValueError(f"a {self.months}-month period must end with a financial "
                             f"{'quarter' if self.months == 3 else 'year'}")

    @classmethod
    def quarter(cls, fy_start: int, number: int) -> Period:
        """Quarter ``number`` (1-4) of the financial year starting in April ``fy_start``."""
        if not 1 <= number <= 4:
            raise ValueError(f"a quarter is 1..4, got {number}")
        end = Period(fy_start, FY_START).shift(3 * number - 1)
        return cls(end.year, end.month, 3)

    @classmethod
    def financial_year(cls, start: int) -> Period:
        """The financial year April ``start`` to March ``start + 1``."""
        return cls(start + 1, FY_START - 1, 12)

    @classmethod
    def latest(cls, frequency: Frequency, at: Period) -> Period:
        """The latest period of ``frequency`` ending in or before ``at`` ends (Oct-23 ->
        Q2 2023/24 for a quarterly indicator, 2022/23 for an annual one)."""
        length = LENGTHS[frequency]
        index = at.index - (at.index - (FY_START - 1 + length - 1)) % length
        end = Period.from_index(index)
        return cls(end.year, end.month, length)

    @property
    def frequency(self) -> Frequency:
        return next(f for f, n in LENGTHS.items() if n == self.months)

    @property
    def index(self) -> int:
        """Months since year 0 of the last month (consecutive months differ by 1)."""
        return self.year * 12 + self.month - 1

    @classmethod
    def from_index(cls, index: int) -> Period:
        """The month with ``index``."""
        return cls(index // 12, index % 12 + 1)

    @property
    def end(self) -> Period:
        """The last month."""
        return Period(self.year, self.month)

    @property
    def fy_start(self) -> int:
        """The calendar year in which this period's financial year starts (2014 for Q2 2014/15,
        for Oct-14 and for 2014/15)."""
        return self.year if self.month >= FY_START else self.year - 1

    @property
    def fy(self) -> Period:
        """The financial year this period ends in."""
        return Period.financial_year(self.fy_start)

    @property
    def quarter_number(self) -> int:
        """1-4: the financial quarter of the last month (Q1 is April-June)."""
        return (self.month - FY_START) % 12 // 3 + 1

    def shift(self, periods: int) -> Period:
        end = Period.from_index(self.index + periods * self.months)
        return Period(end.year, end.month, self.months)

    def month_list(self) -> tuple[Period, ...]:
        """The months of this period, oldest first."""
        return tuple(self.end.shift(-i) for i in range(self.months - 1, -1, -1))

    def iso(self) -> str:
        """``2023-10``; ``2014-15-Q2``; ``2013-14`` (safe in file names)."""
        if self.months == 1:
            return f"{self.year:04d}-{self.month:02d}"
        years = f"{self.fy_start:04d}-{(self.fy_start + 1) % 100:02d}"
        return years if self.months == 12 else f"{years}-Q{self.quarter_number}"

    def label(self) -> str:
        """``Oct-23`` (the analysts' month label); ``Q2 2014/15``; ``2013/14``."""
        if self.months == 1:
            return f"{calendar.month_abbr[self.month]}-{self.year % 100:02d}"
        years = fy_label(self.fy_start)
        return years if self.months == 12 else f"Q{self.quarter_number} {years}"

    def short_label(self) -> str:
        """``Oct-23``; ``Q2``; ``2013/14`` (a quarter without its year, as column headings print
        it)."""
        return f"Q{self.quarter_number}" if self.months == 3 else self.label()

    def first_day(self) -> dt.date:
        first = self.end.shift(1 - self.months)
        return dt.date(first.year, first.month, 1)

    def last_day(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def __str__(self) -> str:
        return self.iso()


Month = Period
"""A period one month long (the name the month-based code uses)."""


def fy_label(start: int, style: str = "long") -> str:
    """``2017/18`` (long); ``17-18`` (short, as the 2018 scorecard heads its target columns)."""
    if style == "short":
        return f"{start % 100:02d}-{(start + 1) % 100:02d}"
    return f"{start:04d}/{(start + 1) % 100:02d}"


def parse_financial_year(text: object) -> int | None:
    """The start year of a financial year written ``2017/18``, ``2017-18``, ``17/18``, ``17-18``
    or ``2017/2018``; ``None`` when it is not one (a target's year key)."""
    match = _FINANCIAL_YEAR_KEY.match(str(text).strip())
    return _years(match.group(1), match.group(2)) if match else None


def _years(first: str, second: str) -> int | None:
    start = int(first) + 2000 if len(first) == 2 else int(first)
    if int(second) % (100 if len(second) == 2 else 10000) != (start + 1) % (
            100 if len(second) == 2 else 10000):
        return None
    return start


def parse_period(text: str) -> Period:
    """Parse a report period as given on the command line or in YAML: ``YYYY-MM`` or a quarter
    ``Q2 2014/15``."""
    stripped = text.strip()
    match = re.fullmatch(r"(\d{4})-(\d{2})", stripped)
    if match and 1 <= int(match.group(2)) <= 12:
        return Period(int(match.group(1)), int(match.group(2)))
    quarter = _parse_quarter(stripped)
    if quarter is not None:
        return quarter
    raise ValueError(f"'{text}' is not a period; write it as YYYY-MM, e.g. 2023-10, or as a "
                     "quarter, e.g. Q2 2014/15")


def _parse_quarter(text: str) -> Period | None:
    match = _QUARTER_FIRST.match(text)
    if match:
        number, first, second = match.groups()
    else:
        match = _QUARTER_LAST.match(text)
        if not match:
            return None
        first, second, number = match.groups()
    start = _years(first, second)
    return Period.quarter(start, int(number)) if start is not None else None


def parse_month_header(header: object) -> Period | None:
    """A period column header or cell: a month (``Oct-23``, ``Oct 23``, ``October 2023``,
    ``2023-10``, an Excel date/datetime or serial number), a financial quarter (``Q2 2014/15``,
    ``2014/15 Q2``) or a financial year (``2013/14``). ``None`` when it is none of these."""
    if isinstance(header, dt.datetime | dt.date):
        return Period(header.year, header.month)
    if isinstance(header, int | float) and not isinstance(header, bool):
        return _from_excel_serial(float(header))
    text = str(header).strip()
    if re.fullmatch(r"\d{5}(\.0+)?", text):
        return _from_excel_serial(float(text))
    iso = _ISO.match(text)
    if iso:
        month = int(iso.group(2))
        return Period(int(iso.group(1)), month) if 1 <= month <= 12 else None
    label = _LABEL.match(text)
    if label:
        name, year = label.group(1).lower(), label.group(2)
        number = _ABBR.get(name) or _FULL.get(name)
        if number:
            full_year = int(year) + 2000 if len(year) == 2 else int(year)
            return Period(full_year, number)
    quarter = _parse_quarter(text)
    if quarter is not None:
        return quarter
    year_match = _FINANCIAL_YEAR.match(text)
    if year_match:
        start = _years(year_match.group(1), year_match.group(2))
        return Period.financial_year(start) if start is not None else None
    return None


def _from_excel_serial(serial: float) -> Period | None:
    """Excel 1900 date system; month-ends and first-of-month both map to their month (G.4)."""
    if not 20000 <= serial <= 80000:
        return None
    day = dt.date(1899, 12, 30) + dt.timedelta(days=int(serial))
    return Period(day.year, day.month)


def months_ending(period: Period, count: int) -> tuple[Period, ...]:
    """The ``count`` periods (of ``period``'s length) ending at ``period``, oldest first."""
    return tuple(period.shift(-i) for i in range(count - 1, -1, -1))


def periods_per_year(frequency: Frequency) -> int:
    """12, 4 or 1: how many periods make the 12 months every average and maximum covers."""
    return 12 // LENGTHS[frequency]
