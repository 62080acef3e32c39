"""The base of every configuration model: frozen, and typos are errors."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """Immutable, and rejects unknown keys (``extra="forbid"``), so a typo is an error; a number
    field refuses ``inf`` and ``nan`` typed as words (the YAML reader refuses ``.inf``)."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True,
                              allow_inf_nan=False)
