"""The store the page benchmark times the dashboard on: ten years of returns, loaded as
partners send them (the benchmark itself is run by hand, see benchmarks/README.md)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from benchmarks.generate import QUARTERS, YEARS
from benchmarks.page_store import LOADED_BY, build_store
from vrp_metrics.catalogue import Frequency, Kind, load_catalogue

ROWS = 2_000


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("page_store")
    return build_store(folder / "pages.duckdb", rows=ROWS, out_dir=folder / "returns")


def _one(db: Path, sql: str) -> tuple:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchone()


def test_the_store_holds_the_readings_and_one_return_a_quarter(built) -> None:
    # 2016/17 Q1 to 2026/27 Q2 is 10 years and 2 quarters: 42 quarters.
    assert len(QUARTERS) == 42
    assert (built.readings, built.measure_batches, built.tracker_batches) == (ROWS, 42, 42)
    assert _one(built.path, "SELECT count(*) FROM reading") == (ROWS,)
    # One readings return, 42 measure returns and 42 tracker returns, none withdrawn.
    assert _one(
        built.path,
        "SELECT count(*), count(DISTINCT loaded_by), min(loaded_by), "
        "count(withdrawn_revision) FROM batch",
    ) == (85, 1, LOADED_BY, 0)


def test_every_count_and_percentage_measure_has_a_figure_for_each_period(built) -> None:
    measures = [m for m in load_catalogue().measures if m.kind in (Kind.count, Kind.percentage)]
    # A quarterly measure has one row a quarter (42), an annual one a row a year (10).
    expected = sum(
        len(YEARS) if m.frequency is Frequency.annual else len(QUARTERS) for m in measures
    )
    assert _one(built.path, "SELECT count(*) FROM measure_row") == (expected,)
    # 20 data sources in each of the 42 quarters.
    assert _one(built.path, "SELECT count(*) FROM tracker_row") == (20 * 42,)


def test_the_store_is_built_only_in_a_new_file(built) -> None:
    with pytest.raises(FileExistsError):
        build_store(built.path, rows=ROWS)
