"""Long error lists are cut, keeping every kind, with the full list in a file (issue 15)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pytest

from builder.data.readers import read_values
from builder.errors import DataError, Problem, raise_if_any
from tests.unit.test_readers import CATALOGUE, csv_file


@pytest.fixture(autouse=True)
def private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The full lists go to this test's own folder."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


def raised(problems: list[Problem]) -> DataError:
    with pytest.raises(DataError) as caught:
        raise_if_any(problems, DataError, "the values cannot be used")
    return caught.value


class DescribeCappedErrorLists:
    def it_shows_each_kind_and_counts_the_rest(self) -> None:
        many = [Problem("v.csv", f"row {n}", f"duplicate value for 'x{n}' in Oct-23")
                for n in range(50_000)]
        others = [Problem("v.csv", "row 3", "'zz' is not a number"),
                  Problem("c.yaml", "line 4", "unknown key")]
        error = raised(many[:10] + others + many[10:])
        assert error.message == "the values cannot be used (50,002 problems)"
        lines = [str(p) for p in error.problems]
        assert len(lines) == 20 + 2 + 1
        assert lines[:10] == [str(p) for p in many[:10]]
        assert lines[10:12] == [str(p) for p in others]
        assert lines[-1] == "v.csv: ... and 49,980 more of the same kind"
        assert len(str(error)) < 5_000

    def it_writes_the_full_list_to_the_file_the_hint_names(self) -> None:
        many = [Problem("v.csv", f"row {n}", "empty") for n in range(500)]
        error = raised(many)
        path = Path(error.hint.split(" is in ")[1])
        assert path.parent == Path(tempfile.gettempdir())
        assert path.read_text(encoding="utf-8").splitlines() == [str(p) for p in many]

    def it_lists_a_short_list_in_full(self) -> None:
        few = [Problem("v.csv", f"row {n}", "empty") for n in range(30)]
        error = raised(few)
        assert list(error.problems) == few
        assert error.hint == ""

    def it_reports_50000_duplicate_rows_quickly_and_briefly(self, tmp_path: Path) -> None:
        path = csv_file(tmp_path, "long.csv", "indicator,period,value\n"
                        + "contacts,2023-10,1\n" * 50_000)
        start = time.monotonic()
        with pytest.raises(DataError) as caught:
            read_values([path], CATALOGUE)
        assert time.monotonic() - start < 10
        assert len(str(caught.value)) < 10_000
        assert "... and 49,979 more of the same kind" in str(caught.value)
