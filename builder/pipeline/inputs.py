"""Everything a meeting run reads, loaded and checked once, before anything is rendered.

``load_inputs`` reads the meeting, its council, minutes, deck, trackers, glossaries, appendix
files, templates (styles, layouts, tags), catalogue, values and commentary. A loader that fails
does not stop the others: every problem of every file is collected and raised at once, so that
``builder validate MEETING_YAML`` lists all of them and ``build``, ``report``, ``deck`` and
``pack`` fail before LibreOffice starts or a document renders.

Before any of it is read, every path the meeting, its council and its deck name is checked to
lie inside the run's config folder or an ``--allow-outside`` folder (``_confine``,
:mod:`builder.config.confinement`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from builder.compute.model import Finding
from builder.config.base import StrictModel
from builder.config.confinement import (
    Confinement,
    NamedPath,
    council_paths,
    deck_paths,
    meeting_paths,
)
from builder.config.council import Council, load_council
from builder.config.deck import Deck, LoadedDeck, check_deck, load_deck
from builder.config.glossary import Glossary, load_glossary
from builder.config.meeting import LoadedMeeting, load_meeting, numbered_items
from builder.config.minutes import Minutes, load_minutes
from builder.config.staleness import (
    Cycle,
    TextSource,
    cycle_findings,
    stale_text,
    still_to_supply,
)
from builder.config.templates import Templates, resolve_templates
from builder.config.text_fields import map_text
from builder.config.tracker import Tracker, load_tracker
from builder.errors import BuilderError, ConfigError, Problem, TemplateError, raise_if_any
from builder.jinja_sandbox import has_tags, render_text
from builder.pipeline.agenda import report_items, report_problems
from builder.pipeline.cache import Cache
from builder.pipeline.data import DataInputs, LoadedData, load_data, meeting_data_inputs
from builder.pipeline.supplied import check_supplied, supplied_files
from builder.pipeline.templates import (
    deck_template,
    deck_template_styles,
    template_font_warnings,
    template_problems,
)
from builder.present.report_context import period_text, text_context
from builder.render.deck_styles import DeckStyles

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class DeckInputs:
    """A deck configuration with its data and template, checked."""

    loaded: LoadedDeck
    """The deck with its text fields rendered."""
    data: LoadedData
    template: Path
    raw: Deck
    """The deck as written (for the staleness check)."""
    styles: DeckStyles
    """The template's table and chart styles, read when it was checked."""

    @property
    def files(self) -> tuple[Path, ...]:
        return (self.loaded.path, *self.data.inputs.files, self.template)


@dataclass(frozen=True)
class MeetingInputs:
    """Every file a meeting build reads, loaded and checked."""

    loaded: LoadedMeeting
    council: Council
    council_path: Path
    minutes: Mapping[int, tuple[Path, Minutes]]
    """Agenda number of each minutes item -> its minutes file and content."""
    data: LoadedData | None
    """The meeting's performance data; None when the meeting has no 'data' section."""
    deck: DeckInputs | None
    trackers: Mapping[Path, Tracker]
    glossaries: Mapping[Path, Glossary]
    templates: Templates
    notices: tuple[Finding, ...] = ()
    """Warnings about the configuration itself: stale months and dates, minutes that are not
    the previous meeting's (:mod:`builder.config.staleness`)."""

    @property
    def path(self) -> Path:
        return self.loaded.path

    @property
    def files(self) -> tuple[Path, ...]:
        """Every file the build reads, each once, in a stable order."""
        loaded = self.loaded
        files = [self.path, self.council_path, *(p for p, _m in self.minutes.values())]
        if self.data is not None:
            files += self.data.inputs.files
        if self.deck is not None:
            files += self.deck.files
        for item in loaded.meeting.items:
            if item.report is not None:
                files += [loaded.resolve(a.path) for a in item.report.appendices if a.path]
            files += supplied_files(loaded, item)
        files += self.templates.files
        return tuple(dict.fromkeys(files))


@dataclass
class _Collector:
    """Runs loaders, keeping each one's problems instead of stopping at the first."""

    problems: list[Problem] = field(default_factory=list)
    kinds: set[type[BuilderError]] = field(default_factory=set)

    def attempt(self, file: Path, load: Callable[[], T]) -> T | None:
        try:
            return load()
        except BuilderError as exc:
            self.add(exc, file)
            return None

    def add(self, exc: BuilderError, file: Path) -> None:
        what = exc.message.removeprefix(f"{file}: ")
        self.extend(list(exc.problems) or [Problem(str(file), "", what, exc.hint)], type(exc))

    def extend(self, problems: list[Problem], kind: type[BuilderError]) -> None:
        if problems:
            self.kinds.add(kind)
            self.problems.extend(p for p in problems if p not in self.problems)

    def raise_if_any(self, file: Path) -> None:
        if not self.problems:
            return
        # configuration and data problems first: a template can only be judged on good config
        kind = next((k for k in self.kinds if k.exit_code == 2), None) or \
            min(self.kinds, key=lambda k: k.exit_code)
        noun = "problem" if len(self.problems) == 1 else "problems"
        raise kind(f"{file}: the meeting cannot be built ({len(self.problems)} {noun})",
                   self.problems, hint="Fix every problem listed, then run `builder validate "
                   f"{file}` again.")


def load_inputs(meeting_yaml: Path, allow_outside: Sequence[Path] = (),
                cache: Cache | None = None) -> MeetingInputs:
    """Load and check everything the meeting's build reads (see the module doc); files
    outside the config folder only from the ``allow_outside`` folders; the template and
    supplied-paper checks that passed before are taken from ``cache``."""
    loaded = load_meeting(meeting_yaml)  # without a valid meeting nothing else is known
    confine_meeting(loaded, allow_outside)
    found = _Collector()
    found.extend(report_problems(loaded, report_items(loaded)), ConfigError)
    found.extend(still_to_supply(TextSource(str(meeting_yaml), loaded.meeting)), ConfigError)
    papers = found.attempt(meeting_yaml, partial(check_supplied, loaded, cache)) or ()
    council_path = loaded.resolve(loaded.meeting.council)
    council = found.attempt(council_path, lambda: load_council(council_path))
    minutes = {}
    for numbered in numbered_items(loaded.meeting):
        if numbered.item is not None and numbered.item.minutes is not None:
            path = loaded.resolve(numbered.item.minutes)
            if (read := found.attempt(path, partial(load_minutes, path))) is not None:
                minutes[numbered.number] = (path, read)
                found.extend(still_to_supply(TextSource(str(path), read)), ConfigError)
    data, period = None, None
    if loaded.meeting.data is not None:
        inputs, period = meeting_data_inputs(loaded)
        data = found.attempt(inputs.catalogue, partial(load_data, inputs, period,
                                                       f"{meeting_yaml}: data.period"))
    context = text_context(loaded, period)
    deck = None
    if loaded.meeting.deck is not None:
        deck = _deck(loaded.resolve(loaded.meeting.deck), data, found, context)
    trackers, glossaries = _appendix_files(loaded, found, context)
    templates = resolve_templates(loaded.meeting.templates, meeting_yaml, resolve_templates(
        council.templates if council is not None else None, council_path))
    found.extend(template_problems(templates, loaded, cache), TemplateError)
    found.raise_if_any(meeting_yaml)
    assert council is not None
    fonts = template_font_warnings(templates, deck.template if deck is not None else None, cache)
    notices = (*_notices(loaded, council, council_path, minutes, deck, data),
               *(Finding("supplied-paper", None, text) for text in papers),
               *(Finding("template-font", None, text) for text in fonts))
    meeting = found.attempt(meeting_yaml, partial(rendered, loaded.meeting, context,
                                                  meeting_yaml))
    council = found.attempt(council_path, partial(rendered, council, context, council_path))
    minutes = {n: (path, rendered(m, context, path)) for n, (path, m) in minutes.items()}
    found.raise_if_any(meeting_yaml)
    assert council is not None and meeting is not None
    return MeetingInputs(LoadedMeeting(meeting, loaded.path), council, council_path, minutes,
                         data, deck, trackers, glossaries, templates, notices)


def confine_meeting(loaded: LoadedMeeting, allow_outside: Sequence[Path] = ()) -> None:
    """A ConfigError listing every path the meeting, its council and its deck name outside
    the meeting's config folder and the ``allow_outside`` folders (see the module doc)."""
    meeting = loaded.meeting
    _confine(Confinement.of(loaded.path, allow_outside), loaded.path,
             meeting_paths(meeting, loaded.path), loaded.resolve(meeting.council),
             loaded.resolve(meeting.deck) if meeting.deck else None)


def _confine(confinement: Confinement, yaml_path: Path, named: list[NamedPath],
             council: Path | None, deck: Path | None) -> None:
    """A ConfigError listing every path the YAML (``named``), its council and its deck name
    outside ``confinement``. The council and deck are read for their paths only when they are
    inside; a council or deck that cannot be read is reported by its loader later."""
    if council is not None and confinement.holds(council) and council.is_file():
        with suppress(BuilderError):
            named = [*named, *council_paths(load_council(council), council)]
    if deck is not None and confinement.holds(deck) and deck.is_file():
        with suppress(BuilderError):
            named = [*named, *deck_paths(load_deck(deck).deck, deck)]
    raise_if_any(confinement.problems(named), ConfigError,
                 f"{yaml_path}: files outside the config folder",
                 "Keep the files a meeting names inside its config folder (the folder holding "
                 "the meeting YAML's folder), or name their folder with --allow-outside.")


def rendered(model: M, context: Mapping[str, Any], file: Path) -> M:
    """``model`` with every text field that holds Jinja rendered in the sandbox (the same names
    as a report's fields: ``period``, ``meeting``); a TemplateError lists every failure."""
    problems: list[Problem] = []

    def render(text: str, where: str) -> str:
        if not has_tags(text):
            return text
        try:
            return render_text(text, context, str(file), where)
        except TemplateError as exc:
            problems.extend(exc.problems)
            return text

    out = map_text(model, render)
    raise_if_any(problems, TemplateError, f"{file}: text fields cannot be rendered")
    return out


def _notices(loaded: LoadedMeeting, council: Council, council_path: Path,
             minutes: Mapping[int, tuple[Path, Minutes]], deck: DeckInputs | None,
             data: LoadedData | None) -> tuple[Finding, ...]:
    m = loaded.meeting
    cycle = Cycle(data.period if data is not None else None, m.date, m.issue_date,
                  council.front_sheet.meeting_dates.dates)
    sources = [TextSource(str(loaded.path), m)]
    if deck is not None:
        sources.append(TextSource(str(deck.loaded.path), deck.raw))
    if data is not None and data.catalogue.source:
        sources.append(TextSource(str(data.inputs.catalogue),
                                  _Source(source=data.catalogue.source)))
    return (*stale_text(sources, cycle),
            *cycle_findings(cycle, str(council_path),
                            [(str(path), read.date) for path, read in minutes.values()]))


class _Source(StrictModel):
    """The catalogue's ``source`` line, the one catalogue text readers see."""

    source: str


def load_deck_inputs(deck_yaml: Path, allow_outside: Sequence[Path] = ()) -> DeckInputs:
    """The deck, its data and its template, checked, for ``builder deck`` (files outside the
    deck's config folder only from the ``allow_outside`` folders)."""
    _confine(Confinement.of(deck_yaml, allow_outside), deck_yaml, [], None, deck_yaml)
    found = _Collector()
    deck = _deck(deck_yaml, None, found, None)
    found.raise_if_any(deck_yaml)
    assert deck is not None
    return deck


def deck_data_inputs(loaded: LoadedDeck) -> DataInputs:
    """The data files named by a deck (paths resolved against its YAML)."""
    data = loaded.deck.data
    return DataInputs(loaded.resolve(data.catalogue),
                      tuple(v.at(loaded.resolve(v.path)) for v in data.values),
                      tuple(loaded.resolve(c) for c in data.commentary))


def _deck(deck_yaml: Path, meeting_data: LoadedData | None, found: _Collector,
          context: Mapping[str, Any] | None) -> DeckInputs | None:
    """The deck with its data (the meeting's own when the files are the same), its text
    fields rendered with ``context`` (default: the deck's period)."""
    raw = found.attempt(deck_yaml, lambda: load_deck(deck_yaml))
    if raw is None:
        return None
    found.extend(still_to_supply(TextSource(str(deck_yaml), raw.deck)), ConfigError)
    context = context or {"period": period_text(raw.deck.month)}
    deck = found.attempt(deck_yaml, partial(rendered, raw.deck, context, deck_yaml))
    if deck is None:
        return None
    loaded = LoadedDeck(deck, deck_yaml)
    inputs = deck_data_inputs(loaded)
    month = loaded.deck.month
    if meeting_data is not None and meeting_data.inputs == inputs:
        data: LoadedData | None = meeting_data
    else:
        data = found.attempt(inputs.catalogue,
                             lambda: load_data(inputs, month, f"{deck_yaml}: period"))
    template = deck_template(loaded)
    styles, problems = deck_template_styles(loaded, template)
    found.extend(problems, TemplateError)
    if data is None or styles is None:
        return None
    if data.period != month:
        found.extend([Problem(str(deck_yaml), "period",
                              f"the deck is for {loaded.deck.period} but the meeting's data "
                              f"period is {data.period.iso()}", data.period.iso())], ConfigError)
    found.extend(check_deck(loaded.deck, data.catalogue, deck_yaml), ConfigError)
    return DeckInputs(loaded, data, template, raw.deck, styles)


def _appendix_files(loaded: LoadedMeeting, found: _Collector, context: Mapping[str, Any]
                    ) -> tuple[dict[Path, Tracker], dict[Path, Glossary]]:
    trackers: dict[Path, Tracker] = {}
    glossaries: dict[Path, Glossary] = {}
    for item in loaded.meeting.items:
        for appendix in item.report.appendices if item.report else ():
            if appendix.path is None or not loaded.resolve(appendix.path).is_file():
                continue  # reported by report_problems
            path = loaded.resolve(appendix.path)
            if appendix.kind == "tracker" and path not in trackers:
                if (tracker := found.attempt(path, partial(_load_rendered, load_tracker, path,
                                                           context))) is not None:
                    trackers[path] = tracker
            elif appendix.kind == "glossary" and path not in glossaries and (
                    glossary := found.attempt(path, partial(_load_rendered, load_glossary, path,
                                                            context))) is not None:
                glossaries[path] = glossary
    return trackers, glossaries


def _load_rendered(load: Callable[[Path], M], path: Path, context: Mapping[str, Any]) -> M:
    return rendered(load(path), context, path)
