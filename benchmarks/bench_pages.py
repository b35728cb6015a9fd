"""How long each page of the dashboard takes to be ready in a real browser, against an
empty Streamlit page served the same way in the same run (see ``benchmarks/README.md``).

    python -m benchmarks.bench_pages [--runs 5] [--scale demo|large|both] [--rows 1000000]

Run from the repository root. For each scale it serves ``app.py`` with ``streamlit run``
on a free port (its output goes to a log file) on a copy of a store:

- ``demo``: the demo database (``python -m vrp_metrics demo``);
- ``large``: ``--rows`` readings and ten years of quarterly returns
  (``benchmarks.page_store``; built once into ``benchmarks/output/`` and reused);

and serves a tiny app of one title the same way. Debian's chromium (headless, the
browser tests' launch arguments) opens each page once to warm the server (its time is
reported as the first load), then ``--runs`` times, the pages taken in turn in each
round so that a busy moment falls on all of them alike.

A page is **ready** when, in the browser, all of these hold, and still hold a quarter of
a second later (the time reported is when they first held, from the start of the
navigation, ``performance.now()``):

- the app's script run is over: the ``stApp`` element's ``data-test-script-state`` is
  ``notRunning`` (Streamlit's running indicator is gone);
- the main area shows at least one element, and none is stale (left over from a
  previous run) or a loading skeleton;
- every chart in the main area that can be seen is drawn (each visible ``stPlotlyChart``
  holds Plotly's SVG) and every visible grid is drawn (each ``stDataFrame`` holds its
  canvas); one inside a closed expander is drawn when the expander is opened.

It reports each page's median, minimum and maximum, its ratio to the empty page's
median, and the server's peak resident memory (``VmHWM`` of ``/proc/<pid>/status``) after
all the runs at that scale. Times are measured, not asserted; the goals (every page
≤ 1.5 × the empty page at demo scale, ≤ 2 × on the large store, the server ≤ 500 MB on
the large store) are reported as met or not.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from benchmarks.generate import DEFAULT_OUT, DEFAULT_ROWS
from vrp_metrics.catalogue import load_catalogue

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 1500}
EMPTY_APP = 'import streamlit as st\n\nst.title("Empty page")\n'
EMPTY = "empty Streamlit page"
SETTLE_SECONDS = 0.25
PAGE_TIMEOUT_MS = 180_000
GOALS = {"demo": 1.5, "large": 2.0}
MEMORY_GOAL_MB = 500

READY_JS = """
() => {
  const app = document.querySelector('.stApp');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main || !main.querySelector('[data-testid="stElementContainer"]')) return false;
  if (document.querySelector('[data-stale="true"], [data-testid="stSkeleton"]')) return false;
  for (const c of main.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    if (c.checkVisibility() && !c.querySelector('.main-svg')) return false;
  }
  for (const d of main.querySelectorAll('[data-testid="stDataFrame"]')) {
    if (d.checkVisibility() && !d.querySelector('canvas')) return false;
  }
  return performance.now();
}
"""


def pages(measure_code: str) -> dict[str, str]:
    """Page name → address (after the server's root) of every page timed."""
    catalogue = load_catalogue()
    groups = [so.working_group for so in catalogue.strategic_objectives]
    objective = catalogue.strategic_objectives[0].code
    return {
        "overview": "/",
        f"objective {objective}": f"/objectives?objective={objective}",
        **{f"working group {g}": f"/groups?group={g}" for g in groups},
        f"measure {measure_code}": f"/measure?measure={measure_code}",
        "data tracker": "/tracker",
        "returns and history": "/history",
        "upload returns": "/upload",
        "methodology": "/methodology",
    }


def heaviest_measure() -> str:
    """A measure from outcome readings: its page draws the most (cohort, score changes)."""
    return next(m.code for m in load_catalogue().measures if m.from_readings)


# -- serving -----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen

    def memory_mb(self) -> dict[str, float]:
        """The server's peak (VmHWM) and current (VmRSS) resident memory, in MB."""
        found = {}
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("VmHWM", "VmRSS"):
                found[name] = int(value.split()[0]) / 1024
        return found


@contextlib.contextmanager
def serve(
    script: Path, cwd: Path, log: Path, env: dict[str, str] | None = None
) -> Iterator[Server]:
    """``streamlit run script`` on a free port, its output in ``log``; stopped on exit."""
    port = _free_port()
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", str(script),
                "--server.headless", "true", "--server.port", str(port),
                "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
            ],
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                        if response.read().decode().strip() == "ok":
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"{script.name} did not start; see {log}")
                time.sleep(0.3)
            yield Server(url, process)
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


# -- timing ------------------------------------------------------------------------------


def time_page(page: Page, url: str) -> float:
    """Milliseconds from the start of the navigation to ``url`` until the page is ready."""
    page.goto(url, wait_until="commit", timeout=PAGE_TIMEOUT_MS)
    while True:
        ready = page.wait_for_function(READY_JS, timeout=PAGE_TIMEOUT_MS, polling=20)
        at = float(ready.json_value())
        time.sleep(SETTLE_SECONDS)
        if page.evaluate(READY_JS) is not False:
            return at


@dataclass
class PageTimes:
    first: float = 0.0
    runs: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


@dataclass
class ScaleResult:
    scale: str
    times: dict[str, PageTimes]
    memory_mb: dict[str, float]
    load_before: str
    load_after: str

    def ratio(self, name: str) -> float:
        return self.times[name].median / self.times[EMPTY].median


def run_scale(scale: str, db: Path, runs: int, workdir: Path, browser) -> ScaleResult:
    """Time every page and the empty page on a copy of ``db``."""
    copy = workdir / f"{scale}.duckdb"
    shutil.copyfile(db, copy)
    empty_dir = workdir / "empty"
    empty_dir.mkdir(exist_ok=True)
    (empty_dir / "app.py").write_text(EMPTY_APP)
    addresses = pages(heaviest_measure())
    times = {name: PageTimes() for name in [EMPTY, *addresses]}
    with (
        serve(REPO / "app.py", REPO, workdir / f"server_{scale}.log", {"VRP_DB": str(copy)}) as app,
        serve(empty_dir / "app.py", empty_dir, workdir / f"server_{scale}_empty.log") as empty,
    ):
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        urls = {EMPTY: empty.url + "/", **{n: app.url + a for n, a in addresses.items()}}
        load_before = load_average()
        for name, url in urls.items():
            times[name].first = time_page(page, url)
            print(f"  {scale} first load  {name:<28} {times[name].first:8.0f} ms", flush=True)
        for run in range(runs):
            for name, url in urls.items():
                times[name].runs.append(time_page(page, url))
            print(
                f"  {scale} run {run + 1}/{runs}: "
                + ", ".join(f"{n} {t.runs[-1]:.0f}" for n, t in times.items()),
                flush=True,
            )
        load_after = load_average()
        memory = app.memory_mb()
        context.close()
    return ScaleResult(scale, times, memory, load_before, load_after)


# -- reporting ---------------------------------------------------------------------------


def report(result: ScaleResult, runs: int) -> str:
    goal = GOALS[result.scale]
    lines = [
        f"### {result.scale}: median of {runs} runs (ms); goal ≤ {goal} × the empty page",
        "",
        "| page | first load | median | min | max | × empty | goal |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for name, t in result.times.items():
        ratio = result.ratio(name)
        met = "" if name == EMPTY else ("met" if ratio <= goal else "**not met**")
        lines.append(
            f"| {name} | {t.first:,.0f} | {t.median:,.0f} | {min(t.runs):,.0f} | "
            f"{max(t.runs):,.0f} | {ratio:.2f} | {met} |"
        )
    peak = result.memory_mb.get("VmHWM", float("nan"))
    memory = f"server peak resident memory (VmHWM) {peak:,.0f} MB"
    if result.scale == "large":
        memory += f" (goal ≤ {MEMORY_GOAL_MB} MB: {'met' if peak <= MEMORY_GOAL_MB else 'not met'})"
    lines += [
        "",
        f"{memory}; at the end {result.memory_mb.get('VmRSS', float('nan')):,.0f} MB.",
        f"1-minute, 5-minute, 15-minute load average: {result.load_before} before the first "
        f"load, {result.load_after} after the last run.",
    ]
    return "\n".join(lines)


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        int(line.split()[1]) / 1024**2
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return f"{os.cpu_count()} cores ({cpu}), {memory:.1f} GiB, Python {platform.python_version()}"


def demo_store(workdir: Path) -> Path:
    db = workdir / "demo_source.duckdb"
    subprocess.run(
        [sys.executable, "-m", "vrp_metrics", "demo", "--db", str(db)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    return db


def large_store(rows: int) -> Path:
    db = DEFAULT_OUT / f"pages_{rows}.duckdb"
    if not db.exists():
        from benchmarks.page_store import build_store

        print(f"building {db} (about a minute for a million readings)", flush=True)
        build_store(db, rows=rows)
    return db


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_pages",
        description="Time each page of the dashboard in a real browser.",
    )
    parser.add_argument("--runs", type=int, default=5, help="timed loads of each page")
    parser.add_argument("--scale", choices=["demo", "large", "both"], default="both")
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="readings, large store")
    parser.add_argument("--json", type=Path, help="also write the times to this file")
    args = parser.parse_args(argv)
    scales = ["demo", "large"] if args.scale == "both" else [args.scale]
    print(machine(), flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="vrp-bench-pages-") as tmp, sync_playwright() as pw:
        workdir = Path(tmp)
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for scale in scales:
                db = demo_store(workdir) if scale == "demo" else large_store(args.rows)
                results.append(run_scale(scale, db, args.runs, workdir, browser))
        finally:
            browser.close()
    print()
    print(machine())
    for result in results:
        print()
        print(report(result, args.runs))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    r.scale: {
                        "times_ms": {
                            n: {"first": t.first, "runs": t.runs} for n, t in r.times.items()
                        },
                        "memory_mb": r.memory_mb,
                        "load_average": [r.load_before, r.load_after],
                    }
                    for r in results
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
