"""The CLI computes the sample dataset (placeholder until the full suite lands)."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from tests.conftest import CONFIG


def test_indicators_writes_the_sample_dataset(tmp_path: Path) -> None:
    out = tmp_path / "ds.csv"
    run = subprocess.run(
        [sys.executable, "-m", "builder.cli", "indicators", "--catalogue",
         str(CONFIG / "indicators.yaml"), "--values", str(CONFIG / "values/b4b-2023-10.csv"),
         "--period", "2023-10", "--out", str(out)],
        capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    with out.open(encoding="utf-8") as handle:
        rows = {r["key"]: r for r in csv.DictReader(handle)}
    assert rows["contacts"]["pct_change_prev_display"] == "25%"
    assert rows["cin_plans"]["pct_change_year_display"] == "-38%"
