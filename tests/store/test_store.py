"""The DuckDB store: batches, re-submission, withdrawal, history, and reliability."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from vrp_metrics.access import local_user
from vrp_metrics.catalogue import load_catalogue
from vrp_metrics.metrics import measure_figures
from vrp_metrics.returns.report import ReturnKind, ValidationReport
from vrp_metrics.store import Store, StoreError
from vrp_metrics.store.store import SCHEMA_VERSION

REPO = Path(__file__).resolve().parents[2]
CATALOGUE = load_catalogue()


def measure_report(name: str, rows: list[tuple[str, str, float]]) -> ValidationReport:
    """A valid count return, built directly (the validator has its own tests)."""
    frame = pd.DataFrame(
        {
            "measure_code": [r[0] for r in rows],
            "period": [r[1] for r in rows],
            "period_start": pd.to_datetime(
                [pd.Period(f"{int(r[1][:4]) + 1}Q{r[1][-1]}", "Q-MAR").start_time for r in rows]
            ),
            "period_type": ["quarter"] * len(rows),
            "value": [float(r[2]) for r in rows],
            "numerator": pd.array([None] * len(rows), dtype="Int64"),
            "denominator": pd.array([None] * len(rows), dtype="Int64"),
            "cohort_size": pd.array([None] * len(rows), dtype="Int64"),
            "comment": [None] * len(rows),
            "source_row": list(range(2, len(rows) + 2)),
        }
    )
    digest = hashlib.sha256(repr((name, rows)).encode()).hexdigest()
    return ValidationReport(
        file=name, kind=ReturnKind.measure, rows=len(rows), sha256=digest, data=frame
    )


def value_of(store: Store, code: str, period: str, as_at: int | None = None) -> float | None:
    figures = measure_figures(store, CATALOGUE, as_at_batch=as_at)
    row = figures[(figures["measure_code"] == code) & (figures["period"] == period)]
    return None if row.empty else float(row["value"].iloc[0])


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "vrp.duckdb") as s:
        yield s


def test_new_database_gets_the_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    assert con.execute("SELECT max(version) FROM schema_version").fetchall()[0][0] == SCHEMA_VERSION
    con.close()


def test_database_from_a_newer_release_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "newer.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version VALUES (99)")
    con.close()
    with pytest.raises(StoreError, match="newer release"):
        Store(path)


def test_read_only_open_of_a_missing_file_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="demo"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_a_missing_file_is_not_created_when_creating_is_off(tmp_path: Path) -> None:
    path = tmp_path / "mistyped.duckdb"
    with pytest.raises(StoreError, match="there is no database at .*check the file name"):
        Store(path, create=False)
    assert not path.exists()


def test_read_only_open_of_an_empty_file_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "empty.duckdb"
    duckdb.connect(str(path)).close()
    with pytest.raises(StoreError, match="no VRP data yet.*demo"):
        Store(path, read_only=True)


@pytest.mark.parametrize("read_only", [False, True], ids=["read-write", "read-only"])
def test_a_database_of_another_program_is_refused_and_left_alone(
    tmp_path: Path, read_only: bool
) -> None:
    path = tmp_path / "theirs.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE batch (id INTEGER)")
    con.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a VRP dashboard database.*use a new file name"):
        Store(path, read_only=read_only)
    assert path.read_bytes() == before
    con = duckdb.connect(str(path), read_only=True)
    tables = con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    con.close()
    assert tables == [("batch",)]


def test_a_batch_records_file_who_when_and_rows(store: Store) -> None:
    before = dt.datetime.now().replace(microsecond=0)
    result = store.load(
        measure_report("rock_pool.csv", [("5.3.1.a", "2024/25 Q1", 12)]), user=local_user("Ann")
    )
    after = dt.datetime.now()
    assert result.status == "loaded"
    batch = store.batches().iloc[0]
    assert (batch["batch_id"], batch["file_name"], batch["kind"], batch["loaded_by"]) == (
        result.batch_id,
        "rock_pool.csv",
        "measure",
        "Ann",
    )
    assert (batch["rows_in_file"], batch["rows_loaded"], len(batch["sha256"])) == (1, 1, 64)
    assert before <= batch["loaded_at"].to_pydatetime() <= after


def test_identical_file_twice_changes_nothing(store: Store) -> None:
    report = measure_report("a.csv", [("5.3.1.a", "2024/25 Q1", 12)])
    first = store.load(report, user=local_user("test"))
    revision = store.revision
    second = store.load(report, user=local_user("test"))
    assert (second.status, second.batch_id) == ("unchanged", first.batch_id)
    assert store.revision == revision and len(store.batches()) == 1


def test_identical_file_after_a_replacement_loads_again(store: Store) -> None:
    old = measure_report("a.csv", [("5.3.1.a", "2024/25 Q1", 12)])
    store.load(old, user=local_user("test"))
    store.load(measure_report("b.csv", [("5.3.1.a", "2024/25 Q1", 15)]), user=local_user("test"))
    assert store.load(old, user=local_user("test")).status == "loaded"
    assert value_of(store, "5.3.1.a", "2024/25 Q1") == 12


def test_replacement_keeps_history_and_as_at_reads_it_back(store: Store) -> None:
    first = store.load(
        measure_report("v1.csv", [("5.3.1.a", "2024/25 Q1", 10)]), user=local_user("test")
    )
    second = store.load(
        measure_report("v2.csv", [("5.3.1.a", "2024/25 Q1", 20)]), user=local_user("test")
    )
    assert value_of(store, "5.3.1.a", "2024/25 Q1") == 20
    assert value_of(store, "5.3.1.a", "2024/25 Q1", as_at=first.batch_id) == 10
    batches = store.batches().set_index("batch_id")
    assert list(batches.loc[second.batch_id, "replaced_batches"]) == [first.batch_id]


def test_withdrawal_restores_and_history_still_shows_it(store: Store) -> None:
    first = store.load(
        measure_report("v1.csv", [("5.3.1.a", "2024/25 Q1", 10)]), user=local_user("test")
    )
    second = store.load(
        measure_report("v2.csv", [("5.3.1.a", "2024/25 Q1", 20)]), user=local_user("test")
    )
    store.withdraw(second.batch_id, user=local_user("Ann"))
    assert value_of(store, "5.3.1.a", "2024/25 Q1") == 10
    # as at the withdrawn batch, its figure was in force
    assert value_of(store, "5.3.1.a", "2024/25 Q1", as_at=second.batch_id) == 20
    batches = store.batches().set_index("batch_id")
    assert not batches.loc[second.batch_id, "in_force"]
    assert batches.loc[second.batch_id, "withdrawn_by"] == "Ann"
    assert batches.loc[first.batch_id, "in_force"]
    with pytest.raises(StoreError, match="already withdrawn"):
        store.withdraw(second.batch_id, user=local_user("test"))
    with pytest.raises(StoreError, match="no batch 99"):
        store.withdraw(99, user=local_user("test"))


def test_a_report_with_errors_cannot_be_loaded(store: Store) -> None:
    bad = ValidationReport(file="bad.csv", kind=ReturnKind.measure, rows=1, sha256="x")
    bad.errors.append(object())  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="has errors"):
        store.load(bad, user=local_user("test"))
    assert store.is_empty()


def test_trial_load_writes_nothing(store: Store) -> None:
    report = measure_report("a.csv", [("5.3.1.a", "2024/25 Q1", 12)])
    with store.trial_load(report) as cur:
        assert cur.execute("SELECT count(*) FROM measure_row").fetchall()[0][0] == 1
    assert store.is_empty() and store.revision == 0


def test_a_preview_leaves_no_gap_in_batch_numbers(store: Store) -> None:
    report = measure_report("a.csv", [("5.3.1.a", "2024/25 Q1", 12)])
    with store.trial_load(report):
        pass
    result = store.load(report, user=local_user("test"))
    assert (result.batch_id, store.revision) == (1, 1)


def test_commentary_latest_version_wins_and_history_is_kept(store: Store) -> None:
    store.add_commentary(
        "5.3.1.a", "2024/25 Q1", "First draft", user=local_user("Chair"), group="IEO"
    )
    store.add_commentary(
        "5.3.1.a",
        "2024/25 Q1",
        "Sessions rose after training",
        user=local_user("Chair"),
        group="IEO",
    )
    latest = store.commentary(measure_code="5.3.1.a")
    assert latest["body"].tolist() == ["Sessions rose after training"]
    cur = store.cursor()
    assert cur.execute("SELECT count(*) FROM commentary").fetchall()[0][0] == 2
    cur.close()


def test_loads_from_several_threads_lose_nothing(store: Store) -> None:
    reports = [
        measure_report(f"q{i}.csv", [("5.3.1.a", f"20{10 + i}/{11 + i} Q1", i)]) for i in range(12)
    ]
    errors: list[BaseException] = []

    def load(report: ValidationReport) -> None:
        try:
            store.load(report, user=local_user("thread"))
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=load, args=(r,)) for r in reports]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(store.batches()["batch_id"]) == list(range(1, 13))
    figures = measure_figures(store, CATALOGUE)
    quarters = figures[
        (figures["measure_code"] == "5.3.1.a") & (figures["period_type"] == "quarter")
    ]
    assert sorted(quarters["value"]) == list(range(12))


KILL_SCRIPT = textwrap.dedent(
    """
    import sys, time
    import pandas as pd
    from vrp_metrics.returns.report import ReturnKind, ValidationReport
    from vrp_metrics.access import local_user
    from vrp_metrics.store import Store

    path, stage_to_stop = sys.argv[1], sys.argv[2]
    n = 200_000
    frame = pd.DataFrame({
        "participant_ref": [f"P{i % 5000:05d}" for i in range(n)],
        "scale": "RESET Outcomes Star",
        "area": "Offending",
        "reading_date": pd.Timestamp("2024-04-01") + pd.to_timedelta(
            [i // 5000 for i in range(n)], unit="D"),
        "score": [float(1 + i % 10) for i in range(n)],
        "source_row": range(2, n + 2),
    })
    report = ValidationReport(file="big.csv", kind=ReturnKind.readings, rows=n,
                              sha256="big", data=frame)
    store = Store(path)

    def stage(name):
        if name == stage_to_stop:
            print("stopped inside the load", flush=True)
            time.sleep(120)

    store.load(report, user=local_user("killed"), on_stage=stage)
    print("finished", flush=True)
    """
)


@pytest.mark.parametrize("stage", ["batch-recorded", "rows-inserted"])
def test_a_load_killed_midway_leaves_the_figures_as_before(tmp_path: Path, stage: str) -> None:
    path = tmp_path / "vrp.duckdb"
    with Store(path) as store:
        store.load(
            measure_report("a.csv", [("5.3.1.a", "2024/25 Q1", 12)]), user=local_user("test")
        )
        before = measure_figures(store, CATALOGUE)
        batches_before = len(store.batches())
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(path), stage],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "stopped inside the load"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with Store(path) as store:
        after = measure_figures(store, CATALOGUE)
        assert len(store.batches()) == batches_before
        cur = store.cursor()
        assert cur.execute("SELECT count(*) FROM reading").fetchall()[0][0] == 0
        cur.close()
    pd.testing.assert_frame_equal(before, after)
