"""``kind: paper`` agenda items: the supplied file, its appendices, exemptions and the checks
run on it before anything is built."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document

from builder.config.meeting import load_meeting, numbered_items
from builder.errors import ConfigError, PaperCheckError
from builder.pipeline.supplied import check_supplied, supplied_files
from tests.conftest import CONFIG, FIXTURES

MEETING = FIXTURES / "supplied" / "meeting.yaml"
ORIGINAL = CONFIG / "papers" / "send-and-home-to-school-transport.docx"


def fixture_meeting() -> dict[str, Any]:
    """The supplied-paper test meeting with its paths made absolute, to edit and write."""
    data: dict[str, Any] = yaml.safe_load(MEETING.read_text(encoding="utf-8"))

    def absolute(relative: str) -> str:
        return str((MEETING.parent / relative).resolve())
    data["council"] = absolute(data["council"])
    data["data"] = {**data["data"], "catalogue": absolute(data["data"]["catalogue"]),
                    "values": [absolute(v) for v in data["data"]["values"]]}
    paper = data["items"][1]["paper"]
    paper["file"] = absolute(paper["file"])
    for appendix in paper["appendices"]:
        appendix["file"] = absolute(appendix["file"])
    return data


def written(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "meeting.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def with_paper(**changes: Any) -> dict[str, Any]:
    data = fixture_meeting()
    data["items"][1]["paper"] = {**data["items"][1]["paper"], **changes}
    return data


class DescribePaperItems:
    def it_numbers_an_exclusion_item_before_a_paper_with_exempt_appendices(self) -> None:
        meeting = load_meeting(MEETING).meeting
        numbered = [(n.number, n.is_exclusion) for n in numbered_items(meeting)]
        assert numbered == [(1, False), (2, True), (3, False)]
        assert meeting.items[1].exempt_appendices == (2, 3)
        assert [a.kind for a in meeting.items[1].appendices] == ["file"] * 3

    def it_lists_every_file_the_paper_reads(self) -> None:
        loaded = load_meeting(MEETING)
        names = [p.name for p in supplied_files(loaded, loaded.meeting.items[1])]
        assert names == ["send-and-home-to-school-transport.cleaned.docx",
                         "send-1-annual-review.docx", "send-2-capital-programme-briefing.docx",
                         "send-3-home-to-school-transport-review.docx"]

    @pytest.mark.parametrize("change, message", [
        ({"file": "paper.txt"}, "'paper.txt' is not a .docx or .pdf file"),
        ({"appendices": [{"title": "Data", "kind": "dataset"}]},
         "a supplied paper's appendices are files"),
        ({"appendices": [{"title": "Secret", "file": "a.pdf", "exempt": True}]},
         "an exempt appendix needs 'exempt_category' and 'exempt_reason'"),
        ({"colour": "blue"}, "items[1].paper.colour: unknown key"),
    ])
    def it_refuses_a_bad_paper(self, tmp_path: Path, change: dict[str, Any],
                               message: str) -> None:
        with pytest.raises(ConfigError) as raised:
            load_meeting(written(tmp_path, with_paper(**change)))
        assert message in str(raised.value)

    def it_needs_the_paper_for_a_paper_item(self, tmp_path: Path) -> None:
        data = fixture_meeting()
        del data["items"][1]["paper"]
        with pytest.raises(ConfigError, match="a 'paper' item needs 'paper'"):
            load_meeting(written(tmp_path, data))


class DescribeCheckingSuppliedPapers:
    def it_passes_the_cleaned_paper_and_its_appendices(self) -> None:
        assert check_supplied(load_meeting(MEETING)) == ()

    def it_warns_of_a_name_in_an_appendix_metadata(self, tmp_path: Path) -> None:
        data = fixture_meeting()
        appendix = data["items"][1]["paper"]["appendices"][0]
        document = Document(appendix["file"])
        document.core_properties.author = "Sam Kent"
        appendix["file"] = str(tmp_path / "send-1-annual-review.docx")
        document.save(appendix["file"])
        warnings = check_supplied(load_meeting(written(tmp_path, data)))
        assert [w.split(": ", 1) for w in warnings] == [
            ["send-1-annual-review.docx",
             "warning [metadata] docProps/core.xml: author is ‘Sam Kent’"]]

    def it_stops_a_paper_with_a_comment_listing_it(self, tmp_path: Path) -> None:
        meeting = load_meeting(written(tmp_path, with_paper(file=str(ORIGINAL))))
        with pytest.raises(PaperCheckError) as raised:
            check_supplied(meeting)
        assert raised.value.exit_code == 6
        (problem,) = raised.value.problems
        assert problem.file == str(ORIGINAL)
        assert problem.what.startswith("[comment] comment by Sam Kent")

    def it_names_a_missing_file(self, tmp_path: Path) -> None:
        data = with_paper(file=str(tmp_path / "gone.docx"))
        with pytest.raises(ConfigError) as raised:
            check_supplied(load_meeting(written(tmp_path, data)))
        assert "file not found" in raised.value.problems[0].what
        assert raised.value.problems[0].where == "items[1].paper"

    def it_checks_a_paper_against_the_exempt_appendices_on_the_agenda(self, tmp_path: Path
                                                                       ) -> None:
        data = fixture_meeting()
        appendices = data["items"][1]["paper"]["appendices"]
        appendices[2] = {k: v for k, v in copy.deepcopy(appendices[0]).items()}
        appendices[2]["title"] = "Not exempt after all"
        warnings = check_supplied(load_meeting(written(tmp_path, data)))
        assert any("names Appendix 3, which is not exempt" in w for w in warnings)
