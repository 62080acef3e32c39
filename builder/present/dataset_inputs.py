"""The values a dataset was computed from, in the wide input form (the workbook's ``values``
sheet): one row per typed-in indicator, one column per month of the full history, so that the
workbook can be given back as next month's ``--values`` as it is."""

from __future__ import annotations

from dataclasses import dataclass

from builder.compute.model import ReportModel

Cell = float | str | None


@dataclass(frozen=True)
class InputTable:
    """Header (``indicator``, ``ref``, ``title``, then ``Oct-23`` ...) and rows; a month with no
    value holds the analyst's marker (``TBC``) or nothing."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def input_table(model: ReportModel) -> InputTable | None:
    """``None`` when the model does not carry the values it was computed from."""
    if model.values is None:
        return None
    values = model.values
    months = values.months()
    rows = []
    for ind in model.catalogue.indicators:
        if ind.computed or ind.key not in values.series:
            continue
        cells: list[Cell] = [ind.key, ind.ref or "", ind.title]
        for month in months:
            obs = values.get(ind.key, month)
            cells.append(None if obs is None else obs.value if obs.value is not None
                         else obs.reason or None)
        rows.append(tuple(cells))
    return InputTable(("indicator", "ref", "title", *(m.label() for m in months)), tuple(rows))
