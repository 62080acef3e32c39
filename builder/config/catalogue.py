"""The indicator catalogue (``indicators.yaml``): themes, indicators, populations (DESIGN 3.1)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from builder.compute.periods import Frequency, Period, fy_label, parse_financial_year
from builder.config.base import StrictModel
from builder.data.cells import is_marker

Unit = Literal["count", "percent", "rate", "number"]
Polarity = Literal["higher_is_better", "lower_is_better", "neutral"]
TargetScope = Literal["period", "year"]
_NOUNS = {"monthly": "month", "quarterly": "quarter", "annual": "financial year"}
PERIOD_EXAMPLES = {"monthly": "a month such as Oct-23", "quarterly": "a quarter such as Q2 2014/15",
                   "annual": "a financial year such as 2013/14"}
TargetValue = float | str
"""A target figure, or the reason there is none yet as printed (``TBC``)."""
KEY_PATTERN = r"^[a-z0-9_]+$"
THEME_KEY_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"


class Theme(StrictModel):
    """A group of indicators shown together; the B4B priorities are themes."""

    key: str = Field(pattern=THEME_KEY_PATTERN)
    """Stable identifier, lower case letters, digits, '-' and '_' (e.g. ``right-support``)."""
    title: str = Field(min_length=1)
    """Heading shown in the dataset appendix and as the deck's slide title."""
    statement: str | None = None
    """The priority statement, e.g. 'Ensure that children get the right support ...'."""
    short_title: str | None = None
    """Optional short label (e.g. 'Priority 1: Right Service, Right Time')."""


class Derived(StrictModel):
    """A percentage computed from two other indicators, month by month."""

    numerator: str = Field(pattern=KEY_PATTERN)
    """Key of the indicator on top of the fraction."""
    denominator: str = Field(pattern=KEY_PATTERN)
    """Key of the indicator below the fraction; a zero or missing month gives a missing value."""
    scale: float = 100
    """Multiplier applied to the fraction (100 for a percentage)."""


class Rate(StrictModel):
    """A rate per N of a population, computed from a count indicator."""

    of: str = Field(pattern=KEY_PATTERN)
    """Key of the count indicator."""
    population: str
    """Name of a population in ``populations`` (the denominator)."""
    per: int = Field(default=10000, gt=0)
    """Rate per this many of the population (10,000 in children's services)."""
    rolling_months: int = Field(default=1, ge=1, le=24)
    """1 for a point-in-time rate; 12 to sum the last 12 months of the count (rolling rate)."""


class Indicator(StrictModel):
    """One performance indicator."""

    key: str = Field(pattern=KEY_PATTERN)
    """Unique, stable identifier ``[a-z0-9_]+``; refs are not unique in real data."""
    ref: str | None = None
    """Optional display reference (e.g. M1, 74); need not be unique."""
    title: str = Field(min_length=1)
    """The indicator's wording as it appears in tables."""
    theme: str
    """Key of the theme the indicator belongs to."""
    also_in: tuple[str, ...] = ()
    """Keys of further themes whose tables and slides also show this indicator."""
    unit: Unit = "count"
    """count | percent | rate | number. Percentages are stored as 0-100, not fractions."""
    polarity: Polarity = "neutral"
    """higher_is_better | lower_is_better | neutral (direction of travel is then up/down)."""
    decimals: int = Field(default=0, ge=0, le=4)
    """Decimals shown for values, averages, maxima, targets and benchmarks."""
    frequency: Frequency = "monthly"
    """monthly | quarterly | annual: how often the indicator is reported. Quarterly values are
    periods ``Q2 2014/15`` and annual ones ``2013/14`` (financial years from April); comparisons,
    averages and maxima use the indicator's own periods. Any indicator may also carry financial
    year outturns (``2013/14``), shown by layouts with a year column."""
    target: TargetValue | dict[str, TargetValue] | None = None
    """Optional target in the unit of the values: one number, or one per financial year
    (``{2017/18: 288, 2018/19: 336, 2019/20: TBC}``). RAG uses the target of the report period's
    financial year; a text such as ``TBC`` is a reason, shown as written, and gives no RAG."""
    target_scope: TargetScope = "period"
    """period: the target applies to each period's value (RAG, and a line on charts); year: it is
    a total for the whole financial year (cumulative), shown in target columns but neither drawn
    against monthly values nor used for a RAG of one month."""
    amber_tolerance: float | None = Field(default=None, ge=0, le=1)
    """Optional relative miss of the target still rated Amber (0.05 = within 5%)."""
    benchmarks: dict[str, float | None] = Field(default_factory=dict)
    """Comparator values by benchmark name (names listed in the catalogue's ``benchmarks``)."""
    owner: str | None = None
    """Service lead who owns the indicator."""
    reporter: str | None = None
    """Person who reports the figures."""
    outcome: str | None = None
    """What impact monitoring this indicator has on children's experience."""
    derived: Derived | None = None
    """Computed percentage of two other indicators; never typed in."""
    rate: Rate | None = None
    """Computed rate per N of a population; never typed in."""
    notes: str | None = None
    """Free-text note for analysts (definition, source); not shown in papers."""
    subtheme: str | None = None
    """Optional sub-heading within the theme (e.g. 'Demand monitoring', 'Outcomes'); layouts
    grouped by sub-theme show it as a sub-heading row before its indicators."""

    @field_validator("target")
    @classmethod
    def _target_years(cls, value: object) -> object:
        """Year keys written as financial years (``2017/18``, ``17-18``) become ``2017/18``."""
        if not isinstance(value, dict):
            return _target_value(value)
        out: dict[str, object] = {}
        for key, target in value.items():
            start = parse_financial_year(key)
            if start is None:
                raise ValueError(f"'{key}' is not a financial year; write it as 2017/18")
            out[fy_label(start)] = _target_value(target)
        return out

    def period_problem(self, period: Period) -> str | None:
        """Why a value for ``period`` cannot belong to this indicator (a month for a quarterly
        indicator...), or ``None``: values come in its own periods or as financial years."""
        if period.frequency in (self.frequency, "annual"):
            return None
        return (f"'{self.key}' is {self.frequency} but {period.label()} is a "
                f"{_NOUNS[period.frequency]}")

    def target_for(self, period: Period) -> tuple[float | None, str | None]:
        """(target, reason) for the financial year ``period`` ends in: ``(288.0, None)``,
        ``(None, 'TBC')``, or ``(None, None)`` when there is no target for that year."""
        target = self.target
        if isinstance(target, dict):
            target = target.get(fy_label(period.fy_start))
        if target is None:
            return None, None
        return (None, target) if isinstance(target, str) else (float(target), None)

    @model_validator(mode="after")
    def _one_formula(self) -> Indicator:
        if self.derived is not None and self.rate is not None:
            raise ValueError("an indicator is either derived or a rate, not both")
        return self

    @property
    def computed(self) -> bool:
        """True when values come from a formula rather than from the values files."""
        return self.derived is not None or self.rate is not None


def _target_value(value: object) -> object:
    """A number, or a reason there is none that the values files would accept too (TBC, n/a)."""
    if isinstance(value, str) and (not value.strip() or not is_marker(value)):
        raise ValueError(f"'{value}' is not a number or a reason such as TBC")
    return value


class Catalogue(StrictModel):
    """The whole catalogue file."""

    populations: dict[str, float] = Field(default_factory=dict)
    """Denominators for rates by name, e.g. ``under_18: 49300``."""
    benchmarks: dict[str, str] = Field(default_factory=dict)
    """Benchmark names in display order, each with its column heading (e.g. england: England)."""
    themes: tuple[Theme, ...] = Field(min_length=1)
    """Themes in display order."""
    indicators: tuple[Indicator, ...] = Field(min_length=1)
    """Indicators in display order."""
    source: str | None = None
    """Where the figures come from, shown in data notes (e.g. 'Children's Services case system')."""

    def indicator(self, key: str) -> Indicator:
        for item in self.indicators:
            if item.key == key:
                return item
        raise KeyError(key)

    def theme(self, key: str) -> Theme:
        for item in self.themes:
            if item.key == key:
                return item
        raise KeyError(key)

    def indicators_in(self, theme_key: str) -> tuple[Indicator, ...]:
        """Indicators shown under a theme: its own, then those that are ``also_in`` it."""
        own = [i for i in self.indicators if i.theme == theme_key]
        shared = [i for i in self.indicators if theme_key in i.also_in]
        return tuple(own + shared)
