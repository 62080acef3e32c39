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
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from builder.assemble.footers import drop_footers
from builder.assemble.manifest import sha256
from builder.compute.model import ReportModel
from builder.compute.periods import Month, parse_period
from builder.config.report import Appendix
from builder.errors import BuilderError
from builder.parts import AppendixPart, ReportParts
from builder.pipeline.agenda import ReportItem, report_items
from builder.pipeline.cache import Cache, cache_key, cached
from builder.pipeline.inputs import MeetingInputs
from builder.present import report_appendices as pa
from builder.present.chart_spec import ChartSpec
from builder.present.report_context import Strings, report_context, text_context
from builder.render.word_common import CoreProperties
from builder.render.word_dataset import render_dataset
from builder.render.word_glossary import render_glossary
from builder.render.word_report import Placeholder, combine_report, write_external_appendix
from builder.render.word_template import render_docx_template
from builder.render.word_tracker import render_tracker

PARTS = "parts"


def build_reports(inputs: MeetingInputs, out_dir: Path, model: ReportModel | None,
                  only: int | None = None, chart_cache: Path | None = None,
                  cache: Cache | None = None,
                  on_parts: Callable[[ReportParts], object] | None = None,
                  charts_drawn: Callable[[], object] | None = None
                  ) -> tuple[ReportParts, ...]:
    """Render every report item (or agenda item ``only``) into ``out_dir``; see module doc.

    ``model`` is the meeting's computed data (None when the meeting has none). Charts are drawn
    into ``chart_cache`` (and reused from it: their names hash their data), else into
    ``cache``'s charts, else into a temporary folder. With ``cache``, every document is taken
    from it when what shapes it is what it was made from (:class:`_Document`). ``on_parts``
    is given each report's parts as soon as they are written, before the combined
    ``item-NN-<slug>.docx`` is (a build starts converting them). ``charts_drawn`` waits for
    charts drawn ahead (:func:`dataset_charts`, :func:`builder.render.charts.drawn_ahead`)
    into ``chart_cache``; it is called before a dataset appendix is rendered."""
    loaded = inputs.loaded
    items = report_items(loaded, only)
    period = model.period if model is not None else _configured_period(inputs)
    parts_dir = out_dir / PARTS
    parts_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="builder-reports-") as scratch:
        charts = chart_cache or (cache.charts if cache is not None else Path(scratch))
        builder = _ReportBuilder(inputs, parts_dir, model, period, charts, cache,
                                 Path(scratch) / "with-footers", charts_drawn)
        return tuple(builder.build(r, out_dir, on_parts) for r in items)


def dataset_charts(inputs: MeetingInputs, model: ReportModel | None
                   ) -> tuple[ChartSpec, ...]:
    """The trend charts of every dataset appendix of the meeting's reports, for a build to
    draw while it renders the deck and the pack's documents."""
    if model is None:
        return ()
    specs: list[ChartSpec] = []
    for r in report_items(inputs.loaded):
        assert r.item.report is not None
        for a in r.item.report.appendices:
            if a.kind == "dataset" and a.charts:
                text = pa.dataset_text(model, "", True, a.layout.resolve())
                specs += (spec for theme in text.themes for spec in theme.charts)
    return tuple(specs)


def _configured_period(inputs: MeetingInputs) -> Month | None:
    data = inputs.loaded.meeting.data
    return parse_period(data.period) if data is not None else None


@dataclass(frozen=True)
class _Document:
    """A Word part of a report to make at ``path`` without its footers (the pack stamps its own
    'Page N'), from the one rendered at ``footered`` (which the combined report is made of):
    its cache key (the hash of everything that shapes it: its text or context, the template's
    bytes, the core properties, a source file's bytes) and how to render it."""

    path: Path
    footered: Path
    key: str
    render: Callable[[Path], None]

    @property
    def dropped_key(self) -> str:
        """The key of the part without its footers (as the pack converts it)."""
        return cache_key({"kind": "footers dropped", "of": self.key})


class _ReportBuilder:
    """Renders one report item and its appendices (holds what every item shares)."""

    def __init__(self, inputs: MeetingInputs, parts_dir: Path, model: ReportModel | None,
                 period: Month | None, charts_dir: Path, cache: Cache | None,
                 footered_dir: Path, charts_drawn: Callable[[], object] | None) -> None:
        self.inputs, self.loaded = inputs, inputs.loaded
        self.template, self.parts_dir = inputs.templates.report, parts_dir
        self.model, self.period, self.charts_dir = model, period, charts_dir
        self.cache, self.footered_dir = cache, footered_dir
        self.charts_drawn = charts_drawn
        footered_dir.mkdir(parents=True, exist_ok=True)
        self.template_sha = sha256(self.template)
        self.created = dt.datetime.combine(self.loaded.meeting.issue_date, dt.time(9, 0))

    def build(self, r: ReportItem, out_dir: Path,
              on_parts: Callable[[ReportParts], object] | None) -> ReportParts:
        try:
            return self._build(r, out_dir, on_parts)
        except BuilderError as exc:
            raise exc.with_context(f"agenda item {r.number} ({r.item.title})") from None

    def _build(self, r: ReportItem, out_dir: Path,
               on_parts: Callable[[ReportParts], object] | None) -> ReportParts:
        report = r.item.report
        assert report is not None
        context = report_context(self.loaded, r.index, self.period,
                                 self.inputs.council.confidentiality, self.inputs.council.labels)
        strings = Strings(str(self.loaded.path), f"items[{r.index}].report",
                          text_context(self.loaded, self.period))
        title = strings(report.subject, "subject")
        core = CoreProperties(title, strings(report.author.name, "author.name"), self.created,
                              subject=self.loaded.meeting.panel)
        body = self._document(self.parts_dir / f"{r.stem}-body.docx", core, "report",
                              repr(context), partial(render_docx_template, self.template,
                                                     context, core))
        planned = [self._appendix(r, n, a, strings(a.title, f"appendices[{n - 1}].title"), core)
                   for n, a in enumerate(report.appendices, 1)]
        parts = [part for part, _document in planned]
        documents = [body, *(d for _part, d in planned if d is not None)]
        docx = out_dir / f"{r.stem}.docx"
        combined = [self._combined(p, d) for p, d in planned]
        key = cache_key({"kind": "report docx", "template": self.template_sha,
                         "core": repr(core), "body": body.key,
                         "parts": [c if isinstance(c, str) else repr(c) for c, _ in combined]})
        for document in documents:
            cached(self.cache, document.dropped_key, document.path,
                   partial(self._dropped, document))
        made = ReportParts(r.number, r.item.title, docx, body.path, tuple(parts))
        if on_parts is not None:
            on_parts(made)
        cached(self.cache, key, docx, partial(self._combine, documents,
                                              [c for _, c in combined], core))
        return made

    def _document(self, path: Path, core: CoreProperties, kind: str, shape: str,
                  render: Callable[[Path], None], source: Path | None = None) -> _Document:
        return _Document(path, self.footered_dir / path.name, cache_key({
            "kind": kind, "shape": shape, "template": self.template_sha, "core": repr(core),
            "source": sha256(source) if source is not None else None}), render)

    def _with_footers(self, document: _Document) -> Path:
        """The part as rendered, footers and all (once a run): from the cache, else rendered
        (and kept)."""
        if not document.footered.is_file():
            cached(self.cache, document.key, document.footered, document.render)
        return document.footered

    def _combine(self, documents: list[_Document], appendices: list[Path | Placeholder],
                 core: CoreProperties, out: Path) -> None:
        """The report (``documents[0]``) and its appendices in one file, footers and all."""
        for document in documents:
            self._with_footers(document)
        combine_report(self.template, documents[0].footered, appendices, core, out)

    def _dropped(self, document: _Document, out: Path) -> None:
        """The part without its footers, from the one rendered."""
        drop_footers(self._with_footers(document), out)

    def _appendix(self, r: ReportItem, number: int, appendix: Appendix, title: str,
                  item_core: CoreProperties) -> tuple[AppendixPart, _Document | None]:
        """The appendix's part, and the Word document to make for it (None for a PDF or the
        deck, which are not rendered)."""
        heading = pa.appendix_heading(number, title, appendix.exempt, self.inputs.council.labels)
        core = CoreProperties(heading, item_core.author, item_core.created, item_core.subject)
        out = self.parts_dir / f"{r.stem}-appendix-{number}.docx"
        source: Path | None = out
        document = None
        if appendix.kind == "dataset":
            assert self.model is not None
            text = pa.dataset_text(self.model, heading, appendix.charts,
                                   appendix.layout.resolve())
            document = self._document(out, core, "dataset", repr(text),
                                      partial(self._render_dataset, text, core))
        elif appendix.kind == "tracker":
            tracker = self.inputs.trackers[self._path(appendix)]
            rows = tracker.shown_at(self.loaded.meeting.date)
            meeting = self.loaded.meeting
            text_t = pa.tracker_text(rows, meeting.panel, meeting.date, heading, meeting.variant,
                                     self.inputs.council.labels.tracker)
            document = self._document(out, core, "tracker", repr(text_t),
                                      partial(render_tracker, self.template, text_t, core))
        elif appendix.kind == "glossary":
            glossary = pa.glossary_text(self.inputs.glossaries[self._path(appendix)], heading,
                                        self.inputs.council.labels.glossary)
            document = self._document(out, core, "glossary", repr(glossary),
                                      partial(render_glossary, self.template, glossary, core))
        elif appendix.kind == "file" and self._path(appendix).suffix.lower() == ".pdf":
            source = out.with_suffix(".pdf")
            shutil.copyfile(self._path(appendix), source)
        elif appendix.kind == "file":
            path = self._path(appendix)
            document = self._document(out, core, "file", heading, partial(
                write_external_appendix, self.template, heading, path, core), path)
        else:
            source = None
        return AppendixPart(number, title, appendix.kind, source, appendix.exempt,
                            appendix.exempt_category, appendix.exempt_reason), document

    def _render_dataset(self, text: pa.DatasetText, core: CoreProperties, out: Path) -> None:
        from builder.render.charts import draw_charts  # noqa: PLC0415 - matplotlib: on a miss only
        specs = [spec for theme in text.themes for spec in theme.charts]
        if self.charts_drawn is not None:
            self.charts_drawn()
        render_dataset(self.template, text, draw_charts(specs, self.charts_dir), core, out)

    def _path(self, appendix: Appendix) -> Path:
        assert appendix.path is not None
        return self.loaded.resolve(appendix.path)

    def _combined(self, part: AppendixPart, document: _Document | None
                  ) -> tuple[str | Placeholder, Path | Placeholder]:
        """The appendix as it goes into ``item-NN-<slug>.docx``: (its key, or the placeholder
        standing in for it; the file or the placeholder)."""
        if document is not None:
            return document.key, document.footered
        heading = pa.appendix_heading(part.number, part.title, part.exempt,
                                      self.inputs.council.labels)
        name = part.source.name if part.source is not None else None
        placeholder = Placeholder(heading, pa.placeholder_sentence(
            part.kind, name, self.inputs.council.placeholders))
        return placeholder, placeholder
