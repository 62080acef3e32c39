"""The October 2023 board deck, built from the sample configuration and read back with
python-pptx: slide order, native charts holding the data, statements true of the data (checked
against the values recomputed here from the CSV), accessibility, PDF conversion."""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pypdf import PdfReader

from builder.cli import main
from builder.config.catalogue import Indicator
from builder.inspection.contrast import low_contrast
from builder.inspection.pptx_summary import DeckSummary, SlideSummary, summarize_pptx
from builder.pipeline.data import compute_data
from builder.pipeline.deck import build_deck
from builder.pipeline.inputs import load_deck_inputs
from builder.pipeline.templates import DEFAULT_DECK_TEMPLATE
from builder.present.statements import display_name, indicator_name
from builder.render.slides_template import open_template
from tests.conftest import CONFIG
from tests.golden_support import assert_matches_golden

SAMPLE = CONFIG / "decks" / "b4b-2023-10.yaml"
MONTHS = ("Oct-22", "Nov-22", "Dec-22", "Jan-23", "Feb-23", "Mar-23", "Apr-23", "May-23",
          "Jun-23", "Jul-23", "Aug-23", "Sep-23", "Oct-23")
DECK = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
CATALOGUE = yaml.safe_load((CONFIG / "indicators.yaml").read_text(encoding="utf-8"))
INDICATORS = {i["key"]: i for i in CATALOGUE["indicators"]}
THEMES = {t["key"]: t["title"] for t in CATALOGUE["themes"]}


@pytest.fixture(scope="module")
def deck_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    inputs = load_deck_inputs(SAMPLE)
    return build_deck(inputs, compute_data(inputs.data), tmp_path_factory.mktemp("deck"))


@pytest.fixture(scope="module")
def summary(deck_file: Path) -> DeckSummary:
    return summarize_pptx(deck_file)


# --- the data, recomputed here from the values CSV (independently of builder.compute) ---

def _raw() -> dict[str, dict[str, float | None]]:
    with (CONFIG / "values" / "b4b-2023-10.csv").open(encoding="utf-8") as handle:
        return {row.pop("indicator"): {m: _number(v) for m, v in row.items()}
                for row in csv.DictReader(handle)}


def _number(cell: str) -> float | None:
    """'1,922' -> 1922.0, '30%' -> 30.0, blank or "-" -> None (the values file's cells)."""
    text = cell.strip().rstrip("%").replace(",", "")
    return None if text in ("", "-") else float(text)


RAW = _raw()
ALL_MONTHS = list(next(iter(RAW.values())))


def series(key: str) -> list[float | None]:
    """The 13 values Oct-22 .. Oct-23 of an indicator, formulas applied (DESIGN 3.1)."""
    spec = INDICATORS[key]
    if "derived" in spec:
        top, bottom = series(spec["derived"]["numerator"]), series(spec["derived"]["denominator"])
        return [None if t is None or not b else t / b * spec["derived"].get("scale", 100)
                for t, b in zip(top, bottom, strict=True)]
    if "rate" in spec:
        rate = spec["rate"]
        counts = RAW[rate["of"]]
        population = CATALOGUE["populations"][rate["population"]]
        out: list[float | None] = []
        for month in MONTHS:
            at = ALL_MONTHS.index(month)
            window = [counts[m] for m in ALL_MONTHS[at - rate.get("rolling_months", 1) + 1:at + 1]]
            out.append(None if any(v is None for v in window)
                       else sum(v for v in window if v is not None) / population
                       * rate.get("per", 10000))
        return out
    if spec.get("frequency") == "quarterly":  # plotted at the last month of each quarter
        return [RAW[key].get(_quarter_ending(m)) for m in MONTHS]
    return [RAW[key][m] for m in MONTHS]


def _quarter_ending(label: str) -> str:
    """'Dec-22' -> 'Q3 2022/23', the financial quarter the month ends ('' if it ends none)."""
    month = dt.datetime.strptime(label, "%b-%y")
    if month.month % 3:
        return ""
    start = month.year if month.month > 3 else month.year - 1
    return f"Q{(month.month - 4) % 12 // 3 + 1} {start}/{(start + 1) % 100:02d}"


def shown(value: float, decimals: int = 0) -> str:
    """Round half away from zero, with thousands separators, as the papers print numbers."""
    quantum = Decimal(1).scaleb(-decimals)
    number = Decimal(repr(abs(value))).quantize(quantum, rounding=ROUND_HALF_UP)
    return ("-" if value < 0 and number else "") + f"{number:,}"


def pct(new: float, old: float) -> str:
    return shown(abs((new - old) / old * 100))


def met(key: str, value: float) -> bool:
    spec = INDICATORS[key]
    target = float(spec["target"])
    return value >= target if spec["polarity"] == "higher_is_better" else value <= target


# --- reading the deck ---

def titles(summary: DeckSummary) -> list[str]:
    return [s.title or "" for s in summary.slides]


def bullets(slide: SlideSummary, shape: str) -> list[str]:
    text = dict(slide.texts)[shape]
    return text.split("\n")[1:]  # the first paragraph is the heading


def generated(summary: DeckSummary) -> Iterator[tuple[str, str]]:
    """(theme key, bullet) for every generated statement in the deck."""
    by_title = {t: k for k, t in THEMES.items()}
    for slide in summary.slides:
        if slide.layout == "Narrative":
            theme = by_title[(slide.title or "").split(": progress analysis")[0]]
            for bullet in bullets(slide, "Statements"):
                yield theme, bullet


def indicator(theme: str, text: str) -> str:
    """The key of the indicator a statement is about (its name, longest match first; a
    statement quoting percentage levels is about a percentage)."""
    percent = bool(FORMS["percent"].match(text) or FORMS["target"].match(text))
    keys = [k for k, i in INDICATORS.items() if theme in (i["theme"], *i.get("also_in", ()))
            and (i["unit"] == "percent") == percent]
    names = {k: indicator_name(Indicator.model_validate(INDICATORS[k]), DECK["names"])
             for k in keys}
    for key, name in sorted(names.items(), key=lambda kv: -len(kv[1])):
        if name.lower() in text.lower():
            return str(key)
    raise AssertionError(f"no indicator named in: {text}")


class DescribeSlides:
    def it_has_every_slide_in_order(self, summary: DeckSummary) -> None:
        found = titles(summary)
        assert len(found) == 45
        assert found[:3] == ["Building for Brilliance", "Purpose and priorities",
                             "Right support at the right time (1 of 2)"]
        order = [found.index(f"{THEMES[p['theme']]}: progress analysis")
                 for p in DECK["priorities"]]
        assert order == sorted(order)
        assert found[-1] == "Data notes"
        assert found[-2].startswith("Exceptions: indicators rated Red in October 2023")

    def it_puts_each_slide_title_in_its_title_placeholder(self, summary: DeckSummary) -> None:
        assert all(slide.title for slide in summary.slides)

    def it_is_written_as_the_period_names_it(self, deck_file: Path) -> None:
        assert deck_file.name == "b4b-board-deck-2023-10.pptx"

    def it_shows_the_purpose_tagline_and_six_priorities(self, summary: DeckSummary) -> None:
        texts = dict(summary.slides[1].texts)
        assert texts["Purpose"].startswith("In order to evidence that Children & Learning")
        assert texts["Tagline"] == DECK["tagline"]
        priorities = texts["Priorities"].split("\n")
        assert len(priorities) == 6
        assert priorities[5].startswith("Embed our practice framework")

    def it_matches_the_golden_summary(self, summary: DeckSummary) -> None:
        assert_matches_golden("deck_b4b_2023_10", {
            "title": summary.title, "language": summary.language,
            "slides": [{"title": s.title, "layout": s.layout,
                        "charts": [[c.title, [name for name, _ in c.series]] for c in s.charts]}
                       for s in summary.slides]})


class DescribeCharts:
    def it_charts_every_indicator_with_data_as_a_native_line_chart(self, summary: DeckSummary
                                                                   ) -> None:
        charts = [c for s in summary.slides for c in s.charts]
        assert len(charts) == 69
        # python-pptx reads a line chart whose target line has no markers as LINE
        assert {c.chart_type.split()[0] for c in charts} == {"LINE", "LINE_MARKERS"}
        assert all(c.categories == MONTHS for c in charts)

    def it_plots_the_computed_values_and_the_target(self, summary: DeckSummary) -> None:
        by_title = {display_name(Indicator.model_validate(spec), DECK["names"]): key
                    for key, spec in INDICATORS.items()}
        for chart in (c for s in summary.slides for c in s.charts):
            key = by_title[chart.title]
            name, values = chart.series[0]
            assert name == chart.title
            assert values == pytest.approx(series(key)), key
            target = INDICATORS[key].get("target")
            if isinstance(target, dict):  # by financial year: the report period's, Oct-23's
                target = target["2023/24"]
            if target is None:
                assert len(chart.series) == 1
            else:
                assert chart.series[1] == ("Target", (target,) * 13)

    def it_shows_percentages_as_percentages(self, summary: DeckSummary) -> None:
        formats = {c.title: c.number_format for s in summary.slides for c in s.charts}
        assert formats["Percentage of strategy discussions resulting in a Section 47"] == \
            '#,##0"%"'
        assert formats["Contacts"] == "#,##0"


class DescribeGeneratedStatements:
    @pytest.mark.parametrize("published", [
        "Contacts increased by 25% to 1,922 since September.",
        "Referrals into Children & Family First increased by 26% to 137 since September.",
        "Referrals accepted into statutory services increased by 4% to 277 since September",
        "Children with a Child in Need plan reduced by 38% since October 2022, down to 388.",
        "Section 47 enquiries increased by 60% to 130 since September.",
        "90% of strategy discussions resulting in a Section 47, up from 53% in September.",
        "has reached the target of 80%",
        "88% of children subject to Child Protection Plan visited within last 10 working days, "
        "down from 90% in September",
        "81% of children open to Early Help with supervision in timescales, down from 82% in "
        "September",
    ])
    def it_reproduces_the_published_progress_analysis(self, summary: DeckSummary,
                                                      published: str) -> None:
        assert any(published in text for _, text in generated(summary))

    def it_makes_only_statements_that_are_true_of_the_data(self, summary: DeckSummary) -> None:
        checked = 0
        for theme, text in generated(summary):
            key = indicator(theme, text)
            check_statement(key, text)
            checked += 1
        assert checked == 28

    def it_keeps_the_service_commentary_beside_them(self, summary: DeckSummary) -> None:
        slide = next(s for s in summary.slides
                     if s.title == "Right support at the right time: progress analysis")
        assert bullets(slide, "Commentary") == [
            " ".join(t.split()) for t in DECK["priorities"][0]["narrative"]]
        assert dict(slide.texts)["Commentary"].startswith("Commentary from the service")


LEVEL = r"(?P<v>[\d,.]+%?)"
ENDINGS = {
    "gap": re.compile(r", (?P<gap>[\d,.]+)(?: points)? (?P<side>above|below) the target of "
                      r"(?P<t>[\d,.]+)%?$"),
    "reached": re.compile(r", reaching the target of (?P<t>[\d,.]+)$"),
    "missed": re.compile(r", missing the target of (?P<t>[\d,.]+) by (?P<gap>[\d,.]+)$"),
}
FORMS = {
    "month": re.compile(r"^.+ (?P<verb>increased|reduced) by (?P<pct>\d+)% to " + LEVEL +
                        r" since (?P<when>September)(?P<rest>.*)\.$"),
    "year": re.compile(r"^.+ (?P<verb>increased|reduced) by (?P<pct>\d+)% since "
                       r"(?P<when>October 2022), (?P<dir>up|down) to " + LEVEL +
                       r"(?P<rest>.*)\.$"),
    "percent": re.compile(r"^" + LEVEL + r" of .+, (?P<dir>up|down) from (?P<b>\d+)% in "
                          r"(?P<when>September|October 2022)(?P<rest>.*)\.$"),
    "target": re.compile(r"^The percentage of .+ has (?P<what>reached|fallen short of) the "
                         r"target of (?P<t>\d+)%, (?P<dir>up|down) from (?P<b>\d+)% to "
                         r"(?P<v>\d+%) since (?P<when>September)\.$"),
}


def check_statement(key: str, text: str) -> None:
    """Recompute every figure a statement quotes and compare."""
    values = series(key)
    value = values[-1]
    assert value is not None
    match = next((m for m in (f.match(text) for f in FORMS.values()) if m), None)
    assert match is not None, f"unrecognised statement: {text}"
    base = values[0] if match["when"] == "October 2022" else values[-2]
    assert base is not None
    decimals = INDICATORS[key].get("decimals", 0)
    percent = INDICATORS[key]["unit"] == "percent"
    assert match["v"] == shown(value, decimals) + ("%" if percent else ""), text
    groups = match.groupdict()
    if groups.get("pct") is not None:
        assert match["pct"] == pct(value, base), text
        assert match["verb"] == ("increased" if value > base else "reduced"), text
    if groups.get("b") is not None:
        assert match["b"] == shown(base), text
    if groups.get("dir") is not None:
        assert match["dir"] == ("up" if value > base else "down"), text
    if groups.get("what") is not None:
        assert met(key, value) == (match["what"] == "reached") != met(key, base), text
    check_ending(key, value, base, groups.get("rest") or "", text)


def check_ending(key: str, value: float, base: float, rest: str, text: str) -> None:
    if not rest:
        return
    target = INDICATORS[key]["target"]
    ending = next((name, m) for name, e in ENDINGS.items() if (m := e.match(rest)))
    name, match = ending
    assert match["t"] == shown(target), text
    if name == "reached":
        assert met(key, value) and not met(key, base), text
    elif name == "missed":
        assert not met(key, value) and met(key, base), text
        assert match["gap"] == shown(abs(value - target)), text
    else:
        assert not met(key, value), text
        assert match["gap"] == shown(abs(value - target)), text
        assert match["side"] == ("above" if value > target else "below"), text


class DescribeAccessibility:
    def it_gives_every_graphic_frame_alt_text(self, summary: DeckSummary) -> None:
        graphics = [shape for s in summary.slides for shape in s.shapes if shape.graphic]
        assert len(graphics) == 69 + 12  # charts and tables
        assert all(shape.alt_text for shape in graphics)

    def it_describes_charts_from_their_data(self, summary: DeckSummary) -> None:
        chart = next(c for s in summary.slides for c in s.charts if c.title == "Contacts")
        assert chart.alt_text == (
            "Line chart: contacts per month, Oct-22 to Oct-23, from 1,488 to 1,922; no target; "
            "highest 2,023 (Mar-23), lowest 1,428 (Dec-22).")

    def it_marks_header_rows_and_never_shows_rag_by_colour_alone(self, summary: DeckSummary
                                                                  ) -> None:
        tables = [t for s in summary.slides for t in s.tables]
        assert len(tables) == 12
        assert all(t.header_marked for t in tables)
        assert all("RAG" in t.rows[0] for t in tables)
        header = {text for t in tables for text in t.rows[0]}
        fills = [cell for t in tables for cell in t.filled if cell[0] not in header]
        assert fills and all(text in ("Red", "Amber", "Green") for text, _ in fills)
        # the header row has the template's fill, dark enough for white text (issue 11)
        header_fill = open_template(DEFAULT_DECK_TEMPLATE).styles.table_header.fill
        assert all((text, header_fill) in t.filled for t in tables for text in t.rows[0])

    def it_has_no_text_below_4_5_to_1_contrast(self, deck_file: Path) -> None:
        assert low_contrast(deck_file) == []

    def it_reads_in_visual_order(self, summary: DeckSummary) -> None:
        for slide in summary.slides:
            order = [(shape.top, shape.left) for shape in slide.shapes]
            assert order == sorted(order), slide.title

    def it_records_title_and_language(self, summary: DeckSummary) -> None:
        assert summary.title == ("Building for Brilliance: Summary of performance and "
                                 "commentary – October 2023")
        assert summary.language == "en-GB"

    def it_puts_commentary_or_statements_in_the_speaker_notes(self, summary: DeckSummary
                                                              ) -> None:
        for slide in summary.slides:
            if slide.layout in ("Table", "Chart", "Narrative", "Exceptions"):
                assert slide.notes, slide.title


class DescribeTheCommand:
    """``builder deck``, run in-process through ``builder.cli.main`` (exit codes included)."""

    def run(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
            *args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["builder", "deck", *args])
        with pytest.raises(SystemExit) as exited:
            main()
        out, err = capsys.readouterr()
        return int(exited.value.code or 0), out, err

    def write(self, folder: Path, **changes: object) -> Path:
        data = dict(DECK, data={"catalogue": str(CONFIG / "indicators.yaml"),
                                "values": [str(CONFIG / "values" / "b4b-2023-10.csv")]},
                    **changes)
        path = folder / "deck.yaml"
        path.write_text(yaml.safe_dump(data), encoding="utf-8")
        return path

    def it_writes_the_deck_and_says_where(self, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
        code, out, _ = self.run(capsys, monkeypatch, str(SAMPLE), "--out", str(tmp_path))
        assert code == 0
        assert f"wrote {tmp_path / 'b4b-board-deck-2023-10.pptx'}" in out
        assert [p.name for p in tmp_path.iterdir()] == ["b4b-board-deck-2023-10.pptx"]

    def it_names_the_bad_key_and_exits_2(self, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
        path = self.write(tmp_path, priorities=[{"theme": "right-support", "outcome": "x",
                                                 "chart": []}])
        code, _, err = self.run(capsys, monkeypatch, str(path), "--out", str(tmp_path / "out"),
                                "--allow-outside", str(CONFIG))
        assert code == 2
        assert "priorities[0].chart: unknown key" in err
        assert not (tmp_path / "out").exists()

    def it_exits_3_when_the_template_lacks_a_layout(self, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
        empty = tmp_path / "empty.pptx"
        Presentation().save(str(empty))
        path = self.write(tmp_path, template=str(empty))
        code, _, err = self.run(capsys, monkeypatch, str(path), "--out", str(tmp_path / "out"),
                                "--allow-outside", str(CONFIG))
        assert code == 3
        assert "layout 'Narrative': no layout of this name" in err
        assert "'Title Slide'" in err
        assert not list((tmp_path / "out").glob("*.pptx"))


@pytest.fixture(scope="module")
def deck_pdf(deck_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from builder.assemble.convert import convert_to_pdf

    return convert_to_pdf([deck_file], tmp_path_factory.mktemp("deck-pdf"))[deck_file]


@pytest.mark.libreoffice
class DescribePdf:
    def it_converts_with_libreoffice_one_page_per_slide(self, deck_pdf: Path,
                                                         summary: DeckSummary) -> None:
        reader = PdfReader(deck_pdf)
        assert len(reader.pages) == len(summary.slides)
        assert reader.metadata is not None
        assert reader.metadata.title == summary.title
        text = " ".join(reader.pages[9].extract_text().split())
        assert "Contacts increased by 25% to 1,922 since September." in text

