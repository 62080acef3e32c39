"""The whole build of the sample meeting (``builder build``), split by stage, and the ways of
running LibreOffice compared on the same papers.

Stages: rendering (dataset, deck, pack documents, reports, agenda), conversion (the time the
build waits for LibreOffice: most of its work overlaps the rendering), assembly (merging,
stamping, writing both packs). ``BUILDER_BENCH_RUNS`` sets the number of builds (default 3).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.timing import Figure
from builder.assemble.convert import LibreOffice, export_filter
from builder.assemble.office import find_soffice
from builder.pipeline.checked import check_meeting
from builder.pipeline.deck import build_deck
from builder.pipeline.meeting import build_meeting
from builder.pipeline.packs import render_pack_documents
from builder.pipeline.reports import build_reports

ROOT = Path(__file__).resolve().parent.parent
MEETING = ROOT / "config" / "meetings" / "2023-11-23.yaml"
RENDERING = ("load and compute", "dataset", "deck", "pack documents", "reports", "agenda")
BUSY = "conversion (LibreOffice busy, overlapped)"


def run() -> list[Figure]:
    runs = int(os.environ.get("BUILDER_BENCH_RUNS", "3"))
    return [*_whole_build(runs), *_conversion_strategies()]


def _whole_build(runs: int) -> list[Figure]:
    totals: list[float] = []
    stages: list[dict[str, float]] = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            result = build_meeting(MEETING, Path(tmp) / "out")
            totals.append(time.perf_counter() - start)
            stages.append(result.seconds)

    def median(*names: str) -> float:
        return statistics.median(sum(s.get(n, 0.0) for n in names) for s in stages)

    note = f"sample meeting, {os.cpu_count()} CPUs"
    return [
        Figure("whole build (builder build)", statistics.median(totals), runs, note),
        Figure("  rendering (dataset, deck, reports, pack documents, agenda)",
               median(*RENDERING), runs, ", ".join(RENDERING)),
        Figure("  conversion (waiting for LibreOffice)", median("conversion"), runs,
               "after the rendering it overlaps"),
        Figure("  assembly (merge, stamp, write both packs)", median("assembly"), runs),
        Figure("  LibreOffice busy in total (overlaps rendering)", median(BUSY), runs,
               "2 warm instances"),
        *(Figure(f"    stage: {name}", median(name), runs)
          for name in (*RENDERING, "conversion", "assembly", "manifest")),
    ]


def _conversion_strategies() -> list[Figure]:
    """The same papers (every .docx/.pptx of the sample) converted three ways."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        checked = check_meeting(MEETING)
        inputs = checked.inputs
        reports = build_reports(inputs, work / "reports", checked.model)
        assert inputs.deck is not None and checked.deck_model is not None
        deck = build_deck(inputs.deck, checked.deck_model, work / "deck")
        own = render_pack_documents(inputs, work / "pack")
        sources = [*own.all(), deck, *(r.body for r in reports),
                   *(a.source for r in reports for a in r.appendices if a.source is not None)]
        sources = [s for s in sources if s.suffix in (".docx", ".pptx")]
        note = f"{len(sources)} files"
        figures = [Figure("convert: cold soffice, one process, all files", _cold(sources, work),
                          1, note)]
        for instances in (1, 2):
            start = time.perf_counter()
            with LibreOffice(instances=instances) as office:
                office.convert(sources, work / f"warm-{instances}")
            figures.append(Figure(f"convert: warm session, {instances} instance(s)",
                                  time.perf_counter() - start, 1, note + ", start-up included"))
        return figures


def _cold(sources: list[Path], work: Path) -> float:
    """One ``soffice --convert-to`` per kind of file (the filter differs), cold profile."""
    start = time.perf_counter()
    for suffix in (".docx", ".pptx"):
        files = [str(s) for s in sources if s.suffix == suffix]
        subprocess.run([find_soffice(), f"-env:UserInstallation={(work / 'cold').as_uri()}",
                        "--headless", "--convert-to", export_filter(suffix), "--outdir",
                        str(work / "cold-out"), *files], check=True, capture_output=True,
                       timeout=600)
    return time.perf_counter() - start
