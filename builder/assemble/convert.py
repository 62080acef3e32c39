"""Word and PowerPoint files -> tagged PDFs with LibreOffice, once per run (DESIGN 7, 8).

``convert_to_pdf`` converts a set of files and stops LibreOffice. A build keeps one
``LibreOffice`` session open instead and *submits* work as soon as it exists (the deck while
the reports render, the papers while the pack documents render), then collects the PDFs. The
session runs up to two warm instances, each with a private profile, each converting its share
of the work in turn: whichever is free takes the costliest file waiting (with smaller ones of
its kind, up to its fair share of what is left, in one call), so the long papers start first
and both instances finish together. Every call has a timeout; a file that produced no PDF is
tried once more in a call of its own (so that a file which hangs or crashes a call fails only
itself), and what still fails is reported by name.
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
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import pikepdf

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
    "ReduceImageResolution": False,   # pictures as the paper holds them: a PNG chart stays PNG
}
EXPORT_FILTERS = {".docx": "writer_pdf_Export", ".pptx": "impress_pdf_Export"}
# the main part every package of the kind must have, checked before LibreOffice sees it
MAIN_PARTS = {".docx": "word/document.xml", ".pptx": "ppt/presentation.xml"}
# Rough conversion cost, only to share work fairly between instances (CPU-seconds of
# soffice.bin on the 2-core machine, quiet: a 9.1 MB Word dataset appendix of 450 pictures
# 8.3 s; a Word paper costs by its size. Impress costs by its slides, not its file: a fit over
# the 195-slide generated deck, its ten parts and the sample deck gives 7.2 s per MB of slide
# XML (the tables: ~3 ms a cell) plus 0.017 s a chart, within 10 % on each; the file's size
# counts the charts' embedded workbooks, which Impress hardly reads. Each file costs about
# 0.05 s more, however small (8 one-page papers in one call: 0.39 s), and each call 0.03 s.)
SECONDS_PER_MB = {".docx": 0.9}
SLIDE_XML_SECONDS_PER_MB = 7.2
SECONDS_PER_CHART = 0.017
SECONDS_PER_FILE = 0.05
SECONDS_PER_CALL = 0.03
BATCH_SECONDS = 0.8
"""The most work (estimated) one call takes on, unless its first file alone is more: a call's
PDFs are ready only when it ends, and the build prepares each for the packs as it arrives."""


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
    """Estimated seconds to convert ``path`` in a call with others (see SECONDS_PER_MB)."""
    suffix = path.suffix.lower()
    if suffix == ".pptx":
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
        slides = sum(m.file_size for m in members if m.filename.startswith("ppt/slides/slide"))
        charts = sum(1 for m in members if m.filename.startswith("ppt/charts/chart"))
        return SECONDS_PER_FILE + SLIDE_XML_SECONDS_PER_MB * slides / 1e6 + \
            SECONDS_PER_CHART * charts
    return SECONDS_PER_FILE + SECONDS_PER_MB.get(suffix, 0.0) * path.stat().st_size / 1e6


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


@dataclass(frozen=True)
class _Queued:
    """A job waiting for an instance: its estimated cost, where its batch writes, the future
    that gets its failure (None when it made a PDF), and whether it is converted in a call of
    its own (a retry: a file that hangs or crashes a call fails only itself)."""

    job: _Job
    cost: float
    out_root: Path
    future: Future[_Failure | None]
    alone: bool


class _Worker:
    """One instance, the thread that feeds it, and the estimated seconds of its batch."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.thread: threading.Thread | None = None
        self.remaining = 0.0
        self.started = 0.0


class Conversion:
    """Submitted work: ``result()`` waits for it, retries what failed once, and returns
    source -> PDF (or raises an AssemblyError naming every file that still failed)."""

    def __init__(self, office: LibreOffice, jobs: list[_Job], work: Path,
                 tried: list[Future[_Failure | None]]) -> None:
        self.office, self.jobs, self.work, self.tried = office, jobs, work, tried

    def done(self) -> bool:
        """Whether every file has been tried once (``result()`` then waits only for retries)."""
        return all(future.done() for future in self.tried)

    def result(self) -> dict[Path, Path]:
        try:
            failed = [f for future in self.tried if (f := future.result()) is not None]
            if failed:
                retry = self.office._enqueue([f.job for f in failed], self.work / "retry",
                                             alone=True)
                failed = [f for future in retry if (f := future.result()) is not None]
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
        self._waiting = threading.Condition(self._lock)
        self._queue: list[_Queued] = []
        self._batches = 0
        self._staged = 0
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
        for n, worker in enumerate(self.workers):
            worker.thread = threading.Thread(target=self._serve, args=(worker,),
                                             name=f"office_{n}", daemon=True)
            worker.thread.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Stop the instances (and calls in progress: after an error or a stop signal, work
        may still be running), then wait for the threads; work still queued is cancelled."""
        with self._lock:
            self._open = False
            self._waiting.notify_all()
            for queued in self._queue:
                queued.future.cancel()
            self._queue = []
        for worker in self.workers:
            worker.instance.stop()
        for worker in self.workers:
            if worker.thread is not None:
                worker.thread.join()
        self.workers = []

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
        with self._lock:
            first, self._staged = self._staged, self._staged + len(sources)
        jobs = _stage(sources, work, out_dir, first)
        tried = self._enqueue([j for j in jobs if j.suffix in EXPORT_FILTERS], work / "first")
        return Conversion(self, jobs, work, tried)

    def _enqueue(self, jobs: list[_Job], out_root: Path, alone: bool = False
                 ) -> list[Future[_Failure | None]]:
        """Queue ``jobs`` for whichever instance is free first (``alone``: each in a call of
        its own); their futures."""
        queued = [_Queued(job, estimate(job.source), out_root, Future(), alone) for job in jobs]
        if queued and not self.workers:  # a lazy session: the first file to convert
            self._start()
        with self._lock:
            self._queue.extend(queued)
            self._queue.sort(key=lambda q: q.cost, reverse=True)
            self._waiting.notify_all()
        return [q.future for q in queued]

    def _serve(self, worker: _Worker) -> None:
        """Convert batch after batch on ``worker``'s instance until the session closes."""
        while True:
            with self._lock:
                while self._open and not self._queue:
                    self._waiting.wait()
                if not self._open:
                    return
                batch = self._take(worker)
                self._batches += 1
                out_dir = batch[0].out_root / str(self._batches)
            self._run_batch(worker, batch, out_dir)

    def _take(self, worker: _Worker) -> list[_Queued]:
        """The batch ``worker`` converts next (called with the lock held): the costliest job
        waiting, and more of its kind, costliest first, while the batch stays within this
        instance's fair share of what is left (the jobs waiting and the other instances'
        unfinished batches, by estimate) and BATCH_SECONDS; a retried file goes alone. One
        call for several files saves a call each; taking no more than the share keeps both
        instances busy to the end."""
        now = time.perf_counter()
        others = sum(max(0.0, w.remaining - (now - w.started)) for w in self.workers
                     if w is not worker)
        share = (sum(q.cost for q in self._queue) + others) / len(self.workers)
        first = self._queue.pop(0)
        batch, cost, limit = [first], first.cost, min(share, BATCH_SECONDS)
        for queued in list(self._queue):
            if not (first.alone or queued.alone or queued.job.suffix != first.job.suffix
                    or cost + queued.cost > limit):
                self._queue.remove(queued)
                batch.append(queued)
                cost += queued.cost
        worker.remaining, worker.started = SECONDS_PER_CALL + cost, now
        return batch

    def _run_batch(self, worker: _Worker, batch: list[_Queued], out_dir: Path) -> None:
        """One call converting ``batch``; each job's future gets its failure or None."""
        start = time.perf_counter()
        jobs = [q.job for q in batch]
        try:
            out_dir.mkdir(parents=True)
            call = worker.instance.convert([j.staged for j in jobs], out_dir,
                                           export_filter(jobs[0].suffix))
            failed = {f: _Failure(f, call.timed_out, call.messages)
                      for f in _collect(jobs, out_dir)}
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for the job
            for queued in batch:
                queued.future.set_exception(exc)
            return
        finally:
            with self._lock:
                worker.remaining = 0.0
                self.busy_seconds += time.perf_counter() - start
        for queued in batch:
            queued.future.set_result(failed.get(queued.job))


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


def _stage(sources: Sequence[Path], work: Path, out_dir: Path, first: int) -> list[_Job]:
    """Link each source under a name unique in the session (numbered from ``first``: two
    sources may share a stem, and one call may convert several submissions' files) and give
    each a distinct PDF name in ``out_dir``."""
    inputs = work / "in"
    inputs.mkdir()
    taken: set[str] = set()
    jobs = []
    for n, source in enumerate(sources):
        staged = inputs / f"{first + n:03d}{source.suffix.lower()}"
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
    """The PDF declares itself tagged (/MarkInfo /Marked true); read with qpdf (pikepdf),
    which reads only the objects asked for."""
    try:
        with pikepdf.open(path) as pdf:
            mark = pdf.Root.get("/MarkInfo")
            return isinstance(mark, pikepdf.Dictionary) and bool(mark.get("/Marked", False))
    except (pikepdf.PdfError, OSError):
        return False
