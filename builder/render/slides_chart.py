"""A context ``LineChart`` into a chart placeholder as a native, editable PowerPoint chart, in
the template's chart styles (:mod:`builder.render.deck_styles`)."""

from __future__ import annotations

from typing import Any

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.util import Centipoints

from builder.present.deck_context import LineChart
from builder.render.deck_styles import DeckStyles, TextStyle
from builder.render.slides_frames import describe

CHART_DATA: Any = CategoryChartData  # python-pptx's chart data API is untyped
RGB: Any = RGBColor


def insert_chart(placeholder: Any, chart: LineChart, styles: DeckStyles) -> Any:
    """A line chart with markers: the indicator, and its target as a dashed line."""
    data = CHART_DATA(number_format=chart.number_format)
    data.categories = chart.categories
    for series in chart.series:
        data.add_series(series.name, series.values)
    frame = placeholder.insert_chart(XL_CHART_TYPE.LINE_MARKERS, data)
    native = frame.chart
    _font(native.font, styles.chart_text)
    native.has_title = True
    native.chart_title.text_frame.text = chart.title
    _font(native.chart_title.text_frame.paragraphs[0].font, styles.chart_title)
    native.has_legend = True
    native.legend.position = XL_LEGEND_POSITION.BOTTOM
    native.legend.include_in_layout = False
    _font(native.category_axis.tick_labels.font, styles.chart_axis)
    axis = native.value_axis
    axis.has_major_gridlines = True
    axis.tick_labels.number_format = chart.number_format
    axis.tick_labels.number_format_is_linked = False
    for plotted, series in zip(native.plots[0].series, chart.series, strict=True):
        plotted.smooth = False
        colour = styles.target_line if series.is_target else styles.chart_line
        if colour:
            plotted.format.line.color.rgb = RGB.from_string(colour)
        if series.is_target:
            plotted.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
            plotted.marker.style = XL_MARKER_STYLE.NONE
        elif colour:
            plotted.marker.format.fill.solid()
            plotted.marker.format.fill.fore_color.rgb = RGB.from_string(colour)
            plotted.marker.format.line.color.rgb = RGB.from_string(colour)
    describe(frame, "Chart", chart.alt_text)
    return frame


def _font(font: Any, style: TextStyle) -> None:
    """A chart font in ``style``; what it leaves unset stays the chart's (the theme's)."""
    if style.size is not None:
        font.size = Centipoints(style.size)
    if style.bold is not None:
        font.bold = style.bold
    if style.color:
        font.color.rgb = RGB.from_string(style.color)
    if style.typeface:
        font.name = style.typeface
