"""Run a hostile case in a child process under a memory limit, so that a regression fails fast
instead of eating the machine (issue 15)."""

from __future__ import annotations

import resource
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

MEMORY_BYTES = 1_000_000_000
"""Address space of the child: builder's imports take about 300 MB of it."""


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def run_builder(args: Sequence[str], cwd: Path, seconds: float = 30,
                env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``builder ARGS`` in a child process with bounded memory and time."""
    return run_python(["-m", "builder.cli", *args], cwd, seconds, env)


def run_python(args: Sequence[str], cwd: Path, seconds: float = 30,
               env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` in a child process with bounded memory and time."""
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=seconds,
        preexec_fn=_limit_memory, env=env, check=False)
