"""The meanings of the arrows and RAG ratings, and the appendix's headings, reworded in the
dataset appendix's layout of a copy of the sample meeting: the report's key table (read back
with python-docx) and the web app's preview of the meeting's data give the new meanings, and no
default meaning; the headings are the layout's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from docx import Document
from typer.testing import CliRunner

from builder.cli import app
from builder.compute.periods import Month
from builder.config.layout import LayoutChoice
from builder.config.meeting import load_meeting, numbered_items
from builder.config.wording import Meanings
from builder.pipeline.data import build_model, meeting_data_inputs
from builder.present.report_appendices import dataset_text
from builder.web.engine import Preview, preview
from tests.conftest import CONFIG, edited_sample

MEETING = CONFIG / "meetings" / "2023-11-23.yaml"
PERIOD = Month(2023, 10)
MEANINGS = {"up": "Went up a tenth or more", "similar": "About the same",
            "down": "Went down a tenth or more", "none": "No change to show",
            "green": "Aim reached", "amber": "Aim nearly reached", "red": "Aim not reached"}
HEADINGS = {"key_heading": "What the marks mean", "commentary_heading": "Notes from the service",
            "trends_heading": "Lines of {theme}", "chart_target": "Aim"}


@dataclass(frozen=True)
class Reworded:
    key: list[tuple[str, str]]
    """The key table's rows below its header: symbol, meaning."""
    document: str
    """Every paragraph and cell of the appendix."""
    paragraphs: tuple[str, ...]
    preview: Preview


@pytest.fixture(scope="module")
def reworded(tmp_path_factory: pytest.TempPathFactory) -> Reworded:
    root = tmp_path_factory.mktemp("meanings")

    def reword(meeting: dict[str, Any]) -> None:
        dataset = next(a for i in meeting["items"] if i.get("report")
                       for a in i["report"].get("appendices", ()) if a["kind"] == "dataset")
        dataset["layout"] = {"preset": "b4b-2023", "meanings": MEANINGS, **HEADINGS}
        dataset["charts"] = False

    path = edited_sample(root, "meetings/2023-11-23.yaml", reword)
    number = next(n.number for n in numbered_items(load_meeting(path).meeting)
                  if n.item is not None and n.item.report is not None
                  and any(a.kind == "dataset" for a in n.item.report.appendices))
    out = root / "out"
    result = CliRunner().invoke(app, ["report", str(path), "--item", str(number),
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    (docx,) = out.glob(f"item-{number:02d}-*.docx")
    doc = Document(str(docx))
    key = next(t for t in doc.tables if t.rows[0].cells[0].text == "Symbol")
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    paragraphs = tuple(p.text for p in doc.paragraphs)
    return Reworded([(r.cells[0].text, r.cells[1].text) for r in key.rows[1:]],
                    " ".join([*paragraphs, *cells]), paragraphs, preview(path))


class DescribeTheKeyToArrowsAndRatings:
    def it_prints_the_layouts_meanings(self, reworded: Reworded) -> None:
        assert reworded.key == [("↑", MEANINGS["up"]), ("⇒", MEANINGS["similar"]),
                                ("↓", MEANINGS["down"]), ("-", MEANINGS["none"]),
                                ("Green", MEANINGS["green"]), ("Amber", MEANINGS["amber"]),
                                ("Red", MEANINGS["red"])]

    def it_prints_no_default_meaning(self, reworded: Reworded) -> None:
        for default in Meanings().model_dump().values():
            assert default not in reworded.document

    def it_explains_the_previews_arrows_in_the_same_words(self, reworded: Reworded) -> None:
        meanings = {(r.arrow_prev, r.arrow_prev_meaning) for t in reworded.preview.themes
                    for r in t.rows} | {(r.arrow_year, r.arrow_year_meaning)
                                        for t in reworded.preview.themes for r in t.rows}
        assert ("↑", MEANINGS["up"]) in meanings and ("↓", MEANINGS["down"]) in meanings
        assert {m for _, m in meanings} <= set(MEANINGS.values())


class DescribeTheAppendixHeadings:
    def it_heads_the_key_as_the_layout_says(self, reworded: Reworded) -> None:
        assert "What the marks mean" in reworded.paragraphs
        assert "Key" not in reworded.paragraphs

    def it_heads_each_themes_commentary_and_charts_as_the_layout_says(self) -> None:
        # (the sample has no commentary this month: the headings are read from the text)
        layout = LayoutChoice.model_validate({"preset": "b4b-2023", **HEADINGS}).resolve()
        text = dataset_text(build_model(meeting_data_inputs(load_meeting(MEETING))[0], PERIOD),
                            "Appendix 1", True, layout)
        assert [t.trends_heading for t in text.themes] == [
            f"Lines of {t.title}" for t in text.themes]
        assert {t.commentary_heading for t in text.themes} == {"Notes from the service"}
        assert {c.target_label for t in text.themes for c in t.charts} == {"Aim"}
