"""Shared fixtures. LibreOffice tests skip only where soffice is truly absent, never in CI."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "config"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


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
