"""What an SVRP meeting pack of every measure costs, PowerPoint and PDF, on the demo data.

    python -m benchmarks.bench_packs [--runs 3] [--db FILE] [--period P]

Run from the repository root. Each run times, in seconds: building the pack's content
(figures, tables, SPC, chart figures — ``build_pack``), drawing every chart to PNG in one
warm browser (kaleido with Debian's chromium), and the PowerPoint and the tagged PDF
writers; then the whole of ``python -m vrp_metrics pack`` for each format (a new process:
imports, content, charts, file). Medians of ``--runs`` runs, with min and max, and the
machine's load average, since other work on the two cores changes every figure. The goal
is under 15 s for each format.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vrp_metrics.catalogue import load_catalogue
from vrp_metrics.demo import load_demo
from vrp_metrics.metrics import latest_quarter, measure_figures
from vrp_metrics.packs import build_pack
from vrp_metrics.packs.pdf_writer import pdf_bytes
from vrp_metrics.packs.pictures import chart_png, warm_browser
from vrp_metrics.packs.pptx_writer import pptx_bytes
from vrp_metrics.store import Store

REPO = Path(__file__).resolve().parent.parent


def _timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def _line(name: str, seconds: list[float]) -> str:
    return (
        f"{name:<44} median {statistics.median(seconds):6.2f} s"
        f"  (min {min(seconds):.2f}, max {max(seconds):.2f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", type=Path, help="a database to copy (default: the demo data)")
    parser.add_argument("--period", help="the pack's period (default: the latest quarter)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-packs-"))
    db = folder / "vrp.duckdb"
    catalogue = load_catalogue()
    if args.db:
        shutil.copy(args.db, db)
    else:
        load_demo(Store(db), catalogue)
    store = Store(db)
    period = args.period or latest_quarter(measure_figures(store, catalogue))
    times: dict[str, list[float]] = {}
    for run in range(1, args.runs + 1):
        seconds, pack = _timed(lambda: build_pack(store, catalogue, "svrp", period))
        times.setdefault("content (build_pack)", []).append(seconds)
        charted = [s for s in pack.measures if s.chart is not None]
        start = time.perf_counter()
        with warm_browser():
            started = time.perf_counter()
            pictures = {s.code: chart_png(s.chart) for s in charted}
        end = time.perf_counter()
        times.setdefault("browser start", []).append(started - start)
        times.setdefault(f"{len(charted)} charts to PNG (warm browser)", []).append(end - started)

        def picture(section: Any, pictures: dict[str, bytes] = pictures) -> bytes | None:
            return pictures.get(section.code)

        times.setdefault("PowerPoint writer", []).append(
            _timed(lambda pack=pack: pptx_bytes(pack, picture))[0]
        )
        times.setdefault("tagged PDF writer", []).append(
            _timed(lambda pack=pack: pdf_bytes(pack, picture))[0]
        )
        for fmt in ("pptx", "pdf"):
            out = folder / f"svrp.{fmt}"
            command = [sys.executable, "-m", "vrp_metrics", "pack", "--db", str(db), "--scope",
                       "svrp", "--period", period, "--format", fmt, "--out", str(out)]  # fmt: skip
            seconds, _ = _timed(
                lambda command=command: subprocess.run(
                    command, cwd=REPO, check=True, capture_output=True
                )
            )
            times.setdefault(f"python -m vrp_metrics pack --format {fmt}", []).append(seconds)
        # Each run as it ends, so that a long run on a busy machine still reports.
        done = ", ".join(f"{name} {seconds[-1]:.1f} s" for name, seconds in times.items())
        print(f"run {run}: {done}", flush=True)
    print(f"SVRP pack for {period}: {len(pack.measures)} measures, {args.runs} runs")
    print(f"load average (1 minute) at the end: {os.getloadavg()[0]:.1f}")
    for name, seconds in times.items():
        print(_line(name, seconds))
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
