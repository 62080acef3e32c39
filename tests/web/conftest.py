"""Fixtures for the web app's in-process tests: a config copy and a client on it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from builder.errors import AssemblyError
from builder.web.app import Settings, create_app
from builder.web.builds import Builds
from builder.web.engine import BuildOutcome, Progress
from tests.web.support import copy_config, pdf


class FakeBuilder:
    """Stands in for the engine's build: two stages, a 2-page public pack and a manifest;
    ``fail`` makes the next build fail, ``hold`` keeps it running until released."""

    def __init__(self) -> None:
        self.fail = False
        self.hold: threading.Event | None = None
        self.runs = 0

    def __call__(self, meeting_yaml: Path, out_dir: Path, progress: Progress) -> BuildOutcome:
        self.runs += 1
        progress.started("load and compute")
        if self.hold is not None:
            self.hold.wait(10)
        progress.finished("load and compute", 0.1)
        if self.fail:
            raise AssemblyError("LibreOffice stopped", hint="Try again.")
        out_dir.mkdir(parents=True, exist_ok=True)
        pdf(out_dir / "agenda-pack-public.pdf", 2)
        (out_dir / "manifest.json").write_text("{}", encoding="utf-8")
        (out_dir / "item-07-building-for-brilliance.docx").write_bytes(b"PK\x03\x04 docx")
        return BuildOutcome(tuple(sorted(out_dir.iterdir())), ("a data warning",))


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return copy_config(tmp_path / "config")


@pytest.fixture
def fake_builder() -> FakeBuilder:
    return FakeBuilder()


@pytest.fixture
def builds(fake_builder: FakeBuilder) -> Builds:
    return Builds(fake_builder)


@pytest.fixture
def client(config: Path, builds: Builds) -> Iterator[TestClient]:
    app = create_app(Settings(config, allowed_hosts=("testserver",)), builds)
    with TestClient(app) as test_client:
        yield test_client
