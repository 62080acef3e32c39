"""Column widths for wide data tables: no heading word, ref or figure broken inside itself.

Words are measured with the metrics of Liberation Sans (metric-compatible with Arial, the
template's table font) when the font is installed (Debian ``fonts-liberation``), else estimated.
Each column gets at least the width of its widest unbreakable text plus the cell margins; text
columns (indicator, outcome, commentary, names) share what is left of the page. When even the
minimums do not fit, the text gets smaller in half points, down to ``MIN_POINTS``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/liberation")
TWIPS_PER_POINT = 20
STYLE_MARGIN = 57  # the Dataset Table style's left and right cell margins, in twips
COMPACT_MARGIN = 28  # cell margins of a table that does not fit with the style's
AIR = 20
MIN_POINTS = 5.0
NOMINAL = {"ref": 397, "title": 1800, "name": 600, "prose": 1000, "value": 482, "change": 600,
           "flag": 300, "rag": 500}
"""Least width of each class of column, in twips (values wider than their text get these)."""
FLEX = {"title": 3, "prose": 2, "name": 1}
"""Share of the spare width each text column gets."""
WHOLE = frozenset({"ref", "value", "change", "flag", "rag"})
"""Classes whose cells are never wrapped (refs, figures, changes, marks)."""
LONG_REF = 14  # longer refs ('Adoption Scorecard A4') may wrap between their words
LONGEST_WORD = 1400  # a longer word in a cell (a web address) may break rather than widen it
LONG_FIGURE = 10  # longer value cells are reasons ('Pending data accuracy work'), which wrap


@dataclass(frozen=True)
class Fit:
    """How a table fits the page: column widths and cell margins in twips, text size in points."""

    widths: tuple[int, ...]
    points: float
    margin: int


def fit_widths(usable: int, kinds: Sequence[str], header: Sequence[str],
               rows: Sequence[Sequence[str]], points: float) -> Fit:
    """How a table ``usable`` twips wide fits, at ``points`` if it can."""
    size = points
    while True:
        for margin in (STYLE_MARGIN, COMPACT_MARGIN):
            least = [_least(kind, head, [r[n] for r in rows], size, margin)
                     for n, (kind, head) in enumerate(zip(kinds, header, strict=True))]
            if sum(least) <= usable or (size <= MIN_POINTS and margin == COMPACT_MARGIN):
                return Fit(_spread(least, kinds, usable), size, margin)
        size -= 0.5


def _least(kind: str, heading: str, cells: Sequence[str], points: float, margin: int) -> int:
    texts: list[str] = []
    for cell in cells:
        if kind == "ref":
            texts.extend([cell] if len(cell) <= LONG_REF else _words(cell))
        elif kind in WHOLE:
            figure, bracket, note = cell.partition(" (")  # '7.1% (4 quarters)': the note wraps
            whole = len(figure) <= LONG_FIGURE  # 'New measure from Aug 16' may wrap too
            texts.extend([figure, *_words(bracket.strip() + note)] if whole else _words(cell))
        else:  # names and text wrap between words, never inside one ('Bullingham')
            texts.extend(_words(cell))
    widest = max([text_width(word, points, bold=True) for word in _words(heading)]
                 + [min(text_width(text, points), LONGEST_WORD) for text in texts], default=0)
    nominal = NOMINAL[kind] * points / 7
    if margin != STYLE_MARGIN and kind in FLEX:  # a crowded table: text columns give way first
        nominal /= 2
    return max(round(nominal), widest + 2 * margin + AIR)


def _words(text: str) -> list[str]:
    """What a line may break between: words parted by spaces (a no-break space joins them)."""
    return [word for word in re.split(r"[ \t\n]+", text) if word]


def _spread(least: list[int], kinds: Sequence[str], usable: int) -> tuple[int, ...]:
    spare = usable - sum(least)
    weights = [FLEX.get(k, 0) for k in kinds]
    if spare <= 0 or not any(weights):
        return tuple(least)
    total = sum(weights)
    widths = [w + spare * weight // total for w, weight in zip(least, weights, strict=True)]
    return tuple(widths)


def text_width(text: str, points: float, bold: bool = False) -> int:
    """Width of ``text`` in twips at ``points`` (Arial metrics)."""
    font = _font(bold)
    if font is None:
        return round(len(text) * points * (0.62 if bold else 0.56) * TWIPS_PER_POINT)
    return round(font.getlength(text) / 100 * points * TWIPS_PER_POINT)


@cache
def _font(bold: bool) -> ImageFont.FreeTypeFont | None:
    path = FONT_DIR / f"LiberationSans-{'Bold' if bold else 'Regular'}.ttf"
    return ImageFont.truetype(str(path), 100) if path.is_file() else None
