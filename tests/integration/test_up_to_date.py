"""A ``builder build`` whose output folder is up to date stops at once (issue 14): the real
program in a subprocess, after one cold build of a copy of the sample; every hole in the check
(an edited input, template or output, a deleted output, another option, other code, another
meeting) leads to a full build."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import builder.pipeline.cache
from builder.pipeline.up_to_date import BuildRequest, unchanged
from tests.conftest import CONFIG
from tests.integration.test_cache import outputs

pytestmark = pytest.mark.libreoffice

PROGRAM = Path(sys.executable).parent / "builder"
MEETING = Path("config/meetings/2023-11-23.yaml")
OUT = Path("out")


@dataclass(frozen=True)
class Built:
    """A copy of the sample config in ``root`` (the working folder), built into ``root/out``
    with the cache ``root/cache``; what the build printed."""

    root: Path
    stdout: str

    @property
    def out(self) -> Path:
        return self.root / OUT

    def request(self, **changes: object) -> BuildRequest:
        return BuildRequest(**{"meeting": MEETING, "out_dir": OUT, **changes})  # type: ignore[arg-type]


def run(root: Path, *extra: str, command: str = "build") -> subprocess.CompletedProcess[str]:
    """``builder build`` (or ``command``) of the copied sample into ``out`` with the cache
    ``cache``, as a user runs it."""
    return subprocess.run([str(PROGRAM), command, str(MEETING), "--out", str(OUT), "--cache",
                           "cache", *extra], cwd=root, capture_output=True, text=True,
                          timeout=900, check=False)


def made_again_as_it_was(public: Path, rerun: Callable[[], subprocess.CompletedProcess[str]],
                         starts: str) -> None:
    """``public`` truncated, then ``rerun``: the run is a full one (its output ``starts`` so),
    the file is made again with the same bytes, and the next run is up to date."""
    made = public.read_bytes()
    public.write_bytes(made[:1000])

    again = rerun()

    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith(starts)
    assert public.read_bytes() == made
    assert rerun().stdout.startswith("up to date")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("up-to-date")
    shutil.copytree(CONFIG, root / "config")
    # the report template the council's own copy, so that editing it is a change of input
    (root / "config" / "templates").mkdir()
    shutil.copyfile(Path(builder.__file__).parent / "templates" / "committee_report.docx",
                    root / "config" / "templates" / "committee_report.docx")
    council = root / "config" / "council.yaml"
    council.write_text(council.read_text("utf-8") +
                       "\ntemplates:\n  report: templates/committee_report.docx\n", "utf-8")
    first = run(root)
    assert first.returncode == 0, first.stderr
    return Built(root, first.stdout)


@pytest.fixture
def here(built: Built, monkeypatch: pytest.MonkeyPatch) -> Built:
    """In the build's working folder (the manifest names the inputs relative to it)."""
    monkeypatch.chdir(built.root)
    return built


@contextlib.contextmanager
def changed(path: Path, data: bytes | None) -> Iterator[None]:
    """``path`` holding ``data`` (None: deleted) for the block, then as it was."""
    kept = path.read_bytes()
    if data is None:
        path.unlink()
    else:
        path.write_bytes(data)
    try:
        yield
    finally:
        path.write_bytes(kept)


def mtimes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


class DescribeUpToDate:
    def it_stops_at_once_and_rewrites_nothing(self, built: Built) -> None:
        before = mtimes(built.out)

        again = run(built.root)

        assert again.returncode == 0, again.stderr
        assert again.stdout.startswith("up to date: nothing changed since the build of ")
        assert mtimes(built.out) == before
        assert not (built.root / "out.staging").exists()
        # the same files and page ranges as the build printed, the manifest included
        assert again.stdout.splitlines()[1:] == built.stdout.splitlines()[1:]
        assert again.stderr == ""  # no stage ran

    def it_is_up_to_date_in_process_too(self, here: Built) -> None:
        assert unchanged(here.request()) is not None

    @pytest.mark.parametrize("name", [
        "config/values/b4b-2023-10.csv",  # a values file
        "config/templates/committee_report.docx",  # the council's template
        "config/appendices/b4b-2-finance-report.docx",  # an appendix file
        "config/papers/send-and-home-to-school-transport.cleaned.docx",  # a supplied paper
        "out/agenda-pack-public.pdf",  # an output edited
    ])
    def it_is_not_when_a_file_read_or_written_changed(self, here: Built, name: str) -> None:
        path = here.root / name
        with changed(path, path.read_bytes() + b"\n"):
            assert unchanged(here.request()) is None

    @pytest.mark.parametrize("name", ["out/item-07-building-for-brilliance.docx",
                                      "config/trackers/2023-11-23.yaml", "out/manifest.json"])
    def it_is_not_when_a_file_is_missing(self, here: Built, name: str) -> None:
        with changed(here.root / name, None):
            assert unchanged(here.request()) is None

    def it_is_not_when_the_manifest_is_damaged(self, here: Built) -> None:
        manifest = here.out / "manifest.json"
        with changed(manifest, manifest.read_bytes()[:-200]):
            assert unchanged(here.request()) is None

    def it_is_not_with_other_options(self, here: Built) -> None:
        assert unchanged(here.request(strict=True)) is None
        assert unchanged(here.request(allow_outside=(here.root,))) is None

    def it_is_not_for_another_meeting_into_the_same_folder(self, here: Built) -> None:
        other = here.root / "config" / "meetings" / "copy.yaml"
        shutil.copyfile(here.root / MEETING, other)
        try:
            assert unchanged(here.request(meeting=other.relative_to(here.root))) is None
        finally:
            other.unlink()

    def it_is_not_for_other_builder_code(self, here: Built,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(builder.pipeline.cache, "builder_fingerprint", lambda: "other")
        assert unchanged(here.request()) is None

    def it_is_not_from_another_working_folder(self, here: Built,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.chdir(here.root / "config")
        assert unchanged(BuildRequest(Path("meetings/2023-11-23.yaml"),
                                      here.root / OUT)) is None


class DescribeAFullBuildAfterAHole:
    def it_rebuilds_an_edited_output_as_it_was(self, built: Built) -> None:
        made_again_as_it_was(built.out / "agenda-pack-public.pdf", lambda: run(built.root),
                             "wrote ")

    def it_builds_with_no_cache_even_when_up_to_date_and_gives_the_same_bytes(
            self, built: Built) -> None:
        before = outputs(built.out)

        again = run(built.root, "--no-cache")

        assert again.returncode == 0, again.stderr
        assert again.stdout.startswith("wrote ")
        assert outputs(built.out) == before

