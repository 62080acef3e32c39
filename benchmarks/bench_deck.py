"""Board deck build time: the October 2023 sample, and a generated 450-indicator deck.

``python -m benchmarks deck``. The large case also runs once without the part-name counter
(``builder.render.slides_template.counted_partnames``) to show what it saves: python-pptx walks
every part of the package for each new chart, workbook and notes slide.
"""

from __future__ import annotations

import contextlib
import random
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import yaml

from benchmarks.timing import Figure, measure
from builder.pipeline.data import compute_data
from builder.pipeline.deck import build_deck
from builder.pipeline.inputs import load_deck_inputs

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "config" / "decks" / "b4b-2023-10.yaml"
THEMES, PER_THEME = 6, 75
MONTHS = [f"{2021 + (9 + k) // 12}-{(9 + k) % 12 + 1:02d}" for k in range(25)]  # 2021-10..2023-10


def write_large_case(folder: Path) -> Path:
    """A catalogue of 6 x 75 indicators, 25 months of values, and a deck for all of them."""
    rng = random.Random(450)
    themes = [{"key": f"theme-{t}", "title": f"Priority {t + 1}",
               "statement": f"Statement of priority {t + 1}."} for t in range(THEMES)]
    indicators, rows = [], []
    for t in range(THEMES):
        for n in range(PER_THEME):
            key = f"ind_{t}_{n}"
            percent = n % 3 == 0
            level = rng.uniform(40, 95) if percent else rng.uniform(20, 2000)
            indicator: dict[str, Any] = {
                "key": key, "title": f"{'Percentage' if percent else 'Number'} of things "
                f"{t}.{n} in the month", "theme": f"theme-{t}",
                "unit": "percent" if percent else "count",
                "polarity": "higher_is_better" if n % 2 else "lower_is_better"}
            if n % 2:
                indicator["target"] = round(level)
            indicators.append(indicator)
            values = [max(0.0, level * rng.uniform(0.7, 1.3)) for _ in MONTHS]
            rows.append(",".join([key, *(f"{v:.1f}" if percent else f"{v:.0f}" for v in values)]))
    (folder / "indicators.yaml").write_text(yaml.safe_dump(
        {"source": "generated", "themes": themes, "indicators": indicators}), encoding="utf-8")
    (folder / "values.csv").write_text("\n".join([",".join(["indicator", *MONTHS]), *rows]) + "\n",
                                       encoding="utf-8")
    deck = {"period": MONTHS[-1], "purpose": "Benchmark deck.",
            "data": {"catalogue": "indicators.yaml", "values": ["values.csv"]},
            "priorities": [{"theme": t["key"], "outcome": "An outcome."} for t in themes]}
    path = folder / "deck.yaml"
    path.write_text(yaml.safe_dump(deck), encoding="utf-8")
    return path


@contextlib.contextmanager
def _walking_partnames(prs: Any) -> Iterator[None]:
    yield


def _deck(deck_yaml: Path, out: Path) -> Path:
    inputs = load_deck_inputs(deck_yaml)
    return build_deck(inputs, compute_data(inputs.data), out)


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        large = write_large_case(folder)
        out = folder / "out"
        figures = [
            measure("sample deck (64 indicators, 6 priorities)",
                    lambda: _deck(SAMPLE, out), runs=3),
            measure(f"generated deck ({THEMES * PER_THEME} indicators)",
                    lambda: _deck(large, out), runs=2, note="part-name counter"),
        ]
        with mock.patch("builder.render.slides.counted_partnames", _walking_partnames):
            figures.append(measure(f"generated deck ({THEMES * PER_THEME} indicators)",
                                   lambda: _deck(large, out), runs=1,
                                   note="python-pptx next_partname walk (unmitigated)"))
        return figures
