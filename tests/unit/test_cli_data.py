"""``builder validate`` and ``builder indicators``: exit codes, messages, outputs."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import CONFIG, ROOT, Cli

SAMPLE = ["--catalogue", str(CONFIG / "indicators.yaml"),
          "--values", str(CONFIG / "values" / "b4b-2023-10.csv")]


@pytest.fixture
def small(tmp_path: Path) -> dict[str, Path]:
    """A two-indicator catalogue and a clean wide values file."""
    catalogue = tmp_path / "indicators.yaml"
    catalogue.write_text(yaml.safe_dump({
        "themes": [{"key": "one", "title": "One"}],
        "indicators": [
            {"key": "contacts", "title": "Contacts", "theme": "one",
             "polarity": "lower_is_better"},
            {"key": "referrals", "title": "Referrals", "theme": "one",
             "polarity": "lower_is_better", "target": 273}]}), encoding="utf-8")
    values = tmp_path / "values.csv"
    values.write_text("indicator,Sep-23,Oct-23\ncontacts,1532,1922\nreferrals,267,277\n",
                      encoding="utf-8")
    return {"catalogue": catalogue, "values": values, "dir": tmp_path}


class DescribeValidate:
    def it_passes_the_sample_with_exit_0(self, cli: Cli) -> None:
        run = cli("validate", *SAMPLE)
        assert run.code == 0, run.err
        assert run.out.strip() == ("OK: 66 indicators, values to Oct-23, 0 revision(s), "
                                   "0 warning(s)")
        assert run.err == ""

    def it_lists_all_problems_of_all_files_at_once_with_exit_2(
            self, cli: Cli, small: dict[str, Path]) -> None:
        bad = small["dir"] / "bad.csv"
        bad.write_text("indicator,Sep-23,Oct-232\ncontact,1,2\nreferrals,lots,277\n"
                       "referrals,1,1\n", encoding="utf-8")
        long = small["dir"] / "long.csv"
        long.write_text("indicator,period,value\ncontacts,2023-10,1\ncontacts,2023-10,2\n",
                        encoding="utf-8")
        run = cli("validate", "--catalogue", str(small["catalogue"]), "--values", str(bad),
                  "--values", str(long))
        assert run.code == 2
        assert run.err.splitlines() == [
            "data error: the values cannot be used (5 problems)",
            f"  - {bad}: row 1, column 'Oct-232': 'Oct-232' is not a month header (valid: "
            "Oct-23, 2023-10 or an Excel date; or one of: indicator, description, notes, ref, "
            "section, theme, title, unit)",
            f"  - {bad}: row 2, column 'indicator': unknown indicator 'contact' "
            "(valid: did you mean contacts)",
            f"  - {bad}: row 3, column 'Sep-23': 'lots' is not a number or a recognised 'no "
            "value' marker (valid: a number (e.g. 1,922, 21%, 14.5) or a marker such as -, "
            "n/a, TBC, New measure ...)",
            f"  - {bad}: row 4, column 'indicator': second row for 'referrals' (the first is at "
            "row 3, column 'indicator') (valid: one row per indicator in a sheet)",
            f"  - {long}: row 3, column 'value': duplicate value for 'contacts' in Oct-23 "
            "(valid: one value per indicator and month in a file)",
            "Fix the cells listed above and run `builder validate` again.",
        ]
        assert "Traceback" not in run.err

    def it_lists_catalogue_and_values_problems_together(
            self, cli: Cli, small: dict[str, Path]) -> None:
        data = yaml.safe_load(small["catalogue"].read_text(encoding="utf-8"))
        data["indicators"][1]["theme"] = "two"
        small["catalogue"].write_text(yaml.safe_dump(data), encoding="utf-8")
        small["values"].write_text("indicator,Oct-23\ncontacts,n.k.\n", encoding="utf-8")
        run = cli("validate", "--catalogue", str(small["catalogue"]), "--values",
                  str(small["values"]))
        assert run.code == 2
        assert run.err.splitlines() == [
            "configuration error: the catalogue and the values cannot be used (2 problems)",
            f"  - {small['catalogue']}: indicators[1](key=referrals).theme: unknown theme 'two' "
            "(valid: one)",
            f"  - {small['values']}: row 2, column 'Oct-23': 'n.k.' is not a number or a "
            "recognised 'no value' marker (valid: a number (e.g. 1,922, 21%, 14.5) or a marker "
            "such as -, n/a, TBC, New measure ...)"]

    def it_reports_warnings_and_fails_on_them_when_strict(
            self, cli: Cli, small: dict[str, Path]) -> None:
        data = yaml.safe_load(small["catalogue"].read_text(encoding="utf-8"))
        del data["indicators"][1]["polarity"]          # a target on a neutral indicator
        small["catalogue"].write_text(yaml.safe_dump(data), encoding="utf-8")
        args = ("validate", "--catalogue", str(small["catalogue"]), "--values",
                str(small["values"]))
        lenient = cli(*args)
        assert lenient.code == 0
        assert lenient.err.strip() == (
            "warning: [target-on-neutral] referrals: has a target but neutral polarity, so no "
            "RAG can be given; "
            "set polarity or remove the target")
        strict = cli(*args, "--strict")
        assert strict.code == 2
        assert strict.err.splitlines()[0] == (
            "data error: strict mode: 1 warning(s) treated as errors")
        assert "Traceback" not in strict.err


class DescribeIndicators:
    def it_writes_the_sample_dataset_as_csv(self, cli: Cli, tmp_path: Path) -> None:
        out = tmp_path / "out" / "dataset.csv"
        run = cli("indicators", *SAMPLE, "--period", "2023-10", "--out", str(out))
        assert run.code == 0, run.err
        assert run.out.strip() == f"wrote {out} (66 indicators, Oct-23)"
        with out.open(encoding="utf-8") as handle:
            rows = {r["key"]: r for r in csv.DictReader(handle)}
        assert rows["contacts"]["pct_change_prev_display"] == "25%"
        assert rows["cin_plans"]["pct_change_year_display"] == "-38%"
        assert [p.name for p in out.parent.iterdir()] == ["dataset.csv"]   # no temp files left

    def it_writes_the_sample_dataset_as_xlsx(self, cli: Cli, tmp_path: Path) -> None:
        out = tmp_path / "dataset.xlsx"
        run = cli("indicators", *SAMPLE, "--period", "2023-10", "--out", str(out))
        assert run.code == 0, run.err
        assert out.read_bytes()[:2] == b"PK"

    @pytest.mark.parametrize(("case", "edit", "message"), [
        ("wrong YAML key", ("catalogue", "polarity: lower_is_better", "polarty: lower_is_better"),
         "indicators[0](key=contacts).polarty: unknown key"),
        ("unknown indicator", ("values", "contacts,1532", "contcts,1532"),
         "row 2, column 'indicator': unknown indicator 'contcts' (valid: did you mean contacts)"),
        ("text in a number cell", ("values", "267,277", "267,277 provisional"),
         "row 3, column 'Oct-23': '277 provisional' is not a number"),
        ("bad month header", ("values", "Oct-23", "Oct-2023x"),
         "row 1, column 'Oct-2023x': 'Oct-2023x' is not a month header"),
        ("duplicate month", ("values", "Sep-23,Oct-23", "Oct-23,2023-10"),
         "row 1, column '2023-10': month Oct-23 has two columns"),
    ])
    def it_fails_with_one_clear_message_exit_2_and_no_output(
            self, cli: Cli, small: dict[str, Path], case: str, edit: tuple[str, str, str],
            message: str) -> None:
        which, old, new = edit
        path = small[which]
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        out = small["dir"] / "dataset.csv"
        run = cli("indicators", "--catalogue", str(small["catalogue"]), "--values",
                  str(small["values"]), "--period", "2023-10", "--out", str(out))
        assert run.code == 2, case
        problem_lines = [line for line in run.err.splitlines() if line.startswith("  - ")]
        assert len(problem_lines) == 1, run.err
        assert problem_lines[0].startswith(f"  - {path}: "), problem_lines
        assert message in problem_lines[0]
        assert "Traceback" not in run.err
        assert not out.exists()

    def it_leaves_a_previous_output_intact_when_a_run_fails(
            self, cli: Cli, small: dict[str, Path]) -> None:
        out = small["dir"] / "dataset.xlsx"
        args = ["indicators", "--catalogue", str(small["catalogue"]), "--values",
                str(small["values"]), "--period", "2023-10", "--out", str(out)]
        assert cli(*args).code == 0
        before = out.read_bytes()
        small["values"].write_text("indicator,Oct-23\ncontacts,many\n", encoding="utf-8")
        assert cli(*args).code == 2
        assert out.read_bytes() == before
        assert sorted(p.name for p in small["dir"].iterdir()) == [
            "dataset.xlsx", "indicators.yaml", "values.csv"]

    def it_refuses_a_bad_period_and_a_bad_extension_before_any_work(
            self, cli: Cli, small: dict[str, Path]) -> None:
        base = ["indicators", "--catalogue", str(small["catalogue"]), "--values",
                str(small["values"])]
        period = cli(*base, "--period", "2023-13", "--out", str(small["dir"] / "d.csv"))
        assert period.code == 2
        assert period.err.strip() == ("configuration error: --period: '2023-13' is not a "
                                      "period; write it as YYYY-MM, e.g. 2023-10, or as a "
                                      "quarter, e.g. Q2 2014/15")
        ods = small["dir"] / "d.ods"
        extension = cli(*base, "--period", "2023-10", "--out", str(ods))
        assert extension.code == 2
        assert extension.err.splitlines() == [
            f"configuration error: {ods}: cannot write a dataset as '.ods'",
            "Use an --out file ending in .csv or .xlsx."]
        assert not ods.exists()

    def it_names_a_missing_catalogue(self, cli: Cli, small: dict[str, Path]) -> None:
        missing = small["dir"] / "nope.yaml"
        run = cli("indicators", "--catalogue", str(missing), "--values", str(small["values"]),
                  "--period", "2023-10", "--out", str(small["dir"] / "d.csv"))
        assert run.code == 2
        assert run.err.splitlines() == [f"configuration error: {missing}: file not found",
                                        "Check the path you passed."]


class DescribeTheInstalledCommand:
    """The real process, as a user runs it: exit codes and no traceback."""

    def it_runs_as_a_module_and_exits_0_or_2(self, tmp_path: Path) -> None:
        out = tmp_path / "dataset.csv"
        good = subprocess.run(
            [sys.executable, "-m", "builder.cli", "indicators", *SAMPLE, "--period", "2023-10",
             "--out", str(out)], capture_output=True, text=True, check=False, cwd=ROOT)
        assert good.returncode == 0, good.stderr
        assert out.is_file()
        bad_values = tmp_path / "bad.csv"
        bad_values.write_text("indicator,Oct-23\ncontacts,6 young people subject to MAPPA\n",
                              encoding="utf-8")
        bad = subprocess.run(
            [sys.executable, "-m", "builder.cli", "validate", "--catalogue",
             str(CONFIG / "indicators.yaml"), "--values", str(bad_values)],
            capture_output=True, text=True, check=False, cwd=ROOT,
            env={**os.environ, "COLUMNS": "1000"})
        assert bad.returncode == 2
        assert "Traceback" not in bad.stderr
        assert (f"{bad_values}: row 2, column 'Oct-23': '6 young people subject to MAPPA' is not "
                "a number or a recognised 'no value' marker") in bad.stderr
