"""The deck's fixed wording reworded in a copy of the sample's deck YAML: the deck built and
read back with python-pptx carries the new words on every slide they belong to (titles,
headings, table headings, chart series, the data notes, the speaker notes) and none of the
default sentences."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from builder.config.deck import load_deck
from builder.config.deck_wording import DataNotesWording, DeckWording, RuleWording
from builder.errors import ConfigError
from builder.inspection.pptx_summary import DeckSummary, SlideSummary, summarize_pptx
from builder.pipeline.data import compute_data
from builder.pipeline.deck import build_deck
from builder.pipeline.inputs import load_deck_inputs
from tests.conftest import CONFIG, edited_sample

WORDING = {
    "subtitle": "Our month: {month}",
    "priorities_title": "Why we are here",
    "trends_title": "Trend lines of {title}",
    "progress_title": "How {title} went",
    "numbered": "{title} [{number}/{count}]",
    "statements_heading": "What the figures say",
    "commentary_heading": "What the service says",
    "no_statements": "Nothing moved.",
    "no_notes": "No notes for this slide.",
    "suppressed": "(small)",
    "older_commentary": "{indicator}, as said in {period}",
    "exceptions_title": "Reds of {month}",
    "no_exceptions": "No reds.",
    "headings": {"indicator": "Measure", "target": "Aim", "rag": "Rating",
                 "priority": "Area", "change_since": "Against {month}"},
    "meanings": {"green": "On aim", "amber": "Nearly on aim", "red": "Off aim"},
    "data_notes": {
        "title": "About the figures",
        "period": "Month {month}, columns {first_month} .. {last_month}.",
        "source": "Figures from {source}.",
        "no_source": "nowhere",
        "files": "Read from {files}.",
        "rag": "Ratings: {green} / {amber} / {red}.",
        "benchmarks": "Compared with {benchmarks}.",
        "disclosure": "Small counts up to {largest} read '{mark}'.",
    },
    "rule": {"sentence": "A bullet when it {conditions} (base {min_base}).",
             "target_crossed": "crossed its aim", "month_change": "moved {pct} per cent",
             "red_worsening": "went further off aim",
             "year_change": "moved {pct} per cent in a year", "separator": ", or "},
}


@pytest.fixture(scope="module")
def reworded(tmp_path_factory: pytest.TempPathFactory) -> DeckSummary:
    root = tmp_path_factory.mktemp("deck-wording")

    def reword(deck: dict[str, Any]) -> None:
        del deck["subtitle"]
        deck["wording"] = WORDING
        deck.setdefault("options", {})["disclosure"] = {"enabled": True, "threshold": 3}

    inputs = load_deck_inputs(edited_sample(root, "decks/b4b-2023-10.yaml", reword))
    return summarize_pptx(build_deck(inputs, compute_data(inputs.data), root / "out"))


def texts(slide: SlideSummary) -> list[str]:
    """Every text a reader or presenter sees on the slide."""
    return [slide.title or "", *(t for _, t in slide.texts), slide.notes,
            *(cell for table in slide.tables for row in table.rows for cell in row),
            *(name for chart in slide.charts for name, _ in chart.series)]


def titled(summary: DeckSummary, start: str) -> list[SlideSummary]:
    return [s for s in summary.slides if (s.title or "").startswith(start)]


class DescribeTheDecksWording:
    def it_titles_the_slides_in_the_decks_words(self, reworded: DeckSummary) -> None:
        titles = [s.title or "" for s in reworded.slides]
        assert reworded.subject == "Our month: October 2023"
        assert titles[1] == "Why we are here"
        assert titles[-1] == "About the figures"
        assert titles[-2].startswith("Reds of October 2023")
        assert titled(reworded, "Trend lines of ") and titled(reworded, "How ")
        assert any(t.endswith(("[1/2]", "[1/3]")) for t in titles)

    def it_heads_the_tables_and_names_the_target_line_in_its_words(self, reworded: DeckSummary
                                                                   ) -> None:
        table = next(t for s in reworded.slides for t in s.tables)
        assert (table.rows[0][0], *table.rows[0][14:16]) == ("Measure", "Aim", "Rating")
        (reds,) = titled(reworded, "Reds of ")[0].tables
        assert reds.rows[0] == ("Area", "Measure", "Oct-23", "Aim", "Against Sep-23",
                                "Against Oct-22", "Rating")
        series = {name for s in reworded.slides for c in s.charts for name, _ in c.series}
        assert "Aim" in series and "Target" not in series

    def it_writes_the_data_notes_from_the_decks_sentences(self, reworded: DeckSummary) -> None:
        notes = " ".join(texts(reworded.slides[-1]))
        assert "Month October 2023, columns Oct-22 .. Oct-23." in notes
        assert "Figures from Southampton City Council" in notes
        assert "Read from indicators.yaml, b4b-2023-10.csv" in notes
        assert "Ratings: on aim / nearly on aim / off aim." in notes
        assert "Small counts up to 2 read '(small)'." in notes
        assert ("A bullet when it crossed its aim, or moved 20 per cent, or went further off "
                "aim, or moved 25 per cent in a year (base 10).") in notes

    def it_heads_the_progress_analysis_in_its_words(self, reworded: DeckSummary) -> None:
        said = [" ".join(texts(s)) for s in titled(reworded, "How ")]
        assert all("What the figures say" in s for s in said)
        assert any("What the service says" in s for s in said)
        assert all("A bullet when it crossed its aim" in s for s in said)

    def it_leaves_no_default_sentence_anywhere(self, reworded: DeckSummary) -> None:
        defaults = (DeckWording(), DataNotesWording(), RuleWording())
        sentences = [v for model in defaults for v in model.model_dump().values()
                     if isinstance(v, str) and len(v) > 12]
        every = " ".join(t for s in reworded.slides for t in texts(s))
        for default in sentences:
            plain = max(re.split(r"\{[^{}]*\}", default), key=len).strip()
            assert len(plain) < 6 or plain not in every, plain


class DescribeAMistypedPlaceholder:
    def it_is_refused_when_the_deck_is_read_naming_the_key(self, tmp_path: Path) -> None:
        path = tmp_path / "deck.yaml"
        deck = yaml.safe_load((CONFIG / "decks" / "b4b-2023-10.yaml").read_text(encoding="utf-8"))
        deck["wording"] = {"data_notes": {"period": "Data period: {mnth}."}}
        path.write_text(yaml.safe_dump(deck, allow_unicode=True), encoding="utf-8")
        with pytest.raises(ConfigError) as raised:
            load_deck(path)
        message = str(raised.value)
        assert "wording.data_notes.period" in message
        assert "unknown placeholder(s) mnth" in message
        assert "first_month, last_month, month" in message
