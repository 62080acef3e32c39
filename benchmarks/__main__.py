"""Run the benchmark modules and print a table of figures."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table


def main(names: list[str]) -> None:
    here = Path(__file__).parent
    available = sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules([str(here)])
                       if m.name.startswith("bench_"))
    chosen = names or available
    unknown = [n for n in chosen if n not in available]
    if unknown:
        sys.exit(f"unknown benchmark(s) {', '.join(unknown)}; available: {', '.join(available)}")
    table = Table(title="builder benchmarks (median wall-clock seconds)")
    for column in ("benchmark", "case", "seconds", "runs", "note"):
        table.add_column(column)
    console = Console(width=None if sys.stdout.isatty() else 140)
    for name in chosen:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        for figure in module.run():
            table.add_row(name, figure.label, f"{figure.seconds:.3f}", str(figure.runs),
                          figure.note)
            console.print(f"{name}: {figure.label}: {figure.seconds:.3f} s", highlight=False)
    console.print(table)


if __name__ == "__main__":
    main(sys.argv[1:])
