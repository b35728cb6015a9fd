"""A store at the size of ten years of returns, for timing the dashboard's pages.

    python -m benchmarks.page_store --db benchmarks/output/pages_1000000.duckdb [--rows 1000000]

Builds a new database file holding what ten years of partner returns would leave in it,
loaded the way every return is (``validate_file``, then ``Store.load``):

- one outcome readings return of ``--rows`` readings, 2016/17 Q1 – 2026/27 Q2 (the
  readings file of ``benchmarks.generate``: RESET Outcomes Star, A&E Navigators pain
  scale, RESET Crime Harm Index);
- a measure return for every quarter 2016/17 Q1 – 2026/27 Q2, each with every count and
  percentage measure of the catalogue for that quarter (the annual measures in the
  return of each year's fourth quarter): 42 batches;
- a data tracker return for every quarter: 42 batches.

The rows are those of ``benchmarks.generate`` (seeded, synthetic: the same seed and row
count give the same store), cut into one file per quarter as partners send them. No
commentary is written.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from benchmarks.generate import DEFAULT_OUT, DEFAULT_ROWS, DEFAULT_SEED, QUARTERS, generate
from vrp_metrics import periods
from vrp_metrics.access import system_user
from vrp_metrics.catalogue import Catalogue, load_catalogue
from vrp_metrics.returns.validate import validate_file
from vrp_metrics.store import Store, StoreError

LOADED_BY = "Benchmark Loader"


@dataclass(frozen=True)
class PageStore:
    path: Path
    readings: int
    measure_batches: int
    tracker_batches: int


def _quarterly_files(source: Path, out_dir: Path, stem: str) -> list[Path]:
    """Cut a ten-year return into one file per quarter; a year's rows go with its Q4."""
    rows = pd.read_csv(source, dtype=str, keep_default_na=False)
    quarter_of_year = {
        periods.format_period(periods.financial_year_of(q)): periods.format_period(q)
        for q in QUARTERS
        if periods.format_period(q).endswith(" Q4")
    }
    when = rows["period"].map(lambda p: quarter_of_year.get(p, p))
    files = []
    for number, quarter in enumerate(periods.format_period(q) for q in QUARTERS):
        part = rows[when == quarter]
        if part.empty:
            continue
        path = out_dir / f"{stem}_{number:02d}_{quarter.replace('/', '-').replace(' ', '_')}.csv"
        part.to_csv(path, index=False, lineterminator="\n")
        files.append(path)
    return files


def _load(store: Store, path: Path, catalogue: Catalogue) -> None:
    report = validate_file(path, catalogue)
    if not report.ok:
        first = report.errors[0]
        raise StoreError(f"{path.name} does not validate: row {first.row}: {first.message}")
    store.load(report, user=system_user(LOADED_BY))


def build_store(
    db: Path,
    *,
    rows: int = DEFAULT_ROWS,
    seed: int = DEFAULT_SEED,
    out_dir: Path = DEFAULT_OUT,
    catalogue: Catalogue | None = None,
) -> PageStore:
    """Write the returns and load them into a new store at ``db`` (which must not exist)."""
    catalogue = catalogue or load_catalogue()
    db = Path(db)
    if db.exists():
        raise FileExistsError(f"{db} exists: the store is built in a new file")
    files = generate(out_dir, rows=rows, seed=seed, catalogue=catalogue)
    with tempfile.TemporaryDirectory(prefix="vrp-quarters-") as tmp:
        measures = _quarterly_files(files.measures, Path(tmp), "measures")
        tracker = _quarterly_files(files.tracker, Path(tmp), "tracker")
        with Store(db) as store:
            _load(store, files.readings, catalogue)
            for path in measures + tracker:
                _load(store, path, catalogue)
    return PageStore(db, rows, len(measures), len(tracker))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.page_store",
        description="Build a store holding ten years of synthetic returns.",
    )
    parser.add_argument("--db", type=Path, required=True, help="new database file to write")
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="readings to load")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the returns")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    built = build_store(args.db, rows=args.rows, seed=args.seed, out_dir=args.out)
    print(
        f"{built.path}: {built.readings:,} readings, {built.measure_batches} measure returns, "
        f"{built.tracker_batches} tracker returns ({time.perf_counter() - start:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
