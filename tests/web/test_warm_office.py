"""``builder serve`` keeps LibreOffice warm: each build adopts instances started after the one
before, so it skips their start-up, and the instances it used are stopped (memory never grows)."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.pipeline.progress import Quiet
from builder.web import engine


class DescribeWarmBuilds:
    def it_starts_the_next_builds_instances_after_each_build_even_a_failed_one(
            self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        events: list[str] = []
        outcome = engine.BuildOutcome((), ())

        def build(meeting: Path, out: Path, progress: engine.Progress) -> engine.BuildOutcome:
            events.append("build")
            if meeting.name == "bad.yaml":
                raise RuntimeError("failed")
            return outcome

        monkeypatch.setattr(engine, "build", build)
        monkeypatch.setattr(engine, "start_early", lambda n: events.append(f"start {n}"))
        assert engine.warm_build(tmp_path / "good.yaml", tmp_path, Quiet()) is outcome
        with pytest.raises(RuntimeError):
            engine.warm_build(tmp_path / "bad.yaml", tmp_path, Quiet())
        assert events == ["build", "start 2", "build", "start 2"]
