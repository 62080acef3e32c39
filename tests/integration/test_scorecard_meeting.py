"""A meeting whose data period is a quarter builds its dataset appendix in the layout the
appendix names (issue 9, 'Done means')."""

from __future__ import annotations

from pathlib import Path

import yaml
from docx import Document

from builder.pipeline.checked import check_meeting
from builder.pipeline.reports import build_reports
from tests.conftest import CONFIG, FIXTURES, OUTSIDE

SCORECARDS = FIXTURES / "scorecards"


def meeting(tmp_path: Path) -> Path:
    data = yaml.safe_load((FIXTURES / "report_2017" / "meeting.yaml").read_text("utf-8"))
    data["council"] = str(CONFIG / "council.yaml")
    data["data"] = {"catalogue": str(SCORECARDS / "quarterly-2014.yaml"),
                    "values": [str(SCORECARDS / "quarterly-2014-values.csv")],
                    "commentary": [str(SCORECARDS / "quarterly-2014-commentary.csv")],
                    "period": "Q2 2014/15"}
    report = data["items"][1]
    report["report"]["appendices"] = [
        {"title": "Children's services quarterly performance scorecard", "kind": "dataset",
         "charts": False, "layout": "quarterly-scorecard-2014"}]
    data["items"] = data["items"][:2]
    path = tmp_path / "meeting.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


class DescribeAQuarterlyMeeting:
    def it_builds_the_quarterly_scorecard_appendix(self, tmp_path: Path) -> None:
        checked = check_meeting(meeting(tmp_path), allow_outside=OUTSIDE)
        (parts,) = build_reports(checked.inputs, tmp_path / "out", checked.model)
        doc = Document(str(parts.docx))
        headers = [[c.text for c in t.rows[0].cells] for t in doc.tables]
        scorecards = [h for h in headers if h[0] == "No"]
        assert scorecards == [["No", "Priority Indicator", "Latest Result (Q2)", "Q1", "2013/14",
                               "Statistical Neighbour Average", "National Average",
                               "Source of commentary", "Commentary"]] * 3
        texts = [p.text for p in doc.paragraphs]
        assert "Performance information up to 30 September 2014." in texts
