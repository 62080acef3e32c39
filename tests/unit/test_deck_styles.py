"""Reading the deck's styles from the template's 'Styles' layout: theme colours and their
shades, values left to the theme, and a style shape that lacks what it must set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import nsdecls, qn

from builder.errors import TemplateError
from builder.render.deck_styles import DeckStyles
from builder.render.slides_template import open_template
from tests.conftest import ROOT, Cli

TEMPLATE = ROOT / "builder" / "templates" / "board_deck.pptx"


def shape(prs: Any, name: str) -> Any:
    layout = next(item for item in prs.slide_layouts if item.name == "Styles")
    return next(s for s in layout.shapes if s.name == name)


def fill_xml(colour: str) -> Any:
    return etree.fromstring(f"<a:solidFill {nsdecls('a')}>{colour}</a:solidFill>")


def set_fill(prs: Any, name: str, colour: str) -> None:
    """The shape's fill as PowerPoint writes a colour picked from the palette."""
    props = shape(prs, name)._element.spPr
    for old in props.findall(qn("a:solidFill")) + props.findall(qn("a:noFill")):
        props.remove(old)
    props.insert(2, fill_xml(colour))  # after xfrm and prstGeom


def styles_of(tmp_path: Path, edit: Any) -> DeckStyles:
    prs = Presentation(str(TEMPLATE))
    edit(prs)
    prs.save(str(tmp_path / "deck.pptx"))
    return open_template(tmp_path / "deck.pptx").styles


def refusal(tmp_path: Path, edit: Any) -> dict[str, str]:
    with pytest.raises(TemplateError) as caught:
        styles_of(tmp_path, edit)
    assert caught.value.exit_code == 3
    return {p.where: p.what for p in caught.value.problems}


class DescribeStyleColours:
    def it_reads_a_theme_colour_and_its_shades_as_powerpoint_shows_them(self, tmp_path: Path
                                                                       ) -> None:
        # python-pptx's theme: accent 1 is #4F81BD; the palette's "Lighter 80%" is #DCE6F2,
        # its "Darker 25%" #376092
        def edit(prs: Any) -> None:
            set_fill(prs, "RAG Green", '<a:schemeClr val="accent1"><a:lumMod val="20000"/>'
                                       '<a:lumOff val="80000"/></a:schemeClr>')
            set_fill(prs, "Chart line", '<a:schemeClr val="accent1"><a:lumMod val="75000"/>'
                                        '</a:schemeClr>')
            set_fill(prs, "Target line", '<a:schemeClr val="accent1"/>')

        styles = styles_of(tmp_path, edit)
        assert styles.rag_green.fill == "DCE6F2"
        assert (styles.chart_line, styles.target_line) == ("376092", "4F81BD")

    def it_leaves_an_unset_typeface_and_colour_to_the_theme(self, tmp_path: Path) -> None:
        def edit(prs: Any) -> None:
            for run in shape(prs, "Chart text")._element.iter(qn("a:rPr")):
                run.append(etree.fromstring(f'<a:latin {nsdecls("a")} typeface="+mn-lt"/>'))

        text = styles_of(tmp_path, edit).chart_text
        assert (text.typeface, text.color, text.fill) == (None, None, None)

    def it_refuses_a_colour_it_cannot_read_and_a_missing_fill_or_size(self, tmp_path: Path
                                                                      ) -> None:
        def edit(prs: Any) -> None:
            set_fill(prs, "RAG Amber", '<a:schemeClr val="accent2"><a:alpha val="50000"/>'
                                       '</a:schemeClr>')
            fill = shape(prs, "RAG Red")._element.spPr.find(qn("a:solidFill"))
            fill.getparent().remove(fill)
            for run in shape(prs, "Chart title")._element.iter(qn("a:rPr")):
                del run.attrib["sz"]

        problems = refusal(tmp_path, edit)
        where = "layout 'Styles', shape '{}'".format
        assert problems == {
            where("RAG Amber"): "its fill colour uses a colour adjustment other than a shade "
                                "(alpha)",
            where("RAG Red"): "has no fill colour of its own",
            where("Chart title"): "its text has no font size"}

    def it_judges_a_body_fill_against_the_theme_s_text_colour(self, tmp_path: Path) -> None:
        problems = refusal(tmp_path, lambda prs: set_fill(prs, "Table body",
                                                          '<a:srgbClr val="333333"/>'))
        assert problems == {"layout 'Styles', shape 'Table body'":
                            "text #000000 on #333333 has a contrast of 1.66:1, below WCAG 2.2 "
                            "AA's 4.5:1"}


class DescribeTheTemplatesCommand:
    def it_checks_a_deck_template_listing_every_style_problem(self, cli: Cli, tmp_path: Path
                                                             ) -> None:
        def edit(prs: Any) -> None:
            set_fill(prs, "RAG Green", '<a:srgbClr val="006100"/>')  # its text's colour
            element = shape(prs, "Chart axis")._element
            element.getparent().remove(element)

        prs = Presentation(str(TEMPLATE))
        edit(prs)
        prs.save(str(tmp_path / "deck.pptx"))
        run = cli("templates", "check", str(tmp_path / "deck.pptx"))
        assert run.code == 3
        assert "shape 'RAG Green': text #006100 on #006100 has a contrast of 1.00:1" in run.err
        assert "no shape named 'Chart axis'" in run.err
        assert cli("templates", "check", str(TEMPLATE)).code == 0

    def it_lists_the_style_shapes_with_the_deck_s_layouts(self, cli: Cli) -> None:
        run = cli("templates", "vars", "deck")
        assert "layout 'Styles': shapes 'Table header', 'Table body', 'RAG Green'" in run.out
