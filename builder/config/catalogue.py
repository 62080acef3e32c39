"""The indicator catalogue (``indicators.yaml``): themes, indicators, populations (DESIGN 3.1)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from builder.config.base import StrictModel

Unit = Literal["count", "percent", "rate", "number"]
Polarity = Literal["higher_is_better", "lower_is_better", "neutral"]
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
    target: float | None = None
    """Optional target in the unit of the values; RAG needs one."""
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

    @model_validator(mode="after")
    def _one_formula(self) -> Indicator:
        if self.derived is not None and self.rate is not None:
            raise ValueError("an indicator is either derived or a rate, not both")
        return self

    @property
    def computed(self) -> bool:
        """True when values come from a formula rather than from the values files."""
        return self.derived is not None or self.rate is not None


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
