"""Fixtures shared by the unit tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.report_samples import render_published


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The SEND report rendered by the real template, in the published format (check-report
    finds nothing in it); tests plant defects in copies."""
    return render_published(tmp_path_factory.mktemp("published"))
