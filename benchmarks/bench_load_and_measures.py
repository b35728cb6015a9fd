"""How long validating and loading a big readings return, and computing every figure,
take at the size of ten years of returns (see ``benchmarks/README.md``).

    python -m benchmarks.bench_load_and_measures [--runs 5] [--rows 1000000]

Run from the repository root. It writes the synthetic returns of ``generate.py`` into
``--out`` (default ``benchmarks/output/``), then in each run, with fresh temporary
DuckDB files:

- (b) DuckDB's bare ``read_csv`` of the readings file into a table of a new database
  file — the floor;
- pandas' bare ``read_csv`` of the same file, for reference;
- (a) ``validate_file`` of the readings file, then ``Store.load`` of its report into a
  new store (opening and closing the store included, as ``python -m vrp_metrics load``
  does), and the ratio a/b;
- ``measure_figures`` (every measure for every period) on a store holding the readings,
  a ten-year measure return and a ten-year data tracker return, opened read-only as
  ``python -m vrp_metrics measures`` does.

It prints the median, minimum and maximum of each over the runs, and the machine it ran
on. Times are measured, not asserted; the goals (a/b ≤ 1.5, every figure ≤ 1 s) are
reported as met or not.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from benchmarks.generate import DEFAULT_OUT, DEFAULT_ROWS, DEFAULT_SEED, BenchmarkFiles, generate
from vrp_metrics.access import local_user
from vrp_metrics.catalogue import Catalogue, load_catalogue
from vrp_metrics.metrics import measure_figures
from vrp_metrics.returns.report import ValidationReport
from vrp_metrics.returns.validate import validate_file
from vrp_metrics.store import Store

RATIO_GOAL = 1.5
"""Validate + load should take at most this many times DuckDB's bare read_csv."""
FIGURES_GOAL = 1.0
"""Every measure for every period should take at most this many seconds."""

# The stages, in the order they run and are printed.
BARE_DUCKDB = "(b) DuckDB read_csv into a table (bare)"
BARE_PANDAS = "pandas read_csv, C engine (reference)"
BARE_PANDAS_ARROW = "pandas read_csv, pyarrow engine (reference)"
VALIDATE = "validate_file (readings)"
LOAD = "Store.load (readings, new store)"
VALIDATE_AND_LOAD = "(a) validate + load"
RATIO = "ratio a/b"
FIGURES = "measure_figures (all measures, all periods)"


@dataclass(frozen=True)
class Timing:
    """Wall-clock seconds, and the CPU seconds of every thread of this process meanwhile
    (DuckDB and pyarrow use both cores, so CPU can exceed wall; when other programs hold
    the cores, wall grows and CPU hardly does)."""

    wall: float
    cpu: float

    def __add__(self, other: Timing) -> Timing:
        return Timing(self.wall + other.wall, self.cpu + other.cpu)


@dataclass
class Measured:
    """Each stage's timing in each run, the ratio a/b in each run, and the peak memory of
    the process after each stage of the first run."""

    timings: dict[str, list[Timing]] = field(default_factory=dict)
    ratios: list[float] = field(default_factory=list)
    peak_rss_mb: dict[str, float] = field(default_factory=dict)
    load_averages: list[float] = field(default_factory=list)
    figures: int = 0

    def add(self, stage: str, timing: Timing) -> None:
        self.timings.setdefault(stage, []).append(timing)
        self.peak_rss_mb.setdefault(stage, _peak_rss_mb())

    def walls(self, stage: str) -> list[float]:
        return [t.wall for t in self.timings[stage]]

    def median(self, stage: str) -> float:
        return statistics.median(self.walls(stage))


def _peak_rss_mb() -> float:
    """The most memory this process has held so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(action: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Timing, Any]:
    """How long ``action(*args, **kwargs)`` takes, after collecting garbage, and its result."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    result = action(*args, **kwargs)
    return Timing(time.perf_counter() - wall, time.process_time() - cpu), result


def _bare_duckdb(csv: Path, database: Path) -> None:
    con = duckdb.connect(str(database))
    try:
        con.execute("CREATE TABLE reading AS SELECT * FROM read_csv($path)", {"path": str(csv)})
    finally:
        con.close()


def _validate(path: Path, catalogue: Catalogue) -> ValidationReport:
    report = validate_file(path, catalogue)
    assert report.ok, f"{path} should validate cleanly: {report.errors[:3]}"
    return report


def _load(database: Path, *reports: ValidationReport) -> None:
    with Store(database) as store:
        for report in reports:
            store.load(report, user=local_user("benchmark"))


def _figures(database: Path, catalogue: Catalogue) -> pd.DataFrame:
    with Store(database, read_only=True) as store:
        return measure_figures(store, catalogue)


def run_once(files: BenchmarkFiles, catalogue: Catalogue, measured: Measured) -> None:
    """One run of every stage, each database new."""
    measured.load_averages.append(os.getloadavg()[0])
    with tempfile.TemporaryDirectory(prefix="vrp-bench-") as folder:
        bare, store = Path(folder) / "bare.duckdb", Path(folder) / "store.duckdb"

        bare_read, _ = _timed(_bare_duckdb, files.readings, bare)
        measured.add(BARE_DUCKDB, bare_read)
        measured.add(BARE_PANDAS, _timed(pd.read_csv, files.readings)[0])
        measured.add(BARE_PANDAS_ARROW, _timed(pd.read_csv, files.readings, engine="pyarrow")[0])

        validate, report = _timed(_validate, files.readings, catalogue)
        measured.add(VALIDATE, validate)
        load, _ = _timed(_load, store, report)
        measured.add(LOAD, load)
        measured.add(VALIDATE_AND_LOAD, validate + load)
        measured.ratios.append((validate + load).wall / bare_read.wall)
        del report  # frees the million clean rows before the figures

        # The other two returns are small; they are loaded untimed.
        _load(store, _validate(files.measures, catalogue), _validate(files.tracker, catalogue))
        figures_timing, figures = _timed(_figures, store, catalogue)
        measured.add(FIGURES, figures_timing)
        measured.figures = len(figures)


# -- the machine -------------------------------------------------------------------------


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024**2
    except OSError:
        pass
    return None


def machine() -> dict[str, str]:
    """What the figures were measured on (Linux)."""
    ram = _ram_gb()
    return {
        "nproc": str(os.cpu_count()),
        "CPU": _cpu_model(),
        "RAM": f"{ram:.1f} GiB" if ram else "unknown",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "pandas": pd.__version__,
        "numpy": np.__version__,
        "pyarrow": metadata.version("pyarrow"),
        "load average when the runs ended (1, 5, 15 min)": ", ".join(
            f"{x:.2f}" for x in os.getloadavg()
        ),
    }


# -- report ------------------------------------------------------------------------------


def table(measured: Measured) -> str:
    """The figures as a Markdown table: wall-clock seconds, CPU seconds, memory."""
    lines = [
        "| stage | median | min | max | median CPU | peak RSS after (MB) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for stage, timings in measured.timings.items():
        walls = [t.wall for t in timings]
        cells = [f"{v:.3f} s" for v in (statistics.median(walls), min(walls), max(walls))]
        cpu = statistics.median(t.cpu for t in timings)
        peak = measured.peak_rss_mb[stage]
        lines.append(f"| {stage} | {' | '.join(cells)} | {cpu:.3f} s | {peak:,.0f} |")
        if stage == VALIDATE_AND_LOAD:
            ratios = measured.ratios
            cells = [f"{v:.2f}" for v in (statistics.median(ratios), min(ratios), max(ratios))]
            lines.append(f"| {RATIO} (per run) | {' | '.join(cells)} | | |")
    return "\n".join(lines)


def goals(measured: Measured) -> list[str]:
    ratio, figures = statistics.median(measured.ratios), measured.median(FIGURES)
    return [
        f"a/b ≤ {RATIO_GOAL}: {'met' if ratio <= RATIO_GOAL else 'NOT met'} (median {ratio:.2f})",
        f"measure_figures ≤ {FIGURES_GOAL:g} s: "
        f"{'met' if figures <= FIGURES_GOAL else 'NOT met'} (median {figures:.3f} s)",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_load_and_measures",
        description="Time validate + load against DuckDB's bare read_csv, and every figure.",
    )
    parser.add_argument("--runs", type=int, default=5, help="runs to take the median of")
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="readings in the file")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="generator seed")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the returns")
    args = parser.parse_args(argv)

    catalogue = load_catalogue()
    start = time.perf_counter()
    files = generate(args.out, rows=args.rows, seed=args.seed, catalogue=catalogue)
    print(
        f"generated {args.rows:,} readings ({files.readings.stat().st_size / 1e6:.1f} MB), "
        f"a measure return and a tracker return in {time.perf_counter() - start:.1f} s",
        file=sys.stderr,
    )

    measured = Measured()
    for run in range(1, args.runs + 1):
        run_once(files, catalogue, measured)
        print(
            f"run {run}/{args.runs} (load average {measured.load_averages[-1]:.2f}): "
            f"a {measured.walls(VALIDATE_AND_LOAD)[-1]:.3f} s, "
            f"b {measured.walls(BARE_DUCKDB)[-1]:.3f} s, a/b {measured.ratios[-1]:.2f}, "
            f"figures {measured.walls(FIGURES)[-1]:.3f} s",
            file=sys.stderr,
        )

    print("## Machine\n")
    for name, value in machine().items():
        print(f"- {name}: {value}")
    loads = measured.load_averages
    print(f"- 1-minute load average at the start of each run: {min(loads):.2f}–{max(loads):.2f}")
    print(
        f"\n## Figures ({args.runs} runs, {args.rows:,} readings, "
        f"{measured.figures:,} figures computed)\n"
    )
    print(table(measured))
    print("\n## Goals\n")
    for line in goals(measured):
        print(f"- {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
