"""Committee reports: from a loaded meeting to ``item-NN-<slug>.docx`` files and their parts.

``build_reports`` writes, for every report item (or only agenda item ``only``):

* ``out_dir/item-NN-<slug>.docx`` — the report followed by its Word appendices (each in its own
  section: the dataset appendix is landscape), for the Scrutiny Manager;
* ``out_dir/parts/item-NN-<slug>-body.docx`` — the report alone, and
  ``out_dir/parts/item-NN-<slug>-appendix-K.docx`` (or ``.pdf`` for a PDF file appendix) — each
  appendix on its own, so the pack can convert them and keep exempt ones out. A ``deck``
  appendix has no file (``source`` None): the build supplies the deck's PDF.

It writes into ``out_dir`` directly; callers wanting atomic outputs pass a staging folder
(``builder.outputs.staging_dir``), as ``builder report`` does.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument

from builder.compute.model import ReportModel
from builder.compute.periods import Month, parse_period
from builder.config.glossary import load_glossary
from builder.config.meeting import AgendaItem, LoadedMeeting, numbered_items
from builder.config.report import Appendix
from builder.config.tracker import load_tracker
from builder.data.safezip import check_office_zip
from builder.errors import BuilderError, ConfigError, Problem, raise_if_any
from builder.parts import AppendixPart, ReportParts
from builder.pipeline import build_model, meeting_inputs
from builder.present import report_appendices as pa
from builder.present.report_context import Strings, report_context, text_context
from builder.render.charts import draw_charts
from builder.render.reproducible import save_package
from builder.render.word_append import append_document
from builder.render.word_common import (
    CoreProperties,
    Writer,
    document_from_template,
    drop_footers,
    set_core_properties,
)
from builder.render.word_dataset import render_dataset
from builder.render.word_glossary import render_glossary
from builder.render.word_template import render_docx_template
from builder.render.word_tracker import render_tracker

TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "committee_report.docx"
PARTS = "parts"
FILE_TYPES = (".docx", ".pdf")


@dataclass(frozen=True)
class ReportItem:
    """A report on the agenda: its printed number and its position in ``meeting.items``."""

    number: int
    index: int
    item: AgendaItem

    @property
    def stem(self) -> str:
        return f"item-{self.number:02d}-{slugify(self.item.title)}"


def slugify(title: str) -> str:
    """``CHILDREN AND LEARNING - PERFORMANCE`` -> ``children-and-learning-performance``."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60].strip("-") or "report"


def report_items(loaded: LoadedMeeting, only: int | None = None) -> tuple[ReportItem, ...]:
    """The meeting's report items with their agenda numbers; ``only`` picks one."""
    indexes = {id(item): n for n, item in enumerate(loaded.meeting.items)}
    items = tuple(ReportItem(n.number, indexes[id(n.item)], n.item)
                  for n in numbered_items(loaded.meeting)
                  if n.item is not None and n.item.report is not None)
    if only is None:
        return items
    chosen = tuple(r for r in items if r.number == only)
    if not chosen:
        valid = ", ".join(str(r.number) for r in items) or "none: the meeting has no reports"
        raise ConfigError(f"{loaded.path}: agenda item {only} is not a report",
                          [Problem(str(loaded.path), "--item", f"no report at item {only}",
                                   valid)])
    return chosen


def check_reports(loaded: LoadedMeeting, items: Sequence[ReportItem]) -> None:
    """Cross-checks the schema cannot make: variant sections and appendix files, all at once."""
    file = str(loaded.path)
    variant = loaded.meeting.variant
    problems: list[Problem] = []
    for r in items:
        report = r.item.report
        assert report is not None
        at = f"items[{r.index}].report"
        if variant == "2023" and report.risk is None:
            problems.append(Problem(file, f"{at}.risk", "the 2023 report has a RISK MANAGEMENT "
                                    "IMPLICATIONS section; this report has no 'risk'",
                                    "risk: [None] at least"))
        if variant == "2017" and report.risk is not None:
            problems.append(Problem(file, f"{at}.risk", "the 2017 report has no RISK MANAGEMENT "
                                    "section; 'risk' would not be printed", "remove 'risk'"))
        for n, appendix in enumerate(report.appendices):
            problems += _appendix_problems(loaded, appendix, f"{at}.appendices[{n}]")
    raise_if_any(problems, ConfigError, f"{file}: the reports cannot be built")


def _appendix_problems(loaded: LoadedMeeting, appendix: Appendix, at: str) -> list[Problem]:
    file = str(loaded.path)
    if appendix.kind == "dataset" and loaded.meeting.data is None:
        return [Problem(file, at, "a dataset appendix needs the meeting's 'data' section",
                        "data: {catalogue, values, period}")]
    if appendix.kind == "deck" and loaded.meeting.deck is None:
        return [Problem(file, at, "a deck appendix needs the meeting's 'deck'", "deck: FILE")]
    if appendix.path is None:
        return []
    path = loaded.resolve(appendix.path)
    if not path.is_file():
        return [Problem(file, f"{at}.path", f"file not found: {path}", "an existing file")]
    if appendix.kind == "file":
        if path.suffix.lower() not in FILE_TYPES:
            return [Problem(file, f"{at}.path", f"'{path.suffix}' files cannot be appendices",
                            ", ".join(FILE_TYPES))]
        if path.suffix.lower() == ".docx" and (problem := check_office_zip(path)):
            return [Problem(file, f"{at}.path", f"{path.name}: {problem}", "a Word .docx")]
    return []


def build_reports(loaded: LoadedMeeting, out_dir: Path, model: ReportModel | None = None,
                  only: int | None = None, template: Path = TEMPLATE,
                  chart_cache: Path | None = None) -> tuple[ReportParts, ...]:
    """Render every report item (or agenda item ``only``) into ``out_dir``; see module doc.

    Charts are drawn into ``chart_cache`` (and reused from it: their names hash their data),
    or into a temporary folder when it is None."""
    items = report_items(loaded, only)
    check_reports(loaded, items)
    meeting = loaded.meeting
    if model is None and meeting.data is not None and _needs_model(items):
        inputs, month = meeting_inputs(loaded)
        model = build_model(inputs, month)
    period = model.period if model is not None else _configured_period(loaded)
    parts_dir = out_dir / PARTS
    parts_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="builder-charts-") as scratch:
        charts = chart_cache or Path(scratch)
        builder = _ReportBuilder(loaded, template, parts_dir, model, period, charts)
        return tuple(builder.build(r, out_dir) for r in items)


def _needs_model(items: Sequence[ReportItem]) -> bool:
    return any(a.kind == "dataset" for r in items if r.item.report
               for a in r.item.report.appendices)


def _configured_period(loaded: LoadedMeeting) -> Month | None:
    data = loaded.meeting.data
    return parse_period(data.period) if data is not None else None


class _ReportBuilder:
    """Renders one report item and its appendices (holds what every item shares)."""

    def __init__(self, loaded: LoadedMeeting, template: Path, parts_dir: Path,
                 model: ReportModel | None, period: Month | None, charts_dir: Path) -> None:
        self.loaded, self.template, self.parts_dir = loaded, template, parts_dir
        self.model, self.period, self.charts_dir = model, period, charts_dir
        self.created = dt.datetime.combine(loaded.meeting.issue_date, dt.time(9, 0))

    def build(self, r: ReportItem, out_dir: Path) -> ReportParts:
        try:
            return self._build(r, out_dir)
        except BuilderError as exc:
            raise exc.with_context(f"agenda item {r.number} ({r.item.title})") from None

    def _build(self, r: ReportItem, out_dir: Path) -> ReportParts:
        report = r.item.report
        assert report is not None
        context = report_context(self.loaded, r.index, self.period)
        strings = Strings(str(self.loaded.path), f"items[{r.index}].report",
                          text_context(self.loaded, self.period))
        title = strings(report.subject, "subject")
        core = CoreProperties(title, strings(report.author.name, "author.name"), self.created,
                              subject=self.loaded.meeting.panel)
        body = self.parts_dir / f"{r.stem}-body.docx"
        render_docx_template(self.template, context, core, body)
        parts = [self._appendix(r, n, a, strings(a.title, f"appendices[{n - 1}].title"), core)
                 for n, a in enumerate(report.appendices, 1)]
        docx = out_dir / f"{r.stem}.docx"
        self._combine(body, parts, core, docx)
        for part_file in (body, *(p.source for p in parts)):
            if part_file is not None and part_file.suffix == ".docx":
                drop_footers(part_file)  # the pack stamps 'Page N' on the parts itself
        return ReportParts(r.number, r.item.title, docx, body, tuple(parts))

    def _appendix(self, r: ReportItem, number: int, appendix: Appendix, title: str,
                  item_core: CoreProperties) -> AppendixPart:
        heading = pa.appendix_heading(number, title, appendix.exempt)
        core = CoreProperties(heading, item_core.author, item_core.created, item_core.subject)
        out = self.parts_dir / f"{r.stem}-appendix-{number}.docx"
        source: Path | None = out
        if appendix.kind == "dataset":
            assert self.model is not None
            text = pa.dataset_text(self.model, heading, appendix.charts)
            specs = [spec for theme in text.themes for spec in theme.charts]
            render_dataset(self.template, text, draw_charts(specs, self.charts_dir), core, out)
        elif appendix.kind == "tracker":
            tracker = load_tracker(self._path(appendix))
            rows = tracker.shown_at(self.loaded.meeting.date)
            meeting = self.loaded.meeting
            text_t = pa.tracker_text(rows, meeting.panel, meeting.date, heading, meeting.variant)
            render_tracker(self.template, text_t, core, out)
        elif appendix.kind == "glossary":
            text_g = pa.glossary_text(load_glossary(self._path(appendix)), heading)
            render_glossary(self.template, text_g, core, out)
        elif appendix.kind == "file" and self._path(appendix).suffix.lower() == ".pdf":
            source = out.with_suffix(".pdf")
            shutil.copyfile(self._path(appendix), source)
        elif appendix.kind == "file":
            self._external_docx(self._path(appendix), heading, core, out)
        else:
            source = None
        return AppendixPart(number, title, appendix.kind, source, appendix.exempt,
                            appendix.exempt_category, appendix.exempt_reason)

    def _path(self, appendix: Appendix) -> Path:
        assert appendix.path is not None
        return self.loaded.resolve(appendix.path)

    def _external_docx(self, path: Path, heading: str, core: CoreProperties, out: Path) -> None:
        doc = document_from_template(self.template)
        Writer(doc).add(heading, "Heading 1")
        append_document(doc, Document(str(path)), str(path), new_section=False)
        set_core_properties(doc, core)
        doc.save(str(out))

    def _combine(self, body: Path, parts: Sequence[AppendixPart], core: CoreProperties,
                 out: Path) -> None:
        doc = Document(str(body))
        for part in parts:
            if part.source is not None and part.source.suffix == ".docx":
                append_document(doc, Document(str(part.source)), str(part.source))
            else:
                append_document(doc, self._placeholder(part), part.title)
        set_core_properties(doc, core)
        save_package(doc, out, core.created)

    def _placeholder(self, part: AppendixPart) -> DocxDocument:
        """A page naming an appendix that is not a Word document (a PDF, or the deck)."""
        doc = document_from_template(self.template)
        w = Writer(doc)
        w.add(pa.appendix_heading(part.number, part.title, part.exempt), "Heading 1")
        what = ("the Building for Brilliance deck, included in the agenda pack as PDF"
                if part.kind == "deck" else
                f"a PDF document ({part.source.name if part.source else 'file'}), included in "
                "the agenda pack")
        w.add(f"This appendix is {what}.", "Normal")
        return doc

