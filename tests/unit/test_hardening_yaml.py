"""Hostile YAML: alias bombs, deep nesting, repeated keys, control characters (issue 15)."""

from __future__ import annotations

import dataclasses
import textwrap
from pathlib import Path

import pytest
from pydantic import ValidationError

from builder.config.catalogue import Indicator
from builder.config.loader import read_yaml
from builder.core.limits import LIMITS
from builder.errors import ConfigError
from tests.bounded import run_python

BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n"
    for a, b in zip("abcdefgh", "bcdefghi", strict=True))


def write(tmp_path: Path, text: str, name: str = "in.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error(path: Path, **limits: int) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        read_yaml(path, dataclasses.replace(LIMITS, **limits))
    return caught.value


class DescribeAliasBombs:
    def it_refuses_a_billion_laughs_before_building_objects(self, tmp_path: Path) -> None:
        path = write(tmp_path, BOMB)
        assert len(BOMB) < 1_000
        problem = error(path).problems[0]
        assert "expand to more than" in problem.what
        assert problem.where.startswith("line ")

    def it_refuses_the_commentary_bomb_in_bounded_memory_and_time(self, tmp_path: Path,
                                                                   root: Path) -> None:
        bomb = write(tmp_path, BOMB, "commentary.yaml")
        code = textwrap.dedent(f"""
            from pathlib import Path
            from builder.data.commentary import _entries
            from builder.errors import ConfigError
            try:
                _entries(Path({str(bomb)!r}), [])
            except ConfigError as exc:
                print(exc)
        """)
        result = run_python(["-c", code], root, seconds=20)
        assert result.returncode == 0, result.stderr
        assert "expand to more than" in result.stdout

    def it_accepts_aliases_that_expand_within_the_limit(self, tmp_path: Path) -> None:
        path = write(tmp_path, "base: &b {polarity: up, unit: count}\none: *b\ntwo:\n  <<: *b\n"
                               "  unit: percent\n")
        assert read_yaml(path)["two"] == {"polarity": "up", "unit": "percent"}


class DescribeSizeLimits:
    def it_refuses_more_nodes_than_the_limit(self, tmp_path: Path) -> None:
        path = write(tmp_path, "[" + ", ".join(["1"] * 50) + "]\n")
        assert "more than 40 values" in error(path, yaml_nodes=40).problems[0].what

    def it_refuses_deep_nesting_that_would_crash_the_c_parser(self, tmp_path: Path) -> None:
        path = write(tmp_path, "- " * 5_000 + "x\n")
        assert "nested more than 100 levels" in error(path).problems[0].what

    def it_refuses_a_file_over_the_byte_limit(self, tmp_path: Path) -> None:
        path = write(tmp_path, "a: " + "x" * 200 + "\n")
        assert "larger than 100 bytes" in error(path, yaml_bytes=100).message


class DescribeRepeatedKeys:
    def it_names_both_lines_of_a_repeated_key(self, tmp_path: Path) -> None:
        path = write(tmp_path, "title: One\nterms:\n  a: 1\n  b: 2\n  a: 3\ntitle: Two\n")
        found = [(p.where, p.what) for p in error(path).problems]
        assert found == [("line 5", "key 'a' is repeated (first on line 3)"),
                         ("line 6", "key 'title' is repeated (first on line 1)")]

    def it_allows_a_merged_mapping_to_be_overridden(self, tmp_path: Path) -> None:
        path = write(tmp_path, "x: &x {a: 1}\ny:\n  <<: *x\n  a: 2\n")
        assert read_yaml(path)["y"] == {"a": 2}


class DescribeControlCharacters:
    @pytest.mark.parametrize("escape", ["\\x0b", "\\x01", "\\x00"])
    def it_refuses_escaped_control_characters_with_the_line(self, tmp_path: Path,
                                                            escape: str) -> None:
        path = write(tmp_path, f'title: ok\ntext: "bad{escape}text"\n')
        problem = error(path).problems[0]
        assert problem.where == "line 2, column 7"
        assert f"U+{int(escape[2:], 16):04X} at character 4" in problem.what

    def it_refuses_a_raw_control_character_as_invalid_yaml(self, tmp_path: Path) -> None:
        path = write(tmp_path, "title: bad\x01text\n")
        problem = error(path).problems[0]
        assert (problem.where, problem.what) == ("line 1", "control character U+0001")

    def it_keeps_tabs_and_new_lines(self, tmp_path: Path) -> None:
        path = write(tmp_path, 'text: "a\\tb\\nc"\n')
        assert read_yaml(path) == {"text": "a\tb\nc"}


class DescribeNumbers:
    @pytest.mark.parametrize("number", ["1e309", "1.0e309", ".inf", "-.inf", ".nan", "9" * 400,
                                        "1e16", "0x1FFFFFFFFFFFFFFF", "'1e309'"])
    def it_refuses_numbers_that_are_not_finite_or_too_large(self, tmp_path: Path,
                                                            number: str) -> None:
        path = write(tmp_path, f"name: x\ntarget: {number}\n")
        problem = error(path).problems[0]
        assert problem.where == "line 2, column 9"
        assert problem.what.endswith("is not finite or larger than 1e+15")

    @pytest.mark.parametrize("word", ["inf", "-Infinity", "nan", "NaN"])
    def it_refuses_infinity_and_nan_typed_as_words_in_a_number_field(self, word: str) -> None:
        with pytest.raises(ValidationError, match="finite number"):
            Indicator(key="x", title="X", theme="t", benchmarks={"England": word})

    def it_keeps_ordinary_numbers_and_number_like_text(self, tmp_path: Path) -> None:
        path = write(tmp_path, "a: 1e15\nb: -273.5\nc: 0x1F\nd: 2023-10\ne: '002:5403'\n"
                               "f: 1_000\n")
        assert read_yaml(path) == {"a": "1e15", "b": -273.5, "c": 31, "d": "2023-10",
                                   "e": "002:5403", "f": 1000}
