"""Hostile inputs through the command line (issue 15): each ends with exit 2 and a message
naming the file and place, in bounded time and memory, with no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bounded import run_builder
from tests.conftest import CONFIG, ROOT
from tests.unit.test_hardening_yaml import BOMB

CATALOGUE = CONFIG / "indicators.yaml"
VALUES = CONFIG / "values" / "b4b-2023-10.csv"


def validate(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = run_builder(["validate", *args], ROOT, seconds=60,
                         env={"TMPDIR": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert "Traceback" not in result.stderr
    return result.returncode, result.stderr


def write(tmp_path: Path, name: str, text: str) -> str:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return str(tmp_path / name)


class DescribeHostileInputsAtTheCommandLine:
    def it_refuses_an_alias_bomb_of_commentary(self, tmp_path: Path) -> None:
        code, err = validate(tmp_path, "--catalogue", str(CATALOGUE), "--values", str(VALUES),
                             "--commentary", write(tmp_path, "c.yaml", BOMB))
        assert code == 2
        assert "c.yaml: too large to read" in err
        assert "the file has aliases (*name) that expand to more than 2,000,000 values" in err

    def it_names_both_lines_of_a_repeated_catalogue_key(self, tmp_path: Path) -> None:
        text = CATALOGUE.read_text(encoding="utf-8")
        assert "\n- key: eh_referrals\n" in text
        catalogue = write(tmp_path, "cat.yaml", text.replace(
            "\n- key: eh_referrals\n", "\n- key: eh_referrals\n  key: again\n", 1))
        code, err = validate(tmp_path, "--catalogue", catalogue, "--values", str(VALUES))
        assert code == 2
        assert "cat.yaml: line 50: key 'key' is repeated (first on line 49)" in err

    def it_names_the_cell_of_a_huge_value(self, tmp_path: Path) -> None:
        lines = VALUES.read_text(encoding="utf-8").splitlines()
        lines[1] = lines[1].replace(",137", ",1e309")
        values = write(tmp_path, "v.csv", "\n".join(lines) + "\n")
        code, err = validate(tmp_path, "--catalogue", str(CATALOGUE), "--values", values)
        assert code == 2
        assert "v.csv: row 2, column 'Oct-23': '1e309' is larger than 1e+15" in err

    def it_refuses_a_control_character_in_a_commentary_row(self, tmp_path: Path) -> None:
        notes = write(tmp_path, "c.csv", "indicator,period,text\neh_referrals,2023-10,a\x01b\n")
        code, err = validate(tmp_path, "--catalogue", str(CATALOGUE), "--values", str(VALUES),
                             "--commentary", notes)
        assert code == 2
        assert "c.csv: row 2: control character U+0001 at character 2" in err

    @pytest.mark.parametrize("strict", [False, True], ids=["warning", "strict"])
    def it_warns_of_a_negative_count_and_refuses_it_when_strict(self, tmp_path: Path,
                                                                strict: bool) -> None:
        lines = VALUES.read_text(encoding="utf-8").splitlines()
        lines[1] = lines[1].replace(",137", ",-137")
        values = write(tmp_path, "v.csv", "\n".join(lines) + "\n")
        code, err = validate(tmp_path, "--catalogue", str(CATALOGUE), "--values", values,
                             *(["--strict"] if strict else []))
        assert code == (2 if strict else 0)
        assert "eh_referrals: is a count but is negative in Oct-23" in err
