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

import yaml

from builder.assemble.convert import MAX_INSTANCES
from builder.assemble.office import start_early
from builder.compute.model import IndicatorFigures, ReportModel
from builder.compute.periods import parse_period
from builder.config.loader import read_yaml
from builder.config.meeting import load_meeting, numbered_items
from builder.config.values_source import ValuesSource
from builder.errors import BuilderError, ConfigError, Problem
from builder.inspection.accessibility import CHECKED, check_file
from builder.pipeline.checked import check_meeting
from builder.pipeline.data import DataInputs, build_model, meeting_data_inputs
from builder.pipeline.inputs import confine_meeting
from builder.pipeline.meeting import build_meeting
from builder.pipeline.next_meeting import roll_forward
from builder.present import formatting as fmt
from builder.present.cells import indicator_value

CHECK_TYPES = CHECKED
"""The file suffixes ``builder check`` reads."""


class Progress(Protocol):
    """Told when each stage of a build starts and ends."""

    def started(self, stage: str) -> None: ...

    def finished(self, stage: str, seconds: float) -> None: ...


@dataclass(frozen=True)
class AgendaEntry:
    """One agenda item as numbered for the pack."""

    number: int
    title: str
    kind: str
    """standard, minutes, report, or exclusion (generated before exempt appendices)."""
    excludes_for: str = ""
    """For an exclusion item: the title of the report it covers."""


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
        m = load_meeting(meeting_yaml).meeting
    except BuilderError as exc:
        return _unloadable(meeting_yaml, raw, problems_of(exc, meeting_yaml))
    agenda = tuple(AgendaEntry(n.number, n.item.title, n.item.kind) if n.item is not None else
                   AgendaEntry(n.number, "", "exclusion",
                               n.excludes_for.title if n.excludes_for else "")
                   for n in numbered_items(m))
    problems: tuple[Problem, ...] = ()
    warnings: tuple[str, ...] = ()
    try:  # the same checks as `builder validate MEETING_YAML`
        warnings = tuple(str(w) for w in check_meeting(meeting_yaml).warnings)
    except BuilderError as exc:
        problems = problems_of(exc, meeting_yaml)
    return MeetingFacts(meeting_yaml, m.panel, fmt.long_date(m.date), m.date.isoformat(),
                        m.data.period if m.data else "", agenda, problems, warnings)


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
    return Preview(model.period.last_day().strftime("%B %Y"), _themes(model),
                   tuple(str(w) for w in model.warnings), ())


def _themes(model: ReportModel) -> tuple[PreviewTheme, ...]:
    return tuple(PreviewTheme(t.theme.title, tuple(_row(f) for f in t.indicators))
                 for t in model.themes)


def _row(fig: IndicatorFigures) -> PreviewRow:
    ind = fig.indicator
    return PreviewRow(
        ind.ref or "", ind.title, indicator_value(ind, fig.value, fig.latest.reason),
        fmt.pct_change(fig.previous.pct), fmt.arrow(fig.previous.arrow),
        fmt.ARROW_MEANINGS[fig.previous.arrow],
        fmt.pct_change(fig.year_ago.pct), fmt.arrow(fig.year_ago.arrow),
        fmt.ARROW_MEANINGS[fig.year_ago.arrow],
        fmt.rag_label(fig.rag), fig.commentary.text if fig.commentary else "")


def use_data(meeting_yaml: Path, values: Path | None, commentary: Path | None) -> None:
    """Point the meeting at ``values`` (and/or ``commentary``) instead of the files it names.
    The YAML is rewritten (comments in it are not kept)."""
    raw = read_yaml(meeting_yaml)
    data = raw.get("data") if isinstance(raw, dict) else None
    if not isinstance(data, dict):
        raise ConfigError(f"{meeting_yaml}: the meeting has no 'data' section")
    if values is not None:
        data["values"] = [_relative(values, meeting_yaml)]
    if commentary is not None:
        data["commentary"] = [_relative(commentary, meeting_yaml)]
    _write_yaml(meeting_yaml, raw)


def copy_meeting(meeting_yaml: Path, date: dt.date, period: str) -> Path:
    """The next meeting from this one, as ``builder next-meeting`` writes it (meeting, minutes
    skeleton, tracker, deck, beside this meeting's files); returns the new meeting YAML."""
    return roll_forward(meeting_yaml, date, parse_period(period)).meeting


def _relative(path: Path, meeting_yaml: Path) -> str:
    return Path(os.path.relpath(path.resolve(), meeting_yaml.resolve().parent)).as_posix()


def _write_yaml(path: Path, data: Any) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def build(meeting_yaml: Path, out_dir: Path, progress: Progress) -> BuildOutcome:
    """Everything for one meeting into ``out_dir`` (left as it was when the build fails)."""
    result = build_meeting(meeting_yaml, out_dir, progress)
    return BuildOutcome(result.outputs, tuple(str(w) for w in result.warnings))


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
