"""A long deck cut into part decks (issue 14): each part a whole deck of consecutive slides that
carries only its own slides' charts, numbered as in the deck, the same bytes for the same
slides, and estimated (to share the work between LibreOffice instances) at its share of the
deck's cost."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from builder.assemble.convert import SECONDS_PER_CHART, SECONDS_PER_FILE, estimate
from builder.assemble.slide_parts import part_sizes, split_deck
from builder.render.reproducible import save_package

WHEN = dt.datetime(2023, 11, 1, 9, 0)


def make_deck(path: Path, slides: int, chart_every: int = 2, titles: dict[int, str] | None = None
              ) -> Path:
    """A deck of ``slides`` titled 'Slide N' (or ``titles[N]``), a chart (alt text 'Chart of
    slide N') on every ``chart_every``-th slide, saved as builder saves its decks."""
    prs = Presentation()
    for n in range(1, slides + 1):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = (titles or {}).get(n, f"Slide {n}")
        slide.notes_slide.notes_text_frame.text = f"Notes {n}"
        if n % chart_every == 0:
            data = CategoryChartData()
            data.categories = ["Sep", "Oct"]
            data.add_series(f"Series {n}", (n, n + 1))
            frame = slide.shapes.add_chart(XL_CHART_TYPE.LINE, Inches(1), Inches(2),
                                           Inches(6), Inches(4), data)
            frame._element.xpath("./p:nvGraphicFramePr/p:cNvPr")[0].set(
                "descr", f"Chart of slide {n}")
    path.parent.mkdir(parents=True, exist_ok=True)
    save_package(prs, path, WHEN)
    return path


def titles_of(part: Path) -> list[str]:
    return [s.shapes.title.text_frame.text for s in Presentation(str(part)).slides]


class DescribePartSizes:
    @pytest.mark.parametrize(("slides", "sizes"), [(45, [15, 15, 15]), (20, [20]),
                                                   (41, [14, 14, 13]), (195, [20] * 5 + [19] * 5),
                                                   (0, [0])])
    def it_cuts_as_few_parts_as_evenly_as_it_can(self, slides: int, sizes: list[int]) -> None:
        assert part_sizes(slides, 20) == sizes

    @pytest.mark.parametrize(("slides", "sizes"), [(39, [20, 19]), (45, [15, 15, 15]),
                                                   (1, [1]), (0, [0])])
    def it_cuts_at_least_the_parts_asked_for_while_there_are_slides(
            self, slides: int, sizes: list[int]) -> None:
        assert part_sizes(slides, 20 if slides == 45 else 40, at_least=2) == sizes


class DescribeSplitDeck:
    def it_keeps_a_short_deck_whole(self, tmp_path: Path) -> None:
        deck = make_deck(tmp_path / "deck.pptx", 4)
        assert split_deck(deck, tmp_path / "parts", per_part=4) == [deck]
        assert not (tmp_path / "parts").exists()

    def it_shares_a_short_deck_that_costs_more_than_a_part_s_work(self, tmp_path: Path) -> None:
        deck = make_deck(tmp_path / "deck.pptx", 4)
        below = estimate(deck) - 0.01
        parts = split_deck(deck, tmp_path / "parts", per_part=40, seconds_per_part=below)
        assert [p.name for p in parts] == ["deck-part-01.pptx", "deck-part-02.pptx"]
        assert split_deck(deck, tmp_path / "whole", per_part=40,
                          seconds_per_part=estimate(deck)) == [deck]

    def it_cuts_a_long_deck_into_decks_of_consecutive_slides(self, tmp_path: Path) -> None:
        deck = make_deck(tmp_path / "deck.pptx", 7)
        parts = split_deck(deck, tmp_path / "parts", per_part=3)
        assert [p.name for p in parts] == ["deck-part-01.pptx", "deck-part-02.pptx",
                                           "deck-part-03.pptx"]
        assert [titles_of(p) for p in parts] == [["Slide 1", "Slide 2", "Slide 3"],
                                                 ["Slide 4", "Slide 5"], ["Slide 6", "Slide 7"]]
        second = Presentation(str(parts[1]))
        assert [s.notes_slide.notes_text_frame.text for s in second.slides] == \
            ["Notes 4", "Notes 5"]
        assert [[sh.chart.plots[0].series[0].name for sh in s.shapes if sh.has_chart]
                for s in second.slides] == [["Series 4"], []]

    def it_numbers_each_part_s_slides_as_the_deck_does(self, tmp_path: Path) -> None:
        parts = split_deck(make_deck(tmp_path / "deck.pptx", 7), tmp_path / "parts", 3)
        firsts = []
        for part in parts:
            with zipfile.ZipFile(part) as package:
                firsts.append(etree.fromstring(package.read("ppt/presentation.xml"))
                              .get("firstSlideNum"))
        assert firsts == ["1", "4", "6"]

    def it_leaves_out_the_other_slides_charts_and_workbooks(self, tmp_path: Path) -> None:
        deck = make_deck(tmp_path / "deck.pptx", 7, chart_every=1)
        parts = split_deck(deck, tmp_path / "parts", per_part=3)
        for part, slides in zip(parts, (3, 2, 2), strict=True):
            with zipfile.ZipFile(part) as package:
                names = package.namelist()
                types = package.read("[Content_Types].xml").decode()
            assert len([n for n in names if n.startswith("ppt/slides/slide")]) == slides
            assert len([n for n in names if n.startswith("ppt/notesSlides/notesSlide")]) == \
                slides
            assert len([n for n in names if n.startswith("ppt/charts/chart")]) == slides
            assert len([n for n in names if n.startswith("ppt/embeddings/")]) == slides
            assert "docProps/app.xml" not in names  # it lists every slide's title
            overrides = etree.fromstring(types.encode()).findall(
                "{http://schemas.openxmlformats.org/package/2006/content-types}Override")
            assert {o.get("PartName").lstrip("/") for o in overrides} <= set(names)

    def it_gives_the_same_bytes_for_the_same_slides(self, tmp_path: Path) -> None:
        first = split_deck(make_deck(tmp_path / "a.pptx", 7), tmp_path / "a", 3)
        again = split_deck(make_deck(tmp_path / "a.pptx", 7), tmp_path / "b", 3)
        changed = split_deck(make_deck(tmp_path / "a.pptx", 7, titles={5: "Slide five"}),
                             tmp_path / "c", 3)
        read = [[p.read_bytes() for p in parts] for parts in (first, again, changed)]
        assert read[0] == read[1]
        assert [a == c for a, c in zip(read[0], read[2], strict=True)] == [True, False, True]


class DescribeTheirEstimates:
    def it_shares_the_deck_s_estimated_cost_between_its_parts(self, tmp_path: Path) -> None:
        deck = make_deck(tmp_path / "deck.pptx", 9, chart_every=3)
        parts = split_deck(deck, tmp_path / "parts", per_part=3)
        assert sum(estimate(p) for p in parts) == pytest.approx(
            estimate(deck) + (len(parts) - 1) * SECONDS_PER_FILE)

    def it_counts_slides_and_charts_not_the_charts_workbooks(self, tmp_path: Path) -> None:
        few = make_deck(tmp_path / "few.pptx", 6, chart_every=6)
        many = make_deck(tmp_path / "many.pptx", 6, chart_every=1)
        extra = estimate(many) - estimate(few)
        assert 5 * SECONDS_PER_CHART < extra < 5 * SECONDS_PER_CHART + 0.1


class DescribeTheDefaultPartSize:
    def it_gives_each_instance_one_part_of_the_sample_sized_deck(self) -> None:
        assert part_sizes(45) == [23, 22]

    def it_keeps_a_450_indicator_deck_in_parts_of_at_most_40_slides(self) -> None:
        assert max(part_sizes(195)) <= 40 and len(part_sizes(195)) == 5
