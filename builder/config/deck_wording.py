"""The deck's fixed wording (the ``wording:`` of a deck YAML): slide titles, headings, table
headings and the sentences of the 'Data notes' slide, each with the ``{name}`` placeholders
builder fills in. Every field has today's text as its default; only the named placeholders
may be used (any other is reported, naming the key, when the deck YAML is read).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from builder.config.base import StrictModel
from builder.config.wording import Meanings, PlainSentence, sentence

TitleSentence = Annotated[str, Field(min_length=1), AfterValidator(sentence("title"))]
MonthSentence = Annotated[str, Field(min_length=1), AfterValidator(sentence("month"))]
PctSentence = Annotated[str, Field(min_length=1), AfterValidator(sentence("pct"))]
RuleSentence = Annotated[str, Field(min_length=1),
                         AfterValidator(sentence("conditions", "min_base"))]


class RuleWording(StrictModel):
    """The sentence saying when a 'Progress analysis' bullet is generated (on the data notes
    slide and in the progress-analysis slides' speaker notes), built from the rules in use."""

    sentence: RuleSentence = (
        "Progress analysis bullets are generated from the data for each indicator that "
        "{conditions}. Changes are relative and rounded to whole numbers; a change in a count "
        "from below {min_base} is not counted as notable.")
    """``{conditions}``: the conditions of the rules in use, joined by ``or``; ``{min_base}``:
    the ``min_base`` option."""
    target_crossed: PlainSentence = "reached or fell short of its target since last month"
    """The condition of the ``target_crossed`` rule."""
    month_change: PctSentence = "changed by {pct}% or more since last month"
    """The condition of the month-change rule; ``{pct}``: ``month_change_pct``."""
    red_worsening: PlainSentence = "is Red and got worse since last month"
    """The condition of the ``red_worsening`` rule."""
    year_change: PctSentence = "changed by {pct}% or more since the same month last year"
    """The condition of the year-change rule; ``{pct}``: ``year_change_pct``."""
    separator: PlainSentence = "; or "
    """Between two conditions (spaces included)."""


class DataNotesWording(StrictModel):
    """The 'Data notes' slide, the deck's last: its title and a bullet per note."""

    title: PlainSentence = "Data notes"
    """The slide title."""
    period: Annotated[str, Field(min_length=1),
                      AfterValidator(sentence("month", "first_month", "last_month"))] = (
        "Data period: {month}. Tables and charts show the 13 months {first_month} to "
        "{last_month}.")
    """``{month}``: the report month ('October 2023'); ``{first_month}``/``{last_month}``: the
    first and last of the months shown ('Oct-22', 'Oct-23')."""
    source: Annotated[str, Field(min_length=1), AfterValidator(sentence("source"))] = (
        "Source: {source}.")
    """``{source}``: the catalogue's ``source``, or ``no_source``."""
    no_source: PlainSentence = "not stated in the indicator catalogue"
    """Stands for the source when the catalogue names none."""
    files: Annotated[str, Field(min_length=1), AfterValidator(sentence("files"))] = (
        "Data files: {files}.")
    """``{files}``: the names of the catalogue, values and commentary files."""
    rag: Annotated[str, Field(min_length=1),
                   AfterValidator(sentence("green", "amber", "red"))] = (
        "RAG: Green – {green}; Amber – {amber}; Red – {red}. RAG is always shown as text as "
        "well as colour.")
    """``{green}``, ``{amber}``, ``{red}``: the deck's ``meanings``, each with its first
    letter in lower case."""
    benchmarks: Annotated[str, Field(min_length=1), AfterValidator(sentence("benchmarks"))] = (
        "Benchmarks: {benchmarks}.")
    """When the catalogue has benchmarks; ``{benchmarks}``: their headings."""
    disclosure: Annotated[str, Field(min_length=1),
                          AfterValidator(sentence("largest", "mark"))] = (
        "Disclosure control: counts from 1 to {largest} are shown as '{mark}' and left out of "
        "charts and statements.")
    """When disclosure control is on; ``{largest}``: the largest count suppressed,
    ``{mark}``: what is shown instead."""


class Headings(StrictModel):
    """Column headings of the deck's tables and the name of the target line in its charts."""

    indicator: PlainSentence = "Indicator"
    """The indicator column (indicator and exception tables)."""
    target: PlainSentence = "Target"
    """The target column, and the name of the target line in the charts."""
    rag: PlainSentence = "RAG"
    """The RAG column."""
    priority: PlainSentence = "Priority"
    """The exception table's priority column."""
    change_since: MonthSentence = "Change since {month}"
    """The exception table's change columns; ``{month}``: 'Sep-23', 'Oct-22'."""


class DeckWording(StrictModel):
    """Every fixed text of the deck, in the council's words."""

    subtitle: MonthSentence = "Summary of performance and commentary – {month}"
    """The title slide's subtitle when the deck sets no ``subtitle``; ``{month}``: 'October
    2023'."""
    priorities_title: PlainSentence = "Purpose and priorities"
    """The title of the purpose and priorities slide."""
    trends_title: TitleSentence = "{title}: trends"
    """A priority's chart slides; ``{title}``: the priority's title."""
    progress_title: TitleSentence = "{title}: progress analysis"
    """A priority's progress-analysis slides; ``{title}``: the priority's title."""
    numbered: Annotated[str, Field(min_length=1),
                        AfterValidator(sentence("title", "number", "count"))] = (
        "{title} ({number} of {count})")
    """A slide title continued on further slides: ``{number}`` of ``{count}``."""
    statements_heading: PlainSentence = "Progress analysis (generated from the data)"
    """The heading above the generated statements."""
    commentary_heading: PlainSentence = "Commentary from the service"
    """The heading above the service's narrative."""
    no_statements: PlainSentence = (
        "No indicator changed notably this month under the statement rule (see the data notes "
        "slide).")
    """Instead of the generated statements when no indicator changed notably."""
    no_notes: PlainSentence = (
        "No commentary was supplied for these indicators and none changed notably this month.")
    """The speaker notes of a slide whose indicators have no commentary or statement."""
    older_commentary: Annotated[str, Field(min_length=1),
                                AfterValidator(sentence("indicator", "period"))] = (
        "{indicator} (commentary for {period})")
    """In the speaker notes, before commentary written for an earlier period than the deck's:
    ``{indicator}`` (its title), ``{period}`` ('Sep-23')."""
    suppressed: PlainSentence = "c"
    """What a table shows instead of a small count under disclosure control."""
    exceptions_title: MonthSentence = "Exceptions: indicators rated Red in {month}"
    """The exceptions slides; ``{month}``: 'October 2023'."""
    no_exceptions: PlainSentence = "No indicator is rated Red this month."
    """The exceptions slide's text when no indicator is Red."""
    headings: Headings = Headings()
    """Table column headings."""
    meanings: Meanings = Meanings()
    """The meaning of each RAG rating on the data notes slide (the dataset appendix's key has
    its own, in the layout, with the same defaults)."""
    data_notes: DataNotesWording = DataNotesWording()
    """The 'Data notes' slide."""
    rule: RuleWording = RuleWording()
    """The sentence describing the statement rule."""
