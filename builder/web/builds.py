"""Builds run from the app: one at a time per meeting, in a thread, with their progress kept for
the page to poll. A failed build leaves the last good outputs (and their thumbnails) in place."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from builder.errors import BuilderError, Problem
from builder.web import engine

PUBLIC_PACK = "agenda-pack-public.pdf"
THUMBNAILS = "thumbnails"
THUMBNAIL_PIXELS = 400
"""Longest side of a page picture: shown small in the list, readable when opened."""
THUMBNAIL_TIMEOUT = 300

Builder = Callable[[Path, Path, engine.Progress], engine.BuildOutcome]


@dataclass
class Stage:
    name: str
    seconds: float | None = None
    """None while it runs."""


@dataclass
class BuildState:
    """The progress of one build, read by the page while the thread writes it."""

    stages: list[Stage] = field(default_factory=list)
    running: bool = True
    ok: bool | None = None
    error: str = ""
    problems: tuple[Problem, ...] = ()
    warnings: tuple[str, ...] = ()
    started: float = field(default_factory=time.time)
    ended: float | None = None

    def started_stage(self, stage: str) -> None:
        self.stages.append(Stage(stage))

    def finished_stage(self, stage: str, seconds: float) -> None:
        for s in reversed(self.stages):
            if s.name == stage and s.seconds is None:
                s.seconds = seconds
                return
        self.stages.append(Stage(stage, seconds))

    @property
    def state(self) -> str:
        return "running" if self.running else "done" if self.ok else "failed"


class _Progress:
    def __init__(self, state: BuildState) -> None:
        self.state = state

    def started(self, stage: str) -> None:
        self.state.started_stage(stage)

    def finished(self, stage: str, seconds: float) -> None:
        self.state.finished_stage(stage, seconds)


class Builds:
    """The latest build of each meeting; starting one while it runs gives the running one."""

    def __init__(self, builder: Builder = engine.build) -> None:
        self.builder = builder
        self._lock = threading.Lock()
        self._states: dict[str, BuildState] = {}
        self._threads: dict[str, threading.Thread] = {}

    def latest(self, key: str) -> BuildState | None:
        return self._states.get(key)

    def start(self, key: str, meeting_yaml: Path, out_dir: Path, thumbs: Path) -> BuildState:
        with self._lock:
            current = self._states.get(key)
            if current is not None and current.running:
                return current
            state = self._states[key] = BuildState()
            thread = threading.Thread(target=self._run, name=f"build-{key}", daemon=True,
                                      args=(state, meeting_yaml, out_dir, thumbs))
            self._threads[key] = thread
            thread.start()
        return state

    def wait(self, key: str, timeout: float | None = None) -> None:
        """Until the meeting's build thread ends (tests and shutdown)."""
        thread = self._threads.get(key)
        if thread is not None:
            thread.join(timeout)

    def _run(self, state: BuildState, meeting_yaml: Path, out_dir: Path, thumbs: Path) -> None:
        progress = _Progress(state)
        try:
            outcome = self.builder(meeting_yaml, out_dir, progress)
            progress.started("page thumbnails")
            start = time.perf_counter()
            write_thumbnails(out_dir / PUBLIC_PACK, thumbs)
            progress.finished("page thumbnails", time.perf_counter() - start)
            state.warnings = outcome.warnings
            state.ok = True
        except BuilderError as exc:
            state.ok = False
            state.error = exc.message
            state.problems = engine.problems_of(exc, meeting_yaml)
        except Exception as exc:  # a bug in builder: said plainly, the app keeps serving
            state.ok = False
            state.error = f"internal error: {type(exc).__name__}: {exc}"
        finally:
            state.ended = time.time()
            state.running = False


def write_thumbnails(pdf: Path, folder: Path) -> None:
    """``page-N.png`` for every page of ``pdf`` (``pdftoppm``), replacing the folder's old ones
    only when all are made; no thumbnails when ``pdftoppm`` is missing."""
    if not pdf.is_file() or shutil.which("pdftoppm") is None:
        return
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".thumbs-", dir=folder.parent))
    try:
        subprocess.run(["pdftoppm", "-png", "-scale-to", str(THUMBNAIL_PIXELS), str(pdf),
                        str(work / "page")], check=True, capture_output=True,
                       timeout=THUMBNAIL_TIMEOUT)
        for made in work.glob("page-*.png"):  # pdftoppm pads numbers: page-007.png
            made.rename(work / f"page-{int(made.stem.split('-')[1])}.png")
        old = folder.with_name(f".old-{folder.name}")
        if folder.exists():
            folder.rename(old)
        work.rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    except (subprocess.SubprocessError, OSError):
        shutil.rmtree(work, ignore_errors=True)


def thumbnail_pages(folder: Path) -> list[int]:
    """The page numbers that have a thumbnail, in order."""
    if not folder.is_dir():
        return []
    return sorted(int(p.stem.split("-")[1]) for p in folder.glob("page-*.png")
                  if p.stem.split("-")[1].isdigit())
