"""Shared fixtures. LibreOffice tests skip only where soffice is truly absent, never in CI."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from builder.cli import main

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "config"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
OUTSIDE = (CONFIG, FIXTURES)
"""The folders a test meeting outside ``config/`` may read (``--allow-outside``): the fixture
meetings are config folders of their own that use the sample's data and appendices."""


def edited_sample(root: Path, name: str, edit: Callable[[Any], None]) -> Path:
    """``config/NAME`` in a copy of the sample configuration made under ``root``, its YAML
    changed by ``edit`` (which changes the loaded data in place)."""
    config = root / "config"
    shutil.copytree(CONFIG, config)
    path = config / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if shutil.which("soffice"):
        return
    if os.environ.get("BUILDER_REQUIRE_LIBREOFFICE") or os.environ.get("CI"):
        raise pytest.UsageError("LibreOffice (soffice) is required here but not installed")
    skip = pytest.mark.skip(reason="LibreOffice (soffice) is not installed on this machine")
    for item in items:
        if "libreoffice" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@dataclass(frozen=True)
class Run:
    """What one command line did: exit code, standard output and error."""

    code: int
    out: str
    err: str


Cli = Callable[..., Run]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run ``builder ARGS`` in this process through ``builder.cli.main``."""
    monkeypatch.setenv("COLUMNS", "1000")  # one problem per line, however long

    def run(*args: str) -> Run:
        monkeypatch.setattr(sys, "argv", ["builder", *args])
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = 0 if exc.code is None else int(exc.code)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
