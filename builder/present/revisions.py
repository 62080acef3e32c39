"""Revised values in words: a later values file changed a figure an earlier one gave.

Readers see them under the theme table of the dataset appendix, in the form the council's 2014
scorecard prints ("66.4% (amended from 68.9%)"); the manifest and the build output list them.
"""

from __future__ import annotations

from builder.compute.model import ReportModel
from builder.config.catalogue import Indicator
from builder.data.readers import Observation, Revision
from builder.present.cells import indicator_value


def revision_sentence(ind: Indicator, revision: Revision) -> str:
    """``Oct-23 figure for Number of contacts amended from 1,880 to 1,922.``"""
    return (f"{revision.period.label()} figure for {ind.title} amended from "
            f"{_shown(ind, revision.old)} to {_shown(ind, revision.new)}.")


def shown_revisions(model: ReportModel, keys: tuple[str, ...]) -> tuple[str, ...]:
    """The sentences for revisions of ``keys`` in the months the tables show."""
    months = set(model.months)
    wanted = set(keys)
    return tuple(revision_sentence(model.catalogue.indicator(r.indicator), r)
                 for r in model.revisions if r.indicator in wanted and r.period in months)


def revision_facts(model: ReportModel) -> tuple[dict[str, str], ...]:
    """Every revision for the manifest: indicator, month, old and new as shown, the sentence,
    and the file that made it."""
    out = []
    for r in model.revisions:
        ind = model.catalogue.indicator(r.indicator)
        out.append({"indicator": r.indicator, "period": r.period.iso(),
                    "old": _shown(ind, r.old), "new": _shown(ind, r.new),
                    "source": r.new.source, "text": revision_sentence(ind, r)})
    return tuple(out)


def _shown(ind: Indicator, obs: Observation) -> str:
    return indicator_value(ind, obs.value, obs.reason)
