"""The web app's only door into the engine: a small typed surface over load, validate, compute,
build and check.

It calls only :mod:`builder.pipeline` (the same checks as ``builder validate MEETING_YAML``, the
same build and roll-forward as the command line) and the accessibility checker. Everything
handed back is plain frozen data (text already presented by ``builder.present``), so
the routes and templates never see engine objects.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from builder.assemble.convert import MAX_INSTANCES
from builder.assemble.office import start_early
from builder.compute.model import IndicatorFigures, ReportModel
from builder.compute.periods import parse_period
from builder.config.loader import read_yaml
from builder.config.meeting import LoadedMeeting, NumberedItem, load_meeting, numbered_items
from builder.config.paper import Paper
from builder.config.report_format import Variant as Variant  # the routes' type of a format
from builder.config.report_format import variant_format
from builder.config.values_source import ValuesSource
from builder.config.wording import Meanings
from builder.config.yaml_edit import KeyPath, Value, update_yaml
from builder.data.pdf_check import check_pdf
from builder.data.safezip import check_office_input
from builder.errors import BuilderError, ConfigError, Problem
from builder.inspection.accessibility import CHECKED, check_file
from builder.inspection.report_check import ItemAppendices, check_report
from builder.inspection.report_document import Finding
from builder.pipeline.cache import cache_folder
from builder.pipeline.checked import check_meeting
from builder.pipeline.data import DataInputs, build_model, meeting_data_inputs
from builder.pipeline.inputs import confine_meeting
from builder.pipeline.meeting import build_meeting
from builder.pipeline.next_meeting import roll_forward
from builder.pipeline.supplied import SuppliedItem, appendix_findings, report_format, supplied_items
from builder.pipeline.up_to_date import BuildRequest, unchanged
from builder.present import formatting as fmt
from builder.present.cells import indicator_value
from builder.render.report_clean import clean_report

CHECK_TYPES = CHECKED
UP_TO_DATE = "up to date: nothing changed since the last build"
"""The one stage of a build that finds its papers up to date."""
"""The file suffixes ``builder check`` reads."""


class Progress(Protocol):
    """Told when each stage of a build starts and ends."""

    def started(self, stage: str) -> None: ...

    def finished(self, stage: str, seconds: float) -> None: ...


@dataclass(frozen=True)
class PaperFile:
    """One file of a supplied paper that a new version can replace."""

    part: str
    """'paper', or the appendix's number ('1', '2', ...)."""
    title: str
    """The appendix's title; empty for the paper."""
    file: str
    """Where it is now (absolute)."""
    exempt: bool = False


@dataclass(frozen=True)
class AgendaEntry:
    """One agenda item as numbered for the pack."""

    number: int
    title: str
    kind: str
    """standard, minutes, report, paper, or exclusion (generated before exempt appendices)."""
    excludes_for: str = ""
    """For an exclusion item: the title of the report it covers."""
    index: int = -1
    """For a supplied paper: its position in the meeting's ``items`` (what an upload names)."""
    files: tuple[PaperFile, ...] = ()
    """For a supplied paper: the paper, then its appendices in order."""


@dataclass(frozen=True)
class MeetingFacts:
    """What the pages show about one meeting file, valid or not."""

    path: Path
    panel: str
    date: str
    """Long date, e.g. '23 November 2023'; empty when the file cannot be read."""
    iso_date: str
    period: str
    """The data month, YYYY-MM."""
    agenda: tuple[AgendaEntry, ...]
    problems: tuple[Problem, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class PreviewRow:
    """One indicator of a computed dataset, as text."""

    ref: str
    title: str
    value: str
    change_prev: str
    arrow_prev: str
    arrow_prev_meaning: str
    change_year: str
    arrow_year: str
    arrow_year_meaning: str
    rag: str
    commentary: str


@dataclass(frozen=True)
class PreviewTheme:
    title: str
    rows: tuple[PreviewRow, ...]


@dataclass(frozen=True)
class Preview:
    """The dataset the meeting would get from some data files, or why it cannot."""

    period: str
    """Long form of the report month, e.g. 'October 2023'."""
    themes: tuple[PreviewTheme, ...]
    warnings: tuple[str, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class BuildOutcome:
    outputs: tuple[Path, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class CheckIssue:
    where: str
    what: str


@dataclass(frozen=True)
class PaperFinding:
    """One finding of the report checker, as text."""

    check: str
    """e.g. 'comment', 'tracked change', 'heading', 'accessibility'."""
    blocking: bool
    """It stops the paper being published."""
    what: str
    paragraph: int | None
    """1-based number of the body paragraph, when it is in one."""
    text: str
    """The start of that paragraph."""
    where: str
    """Where it is otherwise ('table 2', 'docProps/core.xml')."""


@dataclass(frozen=True)
class FileCheck:
    """What checking one uploaded file found."""

    refused: str
    """Why it cannot be read at all (zip, XML or PDF limits); empty when it can."""
    findings: tuple[PaperFinding, ...] = ()

    @property
    def blocked(self) -> bool:
        return bool(self.refused) or any(f.blocking for f in self.findings)


@dataclass(frozen=True)
class CleanedCopy:
    """The cleaned copy of a Word file (comments, hidden text, personal metadata removed)."""

    path: Path
    checked: FileCheck
    removed: tuple[str, ...]
    left: tuple[str, ...]
    """What cleaning cannot do, left for the author (tracked changes)."""


@dataclass(frozen=True)
class PaperCheck:
    """A new version of one file of a supplied paper, checked as the build checks it."""

    item: str
    """The agenda item's title."""
    file: PaperFile
    """The file it would replace."""
    checked: FileCheck
    cleaned: CleanedCopy | None
    """Written only when something blocks the upload and it is a Word file."""


def problems_of(exc: BuilderError, file: Path) -> tuple[Problem, ...]:
    """The problems an error lists, or the error itself as one problem."""
    return exc.problems or (Problem(str(file), "", exc.message, exc.hint),)


def meeting_files(config_dir: Path) -> list[Path]:
    """The meeting YAML files of a config folder (``meetings/*.yaml``), by name."""
    folder = config_dir / "meetings"
    return sorted(p for p in folder.glob("*.yaml") if p.is_file()) if folder.is_dir() else []


def meeting_facts(meeting_yaml: Path) -> MeetingFacts:
    """Load and validate one meeting with its data: agenda, problems and data warnings."""
    raw: Any = None
    try:
        raw = read_yaml(meeting_yaml)
        loaded = load_meeting(meeting_yaml)
        m = loaded.meeting
    except BuilderError as exc:
        return _unloadable(meeting_yaml, raw, problems_of(exc, meeting_yaml))
    papers = {s.number: s for s in supplied_items(loaded)}
    agenda = tuple(_entry(n, loaded, papers.get(n.number)) for n in numbered_items(m))
    problems: tuple[Problem, ...] = ()
    warnings: tuple[str, ...] = ()
    try:  # the same checks as `builder validate MEETING_YAML`
        warnings = tuple(str(w) for w in check_meeting(meeting_yaml).warnings)
    except BuilderError as exc:
        problems = problems_of(exc, meeting_yaml)
    return MeetingFacts(meeting_yaml, m.panel, fmt.long_date(m.date), m.date.isoformat(),
                        m.data.period if m.data else "", agenda, problems, warnings)


def _entry(n: NumberedItem, loaded: LoadedMeeting, supplied: SuppliedItem | None
           ) -> AgendaEntry:
    if n.item is None:
        return AgendaEntry(n.number, "", "exclusion",
                           n.excludes_for.title if n.excludes_for else "")
    if supplied is None:
        return AgendaEntry(n.number, n.item.title, n.item.kind)
    return AgendaEntry(n.number, n.item.title, n.item.kind, index=supplied.index,
                       files=_paper_files(loaded, supplied.paper))


def _paper_files(loaded: LoadedMeeting, paper: Paper) -> tuple[PaperFile, ...]:
    return (PaperFile("paper", "", str(loaded.resolve(paper.file))),
            *(PaperFile(str(n), a.title, str(loaded.resolve(a.path or "")), a.exempt)
              for n, a in enumerate(paper.appendices, 1)))


def _unloadable(path: Path, raw: Any, problems: tuple[Problem, ...]) -> MeetingFacts:
    """Facts of a meeting whose file fails validation: what can be read of it, raw."""
    raw = raw if isinstance(raw, dict) else {}
    data = raw.get("data") if isinstance(raw.get("data"), dict) else {}
    day = raw.get("date")
    shown = fmt.long_date(day) if isinstance(day, dt.date) else str(day or "")
    iso = day.isoformat() if isinstance(day, dt.date) else ""
    return MeetingFacts(path, str(raw.get("panel") or ""), shown, iso,
                        str(data.get("period") or ""), (), problems, ())


def preview(meeting_yaml: Path, values: Path | None = None, commentary: Path | None = None
            ) -> Preview:
    """The dataset the meeting would get with ``values`` (or ``commentary``) in place of the
    files it names, at the meeting's period."""
    try:
        loaded = load_meeting(meeting_yaml)
        confine_meeting(loaded)  # the web app never reads outside its config folder
        inputs, period = meeting_data_inputs(loaded)
        inputs = DataInputs(inputs.catalogue,
                            (ValuesSource(path=str(values)),) if values else inputs.values,
                            (commentary,) if commentary else inputs.commentary)
        model = build_model(inputs, period)
    except BuilderError as exc:
        return Preview("", (), (), problems_of(exc, meeting_yaml))
    return Preview(model.period.last_day().strftime("%B %Y"), _themes(model, _meanings(loaded)),
                   tuple(str(w) for w in model.warnings), ())


def _meanings(loaded: LoadedMeeting) -> Meanings:
    """The meanings of the arrows as the meeting's first dataset appendix prints them."""
    layouts = (a.layout for i in loaded.meeting.items if i.report is not None
               for a in i.report.appendices if a.kind == "dataset")
    return next((layout.resolve().meanings for layout in layouts), Meanings())


def _themes(model: ReportModel, meanings: Meanings) -> tuple[PreviewTheme, ...]:
    return tuple(PreviewTheme(t.theme.title, tuple(_row(f, meanings) for f in t.indicators))
                 for t in model.themes)


def _row(fig: IndicatorFigures, meanings: Meanings) -> PreviewRow:
    ind = fig.indicator
    return PreviewRow(
        ind.ref or "", ind.title, indicator_value(ind, fig.value, fig.latest.reason),
        fmt.pct_change(fig.previous.pct), fmt.arrow(fig.previous.arrow),
        fmt.arrow_meaning(fig.previous.arrow, meanings),
        fmt.pct_change(fig.year_ago.pct), fmt.arrow(fig.year_ago.arrow),
        fmt.arrow_meaning(fig.year_ago.arrow, meanings),
        fmt.rag_label(fig.rag), fig.commentary.text if fig.commentary else "")


def use_data(meeting_yaml: Path, values: Path | None, commentary: Path | None) -> None:
    """Point the meeting at ``values`` (and/or ``commentary``) instead of the files it names;
    the rest of the YAML, comments included, is kept as it was."""
    raw = read_yaml(meeting_yaml)
    if not isinstance(raw, dict) or not isinstance(raw.get("data"), dict):
        raise ConfigError(f"{meeting_yaml}: the meeting has no 'data' section")
    changes: dict[KeyPath, Value] = {}
    if values is not None:
        changes[("data", "values")] = (_relative(values, meeting_yaml),)
    if commentary is not None:
        changes[("data", "commentary")] = (_relative(commentary, meeting_yaml),)
    update_yaml(meeting_yaml, changes)


def copy_meeting(meeting_yaml: Path, date: dt.date, period: str) -> Path:
    """The next meeting from this one, as ``builder next-meeting`` writes it (meeting, minutes
    skeleton, tracker, deck, beside this meeting's files); returns the new meeting YAML."""
    return roll_forward(meeting_yaml, date, parse_period(period)).meeting


def check_paper(meeting_yaml: Path, index: int, part: str, upload: Path, cleaned_to: Path
                ) -> PaperCheck:
    """``upload`` as a new version of the paper (``part`` 'paper') or of an appendix of the
    supplied paper at ``items[index]``: read within the command line's limits, then a Word
    paper checked against the meeting's report format (``check-report``) and a Word appendix
    for what must not be published. When something blocks it, its cleaned copy is written to
    ``cleaned_to`` and checked the same way."""
    loaded = load_meeting(meeting_yaml)
    item = next((s for s in supplied_items(loaded) if s.index == index), None)
    file = next((f for f in _paper_files(loaded, item.paper) if f.part == part), None) \
        if item is not None else None
    if item is None or file is None:
        raise ConfigError(f"{meeting_yaml}: items[{index}] has no supplied file '{part}'")
    checked = _check_supplied_file(loaded, item, part, upload)
    cleaned = None
    if checked.blocked and not checked.refused and upload.suffix.lower() == ".docx":
        try:
            result = clean_report(upload, cleaned_to, report_format(loaded, item.paper))
        except (ValueError, KeyError, OSError):
            result = None
        if result is not None:
            cleaned = CleanedCopy(result.path, _check_supplied_file(loaded, item, part,
                                                                    result.path),
                                  result.removed, result.left)
    return PaperCheck(item.item.title, file, checked, cleaned)


def _check_supplied_file(loaded: LoadedMeeting, item: SuppliedItem, part: str, path: Path
                         ) -> FileCheck:
    word = path.suffix.lower() == ".docx"
    refused = check_office_input(path) if word else check_pdf(path)
    if refused is not None or not word:
        return FileCheck(refused or "")
    fmt = report_format(loaded, item.paper)
    if part != "paper":
        return FileCheck("", _findings(appendix_findings(path, fmt)))
    appendices = ItemAppendices(len(item.paper.appendices), item.paper.exempt_appendices)
    return FileCheck("", _findings(check_report(path, fmt, appendices)))


def _findings(found: list[Finding]) -> tuple[PaperFinding, ...]:
    return tuple(PaperFinding(f.check, f.severity == "error", f.what, f.paragraph, f.text,
                              f.where) for f in found)


def use_paper(meeting_yaml: Path, index: int, part: str, file: Path) -> None:
    """Point the supplied paper at ``items[index]`` (``part`` 'paper') or one of its
    appendices (``part`` its number) at ``file``; the rest of the YAML, comments included, is
    kept as it was."""
    raw = read_yaml(meeting_yaml)
    items = raw.get("items") if isinstance(raw, dict) else None
    item = items[index] if isinstance(items, list) and 0 <= index < len(items) else None
    paper = item.get("paper") if isinstance(item, dict) else None
    appendices = paper.get("appendices") if isinstance(paper, dict) else None
    number = int(part) if part.isdigit() else 0
    entry = paper if part == "paper" else appendices[number - 1] \
        if isinstance(appendices, list) and 0 < number <= len(appendices) else None
    if not isinstance(entry, dict):
        raise ConfigError(f"{meeting_yaml}: items[{index}] has no supplied file '{part}'")
    key = "path" if "path" in entry and "file" not in entry else "file"
    where: KeyPath = ("items", index, "paper") if part == "paper" else \
        ("items", index, "paper", "appendices", number - 1)
    update_yaml(meeting_yaml, {(*where, key): _relative(file, meeting_yaml)})


def _relative(path: Path, meeting_yaml: Path) -> str:
    return Path(os.path.relpath(path.resolve(), meeting_yaml.resolve().parent)).as_posix()


def build(meeting_yaml: Path, out_dir: Path, progress: Progress) -> BuildOutcome:
    """Everything for one meeting into ``out_dir`` (left as it was when the build fails), as
    ``builder build`` does: nothing done when ``out_dir`` is up to date, and what nothing
    changed taken from the cache beside it."""
    done = unchanged(BuildRequest(meeting_yaml, out_dir))
    if done is not None:
        progress.started(UP_TO_DATE)
        progress.finished(UP_TO_DATE, 0.0)
        return BuildOutcome(done.files, done.warnings)
    result = build_meeting(meeting_yaml, out_dir, progress,
                           cache_dir=cache_folder(out_dir, None, off=False))
    return BuildOutcome(result.outputs, tuple(w.coded() for w in result.warnings))


def warm_office() -> None:
    """Start the LibreOffice instances the next build adopts, so that it skips their start-up.
    Each build stops the instances it used, so their memory never grows from build to build."""
    start_early(MAX_INSTANCES)


def warm_build(meeting_yaml: Path, out_dir: Path, progress: Progress) -> BuildOutcome:
    """:func:`build`, then LibreOffice started again for the next one (``builder serve``)."""
    try:
        return build(meeting_yaml, out_dir, progress)
    finally:
        warm_office()


def check(path: Path) -> list[CheckIssue]:
    """``builder check`` of one .docx/.pptx/.pdf file."""
    return [CheckIssue(i.where, i.what) for i in check_file(path)]


def check_committee_report(path: Path, variant: Variant) -> tuple[PaperFinding, ...]:
    """``builder check-report`` of one .docx against the council's format ``variant`` (its
    accessibility findings included)."""
    return _findings(check_report(path, variant_format(variant)))
