"""A whole meeting, or its agenda packs: ``builder build`` and ``builder pack``.

``build_meeting`` checks everything first (:func:`builder.pipeline.checked.check_meeting`),
then renders the performance dataset, the committee reports, the B4B deck and the pack's own
documents, converts them, assembles the public and exempt agenda packs, and writes
``manifest.json`` and ``build-warnings.txt``. Everything is written into a staging folder that
replaces the output files only when every step succeeded (a failed run leaves the previous
output as it was). LibreOffice is started once per run, at the beginning, so that it boots
while the documents render; each paper is handed to it as soon as it is rendered (the deck
converts while the reports render), and the agenda last, once the page ranges are known.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import shutil
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from builder.assemble.convert import DEFAULT_TIMEOUT, LibreOffice
from builder.assemble.manifest import MANIFEST, WARNINGS_FILE, shown_path, write_manifest
from builder.compute.model import Finding, ReportModel
from builder.outputs import staging_dir
from builder.parts import AppendixPart, ReportParts
from builder.pipeline.agenda import report_items
from builder.pipeline.cache import Cache, cache_key, cached, holds_files
from builder.pipeline.cached_pdfs import CachedOffice, Converter, Pending
from builder.pipeline.checked import CheckedMeeting, check_meeting
from builder.pipeline.deck import build_deck, deck_filename
from builder.pipeline.packs import (
    PackResult,
    Papers,
    ReadyPdfs,
    assemble_packs,
    drop_stale_exempt_pack,
    render_pack_documents,
)
from builder.pipeline.parted import convert_in_parts
from builder.pipeline.progress import Quiet, Reporter, Timer
from builder.pipeline.reports import PARTS, build_reports, dataset_charts
from builder.pipeline.supplied import supplied_papers
from builder.pipeline.up_to_date import (
    BUILD_KEY,
    BuildRequest,
    PackRun,
    build_key,
    input_entries,
    papers_fresh,
    run_record,
    write_pack_record,
)
from builder.present.dataset import dataset_table
from builder.present.revisions import revision_facts
from builder.render.charts import drawn_ahead
from builder.render.dataset_file import write_dataset

POLL_SECONDS = 0.02
"""How often the build looks for finished conversions while it waits for them."""


@dataclass(frozen=True)
class BuildResult:
    """What ``build_meeting`` wrote, and how long each stage took."""

    out_dir: Path
    outputs: tuple[Path, ...]
    pack: PackResult
    seconds: dict[str, float]
    warnings: tuple[Finding, ...]
    revisions: tuple[str, ...]
    """Each value a later values file revised, in words (``contacts Oct-23: 1,880 -> 1,922``)."""
    acknowledged: tuple[str, ...] = ()
    """Each warning the meeting acknowledges, with its reason (``data.acknowledged``)."""


def build_meeting(meeting_yaml: Path, out_dir: Path, reporter: Reporter | None = None,
                  timeout: float = DEFAULT_TIMEOUT, strict: bool = False,
                  allow_outside: Sequence[Path] = (), cache_dir: Path | None = None
                  ) -> BuildResult:
    """Everything for one meeting into ``out_dir`` (see the module doc); files outside the
    config folder only from the ``allow_outside`` folders; the deck, charts and PDFs reused
    from ``cache_dir`` (None: no cache)."""
    timer = Timer(reporter or Quiet())
    started = dt.datetime.now(dt.UTC)
    cache = Cache(cache_dir) if cache_dir is not None else None
    with timer("check and compute"):
        checked = check_meeting(meeting_yaml, strict, allow_outside, cache)
        read = input_entries(checked.inputs.files)  # hashed now: an edit made later shows
    key = build_key(BuildRequest(meeting_yaml, out_dir, strict, tuple(allow_outside)), read)
    inputs, model = checked.inputs, checked.model
    with staging_dir(out_dir) as stage, _work() as work, _office(timeout, cache) as office:
        if model is not None:
            with timer("dataset"):
                dataset = stage / f"performance-dataset-{model.period.iso()}.xlsx"
                table = dataset_table(model)
                cached(cache, cache_key({"kind": "dataset", "name": dataset.name,
                                         "table": repr(table)}),
                       dataset, partial(write_dataset, table))
        pdfs = ReadyPdfs(cache, work / "prepared")
        papers = render_and_convert(checked, office, work, timer, cache=cache, ready_pdfs=pdfs)
        for paper in (*(r.docx for r in papers.reports), *((papers.deck,) if papers.deck else ())):
            shutil.copyfile(paper, stage / paper.name)
        pack = assemble_packs(inputs, papers, office, work, stage, timer, cache, pdfs)
        warnings = checked.warnings
        revisions = revision_facts(model) if model is not None else ()
        with timer("manifest"):
            acknowledged = tuple(str(a) for a in checked.acknowledged)
            _write_warnings(stage / WARNINGS_FILE, warnings, acknowledged)
            write_manifest(stage / MANIFEST, read,
                           {**run_facts(checked, pack, started, revisions, cache),
                            BUILD_KEY: key},
                           [w.coded() for w in warnings],
                           {**timer.seconds, **office_seconds(office)})
        outputs = tuple(sorted(out_dir / p.name for p in stage.iterdir()))
        seconds = {**timer.seconds, **office_seconds(office)}
    drop_stale_exempt_pack(pack, out_dir)
    if cache is not None:
        cache.prune()
    return BuildResult(out_dir, outputs, pack.moved(stage, out_dir), seconds, warnings,
                       tuple(r["text"] for r in revisions), acknowledged)


def build_packs(meeting_yaml: Path, out_dir: Path, reporter: Reporter | None = None,
                timeout: float = DEFAULT_TIMEOUT, allow_outside: Sequence[Path] = (),
                cache_dir: Path | None = None) -> PackResult:
    """The two packs only, into ``out_dir``. The papers ``builder report`` and ``builder deck``
    wrote into ``out_dir`` are used when every one is there and newer than every input (see
    :func:`builder.pipeline.up_to_date.papers_fresh`); otherwise they are rendered afresh in a
    temporary folder. Only the packs are written. Charts and PDFs are reused from
    ``cache_dir`` (None: no cache), where the run is recorded too, so that the same pack asked
    for again is up to date at once (:mod:`builder.pipeline.up_to_date`)."""
    timer = Timer(reporter or Quiet())
    started = dt.datetime.now(dt.UTC)
    cache = Cache(cache_dir) if cache_dir is not None else None
    with timer("check and compute"):
        checked = check_meeting(meeting_yaml, allow_outside=allow_outside, cache=cache)
        rendered = papers_in(checked, out_dir)
        papers_there = rendered.files()
        used = papers_fresh(papers_there, checked.inputs.files)
        # hashed now: an edit made later shows
        read = input_entries([*checked.inputs.files, *(papers_there if used else ())])
    ready = rendered if used else None
    with staging_dir(out_dir) as stage, _work() as work, _office(timeout, cache) as office:
        pdfs = ReadyPdfs(cache, work / "prepared")
        papers = render_and_convert(checked, office, work, timer, ready, cache, pdfs)
        pack = assemble_packs(checked.inputs, papers, office, work, stage, timer, cache, pdfs)
    drop_stale_exempt_pack(pack, out_dir)
    result = dataclasses.replace(pack.moved(stage, out_dir), reused=used)
    request = BuildRequest(meeting_yaml, out_dir, allow_outside=tuple(allow_outside),
                           command="pack")
    record = run_record(request, cache_dir)
    if record is not None:
        write_pack_record(record, request, read, PackRun(
            started.isoformat(timespec="seconds"), tuple(papers_there), used,
            result.public, result.exempt,
            {str(n): (s.first, s.last) for n, s in result.spans.items()}))
    if cache is not None:
        cache.prune()
    return result


@dataclass(frozen=True)
class Rendered:
    """Reports and deck rendered earlier."""

    reports: tuple[ReportParts, ...]
    deck: Path | None

    def files(self) -> list[Path]:
        """The files a pack reads: each report's body and appendices, the deck."""
        found = [p for r in self.reports for p in (r.body, *(a.source for a in r.appendices))
                 if p]
        return [*found, *((self.deck,) if self.deck is not None else ())]


def papers_in(checked: CheckedMeeting, folder: Path) -> Rendered:
    """The papers ``builder report`` (``folder/parts/``) and ``builder deck`` write into
    ``folder`` for the meeting, whether or not they are there (``builder pack`` uses them when
    :func:`builder.pipeline.up_to_date.papers_fresh`)."""
    inputs = checked.inputs
    deck = None
    if inputs.deck is not None:
        deck = folder / deck_filename(inputs.deck.loaded.deck.month)
    reports = []
    parts = folder / PARTS
    for r in report_items(inputs.loaded):
        report = r.item.report
        assert report is not None
        appendices = []
        for n, a in enumerate(report.appendices, 1):
            pdf = a.kind == "file" and (a.path or "").lower().endswith(".pdf")
            source = None if a.kind == "deck" else \
                parts / f"{r.stem}-appendix-{n}{'.pdf' if pdf else '.docx'}"
            appendices.append(AppendixPart(n, a.title, a.kind, source, a.exempt,
                                           a.exempt_category, a.exempt_reason))
        reports.append(ReportParts(r.number, r.item.title, folder / f"{r.stem}.docx",
                                   parts / f"{r.stem}-body.docx", tuple(appendices)))
    return Rendered(tuple(reports), deck)


@contextlib.contextmanager
def _office(timeout: float, cache: Cache | None) -> Iterator[Converter]:
    """A LibreOffice session, started now; behind a filled ``cache``, only when a PDF is not
    in it."""
    with LibreOffice(timeout, lazy=cache is not None and holds_files(cache.root)) as office:
        yield office if cache is None else CachedOffice(office, cache)


def office_seconds(office: Converter) -> dict[str, float]:
    """LibreOffice's busy time (it overlaps the rendering, so it is not part of the sum)."""
    return {"conversion (LibreOffice busy, overlapped)": office.busy_seconds}


def render_and_convert(checked: CheckedMeeting, office: Converter, work: Path, timer: Timer,
                       ready: Rendered | None = None, cache: Cache | None = None,
                       ready_pdfs: ReadyPdfs | None = None) -> Papers:
    """Render the deck, the pack's own documents and the reports (or take ``ready`` ones), each
    handed to LibreOffice as soon as it exists (the deck converts while the reports render, a
    report's parts while its combined file is made), then wait for the PDFs. The reports'
    charts are drawn meanwhile, from the start.
    Whatever nothing that shapes it changed is reused from ``cache``."""
    inputs = checked.inputs
    conversions: list[Pending] = []

    def convert(papers: Sequence[ReportParts]) -> None:
        """Every part of ``papers`` into one folder (the agenda items' names do not clash),
        each its own submission: its PDF is made ready for the packs as soon as it is made."""
        sources = [r.body for r in papers] + [a.source for r in papers for a in r.appendices
                                              if a.source is not None]
        conversions.extend(convert_in_parts(office, [s], work / "pdf-reports") for s in sources)

    charts = cache.charts if cache is not None else work / "charts"
    specs = dataset_charts(inputs, checked.model) if ready is None else ()
    with drawn_ahead(specs, charts) as charts_drawn:
        deck = ready.deck if ready else None
        if inputs.deck is not None and checked.deck_model is not None and ready is None:
            with timer("deck"):
                deck = build_deck(inputs.deck, checked.deck_model, work / "deck", cache)
        if deck is not None:
            conversions.append(convert_in_parts(office, [deck], work / "pdf-deck"))
        with timer("pack documents"):
            own = render_pack_documents(inputs, work / "pack", cache)
        conversions.append(office.submit(own.all(), work / "pdf-pack"))
        if ready is not None:
            reports = ready.reports
            convert(reports)
        else:
            with timer("reports"):
                reports = build_reports(inputs, work / "reports", checked.model,
                                        chart_cache=charts,
                                        cache=cache, on_parts=lambda r: convert([r]),
                                        charts_drawn=charts_drawn)
    convert(supplied := supplied_papers(inputs.loaded, work / "supplied"))
    with timer("conversion"):
        pdf = _collect(conversions, ready_pdfs, frozenset(own.all()))
    return Papers(reports, deck, own, pdf, supplied)


def _collect(conversions: Sequence[Pending], ready: ReadyPdfs | None, own: frozenset[Path]
             ) -> dict[Path, Path]:
    """Source -> PDF of every conversion, taken as each finishes; with ``ready``, each PDF is
    made ready to merge meanwhile, while LibreOffice converts the rest (the pack's own
    documents without a source, as the packs add them)."""
    pdf: dict[Path, Path] = {}
    waiting = list(conversions)
    while waiting:
        finished = [c for c in waiting if c.done()]
        if not finished:
            time.sleep(POLL_SECONDS)
            continue
        for conversion in finished:
            waiting.remove(conversion)
            made = conversion.result()
            pdf.update(made)
            if ready is None:
                continue
            for source, out in made.items():
                ready(out, None if source in own else source)
    return pdf


@contextlib.contextmanager
def _work() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="builder-work-") as work:
        yield Path(work)


def _write_warnings(path: Path, warnings: tuple[Finding, ...], acknowledged: tuple[str, ...]
                    ) -> None:
    """The analysts' data warnings, one a line with its code, then the acknowledged ones with
    their reasons (empty when there are none)."""
    lines = (*(w.coded() for w in warnings), *acknowledged)
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")


def run_facts(checked: CheckedMeeting, pack: PackResult, started: dt.datetime,
              revisions: tuple[dict[str, str], ...], cache: Cache | None = None
              ) -> dict[str, object]:
    """The manifest's description of the run: meeting, period, revisions, page ranges, and
    the PDFs taken from the cache (``reused``)."""
    m = checked.inputs.loaded.meeting
    model: ReportModel | None = checked.model
    return {
        "built_at": started.isoformat(timespec="seconds"),
        "meeting": {"file": shown_path(checked.path), "panel": m.panel,
                    "date": m.date.isoformat()},
        "period": model.period.iso() if model is not None else None,
        "revisions": list(revisions),
        "acknowledged": [str(a) for a in checked.acknowledged],
        "pack": {
            "public": pack.public.name, "exempt": pack.exempt.name if pack.exempt else None,
            "pages": {str(n): [s.first, s.last] for n, s in pack.spans.items()},
        },
        "reused": sorted(set(cache.reused)) if cache is not None else [],
    }
