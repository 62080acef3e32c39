"""The sample meeting built twice (``builder build`` into two folders): every paper byte for
byte the same, and the manifests the same but for the build time and the stage timings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builder.cli import app
from tests.conftest import CONFIG

pytestmark = pytest.mark.libreoffice

MEETING = CONFIG / "meetings" / "2023-11-23.yaml"
RUN_FACTS = ("built_at", "seconds")


def build(out: Path) -> dict[str, bytes]:
    # no cache: the second build must make every file again, not copy the first one's
    result = CliRunner().invoke(app, ["build", str(MEETING), "--out", str(out), "--no-cache"])
    assert result.exit_code == 0, result.output
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def without_run_facts(manifest: bytes) -> dict[str, object]:
    facts = json.loads(manifest)
    return {k: v for k, v in facts.items() if k not in RUN_FACTS}


class DescribeTwoBuildsOfTheSameMeeting:
    def it_writes_the_same_bytes_for_every_paper(self, tmp_path: Path) -> None:
        first, second = build(tmp_path / "one"), build(tmp_path / "two")
        assert sorted(first) == sorted(second)
        kinds = {Path(name).suffix for name in first}
        assert {".docx", ".pptx", ".xlsx", ".pdf"} <= kinds
        differing = [name for name in first
                     if name != "manifest.json" and first[name] != second[name]]
        assert differing == []
        assert without_run_facts(first["manifest.json"]) == \
            without_run_facts(second["manifest.json"])
