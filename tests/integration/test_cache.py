"""The build cache (issue 14): a rebuild converts only what changed, gives the same bytes, and
never trusts a damaged entry. Real LibreOffice; every conversion LibreOffice is asked for is
recorded by the name of the document it was given."""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

import builder.pipeline.deck
import builder.pipeline.reports
from builder.assemble.convert import LibreOffice
from builder.assemble.office import CallResult, Instance
from builder.present.deck_context import DeckContext
from builder.render.deck_styles import DeckStyles
from builder.render.word_common import CoreProperties
from tests.conftest import CONFIG, Cli

pytestmark = pytest.mark.libreoffice

SENTENCE = "Attached as Appendix 1 is a summary of performance"
CHANGED = "Attached as Appendix 1 is a short summary of performance"


@dataclass
class Recorded:
    """The documents LibreOffice converted, how many times a session started it, how many
    decks were rendered."""

    converted: list[str]
    starts: int = 0
    decks: int = 0
    rendered: list[str] = field(default_factory=list)
    """The report parts rendered (their file names)."""


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> Recorded:
    record = Recorded([])
    convert, start, render = Instance.convert, LibreOffice._start, builder.pipeline.deck.render_deck

    def counted_convert(self: Instance, files: list[Path], out_dir: Path, export: str
                        ) -> CallResult:
        record.converted += [f.resolve().name for f in files]
        return convert(self, files, out_dir, export)

    def counted_start(self: LibreOffice) -> None:
        record.starts += 1
        start(self)

    def counted_render(context: DeckContext, template: Path, out: Path, styles: DeckStyles
                       ) -> None:
        record.decks += 1
        render(context, template, out, styles)

    def counted_body(template: Path, context: dict[str, Any], core: CoreProperties,
                     out: Path) -> None:
        record.rendered.append(out.name)
        body(template, context, core, out)

    body = builder.pipeline.reports.render_docx_template
    monkeypatch.setattr(builder.pipeline.reports, "render_docx_template", counted_body)
    monkeypatch.setattr(builder.pipeline.deck, "render_deck", counted_render)
    monkeypatch.setattr(Instance, "convert", counted_convert)
    monkeypatch.setattr(LibreOffice, "_start", counted_start)
    return record


@pytest.fixture
def config(tmp_path: Path) -> Path:
    folder = tmp_path / "config"
    shutil.copytree(CONFIG, folder)
    return folder


def built(cli: Cli, config: Path, out: Path, cache: Path) -> dict[str, object]:
    run = cli("build", str(config / "meetings" / "2023-11-23.yaml"), "--out", str(out),
              "--cache", str(cache))
    assert run.code == 0, run.err
    manifest: dict[str, object] = json.loads((out / "manifest.json").read_text("utf-8"))
    return manifest


def outputs(out: Path) -> dict[str, bytes]:
    """Every output's bytes but the manifest's (it has the build time and the timings)."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())
            if p.is_file() and p.name != "manifest.json"}


def entries(cache: Path) -> list[Path]:
    """The cache's entries (their sidecars name the file)."""
    return sorted(p for p in (cache / "files").rglob("*") if p.is_file() and p.suffix != ".json")


def pdf_entries(cache: Path) -> list[Path]:
    """The cache's entries holding PDFs LibreOffice made (not the packs, nor the PDFs made
    ready to merge)."""
    return [p for p in entries(cache) if made_by(p).endswith(".pdf")
            and not made_by(p).startswith("agenda-pack-")
            and not made_by(p).endswith(".prepared.pdf")]


class DescribeRebuild:
    def it_converts_nothing_and_starts_no_libreoffice_when_nothing_changed(
            self, cli: Cli, config: Path, tmp_path: Path, recorded: Recorded) -> None:
        cache = tmp_path / "cache"
        first = built(cli, config, tmp_path / "first", cache)
        converted_first = list(recorded.converted)
        assert recorded.decks == 1
        assert len(recorded.rendered) == 3  # the three committee reports' bodies
        recorded.converted.clear()
        recorded.rendered.clear()
        recorded.starts = recorded.decks = 0

        second = built(cli, config, tmp_path / "second", cache)

        assert first["reused"] == []
        assert recorded.converted == []
        assert recorded.starts == 0
        assert recorded.decks == 0
        assert recorded.rendered == []
        reused = set(second["reused"])  # type: ignore[call-overload]
        pdfs = {str(Path(n).with_suffix(".pdf")) for n in converted_first}
        papers = {p.name for p in (tmp_path / "first").glob("*.docx")}
        assert pdfs | papers | {"b4b-board-deck-2023-10.pptx", "agenda.docx"} <= reused
        assert outputs(tmp_path / "second") == outputs(tmp_path / "first")

    def it_reconverts_only_the_report_whose_sentence_changed(
            self, cli: Cli, config: Path, tmp_path: Path, recorded: Recorded) -> None:
        cache = tmp_path / "cache"
        built(cli, config, tmp_path / "first", cache)
        meeting = config / "meetings" / "2023-11-23.yaml"
        text = meeting.read_text("utf-8")
        assert text.count(SENTENCE) == 1
        meeting.write_text(text.replace(SENTENCE, CHANGED), "utf-8")
        recorded.converted.clear()
        recorded.rendered.clear()
        recorded.decks = 0

        second = built(cli, config, tmp_path / "second", cache)

        changed = "item-10-children-and-learning-performance-body.docx"
        assert recorded.converted == [changed]
        assert recorded.rendered == [changed]
        assert recorded.decks == 0
        reused = set(second["reused"])  # type: ignore[call-overload]
        assert {"item-07-building-for-brilliance.docx",
                "item-07-building-for-brilliance-body.pdf",
                "item-10-children-and-learning-performance-appendix-1.docx",
                "item-11-monitoring-scrutiny-recommendations-appendix-2.pdf",
                "agenda.pdf", "agenda-pack-exempt.pdf"} <= reused
        assert changed not in reused
        text = " ".join(page.extract_text() for page in
                        PdfReader(tmp_path / "second" / "agenda-pack-public.pdf").pages[18:30])
        assert CHANGED in " ".join(text.split())


class DescribeDamagedEntry:
    def it_is_detected_by_its_hash_and_rebuilt(self, cli: Cli, config: Path, tmp_path: Path,
                                               recorded: Recorded) -> None:
        cache = tmp_path / "cache"
        built(cli, config, tmp_path / "first", cache)
        truncated, foreign, other = pdf_entries(cache)[:3]
        truncated.write_bytes(truncated.read_bytes()[:-100])
        shutil.copyfile(other, foreign)  # a whole PDF, but not the one its key names
        damaged = {made_by(truncated), made_by(foreign)}  # the PDFs' names
        body = "item-07-building-for-brilliance-body.docx"
        bodies = [e for e in entries(cache) if made_by(e) == body]  # as rendered, footers gone
        for entry in bodies:
            entry.write_bytes(b"not a Word file")
        recorded.converted.clear()
        recorded.rendered.clear()

        second = built(cli, config, tmp_path / "second", cache)

        assert sorted(Path(n).stem for n in recorded.converted) == \
            sorted(Path(n).stem for n in damaged)
        assert recorded.rendered == [body]
        assert not damaged & set(second["reused"])  # type: ignore[call-overload]
        assert outputs(tmp_path / "second") == outputs(tmp_path / "first")
        for entry in (truncated, foreign, *bodies):  # stored afresh, matching their sidecars
            meta = json.loads(entry.with_name(entry.name + ".json").read_text("utf-8"))
            assert hashlib.sha256(entry.read_bytes()).hexdigest() == meta["sha256"]


def made_by(entry: Path) -> str:
    """The name of the file an entry holds, as its sidecar says."""
    name: str = json.loads(entry.with_name(entry.name + ".json").read_text("utf-8"))["name"]
    return name
