"""The data half of every command: load -> validate -> compute, with the period checked.

``load_data`` reads and checks the catalogue, values and commentary once and settles the report
period (an error when it has no data at all); ``compute_data`` computes the model and adds a
warning for every indicator with no value in the report month.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from builder.compute.engine import compute
from builder.compute.model import Commentary, Finding, ReportModel
from builder.compute.periods import Month, parse_period
from builder.config.catalogue import Catalogue
from builder.config.loader import check_catalogue, read_yaml, validate_model
from builder.config.meeting import LoadedMeeting
from builder.config.values_source import ValuesSource
from builder.data.commentary import read_commentary
from builder.data.readers import Values, read_values
from builder.errors import ConfigError, DataError, Problem, raise_if_any


@dataclass(frozen=True)
class DataInputs:
    """The files a performance dataset is computed from."""

    catalogue: Path
    values: tuple[ValuesSource | Path, ...]
    """Each file, with its reading options when it has any."""
    commentary: tuple[Path, ...] = ()

    @property
    def files(self) -> tuple[Path, ...]:
        values = (v.file if isinstance(v, ValuesSource) else v for v in self.values)
        return (self.catalogue, *values, *self.commentary)


@dataclass(frozen=True)
class LoadedData:
    """The checked catalogue, values and commentary, and the report period they are for."""

    inputs: DataInputs
    catalogue: Catalogue
    values: Values
    commentary: Mapping[str, Commentary]
    period: Month


def load(inputs: DataInputs) -> tuple[Catalogue, Values]:
    """Load and validate the catalogue and values, raising one error that lists every problem.

    A catalogue that fails its schema stops here (its keys are unknown); one that only fails its
    cross-checks (unknown theme, formula input ...) still has its values read, so that both
    lists of problems come at once."""
    data = read_yaml(inputs.catalogue)
    catalogue = validate_model(Catalogue, data, inputs.catalogue, "indicator catalogue")
    problems = check_catalogue(catalogue, inputs.catalogue)
    message = f"{inputs.catalogue}: the indicator catalogue is not consistent"
    try:
        values = read_values(list(inputs.values), catalogue)
    except DataError as exc:
        if not problems:
            raise
        problems.extend(exc.problems)
        message = "the catalogue and the values cannot be used"
    raise_if_any(problems, ConfigError, message)
    return catalogue, values


def load_data(inputs: DataInputs, period: Month | None = None, where: str = "period"
              ) -> LoadedData:
    """Everything the model is computed from; ``period`` defaults to the latest month with data.
    ``where`` names the setting the period came from in errors (``--period``, a YAML key)."""
    catalogue, values = load(inputs)
    period = report_period(values, period, where)
    notes = read_commentary(list(inputs.commentary), catalogue, period)
    return LoadedData(inputs, catalogue, values, notes, period)


def report_period(values: Values, period: Month | None, where: str) -> Month:
    """``period`` (or the latest month), or a DataError when no values file has any value for
    it, naming the months the data does cover."""
    months = values.months()
    files = ", ".join(p.name for p in values.files)
    if not months:
        raise DataError(f"the values files ({files}) hold no values at all")
    if period is None:
        return months[-1]
    if period not in months:
        span = f"{months[0].label()} to {months[-1].label()}"
        state = "is after" if period > months[-1] else \
            "is before" if period < months[0] else "has no values within"
        raise DataError(
            f"{where}: the report period {period.label()} {state} the data",
            [Problem(where, "", f"the report period {period.label()} {state} the data: no "
                     f"values at all for {period.label()} in {files}; the data runs from "
                     f"{span}, the last month with data is {months[-1].label()}",
                     "add the values file for the period, or choose a month with data")])
    return period


def compute_data(data: LoadedData, strict: bool = False) -> ReportModel:
    """The model at the data's period, with a warning for every typed-in indicator that has no
    figure (nor a reason for none) in the report month; ``strict`` makes warnings errors."""
    model = compute(data.catalogue, data.values, data.period, data.commentary)
    missing = tuple(missing_in_period(data, model))
    if missing:
        model = dataclasses.replace(model, warnings=(*missing, *model.warnings))
    if strict:
        raise_for_warnings(model.warnings, str(data.inputs.catalogue))
    return model


def missing_in_period(data: LoadedData, model: ReportModel) -> list[Finding]:
    """A warning for each typed-in indicator with neither a value nor a reason for none in its
    own latest period (the report month, or a quarterly indicator's latest quarter)."""
    found = []
    for ind in data.catalogue.indicators:
        fig = model[ind.key]
        own = fig.period or data.period
        if ind.computed or data.values.get(ind.key, own) is not None:
            continue
        earlier = [p for p in data.values.series.get(ind.key, {}) if p < own]
        last = f"the last is for {max(earlier).label()}" if earlier else "it has no values"
        found.append(Finding("missing-month", ind.key,
                             f"no value for {own.label()}, the report period ({last})"))
    return found


def build_model(inputs: DataInputs, period: Month | None = None, strict: bool = False
                ) -> ReportModel:
    """Everything up to the computed model; ``strict`` turns warnings into a DataError."""
    return compute_data(load_data(inputs, period), strict)


def raise_for_warnings(warnings: Sequence[object], file: str) -> None:
    if warnings:
        raise DataError(
            f"strict mode: {len(warnings)} warning(s) treated as errors",
            [Problem(file, "", str(w)) for w in warnings],
            hint="Fix the data, or run without --strict to accept the warnings.",
        )


def meeting_data_inputs(loaded: LoadedMeeting) -> tuple[DataInputs, Month]:
    """The data files and period named by a meeting (paths resolved against its YAML)."""
    data = loaded.meeting.data
    if data is None:
        raise ConfigError(f"{loaded.path}: the meeting has no 'data' section",
                          hint="Add data: {catalogue, values, period} to the meeting YAML.")
    inputs = DataInputs(loaded.resolve(data.catalogue),
                        tuple(v.at(loaded.resolve(v.path)) for v in data.values),
                        tuple(loaded.resolve(c) for c in data.commentary))
    return inputs, parse_period(data.period)
