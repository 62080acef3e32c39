"""Paths a meeting, its council and its deck name are confined to the config folder unless
``--allow-outside`` names their folder (issue 15): every one outside is listed at once, by
YAML file and key, before any of them is read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.config.confinement import config_folder
from builder.errors import ConfigError
from builder.pipeline.checked import check_meeting
from builder.pipeline.inputs import load_deck_inputs
from tests.conftest import CONFIG, Cli

MEETING = "meetings/2023-11-23.yaml"
DECK = "decks/b4b-2023-10.yaml"
APPENDIX = "../appendices/b4b-2-finance-report.docx"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """A copy of the sample config folder, and a folder beside it ("elsewhere")."""
    folder = tmp_path / "config"
    shutil.copytree(CONFIG, folder, ignore=shutil.ignore_patterns("*.py"))
    (tmp_path / "elsewhere").mkdir()
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def moved_out(config: Path, relative: str) -> Path:
    """The config file at ``relative`` moved to the folder beside the config folder."""
    target = config.parent / "elsewhere" / Path(relative).name
    shutil.move(config / relative, target)
    return target


def problems(config: Path, *allow: Path) -> dict[tuple[str, str], str]:
    with pytest.raises(ConfigError) as caught:
        check_meeting(config / MEETING, allow_outside=allow)
    return {(p.file, p.where): p.what for p in caught.value.problems}


class DescribeConfigFolder:
    def it_is_the_folder_holding_the_meeting_folder(self) -> None:
        assert config_folder(CONFIG / MEETING) == CONFIG


class DescribeMeetingPaths:
    def it_lists_every_path_outside_by_file_and_key(self, config: Path) -> None:
        appendix = moved_out(config, "appendices/b4b-2-finance-report.docx")
        edit(config / MEETING, APPENDIX, str(appendix))
        edit(config / MEETING, "council: ../council.yaml", "council: ../../elsewhere/c.yaml")
        (config / "values" / "link.csv").symlink_to(appendix)  # a link inside, to outside
        edit(config / MEETING, "../values/b4b-2023-10.csv", "../values/link.csv")
        found = problems(config)
        meeting = str(config / MEETING)
        assert set(found) == {(meeting, "council"), (meeting, "data.values[0]"),
                              (meeting, "items[6].report.appendices[1].path")}
        assert found[(meeting, "council")] == (
            f"'../../elsewhere/c.yaml' is outside the config folder "
            f"({config.parent / 'elsewhere' / 'c.yaml'})")
        assert str(appendix) in found[(meeting, "data.values[0]")]

    def it_reads_a_folder_allowed_outside(self, config: Path) -> None:
        appendix = moved_out(config, "appendices/b4b-2-finance-report.docx")
        edit(config / MEETING, APPENDIX, str(appendix))
        assert problems(config)
        checked = check_meeting(config / MEETING, allow_outside=(appendix.parent,))
        assert appendix in checked.inputs.files

    def it_checks_the_templates_the_council_names(self, config: Path) -> None:
        template = config.parent / "elsewhere" / "report.docx"
        shutil.copyfile(CONFIG.parent / "builder" / "templates" / "committee_report.docx",
                        template)
        with (config / "council.yaml").open("a", encoding="utf-8") as council:
            council.write(f"templates:\n  report: {template}\n")
        assert problems(config) == {
            (str(config / "council.yaml"), "templates.report"):
                f"'{template}' is outside the config folder ({template})"}

    def it_checks_the_data_and_template_the_deck_names(self, config: Path) -> None:
        values = moved_out(config, "values/b4b-2023-10.csv")
        shutil.copyfile(values, config / "values" / "b4b-2023-10.csv")  # the meeting's stays
        edit(config / DECK, "../values/b4b-2023-10.csv", str(values))
        deck = str(config / DECK)
        assert set(problems(config)) == {(deck, "data.values[0]")}
        with pytest.raises(ConfigError) as caught:
            load_deck_inputs(config / DECK)
        assert [(p.file, p.where) for p in caught.value.problems] == [(deck, "data.values[0]")]
        assert load_deck_inputs(config / DECK, (values.parent,)).data.inputs.values


class DescribeAllowOutsideOption:
    def it_names_the_option_and_exits_2(self, cli: Cli, config: Path) -> None:
        appendix = moved_out(config, "appendices/b4b-2-finance-report.docx")
        edit(config / MEETING, APPENDIX, str(appendix))
        run = cli("validate", str(config / MEETING))
        assert run.code == 2
        assert "items[6].report.appendices[1].path" in run.err and "--allow-outside" in run.err
        run = cli("validate", str(config / MEETING), "--allow-outside", str(appendix.parent))
        assert run.code == 0, run.err

    @pytest.mark.parametrize("command", ["build", "report", "pack", "supplement",
                                         "next-meeting", "deck"])
    def it_is_refused_by_every_command(self, cli: Cli, config: Path,
                                                              command: str) -> None:
        values = moved_out(config, "values/b4b-2023-10.csv")
        edit(config / MEETING, "../values/b4b-2023-10.csv", str(values))
        edit(config / DECK, "../values/b4b-2023-10.csv", str(values))
        yaml_path = config / (DECK if command == "deck" else MEETING)
        extra = {"supplement": ["--items", "9"],
                 "next-meeting": ["--date", "2023-12-21", "--period", "2023-11"]}
        out = [] if command == "next-meeting" else ["--out", str(config.parent / "out")]
        run = cli(command, str(yaml_path), *extra.get(command, []), *out)
        assert run.code == 2, run.err
        assert "is outside the config folder" in run.err
        assert not (config.parent / "out").exists()
        assert not (config / "meetings" / "2023-12-21.yaml").exists()
