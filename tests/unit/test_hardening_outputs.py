"""--out that is a file, a system or home folder, or cannot be written (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.errors import ConfigError
from builder.outputs import atomic_file, staging_dir
from tests.bounded import run_builder


def refused_folder(folder: Path) -> str:
    with pytest.raises(ConfigError) as caught, staging_dir(folder):
        pass
    return caught.value.message


def refused_file(path: Path) -> str:
    with pytest.raises(ConfigError) as caught, atomic_file(path):
        pass
    return caught.value.message


class DescribeOutputFolders:
    def it_refuses_an_existing_file_and_keeps_it(self, tmp_path: Path) -> None:
        mine = tmp_path / "notes.txt"
        mine.write_text("mine", encoding="utf-8")
        assert refused_folder(mine).endswith("is a file, not a folder; refusing to replace it")
        assert mine.read_text(encoding="utf-8") == "mine"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]

    @pytest.mark.parametrize("folder", ["/", "/etc", "/usr", "/etc/papers", "~"])
    def it_refuses_system_folders_and_the_home_folder(self, folder: str) -> None:
        assert "is a system or home folder" in refused_folder(Path(folder))

    def it_names_a_folder_that_cannot_be_made(self, tmp_path: Path) -> None:
        (tmp_path / "file").write_text("x", encoding="utf-8")
        assert refused_folder(tmp_path / "file" / "out").startswith(
            f"{tmp_path / 'file' / 'out'}: cannot write here")

    def it_accepts_a_new_folder_in_the_home_folder(self, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("HOME", str(tmp_path))
        with staging_dir(tmp_path / "papers") as stage:
            (stage / "a.txt").write_text("a", encoding="utf-8")
        assert (tmp_path / "papers" / "a.txt").is_file()


class DescribeOutputFiles:
    def it_refuses_a_folder_given_as_the_file(self, tmp_path: Path) -> None:
        assert refused_file(tmp_path).endswith("is a folder; name a file to write")

    def it_refuses_a_file_in_a_system_folder(self) -> None:
        assert refused_file(Path("/etc/x.csv")).endswith("is in a system folder; refusing to "
                                                        "write there")

    def it_names_a_file_that_cannot_be_written(self, tmp_path: Path) -> None:
        (tmp_path / "file").write_text("x", encoding="utf-8")
        assert "cannot write here" in refused_file(tmp_path / "file" / "x.csv")


class DescribeCommands:
    def it_exits_2_for_report_out_root(self, tmp_path: Path, root: Path) -> None:
        result = run_builder(["report", "config/meetings/2023-11-23.yaml", "--out", "/"], root,
                             seconds=60)
        assert result.returncode == 2, result.stderr
        assert "/: is a system or home folder" in result.stderr
