"""The monthly cycle end to end: next month's meeting from the sample with `next-meeting`,
what `validate` says is still to supply, then a real build read back."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
import yaml

from tests.conftest import CONFIG, Cli

pytestmark = pytest.mark.libreoffice

NEXT = "meetings/2024-01-25.yaml"


def new_values(config: Path) -> Path:
    """Nov-23 figures for every typed-in indicator, and five revised Oct-23 figures."""
    with (config / "values" / "b4b-2023-10.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    out = [["indicator", "period", "value"]]
    for row in rows[1:]:
        try:
            value = float(row[header.index("Oct-23")].replace(",", "").rstrip("%"))
        except ValueError:
            continue
        out.append([row[0], "2023-11", f"{value * 1.03:.1f}"])
        if len(out) <= 10 and len(out) % 2 == 0:
            out.append([row[0], "2023-10", f"{value + 2:.1f}"])
    path = config / "values" / "b4b-2023-11.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(out)
    return path


def supply(path: Path) -> None:
    """Write what is to supply, and accept what was carried over to review."""
    text = path.read_text(encoding="utf-8").replace("'[to supply]'", "Written.")
    path.write_text(text.replace("[to supply] last month: ", ""), encoding="utf-8")


@pytest.fixture(scope="module")
def cycle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = tmp_path_factory.mktemp("cycle") / "config"
    shutil.copytree(CONFIG, config)
    return config


class DescribeTheNextMeeting:
    def it_writes_the_next_config_and_refuses_to_overwrite_it(self, cli: Cli,
                                                               cycle: Path) -> None:
        args = ("next-meeting", str(cycle / "meetings/2023-11-23.yaml"), "--date",
                "2024-01-25", "--period", "2023-11")
        run = cli(*args)
        assert run.code == 0, run.err
        meeting = yaml.safe_load((cycle / NEXT).read_text(encoding="utf-8"))
        assert meeting["date"] == "2024-01-25" and meeting["data"]["period"] == "2023-11"
        assert meeting["data"]["values"][-1] == "../values/b4b-2023-11.csv"
        titles = [i["title"] for i in meeting["items"]]
        assert "SEND AND HOME TO SCHOOL TRANSPORT" not in titles  # one-off report dropped
        assert "CHILDREN AND LEARNING - PERFORMANCE" in titles
        minutes = yaml.safe_load((cycle / "minutes/2023-11-23.yaml").read_text(encoding="utf-8"))
        previous = yaml.safe_load((cycle / "minutes/2023-09-28.yaml").read_text(encoding="utf-8"))
        assert minutes["first_number"] == previous["first_number"] + len(previous["items"])
        assert len(minutes["items"]) == 11  # this agenda, exclusion item included
        again = cli(*args)
        assert again.code == 2 and "exists already" in again.err

    def it_lists_what_is_still_to_supply(self, cli: Cli, cycle: Path) -> None:
        run = cli("validate", str(cycle / NEXT))
        assert run.code == 2
        assert f"{cycle / 'values/b4b-2023-11.csv'}: file not found" in run.err
        assert f"{cycle / 'minutes/2023-11-23.yaml'}: present: still to supply" in run.err
        assert f"{cycle / 'decks/b4b-2023-11.yaml'}: priorities[0].narrative[0]: still " \
            "to supply" in run.err
        assert f"{cycle / 'decks/b4b-2023-11.yaml'}: priorities[1].extra_slides[0]." \
            "bullets[0]: carried over from last month, still to review" in run.err

    def it_builds_papers_with_nothing_stale_once_supplied(self, cli: Cli, cycle: Path) -> None:
        new_values(cycle)
        supply(cycle / "minutes/2023-11-23.yaml")
        supply(cycle / "decks/b4b-2023-11.yaml")
        out = cycle.parent / "out"
        run = cli("build", str(cycle / NEXT), "--out", str(out))
        assert run.code == 0, run.err
        for pack in ("agenda-pack-public.pdf", "agenda-pack-exempt.pdf"):
            if (out / pack).exists():
                text = subprocess.run(["pdftotext", str(out / pack), "-"], check=True,
                                      capture_output=True, text=True).stdout
                assert "October 2023" not in text, pack
        public = subprocess.run(["pdftotext", str(out / "agenda-pack-public.pdf"), "-"],
                                check=True, capture_output=True, text=True).stdout
        assert "Summary of performance and commentary – November 2023" in public
        assert public.count("amended from") == 5
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["period"] == "2023-11" and len(manifest["revisions"]) == 5
        assert "revised: Oct-23 figure for" in run.err
        assert (out / "build-warnings.txt").is_file()
        book = openpyxl.load_workbook(out / "performance-dataset-2023-11.xlsx")
        revised = [[c.value for c in row] for row in book["Revisions"].iter_rows(min_row=2)]
        assert len(revised) == 5 and all(r[1] == "2023-10" for r in revised)
        assert all(str(r[5]).startswith("Oct-23 figure for ") for r in revised)
