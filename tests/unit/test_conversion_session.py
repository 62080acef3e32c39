"""A LibreOffice session's calls: whichever instance is free takes the costliest file waiting,
both instances share the work to the end, and only a tagged PDF is accepted back (no
LibreOffice needed: a stand-in program logs each call and copies a PDF)."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pikepdf
import pytest

from builder.assemble.convert import LibreOffice
from builder.errors import AssemblyError

LOGGING_OFFICE = r"""#!/bin/sh
# a stand-in for soffice: an instance opens its keep-alive file (LibreOffice then writes a lock
# file beside it) and stays up; a conversion call logs its instance's folder and the files it
# was given (by their source names), takes 0.6 s a file named slow*, never finishes one named
# hangs*, and copies a tagged PDF
for arg in "$@"; do
  case "$arg" in
    *keepalive.txt) touch "$(dirname "$arg")/.~lock.keepalive.txt#"; exec sleep 600 ;;
  esac
done
out=""; next=""; line="$TMPDIR"
for arg in "$@"; do
  [ "$next" = 1 ] && out="$arg"
  next=""; [ "$arg" = "--outdir" ] && next=1
  case "$arg" in *.docx) line="$line $(basename "$(readlink -f "$arg")")" ;; esac
done
echo "$line" >> "$FAKE_LOG"
for arg in "$@"; do
  case "$arg" in
    *.docx)
      case "$(basename "$(readlink -f "$arg")")" in
        slow*) sleep 0.6 ;;
        hangs*) exec sleep 600 ;;
      esac
      cp "$FAKE_PDF" "$out/$(basename "$arg" .docx).pdf" ;;
  esac
done
"""


def made_pdf(path: Path, tagged: bool) -> Path:
    with pikepdf.new() as made:
        made.add_blank_page()
        if tagged:
            made.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
        made.save(path)
    return path


@pytest.fixture
def log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    office = tmp_path / "soffice"
    office.write_text(LOGGING_OFFICE, encoding="utf-8")
    office.chmod(0o755)
    pdf = made_pdf(tmp_path / "tagged.pdf", tagged=True)
    monkeypatch.setenv("BUILDER_SOFFICE", str(office))
    monkeypatch.setenv("FAKE_PDF", str(pdf))
    monkeypatch.setenv("FAKE_LOG", str(tmp_path / "calls.log"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "calls.log"


def paper(folder: Path, name: str, padding: int = 0) -> Path:
    """A Word package the session accepts; ``padding`` stored bytes make it look costlier."""
    path = folder / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        if padding:
            archive.writestr("word/media/pad.bin", bytes(range(256)) * (padding // 256),
                             compress_type=zipfile.ZIP_STORED)
    return path


def calls(log: Path) -> list[tuple[str, list[str]]]:
    """(instance folder, source names) of each call, in the order the calls began."""
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return [(line.split()[0], line.split()[1:]) for line in lines]


def test_a_costly_paper_submitted_last_goes_before_the_small_ones_waiting(
        tmp_path: Path, log: Path) -> None:
    with LibreOffice(instances=1) as office:
        first = office.submit([paper(tmp_path, "slow.docx")], tmp_path / "out")
        deadline = time.monotonic() + 30
        while not calls(log) and time.monotonic() < deadline:  # the instance is now busy
            time.sleep(0.01)
        small = office.submit([paper(tmp_path, "small-a.docx"), paper(tmp_path, "small-b.docx")],
                              tmp_path / "out")
        big = office.submit([paper(tmp_path, "big.docx", padding=400_000)], tmp_path / "out")
        made = {**first.result(), **small.result(), **big.result()}

    assert sorted(p.name for p in made.values()) == [
        "big.pdf", "slow.pdf", "small-a.pdf", "small-b.pdf"]
    files = [names for _instance, names in calls(log)]
    assert files[0] == ["slow.docx"]
    assert files[1][0] == "big.docx"  # first in the next call, though submitted last
    assert sorted(n for names in files for n in names) == [
        "big.docx", "slow.docx", "small-a.docx", "small-b.docx"]


def test_both_instances_convert_until_nothing_is_left(tmp_path: Path, log: Path) -> None:
    papers = [paper(tmp_path, f"slow-{n}.docx") for n in range(4)]
    with LibreOffice(instances=2) as office:
        made = office.convert(papers, tmp_path / "out")

    assert len(made) == 4
    by_instance: dict[str, list[str]] = {}
    for instance, names in calls(log):
        by_instance.setdefault(instance, []).extend(names)
    assert len(by_instance) == 2  # one instance did not take the whole submission
    assert sorted(n for names in by_instance.values() for n in names) == [
        f"slow-{n}.docx" for n in range(4)]


def test_an_untagged_pdf_is_refused_naming_the_paper(tmp_path: Path, log: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_PDF", str(made_pdf(tmp_path / "untagged.pdf", tagged=False)))
    source = paper(tmp_path, "report.docx")
    with pytest.raises(AssemblyError) as caught, LibreOffice(instances=1) as office:
        office.convert([source], tmp_path / "out")

    assert caught.value.message.startswith("PDF conversion did not give accessible PDFs")
    assert [(p.file, p.what) for p in caught.value.problems] == [
        (str(source), "LibreOffice made an untagged PDF")]
    assert not (tmp_path / "out" / "report.pdf").exists()


def test_a_paper_that_hangs_a_call_fails_alone_not_the_papers_it_shared_the_call_with(
        tmp_path: Path, log: Path) -> None:
    hangs = paper(tmp_path, "hangs.docx", padding=400_000)  # the costlier: first in the call
    fine = paper(tmp_path, "fine.docx")
    with pytest.raises(AssemblyError) as caught, LibreOffice(timeout=1.0, instances=1) as office:
        office.convert([hangs, fine], tmp_path / "out")

    assert [p.file for p in caught.value.problems] == [str(hangs)]
    files = [names for _instance, names in calls(log)]
    assert files[0] == ["hangs.docx", "fine.docx"]  # one call for both at first
    assert sorted(map(tuple, files[1:])) == [("fine.docx",), ("hangs.docx",)]  # then alone
