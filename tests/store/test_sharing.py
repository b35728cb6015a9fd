"""One database file shared by threads and programs.

The store holds no connection between operations, so another program can use the file
as soon as an operation ends; an operation that finds the file held waits its turn, and
says clearly that the database is busy if it is held for longer than it waits.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from tests.store.holding import held
from tests.store.test_store import measure_report
from vrp_metrics.access import local_user
from vrp_metrics.catalogue import load_catalogue
from vrp_metrics.cli import main
from vrp_metrics.metrics import measure_figures
from vrp_metrics.store import Store, StoreBusy

REPO = Path(__file__).resolve().parents[2]
CATALOGUE_FILE = Path(__file__).with_name("catalogue.toml")
CATALOGUE = load_catalogue(CATALOGUE_FILE)
BUSY = "the database is busy — another load is running; try again in a moment"


def cli(*args: str, wait: float | None = None) -> subprocess.Popen[str]:
    """``python -m vrp_metrics`` with the small test catalogue, started (not awaited);
    ``wait`` sets how many seconds it waits for a database another program holds."""
    env = dict(os.environ)
    env.pop("VRP_DB_WAIT", None)
    if wait is not None:
        env["VRP_DB_WAIT"] = str(wait)
    return subprocess.Popen(
        [sys.executable, "-m", "vrp_metrics", "--catalogue", str(CATALOGUE_FILE), *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=180)
    return proc.returncode, out, err


def measure_file(folder: Path, name: str, period: str, value: int) -> Path:
    path = folder / name
    path.write_text(f"measure_code,period,value\n5.3.1.a,{period},{value}\n", encoding="utf-8")
    return path


def read_write_connection_open(path: Path) -> bool:
    """Whether this process has a read-write connection to ``path`` open: DuckDB refuses
    a read-only connection to a file this process has open read-write."""
    try:
        duckdb.connect(str(path), read_only=True).close()
    except duckdb.ConnectionException as exc:
        assert "different configuration" in str(exc)
        return True
    return False


def test_no_connection_is_left_open_after_any_operation(tmp_path: Path) -> None:
    path = tmp_path / "vrp.duckdb"
    store = Store(path)
    with store.cursor():
        assert read_write_connection_open(path)  # the check can see an open connection
    assert not read_write_connection_open(path)
    report = measure_report("a.csv", [("5.3.1.a", "2024/25 Q1", 12)])
    operations = {
        "load": lambda: store.load(report, user=local_user("Ann")),
        "revision": lambda: store.revision,
        "batches": store.batches,
        "figures": lambda: measure_figures(store, CATALOGUE),
        "figures as at": lambda: measure_figures(store, CATALOGUE, as_at_batch=1),
        "commentary written": lambda: store.add_commentary(
            "5.3.1.a", "2024/25 Q1", "Up", user=local_user("C"), group="IEO"
        ),
        "commentary read": store.commentary,
        "is empty": store.is_empty,
        "withdraw": lambda: store.withdraw(1, user=local_user("Ann")),
    }
    for name, operation in operations.items():
        operation()
        assert not read_write_connection_open(path), name
    with store.trial_load(report):
        pass
    assert not read_write_connection_open(path)
    with pytest.raises(ValueError), store.trial_load(report):
        raise ValueError("a preview that fails")
    assert not read_write_connection_open(path)


def test_measures_runs_from_another_program_just_after_this_one_used_the_store(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "vrp.duckdb")
    store.load(measure_report("a.csv", [("5.3.1.a", "2024/25 Q1", 12)]), user=local_user("Ann"))
    assert store.revision == 1  # this process has just read it, and keeps its store
    code, out, err = finished(cli("measures", "--db", str(store.path), "--period", "2024/25 Q1"))
    assert (code, err) == (0, "")
    assert out.splitlines()[1].startswith("5.3.1.a,2024/25 Q1,12.0,")


def test_reads_from_several_threads_at_once_while_another_thread_loads(tmp_path: Path) -> None:
    store = Store(tmp_path / "vrp.duckdb")
    store.load(measure_report("base.csv", [("5.3.1.a", "2015/16 Q1", 12)]), user=local_user("test"))
    failures: list[BaseException] = []
    seen: list[list[int]] = []

    def read() -> None:
        revisions: list[int] = []
        try:
            for _ in range(10):
                revisions.append(store.revision)
                figures = measure_figures(store, CATALOGUE)
                base = figures[figures["period"] == "2015/16 Q1"]["value"].tolist()
                assert base == [12.0]
                assert len(store.batches()) >= 1
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            failures.append(exc)
        seen.append(revisions)

    def load() -> None:
        try:
            for i in range(6):
                period = f"20{16 + i}/{17 + i} Q1"
                store.load(
                    measure_report(f"q{i}.csv", [("5.3.1.a", period, i)]), user=local_user("test")
                )
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            failures.append(exc)

    threads = [threading.Thread(target=read) for _ in range(6)] + [threading.Thread(target=load)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(seen) == 6
    for revisions in seen:
        assert revisions == sorted(revisions) and revisions[0] >= 1 and revisions[-1] <= 7
    assert store.revision == 7 and len(store.batches()) == 7


def test_many_short_reads_from_several_threads_at_once(tmp_path: Path) -> None:
    # Each read opens the file and closes it: threads keep opening it while another
    # thread's read, the file's last connection, is closing it.
    store = Store(tmp_path / "vrp.duckdb")
    store.load(measure_report("base.csv", [("5.3.1.a", "2015/16 Q1", 12)]), user=local_user("test"))
    failures: list[BaseException] = []
    read: list[int] = []

    def reads() -> None:
        try:
            read.extend(store.revision for _ in range(100))
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            failures.append(exc)

    threads = [threading.Thread(target=reads) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert read == [1] * 800


def test_eight_loads_started_together_all_land(tmp_path: Path) -> None:
    db = tmp_path / "new.duckdb"  # not there yet: the first load to get the file makes it
    files = [
        measure_file(tmp_path, f"q{i}.csv", f"20{17 + i}/{18 + i} Q1", 10 + i) for i in range(8)
    ]
    loads = [
        cli("load", "--db", str(db), str(file), "--by", f"analyst {i}")
        for i, file in enumerate(files)
    ]
    results = [finished(load) for load in loads]
    for code, out, err in results:
        assert code == 0, err
        assert "Traceback" not in err
        assert out.startswith("LOADED ")
    code, out, err = finished(cli("history", "--db", str(db)))
    assert code == 0, err
    rows = out.splitlines()[1:]
    assert len(rows) == 8
    assert sorted(row.split(",")[0] for row in rows) == [str(i) for i in range(1, 9)]
    assert sorted(row.split(",")[1] for row in rows) == sorted(f.name for f in files)
    with Store(db, read_only=True) as store:
        figures = measure_figures(store, CATALOGUE)
    quarters = figures[figures["period_type"] == "quarter"].sort_values("period")
    assert quarters["value"].tolist() == [float(10 + i) for i in range(8)]


def test_a_load_waits_its_turn_while_another_program_holds_the_database(tmp_path: Path) -> None:
    db = tmp_path / "vrp.duckdb"
    Store(db)
    file = measure_file(tmp_path, "q1.csv", "2024/25 Q1", 12)
    with held(db) as holder:
        load = cli("load", "--db", str(db), str(file))
        assert load.stderr is not None
        waiting = load.stderr.readline()
        # The load is waiting: the other program lets go of the file (it ends).
        holder.kill()
        code, out, err = finished(load)
    assert (
        waiting == f"waiting for the database {db}: another program is using it (for up to 60 s)\n"
    )
    assert (code, err) == (0, "")
    assert out.startswith(f"LOADED {file} as batch 1")
    assert Store(db).revision == 1


def test_a_database_held_for_longer_than_the_wait_is_busy_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    db = tmp_path / "vrp.duckdb"
    store = Store(db, wait=0.5)
    file = measure_file(tmp_path, "q1.csv", "2024/25 Q1", 12)
    with held(db):
        with pytest.raises(StoreBusy, match=f"^{BUSY} \\(waited 0.5 s\\)$"):
            _ = store.revision
        with pytest.raises(StoreBusy, match=BUSY):
            Store(db, wait=0.2)
        for args in (["load", "--db", str(db), str(file)], ["measures", "--db", str(db)]):
            code, out, err = finished(cli(*args, wait=1))
            assert code == 1, args
            assert err.splitlines()[-1] == f"error: {BUSY} (waited 1 s)"
            assert "Traceback" not in err and out == ""
    assert store.revision == 0 and store.is_empty()


def test_a_wait_that_is_not_a_number_is_refused_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "vrp.duckdb"
    monkeypatch.setenv("VRP_DB_WAIT", "soon")
    assert main(["--catalogue", str(CATALOGUE_FILE), "demo", "--db", str(db)]) == 1
    assert capsys.readouterr().err == "error: VRP_DB_WAIT must be a number of seconds, not 'soon'\n"
    assert not db.exists()
