"""Orders the stages for the data half of every command: load -> validate -> compute."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from builder.compute.engine import compute
from builder.compute.model import ReportModel
from builder.compute.periods import Month, parse_period
from builder.config.catalogue import Catalogue
from builder.config.loader import check_catalogue, read_yaml, validate_model
from builder.config.meeting import LoadedMeeting
from builder.data.commentary import read_commentary
from builder.data.readers import Values, read_values
from builder.errors import ConfigError, DataError, Problem, raise_if_any


@dataclass(frozen=True)
class DataInputs:
    """The files a performance dataset is computed from."""

    catalogue: Path
    values: tuple[Path, ...]
    commentary: tuple[Path, ...] = ()


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


def latest_period(values: Values) -> Month:
    months = values.months()
    if not months:
        raise DataError("the values files hold no values at all")
    return months[-1]


def build_model(inputs: DataInputs, period: Month | None = None, strict: bool = False
                ) -> ReportModel:
    """Everything up to the computed model; ``strict`` turns warnings into a DataError."""
    catalogue, values = load(inputs)
    period = period or latest_period(values)
    notes = read_commentary(list(inputs.commentary), catalogue, period)
    model = compute(catalogue, values, period, notes)
    if strict:
        raise_for_warnings(model.warnings, str(inputs.catalogue))
    return model


def raise_for_warnings(warnings: Sequence[object], file: str) -> None:
    if warnings:
        raise DataError(
            f"strict mode: {len(warnings)} warning(s) treated as errors",
            [Problem(file, "", str(w)) for w in warnings],
            hint="Fix the data, or run without --strict to accept the warnings.",
        )


def meeting_inputs(loaded: LoadedMeeting) -> tuple[DataInputs, Month]:
    """The data files and period named by a meeting (paths resolved against its YAML)."""
    data = loaded.meeting.data
    if data is None:
        raise ConfigError(f"{loaded.path}: the meeting has no 'data' section",
                          hint="Add data: {catalogue, values, period} to the meeting YAML.")
    inputs = DataInputs(loaded.resolve(data.catalogue),
                        tuple(loaded.resolve(v) for v in data.values),
                        tuple(loaded.resolve(c) for c in data.commentary))
    return inputs, parse_period(data.period)
