"""Stage progress: a reporter told when each stage starts and ends, and a timer of stages."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol


class Reporter(Protocol):
    """Told when each stage starts and ends (the command or the web app shows progress;
    library code never prints)."""

    def started(self, stage: str) -> None: ...

    def finished(self, stage: str, seconds: float) -> None: ...


class Quiet:
    """A reporter that reports nothing."""

    def started(self, stage: str) -> None:
        """Nothing to show."""

    def finished(self, stage: str, seconds: float) -> None:
        """Nothing to show."""


@dataclass
class Timer:
    """Times the stages of a run (a stage run twice, like conversion, adds up)."""

    reporter: Reporter = field(default_factory=Quiet)
    seconds: dict[str, float] = field(default_factory=dict)

    @contextlib.contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        self.reporter.started(stage)
        start = time.perf_counter()
        yield
        spent = time.perf_counter() - start
        self.seconds[stage] = self.seconds.get(stage, 0.0) + spent
        self.reporter.finished(stage, spent)
