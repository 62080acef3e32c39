"""Rendering slides into the template: placeholders filled or removed, errors name the slide,
new parts named uniquely without re-walking the package."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from builder.errors import RenderError
from builder.inspection.pptx_summary import summarize_pptx
from builder.present.deck_context import (
    Block,
    Cell,
    ChartSlide,
    DeckContext,
    ExceptionsSlide,
    LineChart,
    NarrativeSlide,
    Series,
    Slide,
    Table,
    TableSlide,
)
from builder.render.slides import render_deck
from tests.conftest import ROOT

TEMPLATE = ROOT / "builder" / "templates" / "board_deck.pptx"
MONTHS = ("Sep-23", "Oct-23")


def render(tmp_path: Path, *slides: Slide) -> Path:
    context = DeckContext("Test deck", "Testing", "en-GB", dt.datetime(2023, 10, 31),
                          tuple(slides), {})
    out = tmp_path / "deck.pptx"
    render_deck(context, TEMPLATE, out)
    return out


def chart(key: str) -> LineChart:
    return LineChart(key, key.title(), MONTHS, (Series(key, (1.0, 2.0)),), "#,##0",
                     f"Line chart: {key}")


class DescribeRendering:
    def it_says_so_on_a_bullets_slide_when_nothing_is_red(self, tmp_path: Path) -> None:
        deck = summarize_pptx(render(tmp_path, ExceptionsSlide("Exceptions", None,
                                                               "No indicator is rated Red.")))
        slide = deck.slides[0]
        assert (slide.layout, slide.title) == ("Bullets", "Exceptions")
        assert dict(slide.texts)["Body"] == "No indicator is rated Red."

    def it_removes_placeholders_it_does_not_use(self, tmp_path: Path) -> None:
        narrative = NarrativeSlide("Progress", None, Block("Progress analysis", ("A.",)), None)
        deck = summarize_pptx(render(tmp_path, ChartSlide("Trends", (chart("a"),)), narrative))
        charts, progress = deck.slides
        assert [s.name for s in charts.shapes] == ["Title", "Chart 3"]  # named by shape id
        assert [s.name for s in progress.shapes] == ["Title", "Statements"]

    def it_records_the_core_properties(self, tmp_path: Path) -> None:
        deck = summarize_pptx(render(tmp_path, ChartSlide("Trends", (chart("a"),))))
        assert (deck.title, deck.subject, deck.language) == ("Test deck", "Testing", "en-GB")

    def it_names_the_slide_when_rendering_fails(self, tmp_path: Path) -> None:
        broken = Table(("A", "B"), ((Cell("only one cell"),),), (1.0, 1.0), "Table: broken")
        with pytest.raises(RenderError, match="slide 2 'Broken table'"):
            render(tmp_path, ChartSlide("Trends", (chart("a"),)), TableSlide("Broken table",
                                                                               broken))


class DescribePartNames:
    def it_gives_every_chart_and_workbook_its_own_part(self, tmp_path: Path) -> None:
        slides = [ChartSlide(f"Trends {n}", tuple(chart(f"c{n}{k}") for k in range(4)))
                  for n in range(3)]
        out = render(tmp_path, *slides)
        with zipfile.ZipFile(out) as package:
            names = package.namelist()
        charts = sorted(n for n in names if n.startswith("ppt/charts/chart"))
        books = sorted(n for n in names if n.startswith("ppt/embeddings/"))
        assert len(charts) == len(set(charts)) == 12
        assert len(books) == len(set(books)) == 12
        deck = summarize_pptx(out)
        assert [c.series[0][0] for s in deck.slides for c in s.charts] == [
            f"c{n}{k}" for n in range(3) for k in range(4)]
