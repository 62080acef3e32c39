"""Layouts of the performance dataset appendix (issue 9): which columns, headed how, in what
order; grouping; the legend; where commentary goes.

A report's dataset appendix names a preset (``layout: quarterly-scorecard-2014``) or a preset with
overrides (``layout: {preset: monthly-scorecard-2018, commentary: under}``). The presets are YAML
files in ``builder/config/layouts/`` that reproduce the council's published layouts (see
``docs/scorecards.md``); every top-level field of a preset may be overridden, ``columns`` as a
whole list.

Headings and legend lines may name, in braces, what the report period gives them:
``{period}`` (Jun-18 or Q2 2014/15), ``{month}``/``{previous_month}``/``{year_ago_month}`` (the
report month, the month before, a year earlier), ``{month_name}`` (November),
``{quarter}``/``{previous_quarter}`` (Q2, Q1: the latest quarter ending in or before the report
period), ``{last_year}`` (2013/14, the
financial year before the report period's), ``{year}`` (2018/19); in a ``target_year`` column
``{target_year}`` (2017/18) and ``{target_year_short}`` (17-18).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import Field, model_validator

from builder.config.base import StrictModel
from builder.config.wording import Meanings, check_placeholders

PRESETS_DIR = Path(__file__).with_name("layouts")
DEFAULT_PRESET = "b4b-2023"
PLACEHOLDERS = frozenset({
    "period", "month", "month_name", "previous_month", "year_ago_month", "quarter",
    "previous_quarter", "last_year", "year", "target_year", "target_year_short",
})
DESCRIPTION_PLACEHOLDERS = frozenset({"theme", "count", "columns", "first_month", "last_month"})

Show = Literal[
    "ref", "title", "owner", "reporter", "outcome", "months", "latest", "previous_value",
    "outturn", "change_previous", "change_year", "polarity", "average", "maximum",
    "percent_flag", "target", "target_year", "rag", "direction", "benchmark", "benchmarks",
    "commentary", "commentary_source",
]
NEEDS_NO_HEADING = frozenset({"months", "benchmark", "benchmarks"})


class Column(StrictModel):
    """One column (or, for ``months`` and ``benchmarks``, a run of columns) of the table."""

    show: Show
    """What the column holds: ref | title | owner | reporter | outcome (the indicator's fields);
    months (the last ``months`` months, headed by their labels); latest | previous_value (the
    indicator's own latest and previous period: month or quarter); outturn (the previous
    financial year's value); change_previous | change_year (% change against the previous
    period and the same period a year earlier); polarity (the ▲/▼ marker); average | maximum
    (over 12 months' worth of the indicator's periods); percent_flag (P for percentages);
    target (the report year's); target_year (the target of the year ``year`` away from the
    report period's); rag; direction (B4B direction of travel); benchmark (``benchmark``) |
    benchmarks (every catalogue benchmark, headed as the catalogue heads them); commentary;
    commentary_source (who wrote it: CMT, LSCB ...)."""
    heading: str | None = None
    """The column heading; braces name report-period values (see the module docstring).
    Needed for every column but months, benchmark and benchmarks."""
    months: int = Field(default=13, ge=1, le=25)
    """months only: how many month columns, ending at the report month."""
    year: int = Field(default=0, ge=-5, le=5)
    """target_year only: financial years from the report period's (-1 the year before)."""
    benchmark: str | None = None
    """benchmark only: the benchmark's name in the catalogue's ``benchmarks``."""
    missing: str | None = None
    """Text for a cell with nothing to show (default ``-`` for values, blank otherwise), e.g.
    ``Local`` for a benchmark with no external comparator."""

    @model_validator(mode="after")
    def _complete(self) -> Column:
        if self.heading is None and self.show not in NEEDS_NO_HEADING:
            raise ValueError(f"a '{self.show}' column needs a heading")
        if self.show == "benchmark" and not self.benchmark:
            raise ValueError("a 'benchmark' column needs 'benchmark' (a benchmark name)")
        if self.heading is not None:
            check_placeholders(self.heading, PLACEHOLDERS)
        return self


class Layout(StrictModel):
    """A whole appendix layout (a preset with its overrides applied)."""

    columns: tuple[Column, ...] = Field(min_length=2)
    """The columns in order."""
    grouping: Literal["themes", "subthemes", "none"] = "themes"
    """themes: a heading and a table per theme; subthemes: the same, with a sub-heading row
    before each run of indicators with the same ``subtheme``; none: one table of every
    indicator, in ``order``."""
    order: Literal["catalogue", "ref"] = "catalogue"
    """catalogue: the catalogue's order; ref: alphabetical by ref (the 2016 dataset)."""
    theme_statement: bool = True
    """Print the theme's statement under its heading."""
    key: bool = True
    """Print the key to arrows and RAG ratings (a Symbol/Meaning table) before the tables."""
    key_caption: str = "Key to the change arrows (10% threshold) and the RAG ratings."
    """The key table's caption (its description for screen readers too)."""
    key_header: tuple[str, str] = ("Symbol", "Meaning")
    """The key table's two column headings."""
    key_heading: str = "Key"
    """The heading above the key table."""
    commentary_heading: str = "Commentary"
    """The heading above a theme's commentary (``commentary: under``)."""
    trends_heading: str = "Trends: {theme}"
    """The heading above a theme's charts; ``{theme}``: the theme's title."""
    trends_heading_untitled: str = "Trends"
    """The heading above the charts of a table without a theme heading (``grouping: none``)."""
    chart_target: str = "Target"
    """The legend of a chart's dashed target line."""
    meanings: Meanings = Meanings()
    """The key's meaning of each arrow and RAG rating (the deck's data notes have their own,
    with the same defaults)."""
    intro: str = "Performance information up to {end}."
    """The appendix's first paragraph: ``{end}`` is the last day of the period ('31 October
    2023')."""
    source: str = "Source: {source}."
    """Added to ``intro`` when the catalogue names a ``source``: ``{source}`` is it."""
    legend: tuple[str, ...] = ()
    """Lines of the legend block printed above the tables (braces as in headings)."""
    commentary: Literal["under", "column", "none"] = "under"
    """under: each theme's commentary after its table; column: in a ``commentary`` column
    only; none: not shown."""
    similar_arrow: str = "⇒"
    """The glyph for a 'similar' change (the 2019 scorecard prints →)."""
    change_style: Literal["arrow", "bare"] = "arrow"
    """arrow: ``⇒ -8%`` (arrow and % in one cell); bare: ``-8`` (the 2016 dataset)."""
    polarity_markers: tuple[str, str] = ("▲", "▼")
    """The polarity column's marks for higher-is-better and lower-is-better indicators."""
    percent_flag: tuple[str, str] = ("P", "-")
    """The 'Percentage ?' column's marks for percentages and for other units."""
    partial_average: str | None = "({count} {noun})"
    """Added to an average or maximum over fewer than 12 months, or over quarters or years:
    ``{count}`` values, ``{noun}`` months/quarters/years; none to leave it out."""
    description: str = "{theme}: {count} indicators; columns {columns}."
    """The table's description for screen readers: ``{theme}``, ``{count}``, ``{columns}``
    (the headings), ``{first_month}``, ``{last_month}``."""
    other_base: str = "(from {base})"
    """Added to a change whose base is not the period the heading names (a quarterly
    indicator's previous quarter in a monthly table): ``{base}`` is that period."""
    month_separator: str = "-"
    """Between month and year in month headings: ``Oct-23``, or ``Oct 15`` with a space."""

    @model_validator(mode="after")
    def _placeholders(self) -> Layout:
        for line in self.legend:
            check_placeholders(line, PLACEHOLDERS)
        check_placeholders(self.description, DESCRIPTION_PLACEHOLDERS)
        if self.partial_average:
            check_placeholders(self.partial_average, frozenset({"count", "noun"}))
        check_placeholders(self.other_base, frozenset({"base"}))
        check_placeholders(self.key_caption, frozenset())
        for plain in (self.key_heading, self.commentary_heading, self.trends_heading_untitled,
                      self.chart_target):
            check_placeholders(plain, frozenset())
        check_placeholders(self.trends_heading, frozenset({"theme"}))
        check_placeholders(self.intro, frozenset({"end"}))
        check_placeholders(self.source, frozenset({"source"}))
        return self


class LayoutChoice(StrictModel):
    """A preset and the fields of it to override."""

    preset: str = DEFAULT_PRESET
    """A preset's name: b4b-2023, monthly-scorecard-2018, quarterly-scorecard-2014,
    monthly-dataset-2016."""
    columns: tuple[Column, ...] | None = None
    """Replaces the preset's columns."""
    grouping: Literal["themes", "subthemes", "none"] | None = None
    """Replaces the preset's grouping."""
    order: Literal["catalogue", "ref"] | None = None
    """Replaces the preset's order."""
    theme_statement: bool | None = None
    """Replaces the preset's choice."""
    key: bool | None = None
    """Replaces the preset's choice."""
    key_caption: str | None = None
    """Replaces the preset's key caption."""
    key_header: tuple[str, str] | None = None
    """Replaces the preset's key column headings."""
    key_heading: str | None = None
    """Replaces the preset's key heading."""
    commentary_heading: str | None = None
    """Replaces the preset's commentary heading."""
    trends_heading: str | None = None
    """Replaces the preset's charts heading."""
    trends_heading_untitled: str | None = None
    """Replaces the preset's charts heading for a table without a theme heading."""
    chart_target: str | None = None
    """Replaces the preset's legend of the charts' target line."""
    meanings: Meanings | None = None
    """Replaces the preset's meanings of the arrows and RAG ratings (as a whole: a meaning
    left out is the default)."""
    intro: str | None = None
    """Replaces the preset's first paragraph."""
    source: str | None = None
    """Replaces the preset's source sentence."""
    legend: tuple[str, ...] | None = None
    """Replaces the preset's legend lines."""
    commentary: Literal["under", "column", "none"] | None = None
    """Replaces the preset's commentary placement."""
    similar_arrow: str | None = None
    """Replaces the preset's 'similar' glyph."""
    change_style: Literal["arrow", "bare"] | None = None
    """Replaces the preset's change style."""
    polarity_markers: tuple[str, str] | None = None
    """Replaces the preset's polarity marks."""
    percent_flag: tuple[str, str] | None = None
    """Replaces the preset's percentage marks."""
    partial_average: str | None = None
    """Replaces the preset's note on partial averages."""
    description: str | None = None
    """Replaces the preset's table description."""
    other_base: str | None = None
    """Replaces the preset's note on a change from another period."""
    month_separator: str | None = None
    """Replaces the preset's month heading separator."""

    @model_validator(mode="before")
    @classmethod
    def _named(cls, data: object) -> object:
        """A plain preset name stands for ``{preset: NAME}``."""
        return {"preset": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _known_preset(self) -> LayoutChoice:
        if self.preset not in preset_names():
            raise ValueError(f"unknown layout preset '{self.preset}'; valid: "
                             + ", ".join(preset_names()))
        return self

    def resolve(self) -> Layout:
        """The preset with the overrides given applied."""
        base = dict(_preset_data(self.preset))
        base.update(self.model_dump(include=self.model_fields_set - {"preset"}))
        return Layout.model_validate(base)


def preset_names() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in PRESETS_DIR.glob("*.yaml")))


@cache
def _preset_data(name: str) -> dict[str, Any]:
    data = yaml.safe_load((PRESETS_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict), name
    return data


def layout_of(choice: str | LayoutChoice | None = None) -> Layout:
    """The layout an appendix entry names (default: today's B4B layout)."""
    if not isinstance(choice, LayoutChoice):
        choice = LayoutChoice(preset=choice or DEFAULT_PRESET)
    return choice.resolve()
