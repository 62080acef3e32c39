"""A rebuild does not check again what passed before (issue 14): the template checks and the
supplied papers' checks are remembered in the build cache, keyed by the files' bytes and the
configuration that shapes them; what failed is checked, and reported, every time."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from builder.inspection import document_fonts
from builder.pipeline import supplied, templates
from builder.pipeline.cache import Cache
from builder.pipeline.checked import check_meeting
from tests.conftest import CONFIG, OUTSIDE

SAMPLE = CONFIG / "meetings" / "2023-11-23.yaml"


def counted(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[int]:
    """Count the calls of ``module.name`` (still calling it)."""
    calls: list[int] = []
    real: Callable[..., object] = getattr(module, name)

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


def it_checks_templates_and_supplied_papers_once_for_the_same_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = Cache(tmp_path / "cache")
    template_checks = counted(monkeypatch, templates, "check_template")
    paper_checks = counted(monkeypatch, supplied, "_checked")
    first = check_meeting(SAMPLE, allow_outside=OUTSIDE, cache=cache)
    checked_first = (len(template_checks), len(paper_checks))
    again = check_meeting(SAMPLE, allow_outside=OUTSIDE, cache=Cache(cache.root))
    assert checked_first[0] > 0 and checked_first[1] == 1
    assert (len(template_checks), len(paper_checks)) == checked_first  # none run again
    assert again.warnings == first.warnings  # the supplied papers' warnings, replayed
    without = check_meeting(SAMPLE, allow_outside=OUTSIDE)
    assert len(paper_checks) == 2 and without.warnings == first.warnings


def it_checks_the_supplied_papers_again_when_the_machines_fonts_change(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The papers' font warnings depend on the fonts installed (a font installed since puts
    its warning right)."""
    cache = Cache(tmp_path / "cache")
    paper_checks = counted(monkeypatch, supplied, "_checked")
    check_meeting(SAMPLE, allow_outside=OUTSIDE, cache=cache)
    monkeypatch.setattr(supplied, "office_build", lambda: "the same LibreOffice, a new font")
    check_meeting(SAMPLE, allow_outside=OUTSIDE, cache=Cache(cache.root))
    assert len(paper_checks) == 2


def it_checks_again_a_template_whose_bytes_changed_and_reports_it(tmp_path: Path) -> None:
    checked = check_meeting(SAMPLE, allow_outside=OUTSIDE)
    report = tmp_path / "report.docx"
    shutil.copyfile(checked.inputs.templates.report, report)
    chosen = dataclasses.replace(checked.inputs.templates, report=report)
    loaded, cache = checked.inputs.loaded, Cache(tmp_path / "cache")
    assert templates.template_problems(chosen, loaded, cache) == []
    report.write_bytes(report.read_bytes()[:200])  # no longer a Word file
    for _ in range(2):  # a failed check is not remembered: it is reported each time
        problems = templates.template_problems(chosen, loaded, Cache(cache.root))
        assert problems and all(p.file == str(report) for p in problems)


def it_warns_of_the_templates_and_papers_fonts_on_a_machine_without_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """On a machine with no fonts at all, every template's and supplied paper's font is
    warned of, as a notice of the meeting (the sample's are in Arial, Calibri and Cambria)."""
    monkeypatch.setattr(document_fonts, "installed_families", lambda: frozenset())
    warnings = [w.coded() for w in check_meeting(SAMPLE, allow_outside=OUTSIDE).warnings]
    templates = [w for w in warnings if w.startswith("[template-font]")]
    papers = [w for w in warnings if w.startswith("[supplied-paper]") and "[font]" in w]
    assert any("board_deck.pptx: its text is set in Calibri" in w for w in templates)
    assert any("committee_report.docx: its text is set in Arial" in w for w in templates)
    assert {font for font in ("Arial", "Calibri", "Cambria")
            if any(f"set in {font}," in w for w in papers)} == {"Arial", "Calibri", "Cambria"}
