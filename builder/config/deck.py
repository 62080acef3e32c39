"""The Building for Brilliance deck configuration (``config/decks/<yyyy-mm>.yaml``, DESIGN 5.3).

The deck reads the same catalogue and values as the reports. It adds what only the deck has:
the purpose paragraph and tagline, the priorities in order with their desired outcomes, the
narrative written by people (shown beside the generated statements, never replacing them),
extra slides, and the options of the statement rule and of disclosure control.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field

from builder.compute.periods import Month, parse_period
from builder.config.base import StrictModel
from builder.config.catalogue import Catalogue
from builder.config.deck_wording import DeckWording
from builder.config.loader import read_yaml, validate_model
from builder.config.values_source import ValuesSource
from builder.errors import Problem

PERIOD_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


class DeckData(StrictModel):
    """The performance data of the deck (paths relative to the deck YAML)."""

    catalogue: str
    """The indicator catalogue YAML (themes are the priorities)."""
    values: tuple[ValuesSource, ...] = Field(min_length=1)
    """Values files, merged in order (later files revise earlier ones)."""
    commentary: tuple[str, ...] = ()
    """Commentary files (indicator,period,text CSV or YAML), shown in the speaker notes."""


class ExtraSlide(StrictModel):
    """A slide of bullets written by people, shown after the priority's progress analysis."""

    title: str = Field(min_length=1)
    """The slide title, e.g. 'Attendance at Family Hubs'."""
    bullets: tuple[str, ...] = Field(min_length=1)
    """The bullets, in order."""


class Priority(StrictModel):
    """One B4B priority: a theme of the catalogue and what the deck says about it."""

    theme: str
    """Key of the catalogue theme holding the priority's indicators (e.g. ``right-support``)."""
    title: str | None = None
    """Slide title; default: the theme's title."""
    statement: str | None = None
    """Priority statement on the priorities slide; default: the theme's ``statement``."""
    outcome: str = Field(min_length=1)
    """The desired outcome paragraph shown on the progress-analysis slide."""
    outcome_label: str = "Desired outcome"
    """Heading above the outcome ('Desired outcome' or 'Outcomes' in the published deck)."""
    narrative: tuple[str, ...] = ()
    """Bullets written by the service, shown labelled beside the generated statements."""
    charts: tuple[str, ...] | None = None
    """Indicator keys to chart, in order; default: every indicator of the theme."""
    extra_slides: tuple[ExtraSlide, ...] = ()
    """Slides of bullets after the progress analysis (e.g. 'Fostering recruitment')."""


class StatementRules(StrictModel):
    """When an indicator is notable enough for a generated 'Progress analysis' bullet.

    At most one bullet per indicator, from the first rule that applies: target reached or
    missed since last month; a change since last month of at least ``month_change_pct``; a
    Red indicator that got worse since last month; a change since the same month last year of
    at least ``year_change_pct``. Changes are relative and rounded to whole numbers (the rule
    in full: ``builder.present.statements``)."""

    month_change_pct: float = Field(default=20, gt=0)
    """Minimum size of the rounded % change since the previous month."""
    year_change_pct: float = Field(default=25, gt=0)
    """Minimum size of the rounded % change since the same month last year."""
    min_base: float = Field(default=10, ge=0)
    """The size-of-change rules skip a count whose earlier value is below this: a change from
    4 to 2 is -50% but not news."""
    target_crossed: bool = True
    """Report an indicator that reached, or fell short of, its target since last month."""
    red_worsening: bool = True
    """Report a Red indicator whose value got worse since last month."""


class Disclosure(StrictModel):
    """Disclosure control for small counts (DESIGN 4)."""

    enabled: bool = False
    """Show small counts as 'c' in tables and leave them out of charts and statements."""
    threshold: int = Field(default=5, ge=2)
    """Counts from 1 to ``threshold - 1`` are suppressed; zero is shown."""


class DeckOptions(StrictModel):
    """Layout and rule options of the deck."""

    statements: StatementRules = StatementRules()
    """The rule that picks generated 'Progress analysis' bullets."""
    disclosure: Disclosure = Disclosure()
    """Disclosure control of small counts; off by default."""
    max_table_rows: int = Field(default=10, ge=1, le=30)
    """Indicator rows per table slide; more rows continue on further slides."""
    charts_per_slide: int = Field(default=4, ge=1, le=4)
    """Small charts per chart slide (the template has placeholders 'Chart 1' .. 'Chart 4')."""
    max_bullets: int = Field(default=10, ge=1, le=30)
    """Generated bullets per progress-analysis slide; more continue on further slides."""


class Deck(StrictModel):
    """The whole deck configuration file."""

    title: str = Field(default="Building for Brilliance", min_length=1)
    """Title of the title slide and of the file's core properties."""
    subtitle: str | None = None
    """Subtitle; default ``wording.subtitle`` ('Summary of performance and commentary – <Month
    YYYY>')."""
    period: str = Field(pattern=PERIOD_PATTERN)
    """The report month, YYYY-MM (the last of the 13 months shown)."""
    date: dt.date | None = None
    """Date recorded as the file's created/modified date; default the period's last day."""
    data: DeckData
    """The catalogue, values and commentary files."""
    template: str | None = None
    """A PowerPoint template relative to this file; default: the one shipped with builder
    (``builder/templates/board_deck.pptx``)."""
    purpose: str = Field(min_length=1)
    """The purpose paragraph of the priorities slide."""
    tagline: str | None = None
    """The line above the priorities, e.g. 'Building for Brilliance; Building for ...'."""
    priorities: tuple[Priority, ...] = Field(min_length=1)
    """The priorities in the order of the deck."""
    names: dict[str, str] = Field(default_factory=dict)
    """Short names of indicators by key, used in statements, chart titles and alt text, as a
    noun phrase: ``contacts``, ``children with a Child in Need plan``; for a percentage, what
    it is a percentage of: ``strategy discussions resulting in a Section 47``. Default: from
    the indicator's title without 'Number of' / 'Percentage of'."""
    options: DeckOptions = DeckOptions()
    """Statement rule, disclosure control and layout options."""
    data_notes: tuple[str, ...] = ()
    """Notes for readers about the data, in plain words, added to the 'Data notes' slide (e.g.
    'The October figure for contacts was revised after the last meeting.'). The analysts' data
    warnings are never printed in the deck: they go to the console, ``manifest.json`` and
    ``build-warnings.txt``."""
    wording: DeckWording = DeckWording()
    """The deck's fixed wording: slide titles, headings and the data notes' sentences (see
    ``docs/templates.md``); every one defaults to today's text."""

    @property
    def month(self) -> Month:
        """The report period as a :class:`Month`."""
        return parse_period(self.period)


@dataclass(frozen=True)
class LoadedDeck:
    """A validated deck and the file it came from (relative paths resolve against it)."""

    deck: Deck
    path: Path

    def resolve(self, relative: str) -> Path:
        return (self.path.parent / relative).resolve()


def load_deck(path: Path) -> LoadedDeck:
    """Read and validate a deck YAML, listing every problem at once."""
    return LoadedDeck(validate_model(Deck, read_yaml(path), path, "deck configuration"), path)


def check_deck(deck: Deck, catalogue: Catalogue, path: Path) -> list[Problem]:
    """Cross-references to the catalogue the schema cannot see: themes, indicator keys, and a
    priority statement for every priority."""
    file = str(path)
    problems: list[Problem] = []
    themes = {t.key: t for t in catalogue.themes}
    keys = {i.key for i in catalogue.indicators}
    for key, n in Counter(p.theme for p in deck.priorities).items():
        if n > 1:
            problems.append(Problem(file, "priorities", f"theme '{key}' is used {n} times",
                                    "each theme once"))
    for n, priority in enumerate(deck.priorities):
        at = f"priorities[{n}]"
        theme = themes.get(priority.theme)
        if theme is None:
            problems.append(Problem(file, f"{at}.theme", f"unknown theme '{priority.theme}'",
                                    ", ".join(themes)))
            continue
        if not (priority.statement or theme.statement):
            problems.append(Problem(file, f"{at}.statement", "no priority statement here or in "
                                    f"the catalogue's theme '{theme.key}'",
                                    "add 'statement' to the priority or the theme"))
        shown = [i.key for i in catalogue.indicators_in(theme.key)]
        for c, key in enumerate(priority.charts or ()):
            if key not in shown:
                problems.append(Problem(file, f"{at}.charts[{c}]",
                                        f"'{key}' is not an indicator of theme '{theme.key}'",
                                        ", ".join(shown) or "(the theme has no indicators)"))
    for key in deck.names:
        if key not in keys:
            problems.append(Problem(file, f"names.{key}", f"unknown indicator '{key}'",
                                    "a key from the catalogue"))
    return problems
