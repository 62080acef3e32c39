"""A generated meeting for the benchmarks: 450 indicators x 120 months (the data workload of
``bench_data``) or another size, one report whose appendices are the performance dataset
(charts included) and the deck, and the B4B deck over the same data. The sample meeting
supplies everything else (council, minutes, report wording), so only the data's size differs.

    .venv/bin/python -m benchmarks.generate_meeting DIR   # writes DIR/meeting.yaml
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from benchmarks.bench_data import INDICATORS, MONTHS, PERIOD, generate

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "config" / "meetings" / "2023-11-23.yaml"
SAMPLE_DECK = ROOT / "config" / "decks" / "b4b-2023-10.yaml"
PERFORMANCE_ITEM = "CHILDREN AND LEARNING - PERFORMANCE"
THEMES = 6


def _absolute(folder: Path, relative: str) -> str:
    return str((folder / relative).resolve())


def generate_meeting(folder: Path, count: int = INDICATORS, span: int = MONTHS) -> Path:
    """Write the generated data (``count`` indicators over ``span`` months), deck and meeting
    into ``folder``; the meeting YAML's path."""
    folder.mkdir(parents=True, exist_ok=True)
    catalogue, values, _xlsx = generate(folder, count=count, span=span)
    data = {"catalogue": catalogue.name, "values": [values.name]}
    deck = yaml.safe_load(SAMPLE_DECK.read_text(encoding="utf-8"))
    sample_priority = deck["priorities"][0]
    deck.update(data=data, period=PERIOD.iso(), names={}, priorities=[
        {"theme": f"theme-{n}", "statement": f"Priority {n} of the generated meeting.",
         "outcome": sample_priority["outcome"],
         "narrative": sample_priority["narrative"]} for n in range(THEMES)])
    deck_path = folder / "deck.yaml"
    deck_path.write_text(yaml.safe_dump(deck, sort_keys=False, allow_unicode=True),
                         encoding="utf-8")
    meeting: dict[str, Any] = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    here = SAMPLE.parent
    meeting["council"] = _absolute(here, meeting["council"])
    meeting["data"] = {**data, "period": PERIOD.iso()}
    meeting["deck"] = deck_path.name
    items = []
    for item in meeting["items"]:
        if item.get("minutes"):
            item["minutes"] = _absolute(here, item["minutes"])
        report = item.get("report")
        if item.get("paper"):  # an officer's supplied paper: not part of the generated load
            continue
        if report is None:
            items.append(item)
        elif item["title"] == PERFORMANCE_ITEM:
            report["appendices"] = [a for a in report["appendices"]
                                    if a["kind"] in ("dataset", "deck")]
            items.append(item)
    meeting["items"] = items
    path = folder / "meeting.yaml"
    path.write_text(yaml.safe_dump(meeting, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")
    return path


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m benchmarks.generate_meeting DIR")
    print(generate_meeting(Path(sys.argv[1])))
