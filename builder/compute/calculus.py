"""The indicator calculus (DESIGN 4, spec C): pure functions on unrounded numbers."""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from builder.config.catalogue import Polarity

ARROW_THRESHOLD = 10


class Arrow(enum.Enum):
    """Key to direction of travel: change of at least 10% either way, or similar."""

    UP = "up"
    SIMILAR = "similar"
    DOWN = "down"
    NONE = "none"  # the change cannot be computed


class Rag(enum.Enum):
    GREEN = "Green"
    AMBER = "Amber"
    RED = "Red"


class Direction(enum.Enum):
    IMPROVED = "improved"
    NO_CHANGE = "no change"
    WORSE = "worse"
    UP = "up"
    DOWN = "down"


def round_half_away(x: float, ndigits: int = 0) -> float:
    """Round half away from zero (Excel's ROUND), not Python's banker's rounding.

    ``round_half_away(-9.5) == -10``; the decimal is taken from ``repr`` so 2.675 rounds to 2.68
    as a person reading the number expects."""
    quantum = Decimal(1).scaleb(-ndigits)
    rounded = Decimal(repr(x)).quantize(quantum, rounding=ROUND_HALF_UP)
    return float(rounded) + 0.0  # normalise -0.0 to 0.0


def pct_change(current: float | None, base: float | None) -> float | None:
    """(current - base) / base x 100; ``None`` when either is missing or the base is 0."""
    if current is None or base is None or base == 0:
        return None
    return (current - base) / abs(base) * 100


def arrow(change: float | None) -> Arrow:
    """Up at a rounded change of +10% or more, down at -10% or less, similar otherwise."""
    if change is None:
        return Arrow.NONE
    shown = round_half_away(change)
    if shown >= ARROW_THRESHOLD:
        return Arrow.UP
    if shown <= -ARROW_THRESHOLD:
        return Arrow.DOWN
    return Arrow.SIMILAR


def present_values(window: Sequence[float | None]) -> list[float]:
    return [v for v in window if v is not None and not math.isnan(v)]


def average(window: Sequence[float | None]) -> float | None:
    """Mean of the values present; the divisor shrinks when months are missing."""
    values = present_values(window)
    return sum(values) / len(values) if values else None


def maximum(window: Sequence[float | None]) -> float | None:
    values = present_values(window)
    return max(values) if values else None


def polarity_sign(polarity: Polarity) -> int:
    return {"higher_is_better": 1, "lower_is_better": -1, "neutral": 0}[polarity]


def direction_of_travel(current: float | None, previous: float | None,
                        polarity: Polarity) -> Direction | None:
    """sign((V(t) - V(t-1)) x polarity); neutral indicators only go up or down."""
    if current is None or previous is None:
        return None
    delta = current - previous
    if delta == 0:
        return Direction.NO_CHANGE
    sign = polarity_sign(polarity)
    if sign == 0:
        return Direction.UP if delta > 0 else Direction.DOWN
    return Direction.IMPROVED if delta * sign > 0 else Direction.WORSE


def rag(value: float | None, target: float | None, polarity: Polarity,
        amber_tolerance: float | None) -> Rag | None:
    """Green when the target is met (given polarity), Amber when missed by no more than the
    relative tolerance, Red otherwise; ``None`` without a value, a target or a polarity."""
    if value is None or target is None or polarity == "neutral":
        return None
    sign = polarity_sign(polarity)
    if (value - target) * sign >= 0:
        return Rag.GREEN
    if amber_tolerance is not None:
        miss = abs(value - target) / abs(target) if target else math.inf
        if miss <= amber_tolerance + 1e-12:
            return Rag.AMBER
    return Rag.RED


def ratio(numerator: float | None, denominator: float | None, scale: float) -> float | None:
    """numerator / denominator x scale; ``None`` when missing or dividing by zero."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator * scale


def rate(counts: Sequence[float | None], population: float, per: int) -> float | None:
    """Sum of the counts (all must be present) / population x per."""
    if not counts or any(c is None for c in counts):
        return None
    return sum(c for c in counts if c is not None) / population * per
