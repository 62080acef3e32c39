"""Generated 'Progress analysis' statements: which changes are notable, and their wording.

The rule (format-spec D.3; thresholds in :class:`builder.config.deck.StatementRules`), applied to
each indicator of a priority, in catalogue order, at most one statement per indicator; the
first rule that applies wins:

1. **target crossed**: the target was missed last month and is met now ("... has reached the
   target of 80%"), or met last month and missed now ("Referrals accepted ... increased by 4%
   to 277 since September, missing the target of 273 by 4");
2. **change since last month**: the rounded % change from the previous month is at least
   ``month_change_pct`` either way ("Contacts increased by 25% to 1,922 since September"),
   unless it is a count that was below ``min_base``;
3. **Red and worse**: the indicator is Red and got worse since last month ("81% of children
   open to Early Help with supervision in timescales, down from 82% in September, 14 points
   below the target of 95%");
4. **change since last year**: the rounded % change from the same month last year is at least
   ``year_change_pct`` ("... reduced by 38% since October 2022, down to 388"), unless it is a
   count that was below ``min_base``.

Changes are relative ((new - old) / old, DESIGN 4) and rounded half away from zero; levels are
quoted as the tables print them. Percentages quote their levels ("90% of strategy discussions
resulting in a Section 47, up from 53% in September"). A statement whose figures would show no
visible change (same rounded %, same printed level), or that needs a suppressed count, is not
made. A Red indicator's statement ends with how far it is from the target.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from builder.compute import calculus as calc
from builder.compute.calculus import Rag, round_half_away
from builder.compute.model import IndicatorFigures
from builder.compute.periods import Month
from builder.config.catalogue import Indicator
from builder.config.deck import Disclosure, StatementRules
from builder.config.deck_wording import RuleWording
from builder.config.wording import fill
from builder.present import formatting as fmt

PREFIXES = ("number of ", "percentage of ", "% of ")
SUFFIXES = (" in the month",)


class Rule(enum.Enum):
    """Why an indicator was picked for a statement (in the order the rules are tried)."""

    TARGET_REACHED = "target reached"
    TARGET_MISSED = "target missed"
    MONTH_CHANGE = "change since last month"
    RED_WORSENING = "Red and worse"
    YEAR_CHANGE = "change since last year"


@dataclass(frozen=True)
class Statement:
    """One generated bullet about one indicator."""

    key: str
    """The indicator the statement is about."""
    rule: Rule
    """The rule that picked it."""
    text: str
    """The sentence, ending with a full stop."""


def indicator_name(indicator: Indicator, names: Mapping[str, str]) -> str:
    """The indicator as a noun phrase: the deck's ``names`` entry, else its title without
    'Number of' / 'Percentage of' and 'in the month' ('contacts')."""
    if indicator.key in names:
        return names[indicator.key]
    text = indicator.title.strip()
    for prefix in PREFIXES:
        if text.lower().startswith(prefix):
            text = text[len(prefix):]
            break
    for suffix in SUFFIXES:
        if text.lower().endswith(suffix):
            text = text[: -len(suffix)]
    return _lower_first(text)


def display_name(indicator: Indicator, names: Mapping[str, str]) -> str:
    """The indicator's name for titles and alt text: 'Contacts', 'Percentage of ...'."""
    name = indicator_name(indicator, names)
    return f"Percentage of {name}" if indicator.unit == "percent" else capitalise(name)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def suppressed(indicator: Indicator, value: float | None, disclosure: Disclosure) -> bool:
    """A count from 1 to ``threshold - 1`` when disclosure control is on."""
    return (disclosure.enabled and indicator.unit == "count" and value is not None
            and 0 < value < disclosure.threshold)


def statements_for(figures: Sequence[IndicatorFigures], period: Month, rules: StatementRules,
                   names: Mapping[str, str], disclosure: Disclosure) -> tuple[Statement, ...]:
    """The statements for a priority's indicators, in their order."""
    out = []
    for fig in figures:
        rule = notable_rule(fig, rules)
        if rule is None or _needs_suppressed(fig, rule, disclosure):
            continue
        out.append(Statement(fig.key, rule, statement_text(fig, rule, names, period)))
    return tuple(out)


def notable_rule(fig: IndicatorFigures, rules: StatementRules) -> Rule | None:
    """The first rule that makes ``fig`` notable, or ``None`` (see the module docstring)."""
    ind = fig.indicator
    if rules.target_crossed and fig.rag is not None:
        before = calc.rag(fig.previous.base, fig.target, ind.polarity, ind.amber_tolerance)
        if before is not None and (before is Rag.GREEN) != (fig.rag is Rag.GREEN):
            return Rule.TARGET_REACHED if fig.rag is Rag.GREEN else Rule.TARGET_MISSED
    if _big(fig.previous.pct, rules.month_change_pct) and _worth(fig, fig.previous.base, rules):
        return Rule.MONTH_CHANGE
    if (rules.red_worsening and fig.rag is Rag.RED and fig.direction is calc.Direction.WORSE
            and _big(fig.previous.pct, 1) and _visible(fig, fig.previous.base)):
        return Rule.RED_WORSENING
    if _big(fig.year_ago.pct, rules.year_change_pct) and _worth(fig, fig.year_ago.base, rules):
        return Rule.YEAR_CHANGE
    return None


def statement_text(fig: IndicatorFigures, rule: Rule, names: Mapping[str, str],
                   period: Month) -> str:
    """The sentence for ``fig`` picked by ``rule``, in the published style."""
    ind = fig.indicator
    name = indicator_name(ind, names)
    yearly = rule is Rule.YEAR_CHANGE
    change = fig.year_ago if yearly else fig.previous
    when = _month_name(period.shift(-12 if yearly else -1), period)
    value, base = _level(ind, fig.value), _level(ind, change.base)
    up = (fig.value or 0) > (change.base or 0)
    target = _level(ind, fig.target)
    if ind.unit == "percent":
        moved = f"{'up' if up else 'down'} from {base}"
        if rule is Rule.TARGET_REACHED:
            return f"The percentage of {name} has reached the target of {target}, " \
                   f"{moved} to {value} since {when}."
        if rule is Rule.TARGET_MISSED:
            return f"The percentage of {name} has fallen short of the target of {target}, " \
                   f"{moved} to {value} since {when}."
        return f"{value} of {name}, {moved} in {when}{_target_gap(fig)}."
    subject, verb = capitalise(name), "increased" if up else "reduced"
    if change.pct is None:
        text = f"{subject} went from {base} to {value} since {when}"
    elif yearly:
        text = f"{subject} {verb} by {_size(change.pct)} since {when}, " \
               f"{'up' if up else 'down'} to {value}"
    else:
        text = f"{subject} {verb} by {_size(change.pct)} to {value} since {when}"
    if rule is Rule.TARGET_REACHED:
        return f"{text}, reaching the target of {target}."
    if rule is Rule.TARGET_MISSED:
        return f"{text}, missing the target of {target} by {_gap(fig)}."
    return text + _target_gap(fig) + "."


def describe_rules(rules: StatementRules, wording: RuleWording) -> str:
    """The rule in one sentence, in the deck's ``wording``, for the data-notes slide."""
    parts = []
    if rules.target_crossed:
        parts.append(wording.target_crossed)
    parts.append(fill(wording.month_change, {"pct": f"{rules.month_change_pct:g}"}))
    if rules.red_worsening:
        parts.append(wording.red_worsening)
    parts.append(fill(wording.year_change, {"pct": f"{rules.year_change_pct:g}"}))
    return fill(wording.sentence, {"conditions": wording.separator.join(parts),
                                   "min_base": f"{rules.min_base:g}"})


def _big(pct: float | None, threshold: float) -> bool:
    return pct is not None and abs(round_half_away(pct)) >= threshold


def _worth(fig: IndicatorFigures, base: float | None, rules: StatementRules) -> bool:
    """A size-of-change rule applies: a visible change, from a count not too small."""
    small = fig.indicator.unit == "count" and base is not None and abs(base) < rules.min_base
    return not small and _visible(fig, base)


def _visible(fig: IndicatorFigures, base: float | None) -> bool:
    """The printed levels differ (a percentage quotes levels, not its relative change)."""
    return _level(fig.indicator, fig.value) != _level(fig.indicator, base)


def _needs_suppressed(fig: IndicatorFigures, rule: Rule, disclosure: Disclosure) -> bool:
    base = fig.year_ago.base if rule is Rule.YEAR_CHANGE else fig.previous.base
    return any(suppressed(fig.indicator, v, disclosure) for v in (fig.value, base))


def _level(ind: Indicator, value: float | None) -> str:
    return fmt.number(value, ind.decimals, ind.unit)


def _size(pct: float | None) -> str:
    return fmt.pct_change(None if pct is None else abs(pct))


def _target_gap(fig: IndicatorFigures) -> str:
    """', 4 above the target of 273' for a Red indicator; '' otherwise."""
    ind = fig.indicator
    if fig.rag is not Rag.RED or fig.target is None or fig.value is None:
        return ""
    points = " points" if ind.unit == "percent" else ""
    side = "above" if fig.value > fig.target else "below"
    return f", {_gap(fig)}{points} {side} the target of {_level(ind, fig.target)}"


def _gap(fig: IndicatorFigures) -> str:
    """How far the value is from the target, as a level without unit: '4'."""
    ind = fig.indicator
    return fmt.number(abs((fig.value or 0) - (fig.target or 0)), ind.decimals)


def _month_name(month: Month, period: Month) -> str:
    """'September' within the period's year, 'October 2022' otherwise."""
    day = month.first_day()
    return f"{day:%B}" if month.year == period.year else f"{day:%B %Y}"


def _lower_first(text: str) -> str:
    """Lower-case the first letter unless it starts an acronym or a capitalised phrase
    ('CLA placed', 'Early Help assessments', 'Section 47 enquiries' keep theirs)."""
    words = text.split()
    if not words:
        return text
    first = words[0]
    if sum(c.isupper() for c in first) > 1:
        return text
    following = words[1] if len(words) > 1 else ""
    if following[:1].isupper() or following[:1].isdigit():
        return text
    return text[:1].lower() + text[1:]
