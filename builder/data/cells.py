"""One cell of analysts' data: a number, a 'no value' marker (kept as the reason), or an error."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from builder.core.limits import LIMITS

# format-spec F: whole-cell markers meaning "no value" (compared case-insensitively, after
# collapsing spaces; Cyrillic look-alikes of TBC are included as printed in the sources).
MARKERS = frozenset({
    "", "-", "--", "–", "—", "n/a", "na", "n.a.", "- n/a", "tbc", "твс", "tbc.", "local",
    "local measure", "not available", "no comparator", "no data", "new measure",
    "not yet published", "no standard method of counting", "pending data accuracy work", "null",
    "not applicable", "nil return", "c", "suppressed", "inc in the 16-19 fig", "pre 2022 figs only",
})
# markers that begin a longer explanation ("New measure from Sep 16", "n/a Yearly", ...)
MARKER_PREFIXES = (
    "new measure", "new -", "old measure", "not yet", "not available", "system changes",
    "pending ", "only available", "n/a ", "no data", "no comparator", "tbc ", "local measure",
)
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d+)?|\.\d+)$")
_EXPONENT = re.compile(r"^[+-]?\d+(\.\d+)?[eE][+-]?\d+$")


@dataclass(frozen=True)
class Cell:
    """A parsed cell: ``value`` when it is a number, else ``marker`` (the text as written). A
    number written with words ('88% as of April 1st 2014') has both: the value for calculations,
    the marker to print."""

    value: float | None
    marker: str | None = None


class CellError(ValueError):
    """The cell is neither a number nor a recognised 'no value' marker."""


def is_marker(text: str) -> bool:
    norm = " ".join(text.split()).lower()
    return norm in MARKERS or norm.startswith(MARKER_PREFIXES)


def parse_cell(raw: object) -> Cell:
    """Parse one cell; numbers may carry ``%``, thousands separators and surrounding spaces."""
    if raw is None:
        return Cell(None, "")
    if isinstance(raw, bool):
        raise CellError(f"'{raw}' is a true/false value, not a number")
    if isinstance(raw, int | float):
        if isinstance(raw, float) and math.isnan(raw):
            return Cell(None, "")
        return _number(raw)
    text = " ".join(str(raw).split())
    if _PLAIN.match(text):  # the common case first: a plain number
        return _number(text)
    if is_marker(text):
        return Cell(None, text)
    number = text[:-1].rstrip() if text.endswith("%") else text
    if _PLAIN.match(number) or _EXPONENT.match(number):
        return _number(number)
    if _THOUSANDS.match(number):
        return _number(number.replace(",", ""))
    qualified = qualified_number(text)
    if qualified is not None:
        return Cell(_number(qualified).value, text)
    raise CellError(f"'{text}' is not a number or a recognised 'no value' marker")


# a number, then words that qualify it, in brackets, after a * or 'as of': '88% as of April 1st
# 2014', '645 (3-year average)', '80% *Prov (2014)', '66.4% (amended from 68.9%)' (format-spec
# F, 'value with qualifier'); prose such as '6 young people subject to MAPPA' stays an error
_QUALIFIED = re.compile(r"^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)%?\s+"
                        r"(\(.*\)|\*.*|as (?:of|at) .*)$", re.IGNORECASE)
_AMENDED = re.compile(r"\(amended from\s+([+-]?[\d,]*\.?\d+)\s*%?\)", re.IGNORECASE)


def qualified_number(text: str) -> float | None:
    """The number of a cell written as a number and words about it, or ``None``."""
    match = _QUALIFIED.match(text)
    return float(match.group(1).replace(",", "")) if match else None


def amended_from(text: str | None) -> float | None:
    """68.9 for '66.4% (amended from 68.9%)': the figure a cell says it replaced."""
    match = _AMENDED.search(text or "")
    return float(match.group(1).replace(",", "")) if match else None


def _number(raw: int | float | str) -> Cell:
    """A finite number no larger than ``LIMITS.max_magnitude`` (or a CellError)."""
    try:
        value = float(raw)
    except OverflowError:  # an int of hundreds of digits
        value = math.inf
    if not math.isfinite(value) or abs(value) > LIMITS.max_magnitude:
        if isinstance(raw, int):  # str() of an int over 4,300 digits is refused by Python
            digits = int(raw.bit_length() * math.log10(2)) + 1
            shown = f"'{raw}'" if digits <= 24 else f"a {digits}-digit number"
        else:
            shown = f"'{raw}'" if len(str(raw)) <= 24 else f"a {len(str(raw))}-character number"
        if math.isinf(value) and not isinstance(raw, str | int):
            raise CellError(f"{shown} is an infinite number")
        raise CellError(f"{shown} is larger than {LIMITS.max_magnitude:g} (see docs/limits.md)")
    return Cell(value)


VALID_CELL = "a number (e.g. 1,922, 21%, 14.5) or a marker such as -, n/a, TBC, New measure ..."
