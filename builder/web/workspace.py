"""Where the app keeps what it makes, all under the config folder, every name generated."""

from __future__ import annotations

import datetime as dt
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from builder.web import engine

STATE = ".builder-web"
DATA_FOLDERS = {"values": "values", "commentary": "commentary", "paper": "papers",
                "appendix": "appendices"}
OUTPUT_GROUPS = (
    ("packs", "agenda-pack-"),
    ("reports", "item-"),
    ("deck", "b4b-board-deck-"),
    ("dataset", "performance-dataset-"),
    ("audit", "manifest"),
)
"""Output kinds, by the start of the file name, in the order the page lists them."""


@dataclass(frozen=True)
class Workspace:
    config_dir: Path

    @property
    def state(self) -> Path:
        return self.config_dir / STATE

    def shown(self, file: str, renames: dict[str, str] | None = None) -> str:
        """A problem's file as the officer knows it: an upload by the name it was sent with,
        a config file relative to the config folder."""
        if renames and file in renames:
            return renames[file]
        path = Path(file)
        if path.is_absolute() and path.is_relative_to(self.config_dir):
            return path.relative_to(self.config_dir).as_posix()
        return file

    def meetings(self) -> dict[str, Path]:
        """Meeting id (the file's stem) -> its YAML."""
        return {p.stem: p for p in engine.meeting_files(self.config_dir)}

    def meeting(self, key: str) -> Path | None:
        return self.meetings().get(key)

    def out_dir(self, key: str) -> Path:
        return self.state / "output" / key

    def thumbnails(self, key: str) -> Path:
        return self.state / "thumbnails" / key

    @property
    def pending(self) -> Path:
        return self.state / "pending"

    @property
    def checking(self) -> Path:
        return self.state / "check"

    def pending_file(self, suffix: str) -> Path:
        """A new generated name in the pending folder (e.g. for a cleaned copy)."""
        self.pending.mkdir(parents=True, exist_ok=True)
        return self.pending / f"{secrets.token_hex(16)}{suffix}"

    def clear_pending(self) -> None:
        """Drop uploads left waiting by an earlier run of the app (their previews are gone)."""
        shutil.rmtree(self.pending, ignore_errors=True)
        shutil.rmtree(self.checking, ignore_errors=True)

    def outputs(self, key: str) -> list[tuple[str, list[Path]]]:
        """The built files of a meeting, grouped by kind (see ``OUTPUT_GROUPS``)."""
        folder = self.out_dir(key)
        files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(
            ".")) if folder.is_dir() else []
        groups = [(kind, [p for p in files if p.name.startswith(prefix)])
                  for kind, prefix in OUTPUT_GROUPS]
        return [(kind, paths) for kind, paths in groups if paths]

    def output(self, key: str, name: str) -> Path | None:
        """A built file by its exact name, only if the meeting's output folder lists it."""
        return next((p for _kind, paths in self.outputs(key) for p in paths if p.name == name),
                    None)

    def built(self, key: str) -> bool:
        return (self.out_dir(key) / "manifest.json").is_file()

    def accept(self, key: str, kind: str, pending: Path) -> Path:
        """Move a checked upload into the config folder as ``<meeting>-<time>-<random>``."""
        folder = self.config_dir / DATA_FOLDERS[kind]
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = folder / f"{key}-{stamp}-{secrets.token_hex(4)}{pending.suffix}"
        shutil.move(pending, target)
        return target
