"""The deck's table and chart styles come from its template's 'Styles' layout (issue 10): a
restyled template restyles every table and chart; a template without the styles, or with a
style below 4.5:1, is refused (exit 3) listing every problem."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.oxml.ns import qn
from pptx.util import Pt

from builder.pipeline.templates import DEFAULT_DECK_TEMPLATE
from tests.conftest import CONFIG, Cli

DECK = CONFIG / "decks" / "b4b-2023-10.yaml"
Edit = Callable[[Any], None]


def style_shape(prs: Any, name: str) -> Any:
    layout = next(item for item in prs.slide_layouts if item.name == "Styles")
    return next(shape for shape in layout.shapes if shape.name == name)


def restyle(prs: Any, name: str, fill: str | None = None, color: str | None = None,
            size: int | None = None, bold: bool | None = None, font: str | None = None) -> None:
    """Restyle a shape of the Styles layout as PowerPoint's Format Shape and Font would."""
    shape = style_shape(prs, name)
    if fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(fill)
    run = shape.text_frame.paragraphs[0].runs[0].font
    if color:
        run.color.rgb = RGBColor.from_string(color)
    if size:
        run.size = Pt(size)
    if bold is not None:
        run.bold = bold
    if font:
        run.name = font


@pytest.fixture
def deck_with(tmp_path: Path) -> Callable[[Edit], Path]:
    """A config folder of the sample deck whose template is the shipped one changed by
    ``edit(presentation)``; returns the deck YAML."""

    def make(edit: Edit) -> Path:
        config = tmp_path / "config"
        (config / "values").mkdir(parents=True)
        (config / "decks").mkdir()
        shutil.copy(CONFIG / "indicators.yaml", config)
        shutil.copy(CONFIG / "values" / "b4b-2023-10.csv", config / "values")
        prs = Presentation(str(DEFAULT_DECK_TEMPLATE))
        edit(prs)
        prs.save(str(config / "decks" / "restyled.pptx"))
        deck = yaml.safe_load(DECK.read_text(encoding="utf-8"))
        deck["template"] = "restyled.pptx"
        path = config / "decks" / "deck.yaml"
        path.write_text(yaml.safe_dump(deck, allow_unicode=True), encoding="utf-8")
        return path

    return make


def _restyled(prs: Any) -> None:
    restyle(prs, "Table header", fill="000000", color="FFFFFF", size=12, font="Georgia")
    restyle(prs, "RAG Red", fill="FFFFFF", color="C00000")
    restyle(prs, "Chart title", size=14, bold=True)
    restyle(prs, "Chart axis", size=10)
    restyle(prs, "Chart text", size=12, color="333333")
    restyle(prs, "Chart line", fill="C00000")
    restyle(prs, "Target line", fill="000000")


def _cells(table: Any) -> list[list[tuple[str, Any]]]:
    """Each row's cells as (text, the run's properties and the cell's fill)."""
    rows = []
    for tr in table._tbl.tr_lst:
        row = []
        for tc in tr.tc_lst:
            fill = tc.find(f"{qn('a:tcPr')}/{qn('a:solidFill')}/{qn('a:srgbClr')}")
            props = tc.find(f".//{qn('a:rPr')}")
            colour = props.find(f"{qn('a:solidFill')}/{qn('a:srgbClr')}")
            latin = props.find(qn("a:latin"))
            row.append(("".join(t.text or "" for t in tc.iter(qn("a:t"))), {
                "fill": None if fill is None else fill.get("val"),
                "color": None if colour is None else colour.get("val"),
                "sz": props.get("sz"), "b": props.get("b"),
                "font": None if latin is None else latin.get("typeface")}))
        rows.append(row)
    return rows


class DescribeARestyledTemplate:
    @pytest.fixture
    def deck(self, cli: Cli, deck_with: Callable[[Edit], Path], tmp_path: Path) -> Any:
        run = cli("deck", str(deck_with(_restyled)), "--out", str(tmp_path / "out"))
        assert run.code == 0, run.err
        return Presentation(str(next((tmp_path / "out").glob("*.pptx"))))

    def it_styles_every_table_header_and_red_cell_as_the_template_says(self, deck: Any
                                                                        ) -> None:
        tables = [s.table for slide in deck.slides for s in slide.shapes if s.has_table]
        assert tables
        reds = others = 0
        for table in tables:
            header, *rows = _cells(table)
            assert {str(style) for _, style in header} == {str({
                "fill": "000000", "color": "FFFFFF", "sz": "1200", "b": "1", "font": "Georgia"})}
            for text, style in (cell for row in rows for cell in row):
                if text == "Red":
                    reds += 1
                    assert (style["fill"], style["color"]) == ("FFFFFF", "C00000")
                elif text in ("Green", "Amber"):  # not restyled: as the shipped template has it
                    others += 1
                    assert style["fill"] and style["fill"] != "FFFFFF"
                else:
                    assert (style["fill"], style["sz"], style["font"]) == (None, "900", None), text
        assert reds and others

    def it_gives_every_chart_the_template_s_fonts_and_line_colours(self, deck: Any) -> None:
        charts = [s.chart for slide in deck.slides for s in slide.shapes if s.has_chart]
        assert charts
        for chart in charts:
            assert chart.font.size == Pt(12)
            assert chart.font.color.rgb == RGBColor.from_string("333333")
            title = chart.chart_title.text_frame.paragraphs[0].font
            assert (title.size, title.bold) == (Pt(14), True)
            assert chart.category_axis.tick_labels.font.size == Pt(10)
            lines = {s.format.line.dash_style == MSO_LINE_DASH_STYLE.DASH:
                     s.format.line.color.rgb for s in chart.plots[0].series}
            assert lines[False] == RGBColor.from_string("C00000")
            if True in lines:  # a target line
                assert lines[True] == RGBColor.from_string("000000")
        assert any(len(chart.plots[0].series) == 2 for chart in charts)

    def it_leaves_the_styles_layout_out_of_the_deck(self, deck: Any) -> None:
        assert "Styles" not in [layout.name for layout in deck.slide_layouts]


class DescribeATemplateWithoutItsStyles:
    def it_refuses_a_template_without_the_styles_layout_naming_the_layouts_found(
            self, cli: Cli, deck_with: Callable[[Edit], Path], tmp_path: Path) -> None:
        def edit(prs: Any) -> None:
            layout = next(item for item in prs.slide_layouts if item.name == "Styles")
            prs.slide_layouts.remove(layout)

        run = cli("deck", str(deck_with(edit)), "--out", str(tmp_path / "out"))
        assert run.code == 3
        assert "layout 'Styles': no layout of this name" in run.err
        assert "layouts in the template: 'Title', 'Priorities'" in run.err
        assert "'Table header', 'Table body', 'RAG Green'" in run.err  # what to add
        assert "builder templates export" in run.err
        assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())

    def it_lists_every_missing_style_shape_at_once(self, cli: Cli,
                                                   deck_with: Callable[[Edit], Path],
                                                   tmp_path: Path) -> None:
        def edit(prs: Any) -> None:
            for name in ("RAG Amber", "Chart axis"):
                element = style_shape(prs, name)._element
                element.getparent().remove(element)

        run = cli("deck", str(deck_with(edit)), "--out", str(tmp_path / "out"))
        assert run.code == 3
        assert "no shape named 'RAG Amber'" in run.err
        assert "no shape named 'Chart axis'" in run.err
        assert "shapes in this layout: " in run.err and "'RAG Red'" in run.err

    def it_refuses_a_style_below_4_5_to_1_with_its_ratio_and_colours(
            self, cli: Cli, deck_with: Callable[[Edit], Path], tmp_path: Path) -> None:
        def edit(prs: Any) -> None:
            restyle(prs, "RAG Amber", fill="FFEB9C", color="FFFFFF")
            restyle(prs, "Table header", fill="4F81BD", color="FFFFFF")

        run = cli("deck", str(deck_with(edit)), "--out", str(tmp_path / "out"))
        assert run.code == 3
        assert "shape 'RAG Amber': text #FFFFFF on #FFEB9C has a contrast of 1.19:1" in run.err
        assert "shape 'Table header': text #FFFFFF on #4F81BD has a contrast of 4.03:1" \
            in run.err
        assert "4.5:1" in run.err
