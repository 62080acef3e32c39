"""The computed performance model handed to ``present``: frozen, numbers unrounded."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from builder.compute.calculus import Arrow, Direction, Rag
from builder.compute.periods import Month, Period
from builder.config.catalogue import Catalogue, Indicator, Theme
from builder.data.readers import Revision, Values


@dataclass(frozen=True)
class Point:
    """One period of one indicator: the value, or why there is none."""

    month: Period
    """The month, or for a quarterly or annual indicator's own periods the quarter or year."""
    value: float | None
    reason: str | None = None
    reported: bool = True
    """False in a month for which a quarterly or annual indicator reports nothing (shown blank,
    not as a missing value)."""


@dataclass(frozen=True)
class Commentary:
    """Words written by people about an indicator for a month."""

    period: Period
    text: str
    source: str | None = None
    """Who wrote it, as the quarterly scorecard prints it (``CMT``, ``LSCB``, ``CR``)."""


@dataclass(frozen=True)
class Change:
    """A % change from a base month, unrounded, with its arrow."""

    base: float | None
    pct: float | None
    arrow: Arrow


@dataclass(frozen=True)
class IndicatorFigures:
    """Everything computed for one indicator at the report period."""

    indicator: Indicator
    window: tuple[Point, ...]
    """The 13 months ending at the report period, oldest first; a quarterly or annual value sits
    in the month its period ends, other months are not ``reported``."""
    history: tuple[Point, ...]
    """Every one of the indicator's own periods from the first with data up to ``period``."""
    value: float | None
    previous: Change
    """Against the previous period of the indicator's own frequency (month, quarter, year)."""
    year_ago: Change
    """Against the same period a year earlier."""
    avg_12m: float | None
    """Mean of the values present in the 12 months' worth of own periods ending at ``period``."""
    max_12m: float | None
    rag: Rag | None
    direction: Direction | None
    commentary: Commentary | None = None
    period: Period | None = None
    """The indicator's own latest period: the report month, or for a quarterly indicator the
    latest quarter ending in or before it."""
    periods: tuple[Point, ...] = ()
    """The indicator's own periods: a year ago up to ``period`` (13 months, 5 quarters, 2 years)."""
    averaged: int = 0
    """How many values the average and maximum are over (12 months, 4 quarters, or fewer when
    some are missing)."""
    outturn: Point | None = None
    """The previous financial year's outturn (period ``2013/14``) when the values give one."""
    target: float | None = None
    """The target of the report period's financial year."""
    target_reason: str | None = None
    """Why there is no target figure, as written (``TBC``)."""

    @property
    def key(self) -> str:
        return self.indicator.key

    @property
    def latest(self) -> Point:
        return self.periods[-1] if self.periods else self.window[-1]

    @property
    def frequency(self) -> str:
        return self.indicator.frequency


@dataclass(frozen=True)
class ThemeFigures:
    theme: Theme
    indicators: tuple[IndicatorFigures, ...]


@dataclass(frozen=True)
class Finding:
    """A warning from the checks of DESIGN 4 (strict mode makes them errors)."""

    code: str
    indicator: str | None
    message: str

    def __str__(self) -> str:
        return f"{self.indicator}: {self.message}" if self.indicator else self.message

    def coded(self) -> str:
        """As builder shows it: ``[outlier] lac11_ql: ...`` (the code is what
        ``data.acknowledged`` names)."""
        return f"[{self.code}] {self}"


@dataclass(frozen=True)
class ReportModel:
    """The whole computed dataset for one period."""

    period: Period
    """The report period: a month, or a quarter (``data.period: Q2 2014/15``)."""
    catalogue: Catalogue
    figures: Mapping[str, IndicatorFigures]
    themes: tuple[ThemeFigures, ...]
    warnings: tuple[Finding, ...] = ()
    revisions: tuple[Revision, ...] = ()
    values: Values | None = None
    """The observations the model was computed from (the full history), when kept."""

    @property
    def months(self) -> tuple[Month, ...]:
        return tuple(p.month for p in next(iter(self.figures.values())).window)

    def __getitem__(self, key: str) -> IndicatorFigures:
        return self.figures[key]
