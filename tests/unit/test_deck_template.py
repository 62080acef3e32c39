"""The deck template: layouts and placeholders found by name, and a clear error when not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from builder.errors import TemplateError
from builder.render.slides_template import REQUIRED, open_template
from tests.conftest import ROOT

TEMPLATE = ROOT / "builder" / "templates" / "board_deck.pptx"
SCRIPT = ROOT / "builder" / "templates" / "src" / "make_board_deck.py"


def layouts_of(path: Path) -> dict[str, list[str]]:
    with path.open("rb") as handle:
        prs: Any = Presentation(handle)
    return {layout.name: [s.name for s in layout.placeholders] for layout in prs.slide_layouts}


def edited(tmp_path: Path, edit: Any) -> Path:
    """A copy of the template changed by ``edit(presentation)``."""
    with TEMPLATE.open("rb") as handle:
        prs = Presentation(handle)
    edit(prs)
    out = tmp_path / "broken.pptx"
    prs.save(str(out))
    return out


def layout(prs: Any, name: str) -> Any:
    return next(item for item in prs.slide_layouts if item.name == name)


def placeholder(prs: Any, layout_name: str, name: str) -> Any:
    return next(s for s in layout(prs, layout_name).placeholders if s.name == name)


class DescribeTheCommittedTemplate:
    def it_has_every_layout_and_named_placeholder_the_deck_needs(self) -> None:
        found = layouts_of(TEMPLATE)
        for name, placeholders in REQUIRED.items():
            assert set(placeholders) <= set(found[name]), name
        assert found["Chart"] == ["Title", "Chart 1", "Chart 2", "Chart 3", "Chart 4"]

    def it_opens_with_four_charts_per_slide(self) -> None:
        template = open_template(TEMPLATE, charts_per_slide=4)
        assert template.spot("Chart", "Chart 4").idx == 4

    def it_can_be_made_afresh_by_its_script(self, tmp_path: Path) -> None:
        # not compared with the committed file: an owner may have edited that one
        fresh = tmp_path / "fresh.pptx"
        run = subprocess.run([sys.executable, str(SCRIPT), str(fresh)], capture_output=True,
                             text=True, check=False)
        assert run.returncode == 0, run.stderr
        assert set(REQUIRED) <= set(open_template(fresh, charts_per_slide=4).layouts)


class DescribeABrokenTemplate:
    def it_names_every_missing_layout_and_placeholder_and_what_exists(self, tmp_path: Path
                                                                      ) -> None:
        def edit(prs: Any) -> None:
            layout(prs, "Chart")._element.cSld.set("name", "Charts")
            outcome = placeholder(prs, "Narrative", "Outcome")._element
            outcome.getparent().remove(outcome)

        with pytest.raises(TemplateError) as caught:
            open_template(edited(tmp_path, edit))
        problems = {(p.where, p.what): p.valid for p in caught.value.problems}
        assert len(problems) == 2
        assert "'Charts'" in problems[("layout 'Chart'", "no layout of this name")]
        valid = problems[("layout 'Narrative'", "no placeholder named 'Outcome'")]
        assert valid == "placeholders in this layout: 'Title', 'Statements', 'Commentary'"
        # a hint to regenerate would wipe the owner's edits
        assert "templates/src" not in caught.value.hint
        assert "builder templates export" in caught.value.hint

    def it_requires_as_many_chart_placeholders_as_charts_per_slide(self, tmp_path: Path
                                                                    ) -> None:
        def edit(prs: Any) -> None:
            chart = placeholder(prs, "Chart", "Chart 4")._element
            chart.getparent().remove(chart)

        broken = edited(tmp_path, edit)
        open_template(broken, charts_per_slide=3)
        with pytest.raises(TemplateError) as caught:
            open_template(broken, charts_per_slide=4)
        assert [p.what for p in caught.value.problems] == ["no placeholder named 'Chart 4'"]

    def it_rejects_a_placeholder_of_the_wrong_kind(self, tmp_path: Path) -> None:
        def edit(prs: Any) -> None:
            placeholder(prs, "Exceptions", "Table")._element.ph.set("type", "body")

        with pytest.raises(TemplateError) as caught:
            open_template(edited(tmp_path, edit))
        problem = caught.value.problems[0]
        assert problem.where == "layout 'Exceptions', placeholder 'Table'"
        assert problem.valid == "a table placeholder"

    def it_rejects_a_file_that_is_not_a_presentation(self, tmp_path: Path) -> None:
        fake = tmp_path / "deck.pptx"
        fake.write_text("not a zip", encoding="utf-8")
        with pytest.raises(TemplateError, match="not a valid Office"):
            open_template(fake)

    def it_reports_a_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(TemplateError, match="template not found"):
            open_template(tmp_path / "nowhere.pptx")


class DescribeExampleSlides:
    def it_drops_slides_a_designer_left_in_the_template(self, tmp_path: Path) -> None:
        def edit(prs: Any) -> None:
            prs.slides.add_slide(layout(prs, "Title"))

        template = open_template(edited(tmp_path, edit))
        assert len(template.presentation.slides) == 0
