"""Timing helpers shared by the benchmark modules."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One measured figure: a label, the median seconds, and how many runs it is the median of."""

    label: str
    seconds: float
    runs: int = 1
    note: str = ""


def measure(label: str, fn: Callable[[], object], runs: int = 3, note: str = "") -> Figure:
    """Median wall-clock seconds of ``runs`` calls of ``fn``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return Figure(label, statistics.median(times), runs, note)
