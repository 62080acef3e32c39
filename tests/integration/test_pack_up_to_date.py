"""A ``builder pack`` whose packs are up to date stops at once, as a build does (issue 14): the
real program in a subprocess, after one cold ``builder pack`` of a copy of the sample; its
record is in the cache (a pack writes nothing but the packs), and every hole in the check (an
edited input or pack, the exempt pack deleted, papers rendered since by ``builder report``
and ``builder deck``, a damaged record, no cache) leads to a full run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from builder.pipeline.up_to_date import BuildRequest, run_record, unchanged
from tests.conftest import CONFIG
from tests.integration.test_up_to_date import (
    MEETING,
    OUT,
    changed,
    made_again_as_it_was,
    mtimes,
)
from tests.integration.test_up_to_date import run as run_command

pytestmark = pytest.mark.libreoffice

CACHE = Path("cache")
"""Where :func:`tests.integration.test_up_to_date.run` keeps the cache."""
REQUEST = BuildRequest(MEETING, OUT, command="pack")


@dataclass(frozen=True)
class Packed:
    """A copy of the sample config in ``root`` (the working folder), packed into ``root/out``
    with the cache ``root/cache``; what the first run printed."""

    root: Path
    stdout: str

    @property
    def out(self) -> Path:
        return self.root / OUT

    @property
    def record(self) -> Path:
        found = run_record(REQUEST, CACHE)
        assert found is not None
        return self.root / found


def run(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``builder pack`` of the copied sample, as a user runs it."""
    return run_command(root, *extra, command="pack")


@pytest.fixture(scope="module")
def packed(tmp_path_factory: pytest.TempPathFactory) -> Packed:
    root = tmp_path_factory.mktemp("pack-up-to-date")
    shutil.copytree(CONFIG, root / "config")
    first = run(root)
    assert first.returncode == 0, first.stderr
    return Packed(root, first.stdout)


@pytest.fixture
def here(packed: Packed, monkeypatch: pytest.MonkeyPatch) -> Packed:
    """In the run's working folder (the record names the inputs relative to it)."""
    monkeypatch.chdir(packed.root)
    return packed


class DescribeAPackUpToDate:
    def it_stops_at_once_and_rewrites_nothing(self, packed: Packed) -> None:
        before = mtimes(packed.out)

        again = run(packed.root)

        assert again.returncode == 0, again.stderr
        assert again.stdout.startswith("up to date: nothing changed since the packs of ")
        assert mtimes(packed.out) == before
        assert again.stderr == ""  # no stage ran
        kept = {line.split(" (")[0].strip() for line in again.stdout.splitlines()[1:3]}
        assert kept == {"agenda-pack-exempt.pdf", "agenda-pack-public.pdf"}

    def it_keeps_its_record_in_the_cache_not_among_the_outputs(self, here: Packed) -> None:
        assert here.record.is_relative_to(here.root / CACHE)
        assert sorted(p.name for p in here.out.iterdir()) == [
            "agenda-pack-exempt.pdf", "agenda-pack-public.pdf"]
        assert unchanged(REQUEST, here.record) is not None

    @pytest.mark.parametrize("name", [
        "config/values/b4b-2023-10.csv",  # a values file
        "config/papers/send-and-home-to-school-transport.cleaned.docx",  # a supplied paper
        "out/agenda-pack-public.pdf",  # a pack edited
    ])
    def it_is_not_when_a_file_read_or_written_changed(self, here: Packed, name: str) -> None:
        path = here.root / name
        with changed(path, path.read_bytes() + b"\n"):
            assert unchanged(REQUEST, here.record) is None

    def it_is_not_when_the_exempt_pack_is_missing(self, here: Packed) -> None:
        with changed(here.out / "agenda-pack-exempt.pdf", None):
            assert unchanged(REQUEST, here.record) is None

    def it_is_not_when_the_record_is_damaged_or_missing(self, here: Packed) -> None:
        with changed(here.record, here.record.read_bytes()[:-100]):
            assert unchanged(REQUEST, here.record) is None
        with changed(here.record, None):
            assert unchanged(REQUEST, here.record) is None

    def it_is_not_for_a_build_or_other_options(self, here: Packed) -> None:
        assert unchanged(BuildRequest(MEETING, OUT), here.record) is None
        assert unchanged(BuildRequest(MEETING, OUT, allow_outside=(here.root,),
                                      command="pack"), here.record) is None

    def it_is_not_once_the_papers_a_pack_would_use_are_there(self, here: Packed) -> None:
        """Papers ``builder report`` and ``builder deck`` wrote since, newer than every input:
        a pack now would be made from them."""
        papers = [here.root / p for p in json.loads(here.record.read_text("utf-8"))
                  ["rendered"]["papers"]]
        assert papers and not any(p.exists() for p in papers)
        for paper in papers:
            paper.parent.mkdir(parents=True, exist_ok=True)
            paper.write_bytes(b"rendered since")
        try:
            assert unchanged(REQUEST, here.record) is None
            for paper in papers:  # older than the inputs: a pack would not use them
                os.utime(paper, (0, 0))
            assert unchanged(REQUEST, here.record) is not None
        finally:
            for paper in papers:
                paper.unlink()
            shutil.rmtree(here.out / "parts", ignore_errors=True)


class DescribeAFullPackAfterAHole:
    def it_makes_an_edited_pack_again_as_it_was(self, packed: Packed) -> None:
        made_again_as_it_was(packed.out / "agenda-pack-public.pdf", lambda: run(packed.root),
                             "packs made from papers rendered now")

    def it_runs_in_full_with_no_cache(self, packed: Packed) -> None:
        again = run(packed.root, "--no-cache")
        assert again.returncode == 0, again.stderr
        assert again.stdout.startswith("packs made from")
