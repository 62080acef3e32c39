"""docs/jinja.md: every documented example renders, for the sample meeting, as documented."""

from __future__ import annotations

import re

import pytest

from builder.compute.periods import Month
from builder.config.meeting import load_meeting
from builder.errors import TemplateError
from builder.jinja_sandbox import render_text
from builder.present.report_context import text_context
from tests.conftest import CONFIG, ROOT

DOC = (ROOT / "docs" / "jinja.md").read_text(encoding="utf-8")
RENDERS = re.findall(r"^- `(.+?)` → `(.+)`$", DOC, re.MULTILINE)
REFUSED = re.findall(r"^- `(.+?)` → error: (.+)$", DOC, re.MULTILINE)


@pytest.fixture(scope="module")
def context() -> dict[str, object]:
    sample = load_meeting(CONFIG / "meetings" / "2023-11-23.yaml")
    assert sample.meeting.data is not None and sample.meeting.data.period == "2023-10"
    return text_context(sample, Month(2023, 10))


class DescribeTheJinjaDoc:
    def it_documents_every_variable_and_filter(self) -> None:
        shown = " ".join(template for template, _ in RENDERS)
        for name in ("period.iso", "period.label", "period.name", "period.start", "period.end",
                     "meeting.panel", "meeting.date", "meeting.issue_date", "long_date",
                     "upper_date", "weekday_date", "short_date"):
            assert name in shown, f"docs/jinja.md has no example of {name}"
        assert len(REFUSED) >= 3

    @pytest.mark.parametrize(("template", "output"), RENDERS)
    def it_renders_each_example_as_documented(self, template: str, output: str,
                                              context: dict[str, object]) -> None:
        assert render_text(template, context, "jinja.md", "example") == output

    @pytest.mark.parametrize(("template", "message"), REFUSED)
    def it_refuses_each_refused_example(self, template: str, message: str,
                                        context: dict[str, object]) -> None:
        with pytest.raises(TemplateError) as caught:
            render_text(template, context, "jinja.md", "example")
        assert message in " ".join(str(p) for p in caught.value.problems)
