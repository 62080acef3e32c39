"""The sample meeting built once per test session with the real LibreOffice, keeping the
work folder (the converted papers and their sources) for the tests that read them."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

import builder.pipeline.meeting
from builder.cli import app
from builder.parts import ReportParts
from builder.pipeline.checked import check_meeting
from builder.pipeline.reports import build_reports
from tests.conftest import CONFIG

MEETING = CONFIG / "meetings" / "2023-11-23.yaml"


@dataclass(frozen=True)
class SampleBuild:
    """``builder build`` of the sample meeting: outputs, what it printed, its work folder."""

    out: Path
    output: str
    work: Path


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> SampleBuild:
    root = tmp_path_factory.mktemp("sample")
    work = root / "work"
    work.mkdir()

    @contextlib.contextmanager
    def kept() -> Iterator[Path]:
        yield work

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(builder.pipeline.meeting, "_work", kept)
        result = CliRunner().invoke(app, ["build", str(MEETING), "--out", str(root / "out")])
    assert result.exit_code == 0, result.output
    return SampleBuild(root / "out", result.output, work)


def reports_with_template(meeting: Path, out: Path, template: Path | None = None
                          ) -> tuple[ReportParts, ...]:
    """Every report of ``meeting`` rendered into ``out``, from ``template`` when given (as a
    council's ``templates: {report: ...}`` would choose it)."""
    checked = check_meeting(meeting)
    inputs = checked.inputs
    if template is not None:
        inputs = dataclasses.replace(inputs, templates=dataclasses.replace(inputs.templates,
                                                                           report=template))
    return build_reports(inputs, out, checked.model)
