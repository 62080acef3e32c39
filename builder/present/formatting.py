"""Numbers, changes, arrows, RAG and dates as the panel's papers print them."""

from __future__ import annotations

import datetime as dt

from builder.compute.calculus import Arrow, Direction, Rag, round_half_away
from builder.config.catalogue import Unit
from builder.config.wording import Meanings

MISSING = "-"
NOT_APPLICABLE = "n/a"

ARROW_GLYPHS = {Arrow.UP: "↑", Arrow.SIMILAR: "⇒", Arrow.DOWN: "↓", Arrow.NONE: "-"}


def number(value: float | None, decimals: int = 0, unit: Unit = "count",
           missing: str = MISSING) -> str:
    """``1,922``; ``21%``; ``14.21``: thousands separators, fixed decimals, half away from zero."""
    if value is None:
        return missing
    shown = round_half_away(value, decimals)
    text = f"{shown:,.{decimals}f}"
    if text.startswith("-") and float(text.replace(",", "").replace("-", "")) == 0:
        text = text[1:]
    return f"{text}%" if unit == "percent" else text


def pct_change(pct: float | None) -> str:
    """A whole-number % change, ``-38%``, or ``n/a`` when it cannot be computed."""
    if pct is None:
        return NOT_APPLICABLE
    return f"{round_half_away(pct):.0f}%"


def arrow(value: Arrow) -> str:
    return ARROW_GLYPHS[value]


def arrow_meaning(value: Arrow, meanings: Meanings) -> str:
    """What ``value`` means, in the council's words."""
    return {Arrow.UP: meanings.up, Arrow.SIMILAR: meanings.similar, Arrow.DOWN: meanings.down,
            Arrow.NONE: meanings.none}[value]


def rag_meaning(value: Rag, meanings: Meanings) -> str:
    """What ``value`` means, in the council's words."""
    return {Rag.GREEN: meanings.green, Rag.AMBER: meanings.amber, Rag.RED: meanings.red}[value]


def rag_label(value: Rag | None) -> str:
    return value.value if value else ""


def direction(value: Direction | None) -> str:
    return value.value if value else ""


def long_date(day: dt.date) -> str:
    """``31 October 2023``."""
    return f"{day.day} {day:%B %Y}"


def weekday_date(day: dt.date) -> str:
    """``Wednesday, 15 November 2023`` (the agenda's issue line)."""
    return f"{day:%A}, {long_date(day)}"


def upper_date(day: dt.date) -> str:
    """``23 NOVEMBER 2023`` (DATE OF DECISION)."""
    return long_date(day).upper()


def short_date(day: dt.date) -> str:
    """``28/09/23`` (the monitoring tracker's Date column)."""
    return f"{day:%d/%m/%y}"


def excel_number_format(unit: Unit, decimals: int) -> str:
    """``#,##0`` / ``0.0"%"``: an Excel/chart number format showing values as tables print them
    (percentages are stored 0-100, so the % sign is literal)."""
    base = "#,##0" + ("." + "0" * decimals if decimals else "")
    return base + '"%"' if unit == "percent" else base
