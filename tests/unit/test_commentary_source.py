"""Commentary may name who wrote it (``source``: CMT, LSCB, CR) and may be for a quarter."""

from __future__ import annotations

from pathlib import Path

from builder.compute.model import Commentary
from builder.compute.periods import Month, Period
from builder.config.catalogue import Catalogue
from builder.data.commentary import read_commentary

CATALOGUE = Catalogue.model_validate({
    "themes": [{"key": "t", "title": "T"}],
    "indicators": [{"key": "days", "title": "Days", "theme": "t", "frequency": "quarterly"},
                   {"key": "contacts", "title": "Contacts", "theme": "t"}]})
Q2 = Period.quarter(2014, 2)


class DescribeCommentarySource:
    def it_reads_the_source_column_of_a_csv(self, tmp_path: Path) -> None:
        path = tmp_path / "notes.csv"
        path.write_text("indicator,period,text,source\ndays,Q2 2014/15,Quarter 2 757 days,CMT\n"
                        "contacts,2014-09,Up,\n", encoding="utf-8")
        assert read_commentary([path], CATALOGUE, Q2) == {
            "days": Commentary(Q2, "Quarter 2 757 days", "CMT"),
            "contacts": Commentary(Month(2014, 9), "Up")}

    def it_reads_the_source_field_of_yaml(self, tmp_path: Path) -> None:
        path = tmp_path / "notes.yaml"
        path.write_text("- {indicator: days, period: Q2 2014/15, text: Fewer days, source: LSCB}\n"
                        "- {indicator: contacts, period: 2014-09, text: Up}\n", encoding="utf-8")
        notes = read_commentary([path], CATALOGUE, Q2)
        assert (notes["days"].source, notes["contacts"].source) == ("LSCB", None)

    def it_takes_quarter_commentary_for_a_report_month_in_or_after_the_quarter(
            self, tmp_path: Path) -> None:
        path = tmp_path / "notes.csv"
        path.write_text("indicator,period,text\ndays,Q2 2014/15,Q2 words\n"
                        "days,Q3 2014/15,Q3 words\n", encoding="utf-8")
        assert read_commentary([path], CATALOGUE, Month(2014, 9))["days"].text == "Q2 words"
        assert read_commentary([path], CATALOGUE, Month(2014, 12))["days"].text == "Q3 words"
