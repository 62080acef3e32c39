"""Configuration models back to YAML files (``builder next-meeting`` writes them)."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel

from builder.outputs import atomic_file


def write_yaml(path: Path, model: BaseModel, header: str) -> None:
    """``model`` as block-style YAML (defaults left out), after ``header`` as comment lines."""
    data = model.model_dump(mode="json", exclude_defaults=True)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=96,
                          default_flow_style=False)
    comment = "".join(f"# {line}\n" for line in header.splitlines())
    with atomic_file(path) as tmp:
        tmp.write_text(comment + text, encoding="utf-8")
