"""While the build waits for LibreOffice, each finished conversion's PDFs are made ready to merge
(``pipeline.meeting._collect``): the slow conversion does not hold up the others' preparation."""

from __future__ import annotations

import threading
from pathlib import Path

from builder.pipeline.meeting import _collect


class Slow:
    """A conversion that finishes when ``release`` is set."""

    def __init__(self, made: dict[Path, Path], release: threading.Event) -> None:
        self.made, self.release = made, release

    def done(self) -> bool:
        return self.release.is_set()

    def result(self) -> dict[Path, Path]:
        self.release.wait()
        return self.made


class Readiness:
    def __init__(self, release: threading.Event) -> None:
        self.calls: list[tuple[Path, Path | None]] = []
        self.release = release

    def __call__(self, pdf: Path, source: Path | None) -> None:
        self.calls.append((pdf, source))
        self.release.set()  # the slow one finishes only once the quick one was prepared


class DescribeCollectingConversions:
    def it_prepares_what_finished_while_a_slower_conversion_still_runs(self) -> None:
        release, done = threading.Event(), threading.Event()
        done.set()
        deck = Slow({Path("deck.pptx"): Path("deck.pdf")}, release)
        report = Slow({Path("body.docx"): Path("body.pdf")}, done)
        front = Slow({Path("front.docx"): Path("front.pdf")}, done)
        ready = Readiness(release)
        pdf = _collect([deck, report, front], ready,  # type: ignore[arg-type]
                       frozenset({Path("front.docx")}))
        assert pdf == {Path("deck.pptx"): Path("deck.pdf"), Path("body.docx"): Path("body.pdf"),
                       Path("front.docx"): Path("front.pdf")}
        assert ready.calls == [(Path("body.pdf"), Path("body.docx")), (Path("front.pdf"), None),
                               (Path("deck.pdf"), Path("deck.pptx"))]
