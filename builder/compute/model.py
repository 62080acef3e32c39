"""The computed performance model handed to ``present``: frozen, numbers unrounded."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from builder.compute.calculus import Arrow, Direction, Rag
from builder.compute.periods import Month
from builder.config.catalogue import Catalogue, Indicator, Theme
from builder.data.readers import Revision, Values


@dataclass(frozen=True)
class Point:
    """One month of one indicator: the value, or why there is none."""

    month: Month
    value: float | None
    reason: str | None = None


@dataclass(frozen=True)
class Commentary:
    """Words written by people about an indicator for a month."""

    period: Month
    text: str


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
    """The 13 months ending at the period, oldest first."""
    history: tuple[Point, ...]
    """Every month from the first with data up to the period, oldest first."""
    value: float | None
    previous: Change
    year_ago: Change
    avg_12m: float | None
    max_12m: float | None
    rag: Rag | None
    direction: Direction | None
    commentary: Commentary | None = None

    @property
    def key(self) -> str:
        return self.indicator.key

    @property
    def latest(self) -> Point:
        return self.window[-1]


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


@dataclass(frozen=True)
class ReportModel:
    """The whole computed dataset for one period."""

    period: Month
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
