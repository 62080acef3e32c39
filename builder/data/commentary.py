"""Commentary files: ``indicator,period,text`` CSV or YAML (DESIGN 3.3)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from builder.compute.model import Commentary
from builder.compute.periods import Month, parse_month_header
from builder.config.catalogue import Catalogue
from builder.config.loader import read_yaml
from builder.core.text import NO_CONTROL, xml_invalid
from builder.errors import DataError, Problem, raise_if_any

REQUIRED = {"indicator", "period", "text"}


def read_commentary(paths: list[Path], catalogue: Catalogue, period: Month
                    ) -> dict[str, Commentary]:
    """The latest commentary at or before ``period`` for each indicator, across all files."""
    keys = {i.key for i in catalogue.indicators}
    found: dict[str, Commentary] = {}
    problems: list[Problem] = []
    for path in paths:
        for where, key, month_raw, text, source in _entries(path, problems):
            month = parse_month_header(month_raw)
            if key not in keys:
                problems.append(Problem(str(path), where, f"unknown indicator '{key}'",
                                        "a key from the catalogue"))
            elif month is None:
                problems.append(Problem(str(path), where, f"'{month_raw}' is not a month",
                                        "YYYY-MM, e.g. 2023-10"))
            elif not text.strip():
                problems.append(Problem(str(path), where, "empty commentary text",
                                        "some words, or leave the row out"))
            elif bad := xml_invalid(text):
                problems.append(Problem(str(path), where, bad, NO_CONTROL))
            elif month.end <= period.end and (key not in found
                                              or found[key].period.end <= month.end):
                found[key] = Commentary(month, text.strip(), source.strip() or None)
    raise_if_any(problems, DataError, "the commentary cannot be used")
    return found


def _entries(path: Path, problems: list[Problem]) -> list[tuple[str, str, Any, str, str]]:
    """(where, indicator, period, text, source) of every entry; ``source`` (who wrote it, e.g.
    CMT or LSCB) is optional."""
    if not path.is_file():
        problems.append(Problem(str(path), "", "file not found"))
        return []
    if path.suffix.lower() in (".yaml", ".yml"):
        data = read_yaml(path)
        if not isinstance(data, list):
            problems.append(Problem(str(path), "", "expected a list of entries",
                                    "- {indicator: KEY, period: YYYY-MM, text: ...}"))
            return []
        out = []
        for n, item in enumerate(data):
            if not isinstance(item, dict) or not (
                    REQUIRED <= set(item) <= {*REQUIRED, "source"}):
                problems.append(Problem(str(path), f"[{n}]", "entry must have exactly the keys "
                                        "indicator, period, text", "indicator, period, text "
                                        "(and optionally source)"))
                continue
            out.append((f"[{n}]", str(item["indicator"]), str(item["period"]), str(item["text"]),
                        str(item.get("source") or "")))
        return out
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError:
        problems.append(Problem(str(path), "", "not UTF-8 text", "save the CSV as UTF-8"))
        return []
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        problems.append(Problem(str(path), "", f"not a readable CSV: {exc}",
                                "indicator,period,text"))
        return []
    if list(frame.columns) not in (["indicator", "period", "text"],
                                   ["indicator", "period", "text", "source"]):
        problems.append(Problem(str(path), "row 1", f"header is {list(frame.columns)}",
                                "indicator,period,text"))
        return []
    return [(f"row {n + 2}", str(r["indicator"]), r["period"], str(r["text"]),
             str(r.get("source", "")))
            for n, r in enumerate(frame.to_dict("records"))]
