"""What a trend chart shows, as the chart workers receive it: a module of its own, light to
import, so that the workers' fork server (:mod:`builder.render.chart_server`) need not import
the rest of ``present`` (pandas, the configuration models) to read a chart's job."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChartSpec:
    """A trend chart of one indicator: values as numbers (the drawing is render's job), every
    label already text, and the alt text written from the data."""

    key: str
    title: str
    labels: tuple[str, ...]
    values: tuple[float | None, ...]
    target: float | None
    percent: bool
    alt_text: str
    target_label: str
    """The legend of the target line (the layout's ``chart_target``)."""
