"""Calendar months: the unit of every series. ``Month(2023, 10)`` is October 2023."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_ABBR = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_FULL = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})(?:-\d{1,2})?(?:[ T]00:00:00)?$")
_LABEL = re.compile(r"^([A-Za-z]{3,9})[- ']?(\d{2}|\d{4})$")


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month; ordered (by year, then month), hashable, shiftable by whole months."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month must be 1..12, got {self.month}")

    @property
    def index(self) -> int:
        return self.year * 12 + self.month - 1

    @classmethod
    def from_index(cls, index: int) -> Month:
        return cls(index // 12, index % 12 + 1)

    def shift(self, months: int) -> Month:
        return Month.from_index(self.index + months)

    def iso(self) -> str:
        """``2023-10``."""
        return f"{self.year:04d}-{self.month:02d}"

    def label(self) -> str:
        """``Oct-23``, the analysts' and the slides' month label."""
        return f"{calendar.month_abbr[self.month]}-{self.year % 100:02d}"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    def last_day(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def __str__(self) -> str:
        return self.iso()


def parse_period(text: str) -> Month:
    """Parse a ``YYYY-MM`` period as given on the command line or in YAML."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"'{text}' is not a period; write it as YYYY-MM, e.g. 2023-10")
    return Month(int(match.group(1)), int(match.group(2)))


def parse_month_header(header: object) -> Month | None:
    """A month column header: ``Oct-23``, ``Oct 23``, ``October 2023``, ``2023-10``, an Excel
    date/datetime, or an Excel serial number. ``None`` when it is not a month."""
    if isinstance(header, dt.datetime | dt.date):
        return Month(header.year, header.month)
    if isinstance(header, int | float) and not isinstance(header, bool):
        return _from_excel_serial(float(header))
    text = str(header).strip()
    if re.fullmatch(r"\d{5}(\.0+)?", text):
        return _from_excel_serial(float(text))
    iso = _ISO.match(text)
    if iso:
        month = int(iso.group(2))
        return Month(int(iso.group(1)), month) if 1 <= month <= 12 else None
    label = _LABEL.match(text)
    if label:
        name, year = label.group(1).lower(), label.group(2)
        number = _ABBR.get(name) or _FULL.get(name)
        if number:
            full_year = int(year) + 2000 if len(year) == 2 else int(year)
            return Month(full_year, number)
    return None


def _from_excel_serial(serial: float) -> Month | None:
    """Excel 1900 date system; month-ends and first-of-month both map to their month (G.4)."""
    if not 20000 <= serial <= 80000:
        return None
    day = dt.date(1899, 12, 30) + dt.timedelta(days=int(serial))
    return Month(day.year, day.month)


def months_ending(period: Month, count: int) -> tuple[Month, ...]:
    """The ``count`` months ending at ``period``, oldest first."""
    return tuple(period.shift(-i) for i in range(count - 1, -1, -1))
