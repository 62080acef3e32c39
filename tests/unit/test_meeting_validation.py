"""``builder validate MEETING_YAML``: everything a build reads, checked at once, before any
rendering; the report period checked against the data."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
import yaml

from builder.compute.periods import Month
from builder.errors import DataError
from builder.pipeline.checked import check_meeting
from builder.pipeline.data import DataInputs, compute_data, load_data
from tests.conftest import CONFIG, Cli

MEETING = "meetings/2023-11-23.yaml"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """A copy of the sample config folder to damage."""
    folder = tmp_path / "config"
    shutil.copytree(CONFIG, folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


class DescribeValidateMeeting:
    def it_passes_the_sample_and_says_what_it_checked(self, cli: Cli) -> None:
        run = cli("validate", str(CONFIG / MEETING))
        assert run.code == 0, run.err
        assert "can be built" in run.out and "data to Oct-23" in run.out

    def it_lists_problems_of_several_files_at_once(self, cli: Cli, config: Path) -> None:
        edit(config / "decks" / "b4b-2023-10.yaml", "purpose:", "purpse:")
        edit(config / "council.yaml", "name:", "nme:")
        edit(config / "minutes" / "2023-09-28.yaml", "present:", "presnt:")
        run = cli("validate", str(config / MEETING))
        assert run.code == 2
        for file, key in (("decks/b4b-2023-10.yaml", "purpse"), ("council.yaml", "nme"),
                          ("minutes/2023-09-28.yaml", "presnt")):
            assert f"{config / file}: {key}: unknown key" in run.err
        assert "Traceback" not in run.err

    def it_finds_a_deck_typo_quickly_before_anything_renders(self, cli: Cli,
                                                             config: Path) -> None:
        edit(config / "decks" / "b4b-2023-10.yaml", "theme: right-support", "theme: right-suport")
        started = time.perf_counter()
        run = cli("build", str(config / MEETING), "--out", str(config / "out"))
        assert time.perf_counter() - started < 3
        assert run.code == 2
        assert "priorities[0].theme: unknown theme 'right-suport'" in run.err
        assert not (config / "out").exists()

    def it_names_every_missing_or_damaged_appendix_file(self, cli: Cli,
                                                                      config: Path) -> None:
        (config / "glossary" / "children-and-learning.yaml").unlink()
        (config / "appendices" / "b4b-2-finance-report.docx").write_bytes(b"not a zip")
        run = cli("validate", str(config / MEETING))
        assert run.code == 2
        assert "children-and-learning.yaml" in run.err and "file not found" in run.err
        assert "b4b-2-finance-report.docx" in run.err

    def it_lists_jinja_errors_in_any_config_text_field(self, cli: Cli, config: Path) -> None:
        edit(config / "decks" / "b4b-2023-10.yaml", "title: Building for Brilliance",
             "title: Building for {{ perod.name }}")
        run = cli("validate", str(config / MEETING))
        assert run.code == 3
        assert "b4b-2023-10.yaml: title" in run.err and "perod" in run.err


class DescribeTheReportPeriod:
    def it_refuses_a_period_with_no_values_naming_the_last_month_with_data(
            self, cli: Cli) -> None:
        run = cli("indicators", "--catalogue", str(CONFIG / "indicators.yaml"), "--values",
                  str(CONFIG / "values" / "b4b-2023-10.csv"), "--period", "2019-12",
                  "--out", "/tmp/never-written.csv")
        assert run.code == 2
        assert "--period: the report period Dec-19 is before the data" in run.err
        assert "the last month with data is Oct-23" in run.err
        assert not Path("/tmp/never-written.csv").exists()

    def it_refuses_a_meeting_whose_new_month_has_no_values_file(self, cli: Cli,
                                                               config: Path) -> None:
        edit(config / MEETING, "period: 2023-10", "period: 2023-11")
        edit(config / "decks" / "b4b-2023-10.yaml", "period: 2023-10", "period: 2023-11")
        run = cli("build", str(config / MEETING), "--out", str(config / "out"))
        assert run.code == 2
        assert "the report period Nov-23 is after the data" in run.err
        assert not (config / "out").exists()

    def it_warns_for_each_indicator_without_a_value_in_the_month(self, tmp_path: Path) -> None:
        values = tmp_path / "values.csv"
        values.write_text("indicator,period,value\ncontacts,2023-10,1922\n", encoding="utf-8")
        inputs = DataInputs(CONFIG / "indicators.yaml",
                            (CONFIG / "values" / "b4b-2023-10.csv", values))
        data = load_data(inputs, Month(2023, 10))
        base = compute_data(load_data(DataInputs(inputs.catalogue, inputs.values[:1]),
                                      Month(2023, 10)))
        model = compute_data(data)
        assert [w for w in model.warnings if w.code == "missing-month"] == \
            [w for w in base.warnings if w.code == "missing-month"]
        missing = tmp_path / "only-contacts.csv"
        missing.write_text("indicator,period,value\ncontacts,2023-11,1900\n", encoding="utf-8")
        later = compute_data(load_data(DataInputs(inputs.catalogue, (inputs.values[0], missing)),
                                       Month(2023, 11)))
        flagged = {w.indicator for w in later.warnings if w.code == "missing-month"}
        assert "contacts" not in flagged and "referrals" in flagged
        assert any("no value for Nov-23, the report period (the last is for Oct-23)" in str(w)
                   for w in later.warnings)

    def it_raises_when_the_values_hold_nothing(self, tmp_path: Path) -> None:
        values = tmp_path / "values.csv"
        values.write_text("indicator,period,value\n", encoding="utf-8")
        with pytest.raises(DataError, match="hold no values at all"):
            load_data(DataInputs(CONFIG / "indicators.yaml", (values,)))


class DescribeAnalystWarnings:
    def it_keeps_them_out_of_the_deck(self, config: Path) -> None:
        deck = config / "decks" / "b4b-2023-10.yaml"
        data = yaml.safe_load(deck.read_text(encoding="utf-8"))
        data["data_notes"] = ["The October figure for contacts was revised."]
        deck.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        checked = check_meeting(config / MEETING)
        assert checked.inputs.deck is not None
        assert checked.inputs.deck.loaded.deck.data_notes == (
            "The October figure for contacts was revised.",)
