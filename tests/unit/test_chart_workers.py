"""The chart workers run builder's drawing only: a program that draws charts (or builds a
meeting) has its top-level code run once, by itself, even without ``if __name__ ==
"__main__"`` (multiprocessing would have every worker import the program again)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

UNGUARDED = """
import os, sys
from pathlib import Path
from builder.present.chart_spec import ChartSpec
from builder.render.charts import draw_charts

print("top level", os.getpid(), flush=True)
specs = [ChartSpec(f"k{n}", f"Chart {n}", tuple(f"M{m}" for m in range(12)),
                   tuple(float(m + n) for m in range(12)), None, False, "A rising line", "Target")
         for n in range(10)]
print("drawn", len(draw_charts(specs, Path(sys.argv[1]))), flush=True)
"""


def test_a_program_without_a_main_guard_runs_its_top_level_once(tmp_path: Path) -> None:
    script = tmp_path / "unguarded.py"
    script.write_text(UNGUARDED, encoding="utf-8")
    run = subprocess.run([sys.executable, str(script), str(tmp_path / "charts")],  # noqa: S603
                         capture_output=True, text=True, timeout=120, check=False)
    lines = run.stdout.splitlines()
    assert run.returncode == 0, run.stderr
    assert [line.split()[0] for line in lines] == ["top", "drawn"]
    assert lines[1] == "drawn 10"
    assert len(list((tmp_path / "charts").glob("*.png"))) == 10
