"""Trend charts for Word appendices: matplotlib ``Figure`` on the Agg canvas, RGB PNG (DESIGN 8).

No pyplot state, no ``tight_layout``/``bbox_inches``: a fixed figure size and fixed margins, so
every chart costs the same and looks the same. Several charts are drawn by a pool of two
processes (terminated with the block that uses them, so a stopped build leaves none behind); a
handful are drawn in this process (a pool costs more than it saves). A chart's file
name is a hash of its data and of the drawing code's version, so a folder of charts is a cache;
each chart is sealed with the hash of its bytes, and one whose seal does not match is drawn
again, never used.

The pool's workers are forked from a fork server (multiprocessing's ``forkserver``) that has
imported matplotlib and built the figure once (:mod:`builder.render.chart_server`), so no
worker pays for either; ``start_server`` starts it early (``builder build`` does, before its
own imports, while a core would otherwise be idle). The workers do not import the program's
main module again, as multiprocessing would have each do (see :func:`_context`).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import math
import multiprocessing
import multiprocessing.context
import multiprocessing.forkserver
import multiprocessing.pool
import multiprocessing.spawn
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from PIL import Image

from builder.outputs import atomic_file
from builder.present.chart_spec import ChartSpec
from builder.stopping import deferred

WIDTH_IN, HEIGHT_IN, DPI = 3.6, 2.1, 150
STYLE_VERSION = "2"  # change when the drawing changes: cached charts are then redrawn
MAX_TICK_LABELS = 13
TICK_STEPS = (2, 3, 4, 6, 12, 24, 60)
"""Month labels on the x axis: every other month up to 26 months; for longer series every
3rd, 4th, 6th or 12th (the same months each year), at most 13, so that they stay legible (and
a chart of ten years costs about what one of two does: drawing text is most of its cost)."""
POOL_FROM = 8
WORKERS = 2
SEAL = ".sha256"
"""A chart's seal is its file name with this added (:func:`seal_of`)."""
SERVER_MODULE = "builder.render.chart_server"
"""Imported by the fork server before it forks any worker (see the module doc)."""
NICENESS = 10
"""The fork server's and so its workers' (charts are needed only when the dataset appendix is
rendered; the deck, rendered meanwhile, is needed by LibreOffice first): sample build
9.08 -> 8.89 s, medians of 5 alternated, every pair faster."""
MAIN_ENV = "BUILDER_CHART_SERVER_MAIN"
"""How the fork server learns which main module its workers must not import again."""
STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}
TERMINATE_SECONDS = 5.0
LINE = "#1F4E79"
TARGET = "#9C0006"


def chart_name(spec: ChartSpec) -> str:
    """A file name from the chart's content: the same data gives the same file."""
    key = f"{STYLE_VERSION}|{WIDTH_IN}|{HEIGHT_IN}|{DPI}|{spec!r}"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return f"chart-{spec.key}-{digest}.png"


def month_ticks(months: int) -> list[int]:
    """The indexes of the months labelled on the x axis (see TICK_STEPS)."""
    step = next((k for k in TICK_STEPS if months <= k * MAX_TICK_LABELS), max(1, months))
    return list(range(0, months, step))


def default_cache_dir() -> Path:
    """``$BUILDER_CACHE_DIR/charts``, or ``~/.cache/builder/charts``."""
    base = os.environ.get("BUILDER_CACHE_DIR") or str(Path.home() / ".cache" / "builder")
    return Path(base) / "charts"


def draw_charts(specs: Sequence[ChartSpec], out_dir: Path) -> dict[str, Path]:
    """Draw every chart not already in ``out_dir``; returns the PNG of each indicator key."""
    todo = _todo(specs, out_dir)
    if len(todo) >= POOL_FROM:
        # leaving the block ends the workers, also when a stop signal unwinds it
        with _workers() as pool:
            pool.map(_draw_job, todo, chunksize=_chunk(todo))
    else:
        for job in todo:
            _draw_job(job)
    return {spec.key: out_dir / chart_name(spec) for spec in specs}


@contextlib.contextmanager
def drawn_ahead(specs: Sequence[ChartSpec], out_dir: Path) -> Iterator[Callable[[], object]]:
    """Start drawing the charts of ``specs`` not already in ``out_dir`` in the workers while
    the block does other work; the block gets a function that waits until they are drawn
    (``draw_charts`` then finds them). Leaving the block waits for them too, or ends the
    workers when it is unwound. A handful are left to ``draw_charts``."""
    todo = _todo(specs, out_dir)
    if len(todo) < POOL_FROM:
        yield lambda: None
        return
    with _workers() as pool:
        yield pool.map_async(_draw_job, todo, chunksize=_chunk(todo)).get


def _todo(specs: Sequence[ChartSpec], out_dir: Path) -> list[tuple[ChartSpec, Path]]:
    """The charts of ``specs`` not drawn into ``out_dir`` yet, each once; those drawn are
    marked used now (a bounded cache removes those used longest ago first)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    todo: dict[Path, tuple[ChartSpec, Path]] = {}
    for spec in specs:
        path = out_dir / chart_name(spec)
        if not sealed(path):
            todo[path] = (spec, path)
        else:
            with contextlib.suppress(OSError):
                os.utime(seal_of(path))
    return list(todo.values())


def sealed(path: Path) -> bool:
    """The chart at ``path`` is the one its seal (``<name>.sha256``, written once the chart
    was) describes: drawn whole, by this code, under this name. A truncated or altered file, a
    foreign one (another chart's file and seal copied under this name) or one without a seal
    is not, and is drawn again."""
    try:
        name, digest = seal_of(path).read_text(encoding="ascii").split()
        data = path.read_bytes()
    except (OSError, ValueError, UnicodeDecodeError):
        return False
    return name == path.name and hashlib.sha256(data).hexdigest() == digest


def seal_of(chart: Path) -> Path:
    """The seal of the chart at ``chart`` (see :func:`sealed`)."""
    return chart.with_name(chart.name + SEAL)


def _chunk(todo: Sequence[object]) -> int:
    return max(1, len(todo) // (4 * WORKERS))


@contextlib.contextmanager
def _workers() -> Iterator[multiprocessing.pool.Pool]:
    """The pool for a block: closed and joined when the block ends; when it is unwound (a stop
    signal, an error), the workers are killed first and the pool's own clean-up is given
    ``TERMINATE_SECONDS`` (it waits on a queue lock a worker may hold, so it cannot be left to
    hold the build up)."""
    pool = _pool()
    try:
        yield pool
    except BaseException:
        for worker in multiprocessing.active_children():
            worker.kill()
        cleanup = threading.Thread(target=pool.terminate, name="chart-pool-terminate",
                                   daemon=True)
        cleanup.start()
        cleanup.join(TERMINATE_SECONDS)
        raise
    pool.close()
    pool.join()


def start_server() -> None:
    """Start the workers' fork server now (it imports matplotlib and builds the figure while
    this process goes on); a pool made later forks its workers from it. It ends when this
    process does."""
    _context()
    multiprocessing.forkserver.ensure_running()


def _context() -> multiprocessing.context.ForkServerContext:
    """The fork server's context, the server told (MAIN_ENV, read by
    :mod:`builder.render.chart_server`) the name or path of this program's main module.
    multiprocessing has each new worker import the main module again, unless the one it
    inherits is that module: a worker forked from the server then re-ran the program's
    top-level code (1.2 s of imports for ``python -m builder.cli``; a whole build, again and
    again, for a script without ``if __name__ == "__main__"``). The server takes the main
    module's name and path, so its workers skip that import: they run builder's own
    functions only."""
    data = multiprocessing.spawn.get_preparation_data("chart worker")
    os.environ[MAIN_ENV] = json.dumps({"name": data.get("init_main_from_name", ""),
                                       "path": data.get("init_main_from_path", "")})
    context = multiprocessing.get_context("forkserver")
    assert isinstance(context, multiprocessing.context.ForkServerContext)
    context.set_forkserver_preload([SERVER_MODULE])
    return context


def _pool() -> multiprocessing.pool.Pool:
    """The chart workers, forked by the fork server. Stop signals are held while the pool is
    made: one arriving meanwhile would otherwise reach a worker before its handlers are set,
    or be swallowed half-way; it is delivered once the pool is made."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        return _context().Pool(WORKERS, initializer=_worker_signals)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _worker_signals() -> None:
    """A pool worker dies of SIGTERM (the build terminates its pool when it stops) and leaves
    Ctrl-C, which the terminal sends to the whole process group, to the build."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


def _draw_job(job: tuple[ChartSpec, Path]) -> None:
    painter().draw(*job)


_PAINTERS: list[_Painter] = []


def painter() -> _Painter:
    """One painter per process: a figure is built once and reused for every chart (a worker
    inherits the fork server's)."""
    if not _PAINTERS:
        _PAINTERS.append(_Painter())
    return _PAINTERS[0]


class _Painter:
    """A fixed-size figure whose line, target and labels are updated for each chart (building a
    figure costs more than drawing one)."""

    def __init__(self) -> None:
        # matplotlib takes a second to import: only processes that draw pay for it; a stop
        # waits for the import (raised inside a native module's initialisation, it aborts)
        with deferred():
            from matplotlib.backends.backend_agg import FigureCanvasAgg
            from matplotlib.figure import Figure

        self.fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
        self.canvas = FigureCanvasAgg(self.fig)
        self.fig.subplots_adjust(left=0.13, right=0.97, top=0.84, bottom=0.2)
        ax = self.ax = self.fig.add_subplot()
        (self.line,) = ax.plot([], [], color=LINE, linewidth=1.6, marker="o", markersize=2.5)
        self.target = ax.axhline(0, color=TARGET, linewidth=1.0, linestyle="--", label="Target")
        self.legend = ax.legend(loc="upper right", fontsize=6, frameon=False)
        self.title = ax.set_title("", fontsize=7, loc="left")
        self.labels: tuple[str, ...] = ()
        ax.tick_params(axis="both", labelsize=6)
        ax.grid(axis="y", linewidth=0.4, color="#CCCCCC")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)

    def warm(self) -> None:
        """Draw the empty figure once: fonts and the text layout are loaded for every chart
        after."""
        self.canvas.draw()  # type: ignore[no-untyped-call]

    def draw(self, spec: ChartSpec, path: Path) -> None:
        ax = self.ax
        x = list(range(len(spec.labels)))
        y = [math.nan if v is None else v for v in spec.values]
        self.line.set_data(x, y)
        has_target = spec.target is not None
        self.target.set_visible(has_target)
        self.legend.set_visible(has_target)
        if spec.target is not None:
            self.target.set_ydata([spec.target, spec.target])
            self.legend.get_texts()[0].set_text(spec.target_label)
        self.title.set_text(_wrap(spec.title))
        if spec.labels != self.labels:  # new tick objects are costly: only when labels change
            shown = month_ticks(len(x))
            ax.set_xticks(shown, [spec.labels[i] for i in shown])
            ax.set_xlim(-0.5, len(x) - 0.5)
            self.labels = spec.labels
        known = [v for v in y if not math.isnan(v)] + ([spec.target] if spec.target else [])
        low, high = (min(known), max(known)) if known else (0.0, 1.0)
        pad = (high - low) * 0.08 or max(abs(high) * 0.08, 1.0)
        ax.set_ylim(low - pad, high + pad)
        ax.yaxis.set_major_formatter("{x:.0f}%" if spec.percent else "{x:,.0f}")
        self.canvas.draw()  # type: ignore[no-untyped-call]
        rgba = self.canvas.buffer_rgba()  # type: ignore[no-untyped-call]
        png = io.BytesIO()
        Image.frombuffer("RGBA", self.canvas.get_width_height(), rgba, "raw", "RGBA", 0, 1) \
            .convert("RGB").save(png, format="PNG", compress_level=1)
        data = png.getvalue()
        # each file whole or absent; the seal last, so that a chart without one is redrawn
        with atomic_file(path) as tmp:
            tmp.write_bytes(data)
        with atomic_file(seal_of(path)) as tmp:
            tmp.write_text(f"{path.name} {hashlib.sha256(data).hexdigest()}\n", encoding="ascii")


def _wrap(title: str, width: int = 58) -> str:
    if len(title) <= width:
        return title
    cut = title.rfind(" ", 0, width)
    cut = cut if cut > 0 else width
    return f"{title[:cut]}\n{title[cut + 1:]}"
