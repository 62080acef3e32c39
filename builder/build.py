"""Build a whole meeting, or its agenda packs: the facade behind ``builder build`` and ``pack``.

``build_meeting`` runs every stage for one meeting: load and compute, the performance dataset,
the committee reports, the B4B deck, and the public and exempt agenda packs, then writes a
``manifest.json``. Everything is written into a staging folder that replaces the output files
only when every step succeeded (a failed run leaves the previous output as it was).
LibreOffice is started once per run, at the beginning, so that it boots while the documents
render; each paper is handed to it as soon as it is rendered (the deck converts while the
reports render), and the agenda last, once the page ranges are known.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from builder.assemble.convert import DEFAULT_TIMEOUT, LibreOffice
from builder.assemble.manifest import shown_path, write_manifest
from builder.assemble.pack import (
    FrontMatter,
    PackPaper,
    PackPart,
    page_count,
    public_spans,
    write_exempt_pack,
    write_public_pack,
)
from builder.assemble.pagination import Span
from builder.compute.model import ReportModel
from builder.config.council import Council, load_council
from builder.config.deck import load_deck
from builder.config.meeting import LoadedMeeting, load_meeting, numbered_items
from builder.config.minutes import Minutes, load_minutes
from builder.deck import DEFAULT_TEMPLATE as DECK_TEMPLATE
from builder.deck import build_deck, deck_filename, deck_inputs
from builder.errors import AssemblyError
from builder.outputs import staging_dir
from builder.parts import AppendixPart, ReportParts
from builder.pipeline import build_model, meeting_inputs
from builder.present import pack_context as pc
from builder.present.dataset import dataset_table
from builder.render.dataset_file import write_dataset
from builder.render.pack_docx import TEMPLATE_FILES, TEMPLATES, PackDocument, render_pack_document
from builder.reports import PARTS, build_reports, check_reports, report_items
from builder.reports import TEMPLATE as REPORT_TEMPLATE

PUBLIC_PACK = "agenda-pack-public.pdf"
EXEMPT_PACK = "agenda-pack-exempt.pdf"
MANIFEST = "manifest.json"


class Reporter(Protocol):
    """Told when each stage starts and ends (the command shows progress; library code never
    prints)."""

    def started(self, stage: str) -> None: ...

    def finished(self, stage: str, seconds: float) -> None: ...


class Quiet:
    """A reporter that reports nothing."""

    def started(self, stage: str) -> None:
        """Nothing to show."""

    def finished(self, stage: str, seconds: float) -> None:
        """Nothing to show."""


@dataclass
class Timer:
    """Times the stages of a run (a stage run twice, like conversion, adds up)."""

    reporter: Reporter = field(default_factory=Quiet)
    seconds: dict[str, float] = field(default_factory=dict)

    @contextlib.contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        self.reporter.started(stage)
        start = time.perf_counter()
        yield
        spent = time.perf_counter() - start
        self.seconds[stage] = self.seconds.get(stage, 0.0) + spent
        self.reporter.finished(stage, spent)


@dataclass(frozen=True)
class MeetingConfig:
    """A meeting with the council configuration and minutes it names, loaded and checked."""

    loaded: LoadedMeeting
    council: Council
    council_path: Path
    minutes: dict[int, tuple[Path, Minutes]]
    """Agenda number of each minutes item -> its minutes file and content."""

    @property
    def path(self) -> Path:
        return self.loaded.path


def load(meeting_yaml: Path) -> MeetingConfig:
    """The meeting, its council configuration and the minutes it carries."""
    loaded = load_meeting(meeting_yaml)
    check_reports(loaded, report_items(loaded))  # configuration problems before any work
    council_path = loaded.resolve(loaded.meeting.council)
    minutes = {}
    for numbered in numbered_items(loaded.meeting):
        if numbered.item is not None and numbered.item.minutes is not None:
            path = loaded.resolve(numbered.item.minutes)
            minutes[numbered.number] = (path, load_minutes(path))
    return MeetingConfig(loaded, load_council(council_path), council_path, minutes)


@dataclass(frozen=True)
class PackResult:
    """What the pack stage wrote."""

    public: Path
    exempt: Path | None
    """None when no appendix is exempt."""
    spans: dict[int, Span]
    """Agenda number -> pages of its papers in the public pack."""
    reused: bool = False
    """The papers were rendered earlier (``builder report``/``deck``), not by this run."""


@dataclass(frozen=True)
class BuildResult:
    """What ``build_meeting`` wrote, and how long each stage took."""

    out_dir: Path
    outputs: tuple[Path, ...]
    pack: PackResult
    seconds: dict[str, float]
    warnings: tuple[str, ...]


def build_meeting(meeting_yaml: Path, out_dir: Path, reporter: Reporter | None = None,
                  timeout: float = DEFAULT_TIMEOUT) -> BuildResult:
    """Everything for one meeting into ``out_dir`` (see the module doc)."""
    timer = Timer(reporter or Quiet())
    started = dt.datetime.now(dt.UTC)
    with timer("load and compute"):
        meeting = load(meeting_yaml)
        model = meeting_model(meeting.loaded)
    with staging_dir(out_dir) as stage, _work() as work, LibreOffice(timeout) as office:
        with timer("dataset"):
            dataset = stage / f"performance-dataset-{model.period.iso()}.xlsx"
            write_dataset(dataset_table(model), dataset)
        papers = render_and_convert(meeting, model, office, work, timer)
        for paper in (*(r.docx for r in papers.reports), *((papers.deck,) if papers.deck else ())):
            shutil.copyfile(paper, stage / paper.name)
        pack = assemble_packs(meeting, papers, office, work, stage, timer)
        warnings = tuple(str(w) for w in model.warnings)
        with timer("manifest"):
            write_manifest(stage / MANIFEST, input_files(meeting),
                           run_facts(meeting, model, pack, started), warnings,
                           {**timer.seconds, **office_seconds(office)})
        outputs = tuple(sorted(out_dir / p.name for p in stage.iterdir()))
        seconds = {**timer.seconds, **office_seconds(office)}
    _drop_stale_exempt_pack(pack, out_dir)
    return BuildResult(out_dir, outputs, _moved(pack, stage, out_dir), seconds, warnings)


def build_packs(meeting_yaml: Path, out_dir: Path, reporter: Reporter | None = None,
                timeout: float = DEFAULT_TIMEOUT) -> PackResult:
    """The two packs only, into ``out_dir``. The papers ``builder report`` and ``builder deck``
    wrote into ``out_dir`` are used when every one is there and newer than every input (see
    :func:`rendered_papers`); otherwise they are rendered afresh in a temporary folder. Only
    the packs are written."""
    timer = Timer(reporter or Quiet())
    with timer("load and compute"):
        meeting = load(meeting_yaml)
        ready = rendered_papers(meeting, out_dir)
        model = meeting_model(meeting.loaded) if ready is None else None
    with staging_dir(out_dir) as stage, _work() as work, LibreOffice(timeout) as office:
        papers = render_and_convert(meeting, model, office, work, timer, ready)
        pack = assemble_packs(meeting, papers, office, work, stage, timer)
    _drop_stale_exempt_pack(pack, out_dir)
    return dataclasses.replace(_moved(pack, stage, out_dir), reused=ready is not None)


@dataclass(frozen=True)
class Rendered:
    """Reports and deck rendered earlier."""

    reports: tuple[ReportParts, ...]
    deck: Path | None


def rendered_papers(meeting: MeetingConfig, folder: Path) -> Rendered | None:
    """The papers ``builder report`` (``folder/parts/``) and ``builder deck`` wrote into
    ``folder``, if every one the meeting needs is there and newer than every input file."""
    loaded = meeting.loaded
    if not folder.is_dir():
        return None
    oldest_allowed = max(p.stat().st_mtime for p in input_files(meeting) if p.is_file())
    deck = None
    if loaded.meeting.deck is not None:
        deck = folder / deck_filename(load_deck(loaded.resolve(loaded.meeting.deck)).deck.month)
    reports = []
    for r in report_items(loaded):
        report = r.item.report
        assert report is not None
        parts = folder / PARTS
        appendices = []
        for n, a in enumerate(report.appendices, 1):
            pdf = a.kind == "file" and (a.path or "").lower().endswith(".pdf")
            source = None if a.kind == "deck" else \
                parts / f"{r.stem}-appendix-{n}{'.pdf' if pdf else '.docx'}"
            appendices.append(AppendixPart(n, a.title, a.kind, source, a.exempt,
                                           a.exempt_category, a.exempt_reason))
        reports.append(ReportParts(r.number, r.item.title, folder / f"{r.stem}.docx",
                                   parts / f"{r.stem}-body.docx", tuple(appendices)))
    files = [p for r in reports for p in (r.body, *(a.source for a in r.appendices)) if p]
    if deck is not None:
        files.append(deck)
    if all(p.is_file() and p.stat().st_mtime > oldest_allowed for p in files):
        return Rendered(tuple(reports), deck)
    return None


def meeting_model(loaded: LoadedMeeting) -> ReportModel:
    inputs, period = meeting_inputs(loaded)
    return build_model(inputs, period)


def office_seconds(office: LibreOffice) -> dict[str, float]:
    """LibreOffice's busy time (it overlaps the rendering, so it is not part of the sum)."""
    return {"conversion (LibreOffice busy, overlapped)": office.busy_seconds}


@dataclass(frozen=True)
class PackDocuments:
    """The pack's own documents, rendered: front sheet, blank page, minutes, notices."""

    front_sheet: Path
    blank: Path
    minutes: dict[int, Path]
    """Agenda number -> minutes document."""
    notices: dict[tuple[int, int], Path]
    """(agenda number, appendix number) -> the page standing in for an exempt appendix."""

    def all(self) -> list[Path]:
        return [self.front_sheet, self.blank, *self.minutes.values(), *self.notices.values()]


@dataclass(frozen=True)
class Papers:
    """Everything rendered for the pack, and every PDF made of it."""

    reports: tuple[ReportParts, ...]
    deck: Path | None
    own: PackDocuments
    pdf: dict[Path, Path]
    """Source document -> its PDF."""


def render_and_convert(meeting: MeetingConfig, model: ReportModel | None, office: LibreOffice,
                       work: Path, timer: Timer, ready: Rendered | None = None) -> Papers:
    """Render the deck, the pack's own documents and the reports (or take ``ready`` ones), each
    handed to LibreOffice as soon as it exists (the deck converts while the reports render),
    then wait for the PDFs."""
    loaded = meeting.loaded
    conversions = []
    deck = ready.deck if ready else None
    if loaded.meeting.deck is not None and ready is None:
        with timer("deck"):
            deck_yaml = loaded.resolve(loaded.meeting.deck)
            same_data = deck_inputs(load_deck(deck_yaml)) == meeting_inputs(loaded)[0]
            deck = build_deck(deck_yaml, work / "deck", model if same_data else None)
    if deck is not None:
        conversions.append(office.submit([deck], work / "pdf-deck"))
    with timer("pack documents"):
        own = render_pack_documents(meeting, work / "pack")
    conversions.append(office.submit(own.all(), work / "pdf-pack"))
    if ready is not None:
        reports = ready.reports
    else:
        with timer("reports"):
            reports = build_reports(loaded, work / "reports", model)
    sources = [r.body for r in reports] + [a.source for r in reports for a in r.appendices
                                           if a.source is not None]
    conversions.append(office.submit(sources, work / "pdf-reports"))
    with timer("conversion"):
        pdf = {source: made for c in conversions for source, made in c.result().items()}
    return Papers(reports, deck, own, pdf)


def _created(loaded: LoadedMeeting) -> dt.datetime:
    """The documents' creation time: fixed from the meeting, so same inputs, same documents."""
    return dt.datetime.combine(loaded.meeting.issue_date, dt.time(9, 0))


def render_pack_documents(meeting: MeetingConfig, docs: Path) -> PackDocuments:
    """The front sheet, the blank page, the minutes and a notice per exempt appendix."""
    loaded = meeting.loaded
    titles = pc.pack_titles(loaded)
    docs.mkdir(parents=True)
    created = _created(loaded)

    def render(document: PackDocument, name: str) -> Path:
        return render_pack_document(document, created, docs / name)

    front = render(PackDocument("front_sheet", pc.front_sheet_context(meeting.council, loaded),
                                titles.front_sheet), "front-sheet.docx")
    blank = render(PackDocument("pack_page", pc.blank_page(), titles.blank), "blank.docx")
    minutes = {number: render(PackDocument("minutes", pc.minutes_context(meeting.council, m),
                                           pc.minutes_title(m)), f"minutes-{number}.docx")
               for number, (_path, m) in meeting.minutes.items()}
    notices = {key: render(PackDocument("pack_page", pc.notice_page(page), page.title),
                           f"notice-{key[0]}-{key[1]}.docx")
               for key, page in pc.notices(loaded).items()}
    return PackDocuments(front, blank, minutes, notices)


def assemble_packs(meeting: MeetingConfig, papers: Papers, office: LibreOffice, work: Path,
                   out_dir: Path, timer: Timer) -> PackResult:
    """Paginate, render and convert the agenda with the page ranges, write both packs."""
    loaded = meeting.loaded
    pdf = papers.pdf
    blank = pdf[papers.own.blank]
    if page_count(blank) != 1:
        raise AssemblyError(f"the blank page rendered as {page_count(blank)} pages",
                            hint="Check templates/agenda_pack_page.docx.")
    pack_papers = _papers(meeting, papers)
    spans = public_spans(pack_papers)
    titles = pc.pack_titles(loaded)
    with timer("agenda"):
        ranges = {number: (span.first, span.last) for number, span in spans.items()}
        agenda = render_pack_document(
            PackDocument("agenda", pc.agenda_context(meeting.council, loaded, ranges),
                         titles.agenda), _created(loaded), work / "pack" / "agenda.docx")
    with timer("conversion"):
        agenda_pdf = office.convert([agenda], work / "pdf-agenda")[agenda]
    with timer("assembly"):
        public = out_dir / PUBLIC_PACK
        write_public_pack(FrontMatter(pdf[papers.own.front_sheet], agenda_pdf), pack_papers,
                          blank, spans, public, titles.public)
        exempt = out_dir / EXEMPT_PACK
        wrote_exempt = write_exempt_pack(pack_papers, exempt, titles.exempt)
    return PackResult(public, exempt if wrote_exempt else None, spans)


def _appendix_source(source: Path | None, kind: str, deck: Path | None) -> Path:
    if source is not None:
        return source
    if kind == "deck" and deck is not None:
        return deck
    raise AssemblyError(f"a '{kind}' appendix has no file to put in the pack",
                        hint="A deck appendix needs the meeting's 'deck' configuration.")


def _papers(meeting: MeetingConfig, papers: Papers) -> list[PackPaper]:
    """Every paper of the agenda in order, as PDFs."""
    by_number = {r.agenda_number: r for r in papers.reports}
    pdf, own = papers.pdf, papers.own
    out = []
    for numbered in numbered_items(meeting.loaded.meeting):
        number = numbered.number
        if number in own.minutes and numbered.item is not None:
            part = PackPart(pc.MINUTES_PART, pdf[own.minutes[number]])
            out.append(PackPaper(number, numbered.item.title, (part,)))
        elif number in by_number:
            report = by_number[number]
            parts = [PackPart(pc.REPORT_PART, pdf[report.body])]
            for a in report.appendices:
                source = _appendix_source(a.source, a.kind, papers.deck)
                notice = pdf[own.notices[(number, a.number)]] if a.exempt else None
                parts.append(PackPart(pc.appendix_bookmark(a.number, a.title), pdf[source],
                                      a.exempt, notice, source))
            out.append(PackPaper(number, report.title, tuple(parts)))
    return out


@contextlib.contextmanager
def _work() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="builder-work-") as work:
        yield Path(work)


def _drop_stale_exempt_pack(pack: PackResult, out_dir: Path) -> None:
    """A meeting without exempt appendices has no exempt pack: remove an earlier run's."""
    if pack.exempt is None:
        (out_dir / EXEMPT_PACK).unlink(missing_ok=True)


def _moved(pack: PackResult, stage: Path, out_dir: Path) -> PackResult:
    """The result with its paths in ``out_dir``, where the staged files now are."""
    def moved(path: Path) -> Path:
        return out_dir / path.relative_to(stage)
    return PackResult(moved(pack.public), moved(pack.exempt) if pack.exempt else None,
                      pack.spans)



def input_files(meeting: MeetingConfig) -> list[Path]:
    """Every file the build reads: configuration, data, appendix files and templates."""
    loaded = meeting.loaded
    files = [meeting.path, meeting.council_path, *(p for p, _m in meeting.minutes.values())]
    data_inputs, _period = meeting_inputs(loaded)
    files += [data_inputs.catalogue, *data_inputs.values, *data_inputs.commentary]
    if loaded.meeting.deck is not None:
        deck_yaml = loaded.resolve(loaded.meeting.deck)
        deck = load_deck(deck_yaml)
        deck_data = deck_inputs(deck)
        files += [deck_yaml, deck_data.catalogue, *deck_data.values, *deck_data.commentary,
                  deck.resolve(deck.deck.template) if deck.deck.template else DECK_TEMPLATE]
    for item in loaded.meeting.items:
        if item.report is not None:
            files += [loaded.resolve(a.path) for a in item.report.appendices if a.path]
    files += [REPORT_TEMPLATE, *(TEMPLATES / name for name in TEMPLATE_FILES.values())]
    return files


def run_facts(meeting: MeetingConfig, model: ReportModel, pack: PackResult, started: dt.datetime
              ) -> dict[str, object]:
    """The manifest's description of the run: meeting, period, and the pack's page ranges."""
    m = meeting.loaded.meeting
    return {
        "built_at": started.isoformat(timespec="seconds"),
        "meeting": {"file": shown_path(meeting.path), "panel": m.panel,
                    "date": m.date.isoformat()},
        "period": model.period.iso(),
        "pack": {
            "public": pack.public.name, "exempt": pack.exempt.name if pack.exempt else None,
            "pages": {str(n): [s.first, s.last] for n, s in pack.spans.items()},
        },
    }
