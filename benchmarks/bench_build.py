"""Whole ``builder build`` runs, measured as a user sees them (a subprocess, imports included).

* the sample meeting, alternated with the naive-stack anchor (``../shared/anchors/naive-stack``,
  64 indicators x 25 months) RUNS times each, medians compared;
* between them, a generated meeting of the anchor's own workload (64 indicators x 25 months,
  one report with the dataset appendix and the deck, the packs): the like-for-like ratio (the
  sample meeting has three reports and more papers than the anchor makes);
* rebuilds of the sample with the cache the first build filled (``--cache``): with no change
  (into a fresh output folder, and into the first build's own, which is up to date), and with
  one sentence of one report changed (RUNS times each);
* ``builder pack`` of the sample with that cache, into a folder of its own: the first pack
  (every PDF from the cache) and the same pack again (up to date; RUNS times each);
* a generated meeting of 450 indicators x 120 months (``benchmarks.generate_meeting``): one
  report with the dataset appendix (450 charts) and the deck, once.

For each: the wall time split by stage (the manifest's timings; LibreOffice's busy time overlaps
them), CPU-seconds of *all* processes (builder with everything it reaped, plus the LibreOffice
instances, reaped here: see :mod:`benchmarks.process_usage`), the CPU floor (total CPU / cores)
beside the wall, and peak memory per process. The machine is shared: expect noise.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import tempfile
from pathlib import Path

from benchmarks.generate_meeting import generate_meeting
from benchmarks.process_usage import Usage, run_measured
from benchmarks.timing import Figure

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "config" / "meetings" / "2023-11-23.yaml"
BUILDER = ROOT / ".venv" / "bin" / "builder"
ANCHOR = ROOT.parent / "shared" / "anchors" / "naive-stack" / "run"
ANCHOR_FALLBACK = Path("/work/shared/anchors/naive-stack/run")
RUNS = 3
ANCHOR_SIZE = (64, 25)
"""The anchor's workload ("WS"), for the like-for-like figure."""
ALIKE = "the anchor's workload (generated 64 x 25: one report, its dataset and the deck)"
OVERLAPPED = "conversion (LibreOffice busy, overlapped)"
SHOWN_PROCESSES = 6
# LibreOffice runs gpgconf/gpg at start-up: forked from a large process, they report its size
# as their high-water mark before they exec, so their "peaks" are not theirs
NOT_SHOWN = ("gpg", "sh", "dirmngr")  # name prefixes
SENTENCE = "Attached as Appendix 1 is a summary of performance"  # item 10's brief summary


def cores() -> int:
    return len(os.sched_getaffinity(0))


def build(meeting: Path, out: Path, cache: Path, fresh: bool = True
          ) -> tuple[Usage, dict[str, float]]:
    """One measured ``builder build`` with ``cache`` (into an emptied ``out`` when ``fresh``;
    the generated meeting uses the sample's council and minutes, outside its own folder); its
    usage and the manifest's stage seconds (none when ``out`` was up to date)."""
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
    manifest = out / "manifest.json"
    before = manifest.stat().st_mtime_ns if manifest.exists() else None
    usage = run_measured([str(BUILDER), "build", str(meeting), "--out", str(out), "--cache",
                          str(cache), "--allow-outside", str(SAMPLE.parent.parent)], cwd=ROOT)
    if usage.returncode != 0:
        raise RuntimeError(f"builder build {meeting} failed with exit code {usage.returncode}")
    if manifest.stat().st_mtime_ns == before:  # up to date: nothing ran but the check
        return usage, {"up-to-date check (the whole run)": usage.wall}
    seconds: dict[str, float] = json.loads(manifest.read_text(encoding="utf-8"))["seconds"]
    staged = sum(v for k, v in seconds.items() if k != OVERLAPPED)
    after = max(0.0, usage.ended_at - manifest.stat().st_mtime)
    seconds["after the manifest (moving outputs, stopping, teardown)"] = after
    seconds["before the first stage (imports, start-up)"] = max(0.0, usage.wall - staged - after)
    return usage, seconds


def anchor() -> Usage:
    script = ANCHOR if ANCHOR.is_file() else ANCHOR_FALLBACK
    env = {**os.environ, "PYTHON": str(ROOT / ".venv" / "bin" / "python")}
    usage = run_measured([str(script), "WS"], cwd=ROOT, env=env)
    if usage.returncode != 0:
        raise RuntimeError(f"the naive-stack anchor failed with exit code {usage.returncode}")
    return usage


def figures_of(label: str, runs: list[tuple[Usage, dict[str, float]]]) -> list[Figure]:
    """The median run's figures (by wall), with the medians of wall and CPU."""
    n = len(runs)
    wall = statistics.median(u.wall for u, _ in runs)
    cpu = statistics.median(u.cpu for u, _ in runs)
    usage, seconds = sorted(runs, key=lambda r: r[0].wall)[n // 2]
    floor = cpu / cores()
    out = [Figure(f"{label}: wall", wall, n,
                  f"CPU floor {floor:.1f} s (CPU / {cores()} cores); wall / floor "
                  f"{wall / floor:.2f}"),
           Figure(f"{label}: CPU-seconds, all processes", cpu, n,
                  f"builder and what it reaped {usage.cpu_program:.1f}, LibreOffice instances "
                  f"{usage.cpu_orphans:.1f} (median run)")]
    out += [Figure(f"{label}: stage {stage}", s, 1, "median run") for stage, s in seconds.items()]
    shown = [p for p in usage.peaks if not p.name.startswith(NOT_SHOWN)][:SHOWN_PROCESSES]
    out += [Figure(f"{label}: peak memory, {p.name} (pid {p.pid})", 0.0, 1, f"{p.peak_mb:.0f} MB")
            for p in shown]
    return out


def changed_sentence(folder: Path) -> Path:
    """A copy of the sample's configuration with one sentence of one report changed; its
    meeting file."""
    shutil.copytree(SAMPLE.parent.parent, folder)
    meeting = folder / "meetings" / SAMPLE.name
    text = meeting.read_text(encoding="utf-8")
    if text.count(SENTENCE) != 1:
        raise RuntimeError(f"the sample meeting no longer has the sentence {SENTENCE!r} once")
    meeting.write_text(text.replace(SENTENCE, SENTENCE.replace(" a ", " a short ")), "utf-8")
    return meeting


def pack(out: Path, cache: Path) -> Usage:
    """One measured ``builder pack`` of the sample into ``out`` with ``cache``."""
    usage = run_measured([str(BUILDER), "pack", str(SAMPLE), "--out", str(out), "--cache",
                          str(cache)], cwd=ROOT)
    if usage.returncode != 0:
        raise RuntimeError(f"builder pack {SAMPLE} failed with exit code {usage.returncode}")
    return usage


def packs(work: Path) -> list[Figure]:
    """``builder pack`` with the caches ``sample-N`` first builds filled, twice each: all PDFs
    from the cache, then up to date."""
    runs = [(pack(work / f"pack-{n}", work / f"cache-{n}"),
             pack(work / f"pack-{n}", work / f"cache-{n}")) for n in range(RUNS)]
    return [Figure(f"sample pack, {label}: wall", statistics.median(r[i].wall for r in runs),
                   RUNS, f"CPU {statistics.median(r[i].cpu for r in runs):.2f} s, all processes")
            for i, label in enumerate(("every PDF from the cache", "again (up to date)"))]


def rebuilds(work: Path) -> list[Figure]:
    """Sample rebuilds from the caches ``sample-N`` first builds filled: no change (into a
    fresh output folder, then into ``sample-N`` itself, up to date), then one report sentence
    changed (into a fresh output folder and a copy of the cache)."""
    changed = changed_sentence(work / "config-changed")
    same: list[tuple[Usage, dict[str, float]]] = []
    up_to_date: list[tuple[Usage, dict[str, float]]] = []
    one: list[tuple[Usage, dict[str, float]]] = []
    for n in range(RUNS):
        same.append(build(SAMPLE, work / f"same-{n}", work / f"cache-{n}"))
        up_to_date.append(build(SAMPLE, work / f"sample-{n}", work / f"cache-{n}", fresh=False))
        shutil.copytree(work / f"cache-{n}", work / f"cache-changed-{n}")
        one.append(build(changed, work / f"changed-{n}", work / f"cache-changed-{n}"))
    return figures_of("sample rebuild, no change, fresh output folder", same) + \
        figures_of("sample rebuild, no change, same output folder (up to date)", up_to_date) + \
        figures_of("sample rebuild, one report sentence changed", one)


def run() -> list[Figure]:
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        work = Path(tmp)
        alike_meeting = generate_meeting(work / "alike", *ANCHOR_SIZE)
        ours: list[tuple[Usage, dict[str, float]]] = []
        alike: list[tuple[Usage, dict[str, float]]] = []
        naive: list[Usage] = []
        for n in range(RUNS):  # alternating, so that all see the same machine
            ours.append(build(SAMPLE, work / f"sample-{n}", work / f"cache-{n}"))
            alike.append(build(alike_meeting, work / f"alike-{n}", work / f"cache-alike-{n}"))
            naive.append(anchor())
        figures += figures_of("sample", ours)
        figures += rebuilds(work)
        figures += packs(work)
        naive_wall = statistics.median(u.wall for u in naive)
        naive_cpu = statistics.median(u.cpu for u in naive)
        figures.append(Figure("naive-stack anchor (64 x 25): wall", naive_wall, RUNS,
                              f"CPU {naive_cpu:.1f} s, all processes"))
        ratio = naive_wall / statistics.median(u.wall for u, _ in ours)
        figures.append(Figure("naive stack / builder (median walls)", ratio, RUNS,
                              "a ratio, not seconds"))
        figures += figures_of(ALIKE, alike)
        ratio = naive_wall / statistics.median(u.wall for u, _ in alike)
        figures.append(Figure(f"naive stack / builder, {ALIKE} (median walls)", ratio, RUNS,
                              "a ratio, not seconds"))
        meeting = generate_meeting(work / "generated")
        figures += figures_of("generated 450 x 120",
                              [build(meeting, work / "generated-out", work / "cache-generated")])
    return figures
