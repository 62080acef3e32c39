"""A context ``LineChart`` into a chart placeholder as a native, editable PowerPoint chart."""

from __future__ import annotations

from typing import Any

from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.util import Pt

from builder.present.deck_context import LineChart
from builder.render.slides_frames import describe

CHART_DATA: Any = CategoryChartData  # python-pptx's chart data API is untyped
FONT = Pt(9)
TITLE_FONT = Pt(11)
AXIS_FONT = Pt(8)


def insert_chart(placeholder: Any, chart: LineChart) -> Any:
    """A line chart with markers: the indicator, and its target as a dashed line."""
    data = CHART_DATA(number_format=chart.number_format)
    data.categories = chart.categories
    for series in chart.series:
        data.add_series(series.name, series.values)
    frame = placeholder.insert_chart(XL_CHART_TYPE.LINE_MARKERS, data)
    native = frame.chart
    native.font.size = FONT
    native.has_title = True
    native.chart_title.text_frame.text = chart.title
    native.chart_title.text_frame.paragraphs[0].font.size = TITLE_FONT
    native.has_legend = True
    native.legend.position = XL_LEGEND_POSITION.BOTTOM
    native.legend.include_in_layout = False
    native.category_axis.tick_labels.font.size = AXIS_FONT
    axis = native.value_axis
    axis.has_major_gridlines = True
    axis.tick_labels.number_format = chart.number_format
    axis.tick_labels.number_format_is_linked = False
    for plotted, series in zip(native.plots[0].series, chart.series, strict=True):
        plotted.smooth = False
        if series.is_target:
            plotted.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
            plotted.marker.style = XL_MARKER_STYLE.NONE
    describe(frame, "Chart", chart.alt_text)
    return frame
