"""A meeting checked and computed: its inputs, the models of its data, and their warnings.

``check_meeting`` is what ``builder validate MEETING_YAML`` runs and what every meeting command
runs first: everything loaded and checked once (:mod:`builder.pipeline.inputs`), then the data
computed (cheap), so that every problem and warning is known before anything is rendered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from builder.compute.model import Finding, ReportModel
from builder.pipeline.data import compute_data, raise_for_warnings
from builder.pipeline.inputs import MeetingInputs, load_inputs


@dataclass(frozen=True)
class CheckedMeeting:
    """A meeting whose every input is loaded and checked, with its data computed."""

    inputs: MeetingInputs
    model: ReportModel | None
    """The meeting's data at its period; None when the meeting has no 'data'."""
    deck_model: ReportModel | None
    """The deck's data (the same object as ``model`` when the deck reads the same files)."""

    @property
    def path(self) -> Path:
        return self.inputs.path

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The configuration notices and the data warnings of every model, each once."""
        models = [m for m in (self.model, self.deck_model) if m is not None]
        data = (w for m in models for w in m.warnings)
        return tuple(dict.fromkeys((*self.inputs.notices, *data)))


def check_meeting(meeting_yaml: Path, strict: bool = False,
                  allow_outside: Sequence[Path] = ()) -> CheckedMeeting:
    """Load and check everything, compute the data; ``strict`` makes data warnings errors;
    files outside the config folder are read only from the ``allow_outside`` folders."""
    inputs = load_inputs(meeting_yaml, allow_outside)
    model = compute_data(inputs.data) if inputs.data is not None else None
    deck_model = None
    if inputs.deck is not None:
        same = model is not None and inputs.data is inputs.deck.data
        deck_model = model if same else compute_data(inputs.deck.data)
    checked = CheckedMeeting(inputs, model, deck_model)
    if strict:
        raise_for_warnings(checked.warnings, str(meeting_yaml))
    return checked
