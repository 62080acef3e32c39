"""Word and PowerPoint files -> tagged PDFs with LibreOffice, once per run (DESIGN 7, 8).

``convert_to_pdf`` converts a set of files and stops LibreOffice. A build keeps one
``LibreOffice`` session open instead and *submits* work as soon as it exists (the deck while
the reports render, the papers while the pack documents render), then collects the PDFs. The
session runs up to two warm instances, each with a private profile, each converting its share
of the work in turn; a submission is split between them by estimated cost, given what each
still has to do. Every call has a timeout; a file that produced no PDF is tried once more, and
what still fails is reported by name.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import time
import zipfile
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import DictionaryObject

from builder.assemble.office import Instance, adopt_early, find_soffice
from builder.assemble.pdf_identity import fix_identity
from builder.data.safezip import check_office_zip
from builder.errors import AssemblyError, Problem, raise_if_any
from builder.render.reproducible import ZIP_EPOCH, package_created

DEFAULT_TIMEOUT = 300.0
MAX_INSTANCES = 2
# PDF export options as LibreOffice >= 7.4 reads them on the command line (JSON filter data)
PDF_OPTIONS = {
    "UseTaggedPDF": True,             # tagged PDF: structure for screen readers (DESIGN 6)
    "DisplayPDFDocumentTitle": True,  # viewers show the document title, not the file name
    "ExportBookmarks": True,          # headings become the PDF outline
    "ExportNotes": False,             # no comment annotations
}
EXPORT_FILTERS = {".docx": "writer_pdf_Export", ".pptx": "impress_pdf_Export"}
# the main part every package of the kind must have, checked before LibreOffice sees it
MAIN_PARTS = {".docx": "word/document.xml", ".pptx": "ppt/presentation.xml"}
# Rough conversion cost, only to share work fairly between instances (CPU-seconds of
# soffice.bin on the 2-core machine, quiet: a 9.1 MB Word dataset appendix of 450 pictures
# 8.3 s; a Word paper costs by its size. Impress costs by its slides, not its file: a fit over
# the 195-slide generated deck, its ten parts and the sample deck gives 7.2 s per MB of slide
# XML (the tables: ~3 ms a cell) plus 0.017 s a chart, within 10 % on each; the file's size
# counts the charts' embedded workbooks, which Impress hardly reads. Each call costs about
# 0.15 s more.)
SECONDS_PER_MB = {".docx": 0.9}
SLIDE_XML_SECONDS_PER_MB = 7.2
SECONDS_PER_CHART = 0.017
SECONDS_PER_CALL = 0.15


def export_filter(suffix: str) -> str:
    """The ``--convert-to`` argument for a kind of file: tagged PDF with the title shown."""
    data = {name: {"type": "boolean", "value": "true" if on else "false"}
            for name, on in PDF_OPTIONS.items()}
    return f"pdf:{EXPORT_FILTERS[suffix]}:{json.dumps(data, separators=(',', ':'))}"


def convert_to_pdf(sources: Sequence[Path], out_dir: Path, timeout: float = DEFAULT_TIMEOUT
                   ) -> dict[Path, Path]:
    """Convert every .docx/.pptx of ``sources`` to a tagged PDF in ``out_dir`` (one LibreOffice
    session); copy .pdf sources through. Returns source -> PDF, in the order given."""
    office_files = sum(1 for s in sources if s.suffix.lower() in EXPORT_FILTERS)
    instances = max(1, min(MAX_INSTANCES, os.cpu_count() or 1, office_files))
    with LibreOffice(timeout=timeout, instances=instances) as office:
        return office.convert(sources, out_dir)


def estimate(path: Path) -> float:
    """Estimated seconds to convert ``path`` (see SECONDS_PER_MB)."""
    suffix = path.suffix.lower()
    if suffix == ".pptx":
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
        slides = sum(m.file_size for m in members if m.filename.startswith("ppt/slides/slide"))
        charts = sum(1 for m in members if m.filename.startswith("ppt/charts/chart"))
        return SECONDS_PER_CALL + SLIDE_XML_SECONDS_PER_MB * slides / 1e6 + \
            SECONDS_PER_CHART * charts
    return SECONDS_PER_CALL + SECONDS_PER_MB.get(suffix, 0.0) * path.stat().st_size / 1e6


@dataclass(frozen=True)
class _Job:
    """One file to convert: its source, the unique name it is staged under, its final PDF."""

    source: Path
    staged: Path
    target: Path

    @property
    def suffix(self) -> str:
        return self.source.suffix.lower()

    @property
    def made(self) -> Path:
        return self.staged.with_suffix(".out.pdf")


@dataclass(frozen=True)
class _Failure:
    """A job that made no PDF, and what LibreOffice did about it."""

    job: _Job
    timed_out: bool
    messages: tuple[str, ...]


class _Worker:
    """One instance and the thread that feeds it, with the seconds of work it has queued."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="office")
        self.backlog = 0.0


class Conversion:
    """Submitted work: ``result()`` waits for it, retries what failed once, and returns
    source -> PDF (or raises an AssemblyError naming every file that still failed)."""

    def __init__(self, office: LibreOffice, jobs: list[_Job], work: Path,
                 batches: list[Future[list[_Failure]]]) -> None:
        self.office, self.jobs, self.work, self.batches = office, jobs, work, batches

    def done(self) -> bool:
        """Whether every file has been tried once (``result()`` then waits only for retries)."""
        return all(batch.done() for batch in self.batches)

    def result(self) -> dict[Path, Path]:
        try:
            failed = [f for batch in self.batches for f in batch.result()]
            if failed:
                retry = self.office._dispatch([f.job for f in failed], self.work / "retry")
                failed = [f for batch in retry for f in batch.result()]
            _raise_failures(failed, self.office.timeout)
            for job in self.jobs:
                if job.suffix == ".pdf":
                    shutil.copyfile(job.source, job.made)
            return _publish(self.jobs)
        finally:
            shutil.rmtree(self.work, ignore_errors=True)


class LibreOffice:
    """A conversion session: warm instances started on entry (without waiting for them),
    stopped on exit. ``submit``/``convert`` may be called any number of times in between."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT, instances: int = MAX_INSTANCES,
                 lazy: bool = False) -> None:
        self.timeout = timeout
        self.count = max(1, instances)
        self.lazy = lazy
        """Start the instances only when a file needs converting (a build whose PDFs all come
        from the cache never starts LibreOffice)."""
        self.workers: list[_Worker] = []
        self._open = False
        self._lock = threading.Lock()
        self.busy_seconds = 0.0
        """Seconds the instances spent converting, added up (they may overlap other work)."""

    @property
    def instances(self) -> list[Instance]:
        return [w.instance for w in self.workers]

    def __enter__(self) -> LibreOffice:
        self._open = True
        if not self.lazy:
            self._start()
        return self

    def _start(self) -> None:
        soffice = find_soffice()
        early = adopt_early(self.count, self.timeout)
        started = [Instance(soffice, self.timeout) for _ in range(self.count - len(early))]
        self.workers = [_Worker(instance) for instance in (*early, *started)]
        try:
            for instance in started:
                instance.start()
        except OSError as exc:
            self.close()
            raise AssemblyError(f"LibreOffice could not be started: {exc}") from None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Stop the instances (and calls in progress: after an error or a stop signal, work
        may still be running), then wait for the threads."""
        for worker in self.workers:
            worker.instance.stop()
            worker.thread.shutdown(wait=True, cancel_futures=True)
        self.workers = []
        self._open = False

    def convert(self, sources: Sequence[Path], out_dir: Path) -> dict[Path, Path]:
        """Convert ``sources`` into ``out_dir`` (named after each source's stem) and wait."""
        return self.submit(sources, out_dir).result()

    def submit(self, sources: Sequence[Path], out_dir: Path) -> Conversion:
        """Start converting ``sources`` into ``out_dir``; collect with ``result()``. Sources
        are checked now: a file LibreOffice cannot (or must not) read is an error at once."""
        if not self._open:
            raise AssemblyError("the LibreOffice session is not open (use 'with LibreOffice()')")
        raise_if_any(_check_sources(sources), AssemblyError, "cannot convert these files to PDF")
        out_dir.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".convert-", dir=out_dir))
        jobs = _stage(sources, work, out_dir)
        batches = self._dispatch([j for j in jobs if j.suffix in EXPORT_FILTERS], work / "first")
        return Conversion(self, jobs, work, batches)

    def _dispatch(self, jobs: list[_Job], out_root: Path) -> list[Future[list[_Failure]]]:
        """Share ``jobs`` between the workers (largest first, each to the worker that would
        finish it soonest) and queue one batch per worker; futures of the failed jobs."""
        with self._lock:
            if jobs and not self.workers:
                self._start()
            shares: list[list[_Job]] = [[] for _ in self.workers]
            loads = [w.backlog for w in self.workers]
            costs = {job: estimate(job.source) for job in jobs}
            for job in sorted(jobs, key=costs.__getitem__, reverse=True):
                soonest = loads.index(min(loads))
                shares[soonest].append(job)
                loads[soonest] += costs[job]
            futures = []
            for n, (worker, share) in enumerate(zip(self.workers, shares, strict=True)):
                if share:
                    cost = sum(costs[j] for j in share)
                    worker.backlog += cost
                    futures.append(worker.thread.submit(self._run_batch, worker, share,
                                                        out_root / str(n), cost))
            return futures

    def _run_batch(self, worker: _Worker, jobs: list[_Job], out_dir: Path, cost: float
                   ) -> list[_Failure]:
        start = time.perf_counter()
        try:
            out_dir.mkdir(parents=True)
            failed: list[_Failure] = []
            for suffix in EXPORT_FILTERS:
                kind = [j for j in jobs if j.suffix == suffix]
                if kind:
                    call = worker.instance.convert([j.staged for j in kind], out_dir,
                                                   export_filter(suffix))
                    failed += [_Failure(job, call.timed_out, call.messages)
                               for job in _collect(kind, out_dir)]
            return failed
        finally:
            with self._lock:
                worker.backlog -= cost
                self.busy_seconds += time.perf_counter() - start


def _collect(jobs: list[_Job], out_dir: Path) -> list[_Job]:
    """Move each PDF LibreOffice made next to its staged source, dated as the source says it
    was created and identified by its content; the jobs that made none."""
    failed = []
    for job in jobs:
        made = out_dir / f"{job.staged.stem}.pdf"
        if _is_pdf(made):
            os.replace(made, job.made)
            fix_identity(job.made, package_created(job.source) or ZIP_EPOCH)
        else:
            failed.append(job)
    return failed


def _check_sources(sources: Sequence[Path]) -> list[Problem]:
    """What LibreOffice would choke on, or silently misread (it imports a non-zip as text)."""
    problems = []
    for source in sources:
        suffix = source.suffix.lower()
        if suffix not in (*EXPORT_FILTERS, ".pdf"):
            problems.append(Problem(str(source), "", f"cannot convert a '{suffix}' file",
                                    ".docx, .pptx or .pdf"))
        elif not source.is_file():
            problems.append(Problem(str(source), "", "file not found"))
        elif suffix == ".pdf":
            if not _is_pdf(source):
                problems.append(Problem(str(source), "", "not a PDF file"))
        else:
            wrong = check_office_zip(source) or _missing_main_part(source, MAIN_PARTS[suffix])
            if wrong:
                problems.append(Problem(str(source), "", f"corrupt {suffix} file: {wrong}",
                                        "a document saved by Word, PowerPoint or builder"))
    return problems


def _missing_main_part(path: Path, part: str) -> str | None:
    with zipfile.ZipFile(path) as archive:
        return None if part in archive.namelist() else f"it has no '{part}'"


def _stage(sources: Sequence[Path], work: Path, out_dir: Path) -> list[_Job]:
    """Link each source under a unique name (two sources may share a stem) and give each a
    distinct PDF name in ``out_dir``."""
    inputs = work / "in"
    inputs.mkdir()
    taken: set[str] = set()
    jobs = []
    for n, source in enumerate(sources):
        staged = inputs / f"{n:03d}{source.suffix.lower()}"
        try:
            staged.symlink_to(source.resolve())
        except OSError:
            shutil.copyfile(source, staged)
        name, k = source.stem, 2
        while name in taken:
            name, k = f"{source.stem}-{k}", k + 1
        taken.add(name)
        jobs.append(_Job(source, staged, out_dir / f"{name}.pdf"))
    return jobs


def _is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"%PDF-"
    except OSError:
        return False


def _raise_failures(failed: list[_Failure], timeout: float) -> None:
    raise_if_any((_problem(f, timeout) for f in failed), AssemblyError, "PDF conversion failed",
                 hint="Open the file in Word or LibreOffice to see what is wrong with it, then "
                      "re-run (a slow machine may need a longer --timeout).")


def _problem(failure: _Failure, timeout: float) -> Problem:
    if failure.timed_out:
        what = f"LibreOffice did not finish within {timeout:g} s (tried twice)"
    else:
        said = " / ".join(dict.fromkeys(failure.messages)) or "no reason given"
        what = f"LibreOffice produced no PDF (tried twice); it said: {said}"
    return Problem(str(failure.job.source), "", what, "a document that opens in Word/PowerPoint")


def _publish(jobs: list[_Job]) -> dict[Path, Path]:
    """Check every PDF is tagged, then move each to its final name."""
    problems = []
    for job in jobs:
        if job.suffix != ".pdf" and not _is_tagged(job.made):
            problems.append(Problem(str(job.source), "", "LibreOffice made an untagged PDF",
                                    "LibreOffice 7.4 or newer (reads JSON export options)"))
    raise_if_any(problems, AssemblyError, "PDF conversion did not give accessible PDFs")
    for job in jobs:
        os.replace(job.made, job.target)
    return {job.source: job.target for job in jobs}


def _is_tagged(path: Path) -> bool:
    try:
        root = PdfReader(path).trailer["/Root"].get_object()
        mark = root.get("/MarkInfo") if isinstance(root, DictionaryObject) else None
        mark = mark.get_object() if mark is not None else None
    except (PdfReadError, OSError, KeyError):
        return False
    return isinstance(mark, DictionaryObject) and bool(mark.get("/Marked"))
