"""``builder pack`` and a failing ``builder build``, with the real LibreOffice. The reports and
the deck are replaced by small stand-ins (the front sheet, agenda and minutes are the sample
meeting's own), so that each run takes seconds; the sample meeting itself is built once in
test_pack_sample.py."""

from __future__ import annotations

import os
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation

import builder.pipeline.meeting
from builder.cli import main
from builder.compute.model import ReportModel
from builder.config.meeting import load_meeting
from builder.inspection.pdf_summary import summarize
from builder.parts import AppendixPart, ReportParts
from builder.pipeline.agenda import report_items
from builder.pipeline.cache import CACHE_FOLDER, Cache
from builder.pipeline.checked import check_meeting
from builder.pipeline.inputs import MeetingInputs
from builder.pipeline.meeting import papers_in
from builder.pipeline.up_to_date import papers_fresh
from tests.conftest import CONFIG

pytestmark = pytest.mark.libreoffice

MEETING = CONFIG / "meetings" / "2023-11-23.yaml"


def small_word(path: Path, text: str) -> Path:
    doc = Document()
    doc.core_properties.title = text
    doc.add_paragraph(text)
    doc.save(str(path))
    return path


def corrupt_word(path: Path) -> Path:
    """Passes the zip checks, but its document part is not XML: LibreOffice cannot load it."""
    good = small_word(path.with_name("good-source.docx"), "good")
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for name in source.namelist():
            data = b"not xml <<<" if name == "word/document.xml" else source.read(name)
            target.writestr(name, data)
    return path


def stand_in_reports(papers: Path, corrupt: int | None) -> object:
    """A ``build_reports`` returning small papers for the sample's three reports (item 10 with
    the deck; item 9 is a supplied paper, converted as it is); item ``corrupt``'s body is
    corrupt."""

    def reports(inputs: MeetingInputs, out_dir: Path, model: ReportModel | None = None,
                only: int | None = None, chart_cache: Path | None = None,
                cache: Cache | None = None,
                on_parts: Callable[[ReportParts], object] | None = None,
                charts_drawn: Callable[[], object] | None = None
                ) -> tuple[ReportParts, ...]:
        def paper(name: str, text: str) -> Path:
            return small_word(papers / f"{name}.docx", text)

        parts = []
        for number, title in ((7, "BUILDING FOR BRILLIANCE"),
                              (10, "CHILDREN AND LEARNING - PERFORMANCE"),
                              (11, "MONITORING SCRUTINY RECOMMENDATIONS")):
            body = (corrupt_word(papers / f"item-{number}-body.docx") if number == corrupt
                    else paper(f"item-{number}-body", f"{title} report"))
            appendices: tuple[AppendixPart, ...] = ()
            if number == 10:
                appendices = (AppendixPart(1, "Slides", "deck", None),)
            parts.append(ReportParts(number, title, body, body, appendices))
            if on_parts is not None:
                on_parts(parts[-1])
        return tuple(parts)

    return reports


def stand_in_deck(deck: object, model: object, out_dir: Path, cache: object = None) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    presentation = Presentation()
    presentation.slides.add_slide(presentation.slide_layouts[5]).shapes.title.text = "Deck"
    presentation.save(str(out_dir / "deck.pptx"))
    return out_dir / "deck.pptx"


@pytest.fixture
def papers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "papers"
    folder.mkdir()
    monkeypatch.setattr(builder.pipeline.meeting, "build_deck", stand_in_deck)
    return folder


def run(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["builder", *args])
    try:
        main()
    except SystemExit as exited:
        return int(exited.code or 0)
    return 0


def test_pack_writes_the_two_packs_only(papers: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(builder.pipeline.meeting, "build_reports", stand_in_reports(papers, None))
    out = tmp_path / "out"

    assert run(monkeypatch, "pack", str(MEETING), "--out", str(out)) == 0

    assert sorted(p.name for p in out.iterdir()) == ["agenda-pack-exempt.pdf",
                                                     "agenda-pack-public.pdf"]
    assert f"wrote {out / 'agenda-pack-public.pdf'}" in capsys.readouterr().out
    public = summarize(out / "agenda-pack-public.pdf")
    text = " ".join(public.texts)
    assert "BUILDING FOR BRILLIANCE report" in text and "Send Annual Review" in text
    assert text.count("NOT FOR PUBLICATION") == 2  # the notices for item 9's appendices 2, 3
    heads = [s.head for s in public.stamps if s.head]
    assert heads == ["Agenda Item 6", "Agenda Item 7", "Agenda Item 9", "Agenda Item 10",
                     "Agenda Item 11"]
    exempt = summarize(out / "agenda-pack-exempt.pdf")
    assert [b.title for b in exempt.bookmarks] == [
        "Agenda Item 9, Appendix 2: SEND Capital Programme Briefing Paper",
        "Agenda Item 9, Appendix 3: Home to School Transport Service Review"]


def test_a_corrupt_paper_stops_the_build_and_keeps_the_previous_output(
        papers: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(builder.pipeline.meeting, "build_reports",
                        stand_in_reports(papers, corrupt=10))
    out = tmp_path / "site" / "out"
    out.mkdir(parents=True)
    (out / "agenda-pack-public.pdf").write_bytes(b"the previous pack")
    (out / "manifest.json").write_text("{}", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    assert run(monkeypatch, "build", str(MEETING), "--out", str(out)) == 5

    message = capsys.readouterr().err
    assert "assembly error: PDF conversion failed (1 problem)" in message
    assert f"{papers / 'item-10-body.docx'}: LibreOffice produced no PDF (tried twice)" in message
    assert "Traceback" not in message
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    beside = sorted(p.name for p in out.parent.iterdir() if p.name != CACHE_FOLDER)
    assert beside == ["out"]  # no staging left behind (the cache keeps the PDFs that were made)


def write_rendered_papers(out: Path) -> list[Path]:
    """Stand-ins where 'builder report' and 'builder deck' put the sample meeting's papers."""
    loaded = load_meeting(MEETING)
    files = [stand_in_deck(None, None, out).rename(out / "b4b-board-deck-2023-10.pptx")]
    for r in report_items(loaded):
        assert r.item.report is not None
        files.append(small_word(out / "parts" / f"{r.stem}-body.docx", f"{r.item.title} body"))
        for n, appendix in enumerate(r.item.report.appendices, 1):
            if appendix.kind != "deck":
                text = f"{r.item.title} appendix {n}{' secret' if appendix.exempt else ''}"
                files.append(small_word(out / "parts" / f"{r.stem}-appendix-{n}.docx", text))
    return files


def test_pack_uses_the_papers_report_and_deck_wrote_when_newer_than_the_inputs(
        papers: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    (out / "parts").mkdir(parents=True)
    files = write_rendered_papers(out)

    def no_rendering(*args: object, **kwargs: object) -> None:
        raise AssertionError("the papers should not be rendered again")

    monkeypatch.setattr(builder.pipeline.meeting, "build_reports", no_rendering)
    monkeypatch.setattr(builder.pipeline.meeting, "build_deck", no_rendering)

    assert run(monkeypatch, "pack", str(MEETING), "--out", str(out)) == 0

    assert f"packs made from the papers rendered earlier in {out}" in capsys.readouterr().out
    text = " ".join(summarize(out / "agenda-pack-public.pdf").texts)
    assert "BUILDING FOR BRILLIANCE appendix 5" in text and "secret" not in text
    # once a paper is older than an input, the papers are rendered again
    os.utime(files[3], (0, 0))
    checked = check_meeting(MEETING)
    assert not papers_fresh(papers_in(checked, out).files(), checked.inputs.files)
