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
from pathlib import Path

from builder.compute.model import ReportModel
from builder.compute.periods import Month, parse_period
from builder.config.report import Appendix
from builder.errors import BuilderError
from builder.parts import AppendixPart, ReportParts
from builder.pipeline.agenda import ReportItem, report_items
from builder.pipeline.inputs import MeetingInputs
from builder.present import report_appendices as pa
from builder.present.report_context import Strings, report_context, text_context
from builder.render.charts import draw_charts
from builder.render.word_common import CoreProperties, drop_footers
from builder.render.word_dataset import render_dataset
from builder.render.word_glossary import render_glossary
from builder.render.word_report import Placeholder, combine_report, write_external_appendix
from builder.render.word_template import render_docx_template
from builder.render.word_tracker import render_tracker

PARTS = "parts"


def build_reports(inputs: MeetingInputs, out_dir: Path, model: ReportModel | None,
                  only: int | None = None, chart_cache: Path | None = None
                  ) -> tuple[ReportParts, ...]:
    """Render every report item (or agenda item ``only``) into ``out_dir``; see module doc.

    ``model`` is the meeting's computed data (None when the meeting has none). Charts are drawn
    into ``chart_cache`` (and reused from it: their names hash their data), or into a temporary
    folder when it is None."""
    loaded = inputs.loaded
    items = report_items(loaded, only)
    period = model.period if model is not None else _configured_period(inputs)
    parts_dir = out_dir / PARTS
    parts_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="builder-charts-") as scratch:
        charts = chart_cache or Path(scratch)
        builder = _ReportBuilder(inputs, parts_dir, model, period, charts)
        return tuple(builder.build(r, out_dir) for r in items)


def _configured_period(inputs: MeetingInputs) -> Month | None:
    data = inputs.loaded.meeting.data
    return parse_period(data.period) if data is not None else None


class _ReportBuilder:
    """Renders one report item and its appendices (holds what every item shares)."""

    def __init__(self, inputs: MeetingInputs, parts_dir: Path, model: ReportModel | None,
                 period: Month | None, charts_dir: Path) -> None:
        self.inputs, self.loaded = inputs, inputs.loaded
        self.template, self.parts_dir = inputs.templates.report, parts_dir
        self.model, self.period, self.charts_dir = model, period, charts_dir
        self.created = dt.datetime.combine(self.loaded.meeting.issue_date, dt.time(9, 0))

    def build(self, r: ReportItem, out_dir: Path) -> ReportParts:
        try:
            return self._build(r, out_dir)
        except BuilderError as exc:
            raise exc.with_context(f"agenda item {r.number} ({r.item.title})") from None

    def _build(self, r: ReportItem, out_dir: Path) -> ReportParts:
        report = r.item.report
        assert report is not None
        context = report_context(self.loaded, r.index, self.period,
                                 self.inputs.council.confidentiality, self.inputs.council.labels)
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
        combine_report(self.template, body, [self._combined(p) for p in parts], core, docx)
        for part_file in (body, *(p.source for p in parts)):
            if part_file is not None and part_file.suffix == ".docx":
                drop_footers(part_file)  # the pack stamps 'Page N' on the parts itself
        return ReportParts(r.number, r.item.title, docx, body, tuple(parts))

    def _appendix(self, r: ReportItem, number: int, appendix: Appendix, title: str,
                  item_core: CoreProperties) -> AppendixPart:
        heading = pa.appendix_heading(number, title, appendix.exempt, self.inputs.council.labels)
        core = CoreProperties(heading, item_core.author, item_core.created, item_core.subject)
        out = self.parts_dir / f"{r.stem}-appendix-{number}.docx"
        source: Path | None = out
        if appendix.kind == "dataset":
            assert self.model is not None
            text = pa.dataset_text(self.model, heading, appendix.charts,
                                   appendix.layout.resolve())
            specs = [spec for theme in text.themes for spec in theme.charts]
            render_dataset(self.template, text, draw_charts(specs, self.charts_dir), core, out)
        elif appendix.kind == "tracker":
            tracker = self.inputs.trackers[self._path(appendix)]
            rows = tracker.shown_at(self.loaded.meeting.date)
            meeting = self.loaded.meeting
            text_t = pa.tracker_text(rows, meeting.panel, meeting.date, heading, meeting.variant,
                                     self.inputs.council.labels.tracker)
            render_tracker(self.template, text_t, core, out)
        elif appendix.kind == "glossary":
            glossary = self.inputs.glossaries[self._path(appendix)]
            text_g = pa.glossary_text(glossary, heading, self.inputs.council.labels.glossary)
            render_glossary(self.template, text_g, core, out)
        elif appendix.kind == "file" and self._path(appendix).suffix.lower() == ".pdf":
            source = out.with_suffix(".pdf")
            shutil.copyfile(self._path(appendix), source)
        elif appendix.kind == "file":
            write_external_appendix(self.template, heading, self._path(appendix), core, out)
        else:
            source = None
        return AppendixPart(number, title, appendix.kind, source, appendix.exempt,
                            appendix.exempt_category, appendix.exempt_reason)

    def _path(self, appendix: Appendix) -> Path:
        assert appendix.path is not None
        return self.loaded.resolve(appendix.path)

    def _combined(self, part: AppendixPart) -> Path | Placeholder:
        """The appendix as it goes into ``item-NN-<slug>.docx``."""
        if part.source is not None and part.source.suffix == ".docx":
            return part.source
        heading = pa.appendix_heading(part.number, part.title, part.exempt,
                                      self.inputs.council.labels)
        name = part.source.name if part.source is not None else None
        return Placeholder(heading, pa.placeholder_sentence(part.kind, name,
                                                            self.inputs.council.placeholders))
