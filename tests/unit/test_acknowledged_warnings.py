"""``data.acknowledged``: a data warning the analysts have looked into (the 2017 meeting's LAC11
cohort change) is no longer a warning and no longer fails ``--strict``, but is listed with its
reason; an acknowledgement that matches no warning is itself a warning."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from builder.pipeline.checked import check_meeting
from tests.conftest import CONFIG, Cli


@pytest.fixture
def meeting(tmp_path: Path) -> Path:
    """A copy of the 2017 sample's config folder; its meeting YAML."""
    shutil.copytree(CONFIG, tmp_path / "config")
    return tmp_path / "config" / "meetings" / "2017-01-05.yaml"


def acknowledge(meeting: Path, *entries: dict[str, str]) -> None:
    data = yaml.safe_load(meeting.read_text(encoding="utf-8"))
    data["data"]["acknowledged"] = list(entries)
    meeting.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


COHORT = {"warning": "outlier", "indicator": "lac11_ql", "reason": "Cohort changed in Nov-16."}


class DescribeAcknowledgedWarnings:
    def it_leaves_the_warnings_not_acknowledged(self, meeting: Path) -> None:
        acknowledge(meeting)
        found = check_meeting(meeting).warnings
        assert [(w.code, w.indicator) for w in found] == [("outlier", "lac11_ql"),
                                                          ("outlier", "lac11_ql_pct")]

    def it_lists_an_acknowledged_warning_with_its_reason_and_not_as_a_warning(
            self, meeting: Path) -> None:
        acknowledge(meeting, COHORT)
        checked = check_meeting(meeting)
        assert [(w.code, w.indicator) for w in checked.warnings] == [("outlier", "lac11_ql_pct")]
        (acknowledged,) = checked.acknowledged
        assert (acknowledged.warning.indicator, acknowledged.reason) == (
            "lac11_ql", "Cohort changed in Nov-16.")

    def it_warns_of_an_acknowledgement_that_matches_no_warning(self, meeting: Path) -> None:
        stale = {"warning": "negative-count", "indicator": "lac11_ql", "reason": "old"}
        acknowledge(meeting, COHORT, stale)
        unused = [w for w in check_meeting(meeting).warnings if w.code == "acknowledged"]
        assert [w.indicator for w in unused] == ["lac11_ql"]
        assert "'negative-count'" in unused[0].message

    def it_passes_strict_when_every_warning_is_acknowledged(self, meeting: Path,
                                                            cli: Cli) -> None:
        acknowledge(meeting, COHORT, {**COHORT, "indicator": "lac11_ql_pct"})
        result = cli("validate", str(meeting), "--strict")
        assert result.code == 0, result.err
        assert "0 warning(s), 2 acknowledged" in result.out
        assert result.err.count("note: [outlier] lac11_ql") == 2
        assert "(acknowledged: Cohort changed in Nov-16.)" in result.err

    def it_refuses_a_code_that_cannot_be_acknowledged(self, meeting: Path, cli: Cli) -> None:
        acknowledge(meeting, {**COHORT, "warning": "stale-date"})
        result = cli("validate", str(meeting))
        assert result.code == 2
        assert "acknowledged" in result.err and "outlier" in result.err

    def it_is_dropped_for_the_next_meeting(self, meeting: Path, cli: Cli) -> None:
        acknowledge(meeting, COHORT)
        run = cli("next-meeting", str(meeting), "--date", "2017-03-09", "--period", "2016-12")
        assert run.code == 0, run.err
        rolled = yaml.safe_load((meeting.parent / "2017-03-09.yaml").read_text(encoding="utf-8"))
        assert rolled["data"]["period"] == "2016-12"
        assert rolled["data"].get("acknowledged", []) == []
