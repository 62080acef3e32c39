"""The council's fixed sentences reworded once in a copy of the sample's ``council.yaml``: the
sample built with the real LibreOffice, every report and pack place the sentence appears read
back (python-docx, pypdf) carries the new wording and none the old."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from docx import Document
from typer.testing import CliRunner

from builder.cli import app
from builder.inspection.pdf_summary import summarize
from tests.conftest import CONFIG, FIXTURES

pytestmark = pytest.mark.libreoffice

CONFIDENTIALITY = "Kept back: {appendices} {verb} withheld under {category}, since {reason}."
GROUNDS = "Excluded: {appendices} {verb} private under {ground}, since {reason}."
DECK = "The deck sits in the agenda pack, after this report."
REASON = "it relates to the financial and business affairs"
EXEMPT = "Appendix 2 and Appendix 3 are withheld under category 3 paragraph 10.4, since " + REASON


@dataclass(frozen=True)
class Reworded:
    out: Path
    public: str
    """The public pack's text, its whitespace squeezed."""
    exempt: str
    notices: tuple[str, ...]
    """The public pack's pages standing in for the exempt appendices."""


def squeezed(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def reworded(tmp_path_factory: pytest.TempPathFactory) -> Reworded:
    root = tmp_path_factory.mktemp("reworded")
    config = root / "config"
    shutil.copytree(CONFIG, config)
    council = yaml.safe_load((config / "council.yaml").read_text(encoding="utf-8"))
    council["confidentiality"] = CONFIDENTIALITY
    council["exclusion"]["grounds"] = GROUNDS
    council["placeholders"] = {"deck": DECK}
    (config / "council.yaml").write_text(yaml.safe_dump(council, allow_unicode=True),
                                         encoding="utf-8")
    out = root / "out"
    result = CliRunner().invoke(app, ["build", str(config / "meetings" / "2023-11-23.yaml"),
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    public = summarize(out / "agenda-pack-public.pdf", workers=2)
    exempt = summarize(out / "agenda-pack-exempt.pdf")
    return Reworded(out, squeezed(" ".join(public.texts)), squeezed(" ".join(exempt.texts)),
                    tuple(squeezed(t) for t in public.texts if "NOT FOR PUBLICATION" in t))


def report_paragraphs(out: Path, number: int) -> list[str]:
    (docx,) = out.glob(f"item-{number:02d}-*.docx")
    return [squeezed(p.text) for p in Document(str(docx)).paragraphs]


class DescribeTheStatementOfConfidentiality:
    def it_is_the_councils_sentence_in_a_yaml_report(self, reworded: Reworded) -> None:
        # the sample's item 9 is an officer's paper: its YAML twin is a test fixture
        fixture = reworded.out.parent / "tests" / "fixtures" / "report_2023"
        shutil.copytree(FIXTURES / "report_2023", fixture)
        out = reworded.out.parent / "report"
        result = CliRunner().invoke(app, ["report", str(fixture / "meeting.yaml"), "--item", "9",
                                          "--out", str(out), "--allow-outside",
                                          str(reworded.out.parent / "config")])
        assert result.exit_code == 0, result.output
        assert [p for p in report_paragraphs(out, 9) if p.startswith("Kept back:")] \
            == [f"Kept back: {EXEMPT} of both the Council and specified third parties and is "
                "commercially sensitive."]

    def it_is_the_same_sentence_on_each_page_standing_in_for_an_exempt_appendix(
            self, reworded: Reworded) -> None:
        assert len(reworded.notices) == 2
        for number, notice in zip((2, 3), reworded.notices, strict=True):
            assert (f"Kept back: Appendix {number} is withheld under category 3 paragraph 10.4, "
                    f"since {REASON}") in notice

    def it_leaves_no_trace_of_the_default_wording_in_what_builder_writes(self, reworded: Reworded
                                                                ) -> None:
        # (the officer's own paper of item 9 keeps the words its author wrote)
        for text in (*reworded.notices, reworded.exempt):
            assert "by virtue of" not in text
            assert "considered to be exempt" not in text


class DescribeTheExclusionItem:
    def it_gives_the_councils_ground_sentence_after_the_motion(self, reworded: Reworded) -> None:
        assert ("Excluded: Appendix 2 and Appendix 3 are private under Category 3 of paragraph "
                f"10.4, since {REASON}") in reworded.public


class DescribeTheDeckPlaceholder:
    def it_is_the_councils_sentence_in_the_reports_word_copy(self, reworded: Reworded) -> None:
        assert DECK in report_paragraphs(reworded.out, 10)
