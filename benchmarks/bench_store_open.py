"""What opening the database for each operation costs, on the demo database.

    python -m benchmarks.bench_store_open [--runs 7] [--db FILE]

Run from the repository root. The store opens the DuckDB file for each operation and
closes it after, so that the command line can load while the dashboard is open. This
times, each over ``--runs`` runs (median, min, max, in milliseconds):

- DuckDB alone: the change-counter query on a cursor of a connection held open (how the
  store read before it opened per operation), and the same query with the connection
  opened and closed around it (how it reads now);
- ``Store.revision`` (what every page run asks first) and ``measure_figures`` (every
  measure for every period) through the store;
- 8 threads each reading ``Store.revision`` 25 times at once (a server runs page scripts
  on several threads): the wall time of all 200 reads;
- one page run of the overview (``AppTest``, caches warm: the figures come from the cache
  keyed by the change counter, so the run costs the counter and the page itself).

``--db`` times a copy of an existing database instead of a new one filled with the demo
data. Times are measured, not asserted. It uses only what the store has always offered,
so it can be run on an earlier checkout for a before/after comparison.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from vrp_metrics.catalogue import load_catalogue
from vrp_metrics.demo import load_demo
from vrp_metrics.metrics import measure_figures
from vrp_metrics.store import Store

REPO = Path(__file__).resolve().parent.parent
REVISION_SQL = "SELECT coalesce(max(revision), 0) FROM revision"
THREADS, READS_PER_THREAD = 8, 25


def _timed_ms(action: Callable[[], Any]) -> float:
    gc.collect()
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def _held_cursor(path: Path, runs: int) -> list[float]:
    con = duckdb.connect(str(path))
    try:

        def read() -> None:
            cur = con.cursor()
            cur.execute(REVISION_SQL).fetchall()
            cur.close()

        return [_timed_ms(read) for _ in range(runs)]
    finally:
        con.close()


def _open_read_close(path: Path) -> None:
    con = duckdb.connect(str(path))
    try:
        con.execute(REVISION_SQL).fetchall()
    finally:
        con.close()


def _threaded_revisions(store: Store) -> None:
    errors: list[BaseException] = []

    def reads() -> None:
        try:
            for _ in range(READS_PER_THREAD):
                _ = store.revision
        except BaseException as exc:  # noqa: BLE001 - reported after the threads join
            errors.append(exc)

    threads = [threading.Thread(target=reads) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"{len(errors)} thread(s) failed: {errors[0]!r}")


def _page_runs(path: Path, runs: int) -> list[float]:
    from streamlit.testing.v1 import AppTest

    # A page run outside a server warns that it has no script-run context, once per call.
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    os.environ["VRP_DB"] = str(path)

    def page() -> None:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
        at.run()
        assert not at.exception, [e.value for e in at.exception]

    page()  # fills the caches
    return [_timed_ms(page) for _ in range(runs)]


def measure(database: Path, runs: int) -> dict[str, list[float]]:
    """Each stage's times in milliseconds, on copies of ``database``."""
    catalogue = load_catalogue()
    results: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="vrp-bench-open-") as folder:
        bare, served = Path(folder) / "bare.duckdb", Path(folder) / "served.duckdb"
        shutil.copy(database, bare)
        shutil.copy(database, served)
        # DuckDB alone, with no other connection to the file open in this process (one
        # would keep the database instance alive and make opening look cheaper).
        results["duckdb: revision on a held connection's cursor"] = _held_cursor(bare, runs)
        results["duckdb: open + revision + close"] = [
            _timed_ms(lambda: _open_read_close(bare)) for _ in range(runs)
        ]
        store = Store(bare)
        try:
            results["Store.revision"] = [_timed_ms(lambda: store.revision) for _ in range(runs)]
            results["measure_figures"] = [
                _timed_ms(lambda: measure_figures(store, catalogue)) for _ in range(runs)
            ]
            results[f"{THREADS} threads x {READS_PER_THREAD} Store.revision"] = [
                _timed_ms(lambda: _threaded_revisions(store)) for _ in range(runs)
            ]
        finally:
            store.close()
        results["page run: overview (AppTest, warm)"] = _page_runs(served, runs)
    return results


def _demo_database(folder: Path) -> Path:
    path = folder / "demo.duckdb"
    store = Store(path)
    try:
        load_demo(store, load_catalogue())
    finally:
        store.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each stage (default 7)")
    parser.add_argument("--db", type=Path, help="time a copy of this database, not the demo")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vrp-bench-demo-") as folder:
        database = args.db or _demo_database(Path(folder))
        results = measure(database, args.runs)
    print(f"duckdb {duckdb.__version__}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")
    print(f"{'stage':<52} {'median':>9} {'min':>9} {'max':>9}  (ms, {args.runs} runs)")
    for stage, times in results.items():
        print(f"{stage:<52} {statistics.median(times):>9.2f} {min(times):>9.2f} {max(times):>9.2f}")


if __name__ == "__main__":
    main()
