"""``builder check-report``: exit codes, what it prints, and ``--fix``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from builder.config.report_format import FORMATS
from tests.conftest import Cli
from tests.unit.report_samples import edited, paragraph, track_insertion


def _commented(doc: Any) -> None:
    doc.add_comment(paragraph(doc, "An overview").runs, "Check the figure", author="Jo Bloggs")
    doc.core_properties.author = "Jo Bloggs"


class DescribeCheckReport:
    def it_passes_a_published_format_report(self, cli: Cli, published: Path) -> None:
        run = cli("check-report", str(published), "--appendices", "3")
        assert run.code == 0
        assert "can be published (0 warning(s))" in run.out

    def it_fails_with_exit_6_listing_what_blocks_publishing(self, cli: Cli, published: Path,
                                                            tmp_path: Path) -> None:
        report = edited(published, tmp_path / "report.docx", _commented)
        run = cli("check-report", str(report))
        assert run.code == 6
        assert "paper check failed: report.docx: 1 finding(s) block publishing" in run.err
        assert "paragraph 48 ‘An overview is provided within the attached appendices.’: " \
               "[comment] comment by Jo Bloggs: ‘Check the figure’" in run.err
        assert "warning [metadata] docProps/core.xml: author is ‘Jo Bloggs’" in run.err

    def it_writes_a_cleaned_copy_that_passes(self, cli: Cli, published: Path,
                                             tmp_path: Path) -> None:
        report = edited(published, tmp_path / "report.docx", _commented)
        before = report.read_bytes()
        run = cli("check-report", str(report), "--fix")
        assert run.code == 0, run.err
        assert f"wrote {tmp_path / 'report.cleaned.docx'}: removed 1 comment mark, 1 comment, " \
               "author" in run.out
        assert "report.cleaned.docx can be published (0 warning(s))" in run.out
        assert report.read_bytes() == before

    def it_leaves_tracked_changes_unless_told_to_accept_them(self, cli: Cli, published: Path,
                                                             tmp_path: Path) -> None:
        def track(doc: Any) -> None:
            track_insertion(paragraph(doc, "An overview").add_run(" and more"))
        report = edited(published, tmp_path / "tracked.docx", track)
        out = tmp_path / "clean.docx"
        left = cli("check-report", str(report), "--fix", "--out", str(out))
        assert left.code == 6
        assert "left: 1 tracked change (accept them with --accept-changes" in left.err
        accepted = cli("check-report", str(report), "--fix", "--out", str(out),
                       "--accept-changes")
        assert accepted.code == 0, accepted.err

    def it_checks_against_the_councils_own_headings(self, cli: Cli, published: Path,
                                                    tmp_path: Path) -> None:
        own = yaml.safe_load((FORMATS / "2023.yaml").read_text(encoding="utf-8"))
        own["headings"].append("EQUALITY STATEMENT")
        headings = tmp_path / "headings.yaml"
        headings.write_text(yaml.safe_dump(own), encoding="utf-8")
        run = cli("check-report", str(published), "--headings-file", str(headings))
        assert run.code == 0
        assert "heading ‘EQUALITY STATEMENT’ is missing" in run.err

    @pytest.mark.parametrize("args, message", [
        (["missing.docx"], "missing.docx: file not found"),
        (["{published}", "--accept-changes"], "--out and --accept-changes only go with --fix"),
        (["{published}", "--headings-file", "{bad}"], "the report format is not valid"),
    ])
    def it_refuses_bad_input_with_exit_2(self, cli: Cli, published: Path, tmp_path: Path,
                                         args: list[str], message: str) -> None:
        bad = tmp_path / "bad.yaml"
        bad.write_text("name: x\nheadings: [A]\nnumbering_from: B\n", encoding="utf-8")
        run = cli("check-report", *(a.format(published=published, bad=bad) for a in args))
        assert run.code == 2
        assert message in run.err
