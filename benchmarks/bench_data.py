"""Load + compute (+ dataset table) for the sample and for a generated 450 x 120 workload.

The generated workload has 450 indicators over 120 months in a wide CSV (and the same as XLSX):
typed-in counts and percentages with 'no value' markers sprinkled in, derived percentages, and
point-in-time and rolling 12-month rates, so every code path of the engine is exercised.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import yaml
from openpyxl import Workbook

from benchmarks.timing import Figure, measure
from builder.compute.engine import compute
from builder.compute.periods import Month, months_ending
from builder.config.loader import load_catalogue
from builder.data.readers import read_values
from builder.present.dataset import dataset_table

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CATALOGUE = ROOT / "config" / "indicators.yaml"
SAMPLE_VALUES = ROOT / "config" / "values" / "b4b-2023-10.csv"
SAMPLE_PERIOD = Month(2023, 10)

INDICATORS = 450
MONTHS = 120
PERIOD = Month(2023, 10)
MARKERS = ("-", "n/a", "TBC", "New measure from Jan 16", "Not available")


def run() -> list[Figure]:
    figures = _workload("sample (64 indicators x 25 months)", SAMPLE_CATALOGUE, SAMPLE_VALUES,
                        SAMPLE_PERIOD)
    with tempfile.TemporaryDirectory() as tmp:
        catalogue, csv_values, xlsx_values = generate(Path(tmp))
        label = f"generated ({INDICATORS} indicators x {MONTHS} months)"
        figures += _workload(label, catalogue, csv_values, PERIOD)
        cat = load_catalogue(catalogue)
        figures.append(measure(f"{label}: load values from .xlsx",
                               lambda: read_values([xlsx_values], cat), runs=3))
    return figures


def _workload(label: str, catalogue: Path, values: Path, period: Month) -> list[Figure]:
    cat = load_catalogue(catalogue)
    vals = read_values([values], cat)
    model = compute(cat, vals, period)

    def everything() -> None:
        c = load_catalogue(catalogue)
        dataset_table(compute(c, read_values([values], c), period))

    return [
        measure(f"{label}: load catalogue", lambda: load_catalogue(catalogue), runs=5),
        measure(f"{label}: load values (.csv)", lambda: read_values([values], cat), runs=5),
        measure(f"{label}: compute", lambda: compute(cat, vals, period), runs=5,
                note=f"{len(model.warnings)} warnings"),
        measure(f"{label}: dataset table", lambda: dataset_table(model), runs=5),
        measure(f"{label}: load + compute + table", everything, runs=3),
    ]


def generate(folder: Path, seed: int = 2023, count: int = INDICATORS, span: int = MONTHS
             ) -> tuple[Path, Path, Path]:
    """Write a catalogue, a wide CSV and a wide XLSX of the generated workload (``count``
    indicators over ``span`` months) into ``folder``."""
    rng = random.Random(seed)
    months = months_ending(PERIOD, span)
    themes = [{"key": f"theme-{n}", "title": f"Theme {n}"} for n in range(6)]
    indicators: list[dict[str, object]] = []
    rows: list[list[object]] = []
    for n in range(count):
        key, theme = f"ind_{n:03d}", f"theme-{n % 6}"
        kind = n % 10
        base = {"key": key, "title": f"Indicator {n}", "theme": theme}
        if kind == 8 and n >= 2:  # derived percentage of the two typed-in counts before it
            indicators.append({**base, "unit": "percent", "polarity": "neutral", "derived": {
                "numerator": f"ind_{n - 2:03d}", "denominator": f"ind_{n - 1:03d}"}})
            continue
        if kind == 9:  # a rate of the count two places before: rolling every other time
            indicators.append({**base, "unit": "rate", "polarity": "lower_is_better",
                               "target": 600, "amber_tolerance": 0.05, "rate": {
                                   "of": f"ind_{n - 3:03d}", "population": "under_18",
                                   "rolling_months": 12 if n % 20 == 9 else 1}})
            continue
        percent = kind == 5
        indicators.append({**base, "unit": "percent" if percent else "count",
                           "polarity": rng.choice(["higher_is_better", "lower_is_better",
                                                   "neutral"]),
                           "target": 80 if percent else 300,
                           "benchmarks": {"england": 250}})
        level = rng.uniform(50, 95) if percent else rng.uniform(100, 2000)
        cells: list[object] = []
        for _ in months:
            if rng.random() < 0.03:
                cells.append(rng.choice(MARKERS))
            else:
                value = round(level * rng.uniform(0.85, 1.15), 1)
                cells.append(f"{value}%" if percent else f"{value:,.0f}")
        if n % 50 == 0 and span > 24:  # a new measure: no values before its last 24 months
            cells[:span - 24] = ["New measure from Oct 21"] * (span - 24)
        rows.append([key, *cells])
    catalogue = {"populations": {"under_18": 49300}, "benchmarks": {"england": "England"},
                 "themes": themes, "indicators": indicators}
    cat_path = folder / "catalogue.yaml"
    cat_path.write_text(yaml.safe_dump(catalogue, sort_keys=False), encoding="utf-8")
    header = ["indicator", *(m.label() for m in months)]
    csv_path = folder / "values.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        import csv

        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    xlsx_path = folder / "values.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["indicator", *(m.first_day() for m in months)])
    for row in rows:
        sheet.append([_excel(c) for c in row])
    book.save(xlsx_path)
    return cat_path, csv_path, xlsx_path


def _excel(cell: object) -> object:
    """Numbers as numbers (percentages as 0-100), markers as text, as analysts type them."""
    if isinstance(cell, str):
        try:
            return float(cell.rstrip("%").replace(",", ""))
        except ValueError:
            return cell
    return cell
