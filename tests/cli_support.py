"""Running the ``builder`` command line inside a test."""

from __future__ import annotations

import sys

import pytest

from builder.cli import main


def run_cli(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    """``builder ARGS...`` in this process; its exit code."""
    monkeypatch.setattr(sys, "argv", ["builder", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    return int(exited.value.code or 0)
