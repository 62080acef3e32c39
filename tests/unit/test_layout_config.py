"""The dataset appendix's ``layout:``: a preset name, or a preset with overrides; mistakes are
configuration errors naming the valid choices (issue 9)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from builder.config.layout import LayoutChoice, layout_of, preset_names
from builder.config.report import Appendix


class DescribeLayoutChoice:
    def it_ships_the_four_published_layouts(self) -> None:
        assert preset_names() == ("b4b-2023", "monthly-dataset-2016", "monthly-scorecard-2018",
                                  "quarterly-scorecard-2014")
        for name in preset_names():
            assert layout_of(name).columns

    def it_defaults_to_todays_layout_for_a_dataset_appendix(self) -> None:
        appendix = Appendix(title="Summary of performance", kind="dataset")
        assert appendix.layout.resolve() == layout_of("b4b-2023")

    def it_takes_a_name_or_a_preset_with_overrides(self) -> None:
        named = Appendix.model_validate({"title": "t", "kind": "dataset",
                                         "layout": "quarterly-scorecard-2014"})
        assert named.layout.resolve().grouping == "subthemes"
        changed = LayoutChoice.model_validate({"preset": "quarterly-scorecard-2014",
                                               "grouping": "themes", "partial_average": None,
                                               "columns": [{"show": "ref", "heading": "No"},
                                                           {"show": "title", "heading": "PI"}]})
        layout = changed.resolve()
        assert (layout.grouping, layout.partial_average) == ("themes", None)
        assert [c.heading for c in layout.columns] == ["No", "PI"]
        assert layout.commentary == "column"  # the rest of the preset stays

    @pytest.mark.parametrize(("data", "message"), [
        ({"preset": "b4b-2024"}, "unknown layout preset 'b4b-2024'; valid: b4b-2023, "
                                 "monthly-dataset-2016, monthly-scorecard-2018"),
        ({"columns": [{"show": "ref"}, {"show": "title", "heading": "T"}]},
         "a 'ref' column needs a heading"),
        ({"columns": [{"show": "ref", "heading": "{quater}"}, {"show": "title", "heading": "T"}]},
         "unknown placeholder\\(s\\) quater in '\\{quater\\}'"),
        ({"columns": [{"show": "benchmark", "heading": "SN"}, {"show": "title", "heading": "T"}]},
         "a 'benchmark' column needs 'benchmark'"),
        ({"grouping": "service"}, "Input should be 'themes', 'subthemes' or 'none'")])
    def it_refuses_what_it_cannot_lay_out(self, data: dict[str, object], message: str) -> None:
        with pytest.raises(ValidationError, match=message):
            LayoutChoice.model_validate(data).resolve()
