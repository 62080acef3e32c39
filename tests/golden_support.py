"""Golden summaries: small JSON files of what a document contains, reviewed by hand.

``BUILDER_UPDATE_GOLDEN=1 pytest ...`` rewrites them (a deliberate act: review the diff)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).resolve().parent / "golden"


def assert_matches_golden(name: str, summary: Any) -> None:
    path = GOLDEN / f"{name}.json"
    text = json.dumps(summary, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if os.environ.get("BUILDER_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.is_file(), f"no golden summary {path}; create it with BUILDER_UPDATE_GOLDEN=1"
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert json.loads(text) == expected, f"document differs from golden summary {path.name}"
