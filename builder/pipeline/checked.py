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
from builder.config.meeting import Acknowledged
from builder.pipeline.cache import Cache
from builder.pipeline.data import compute_data, raise_for_warnings
from builder.pipeline.inputs import MeetingInputs, load_inputs


@dataclass(frozen=True)
class Acknowledgement:
    """A warning the meeting acknowledges (``data.acknowledged``) and the reason it gives."""

    warning: Finding
    reason: str

    def __str__(self) -> str:
        return f"{self.warning.coded()} (acknowledged: {self.reason})"


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
        """The configuration notices and the data warnings of every model, each once, less
        those the meeting acknowledges (``data.acknowledged``), plus one for each
        acknowledgement that matches no warning."""
        acknowledged = self._acknowledgements()
        found = self._all_warnings()
        matched = {(w.code, w.indicator) for w in found}
        unused = tuple(
            Finding("acknowledged", a.indicator,
                    f"is acknowledged for a '{a.warning}' warning that this data no longer gives;"
                    " remove it from data.acknowledged")
            for a in acknowledged if (a.warning, a.indicator) not in matched)
        keys = {(a.warning, a.indicator) for a in acknowledged}
        return (*(w for w in found if (w.code, w.indicator) not in keys), *unused)

    @property
    def acknowledged(self) -> tuple[Acknowledgement, ...]:
        """Each warning the meeting acknowledges, with the reason it gives."""
        reasons: dict[tuple[str, str | None], str] = {
            (a.warning, a.indicator): a.reason for a in self._acknowledgements()}
        return tuple(Acknowledgement(w, reasons[(w.code, w.indicator)])
                     for w in self._all_warnings() if (w.code, w.indicator) in reasons)

    def _all_warnings(self) -> tuple[Finding, ...]:
        models = [m for m in (self.model, self.deck_model) if m is not None]
        data = (w for m in models for w in m.warnings)
        return tuple(dict.fromkeys((*self.inputs.notices, *data)))

    def _acknowledgements(self) -> tuple[Acknowledged, ...]:
        data = self.inputs.loaded.meeting.data
        return data.acknowledged if data is not None else ()


def check_meeting(meeting_yaml: Path, strict: bool = False,
                  allow_outside: Sequence[Path] = (), cache: Cache | None = None
                  ) -> CheckedMeeting:
    """Load and check everything, compute the data; ``strict`` makes data warnings errors;
    files outside the config folder are read only from the ``allow_outside`` folders; checks
    of templates and supplied papers that passed before are taken from ``cache``."""
    inputs = load_inputs(meeting_yaml, allow_outside, cache)
    model = compute_data(inputs.data) if inputs.data is not None else None
    deck_model = None
    if inputs.deck is not None:
        same = model is not None and inputs.data is inputs.deck.data
        deck_model = model if same else compute_data(inputs.deck.data)
    checked = CheckedMeeting(inputs, model, deck_model)
    if strict:
        raise_for_warnings(checked.warnings, str(meeting_yaml))
    return checked
