"""The app's build is the command line's: a second build with nothing changed is up to date at
once (nothing rewritten), and a change rebuilds through the cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.web import engine
from tests.web.support import MEETING

pytestmark = pytest.mark.libreoffice


class Stages:
    def __init__(self) -> None:
        self.seen: list[str] = []

    def started(self, stage: str) -> None:
        self.seen.append(stage)

    def finished(self, stage: str, seconds: float) -> None:
        pass


class DescribeTheAppsBuild:
    def it_finds_an_unchanged_meeting_up_to_date_and_rewrites_nothing(self, config: Path,
                                                                       tmp_path: Path) -> None:
        meeting, out = config / "meetings" / f"{MEETING}.yaml", tmp_path / "output" / MEETING
        first = engine.build(meeting, out, Stages())
        times = {p: p.stat().st_mtime_ns for p in first.outputs}
        stages = Stages()
        again = engine.build(meeting, out, stages)
        assert stages.seen == [engine.UP_TO_DATE]
        assert set(again.outputs) == set(first.outputs) and again.warnings == first.warnings
        assert {p: p.stat().st_mtime_ns for p in again.outputs} == times
