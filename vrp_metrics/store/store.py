"""The DuckDB store: batches of accepted returns, with their history.

One DuckDB file holds everything. Each accepted file is one batch, loaded in one
transaction: a file with any error writes nothing, and a process killed mid-load leaves
the file as it was. Nothing is deleted: later batches replace what they cover (measure
rows by measure and period, readings by scale and quarter, tracker rows by quarter),
a batch can be withdrawn to restore what it replaced, and every change is a revision so
figures "as at" any earlier batch can be read back.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pandas as pd
import pyarrow as pa

from vrp_metrics.sqlfiles import sql_file, with_effective
from vrp_metrics.text import TextError, free_text, person_name

if TYPE_CHECKING:
    from vrp_metrics.returns.report import ValidationReport

SCHEMA_VERSION = 1
_MIGRATIONS = {1: "store/schema_v1.sql"}

_INSERT_ROWS = {
    "measure": """
        INSERT INTO measure_row
        SELECT $batch_id, measure_code, period, CAST(period_start AS DATE), period_type,
               value, numerator, denominator, cohort_size, comment, source_row
        FROM incoming""",
    "readings": """
        INSERT INTO reading
        SELECT $batch_id, participant_ref, scale, area, CAST(reading_date AS DATE), score,
               source_row
        FROM incoming""",
    "tracker": """
        INSERT INTO tracker_row
        SELECT $batch_id, data_source, agency, period, CAST(period_start AS DATE), rag_status,
               barrier, next_action, source_row
        FROM incoming""",
}
_INSERT_READING_COVER = """
    INSERT INTO reading_cover
    SELECT DISTINCT
        $batch_id, scale, CAST(date_trunc('quarter', CAST(reading_date AS DATE)) AS DATE)
    FROM incoming"""


class StoreError(RuntimeError):
    """A problem with the database the user can act on; the message says what to do."""


def _who(name: str) -> str:
    """The name a write is recorded under, checked as ``person_name`` checks it."""
    try:
        return person_name(name)
    except TextError as exc:
        raise StoreError(str(exc)) from exc


class StoreInUse(StoreError):
    """Another program holds the database file."""


@dataclass(frozen=True)
class LoadResult:
    batch_id: int
    status: str  # "loaded" or "unchanged"
    rows: int
    file_name: str


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreInUse(
                f"the database {path} is in use by another program — close that program "
                "(for example a dashboard or a load that is still running) and try again"
            ) from exc
        raise StoreError(f"cannot open the database {path}: {exc}") from exc
    except duckdb.Error as exc:
        raise StoreError(
            f"cannot open the database {path}: it is not a DuckDB database this program "
            f"can read ({exc})"
        ) from exc


class Store:
    """A VRP metrics database. One per process; use :meth:`cursor` per thread or run."""

    def __init__(self, path: str | Path, *, read_only: bool = False, create: bool = True) -> None:
        """Open the database at ``path``; a missing file is created unless ``read_only``
        is set or ``create`` is false (for commands that only make sense on data that is
        already there, so a mistyped path is refused rather than made into a new file)."""
        self.path = Path(path)
        if (read_only or not create) and not self.path.exists():
            raise StoreError(
                f"there is no database at {self.path}: check the file name, or load returns "
                "into it first (python -m vrp_metrics load) or fill it with the demo data "
                "(python -m vrp_metrics demo)"
            )
        self.read_only = read_only
        self._con = _connect(self.path, read_only)
        self._write_lock = threading.Lock()
        try:
            self._refuse_foreign_tables()
            if not read_only:
                self._migrate()
            self._check_version()
        except BaseException:
            self._con.close()
            raise

    # -- lifecycle ----------------------------------------------------------------
    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own for one thread or one page run."""
        return self._con.cursor()

    def _schema_version(self, cur: duckdb.DuckDBPyConnection) -> int:
        exists = cur.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchall()[0][0]
        if not exists:
            return 0
        return int(cur.execute("SELECT max(version) FROM schema_version").fetchall()[0][0])

    def _refuse_foreign_tables(self) -> None:
        """Refuse a DuckDB file of another program before anything is written to it.

        A file without a ``schema_version`` table but with tables of its own was not made
        here: migrating it would collide with (or add to) that program's tables.
        """
        cur = self.cursor()
        try:
            if self._schema_version(cur) > 0:
                return
            tables = cur.execute(
                "SELECT count(*) FROM information_schema.tables"
                " WHERE table_catalog = current_database()"
            ).fetchall()[0][0]
        finally:
            cur.close()
        if tables:
            raise StoreError(
                f"the file {self.path} is not a VRP dashboard database (it has tables of "
                "another program) — use a new file name, or the file of an existing VRP "
                "dashboard database"
            )

    def _migrate(self) -> None:
        cur = self.cursor()
        try:
            version = self._schema_version(cur)
            if version >= SCHEMA_VERSION:
                return
            cur.begin()
            if version == 0:
                cur.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
            for step in range(version + 1, SCHEMA_VERSION + 1):
                cur.execute(sql_file(_MIGRATIONS[step]))
                cur.execute("INSERT INTO schema_version VALUES ($v)", {"v": step})
            cur.commit()
        finally:
            cur.close()

    def _check_version(self) -> None:
        cur = self.cursor()
        try:
            version = self._schema_version(cur)
        finally:
            cur.close()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the database {self.path} was made by a newer release (schema {version}); "
                "upgrade this program to open it"
            )
        if version == 0:
            # Only a read-only open gets here (any other is migrated): an empty file.
            raise StoreError(
                f"the database {self.path} holds no VRP data yet: load returns into it first "
                "(python -m vrp_metrics load) or fill it with the demo data "
                "(python -m vrp_metrics demo)"
            )
        if version < SCHEMA_VERSION:
            raise StoreError(
                f"the database {self.path} has an older schema ({version}); open it once "
                "without read-only to upgrade it"
            )

    # -- reading ------------------------------------------------------------------
    def query(self, relative_sql: str, params: dict | None = None) -> pd.DataFrame:
        """Run a named query file with the in-force CTEs; ``as_at`` defaults to now."""
        cur = self.cursor()
        try:
            return cur.execute(with_effective(relative_sql), {"as_at": None, **(params or {})}).df()
        finally:
            cur.close()

    @property
    def revision(self) -> int:
        """The store's change counter: it grows with every load, withdrawal or commentary."""
        cur = self.cursor()
        try:
            return int(
                cur.execute("SELECT coalesce(max(revision), 0) FROM revision").fetchall()[0][0]
            )
        finally:
            cur.close()

    def is_empty(self) -> bool:
        cur = self.cursor()
        try:
            return cur.execute("SELECT count(*) FROM batch").fetchall()[0][0] == 0
        finally:
            cur.close()

    def revision_of_batch(self, batch_id: int) -> int:
        """The revision at which a batch was loaded (to read figures "as at" it)."""
        cur = self.cursor()
        try:
            found = cur.execute(
                "SELECT loaded_revision FROM batch WHERE batch_id = $b", {"b": batch_id}
            ).fetchall()
        finally:
            cur.close()
        if not found:
            raise StoreError(f"there is no batch {batch_id}")
        return int(found[0][0])

    def batches(self) -> pd.DataFrame:
        """Every batch, newest first: who, when, file, kind, rows, what it replaced."""
        return self.query("store/batches.sql")

    # -- writing ------------------------------------------------------------------
    @contextlib.contextmanager
    def _write_transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One writer at a time, in one transaction: committed on success, else rolled back."""
        if self.read_only:
            raise StoreError(f"the database {self.path} is open read-only")
        with self._write_lock:
            cur = self.cursor()
            try:
                cur.begin()
                yield cur
                cur.commit()
            except BaseException:
                with contextlib.suppress(duckdb.Error):
                    cur.rollback()
                raise
            finally:
                cur.close()

    def _new_revision(
        self, cur: duckdb.DuckDBPyConnection, action: str, by: str, batch_id: int | None
    ) -> tuple[int, dt.datetime]:
        # Numbers come from max + 1 under the write lock rather than a sequence, so a
        # rolled-back preview leaves no gap in the batch and revision numbers users see.
        revision = int(
            cur.execute("SELECT coalesce(max(revision), 0) + 1 FROM revision").fetchall()[0][0]
        )
        now = _now()
        cur.execute(
            "INSERT INTO revision VALUES ($r, $a, $b, $by, $at)",
            {"r": revision, "a": action, "b": batch_id, "by": by, "at": now},
        )
        return revision, now

    def _unchanged_batch(self, cur: duckdb.DuckDBPyConnection, sha256: str) -> int | None:
        """An identical file still fully in force, if there is one."""
        found = cur.execute(
            with_effective("store/same_file.sql"), {"as_at": None, "sha256": sha256}
        ).fetchall()
        if not found or found[0][0] is None:
            return None
        batch_id = int(found[0][0])
        superseded = cur.execute(
            with_effective("store/superseded.sql"), {"as_at": None, "batch_id": batch_id}
        ).fetchall()[0][0]
        return batch_id if superseded == 0 else None

    def _insert_batch(
        self,
        cur: duckdb.DuckDBPyConnection,
        report: ValidationReport,
        by: str,
        on_stage: Callable[[str], None] | None,
    ) -> int:
        batch_id = int(
            cur.execute("SELECT coalesce(max(batch_id), 0) + 1 FROM batch").fetchall()[0][0]
        )
        revision, now = self._new_revision(cur, "load", by, batch_id)
        data = report.data
        assert data is not None
        cur.execute(
            "INSERT INTO batch VALUES ($id, $file, $sha, $kind, $by, $at, $rev, $rows, $loaded,"
            " NULL, NULL, NULL)",
            {
                "id": batch_id,
                "file": Path(report.file).name,
                "sha": report.sha256,
                "kind": str(report.kind),
                "by": by,
                "at": now,
                "rev": revision,
                "rows": report.rows,
                "loaded": len(data),
            },
        )
        if on_stage:
            on_stage("batch-recorded")
        kind = str(report.kind)
        # DuckDB scans an Arrow table faster than the same rows as a pandas frame.
        cur.register("incoming", pa.Table.from_pandas(data, preserve_index=False))
        try:
            cur.execute(_INSERT_ROWS[kind], {"batch_id": batch_id})
            if kind == "readings":
                cur.execute(_INSERT_READING_COVER, {"batch_id": batch_id})
        finally:
            cur.unregister("incoming")
        if on_stage:
            on_stage("rows-inserted")
        return batch_id

    def load(
        self,
        report: ValidationReport,
        *,
        by: str = "unknown",
        on_stage: Callable[[str], None] | None = None,
    ) -> LoadResult:
        """Load a valid file as one batch, atomically.

        An identical file that is still fully in force changes nothing and returns the
        earlier batch with status ``unchanged``. ``on_stage`` is called with the name of
        each step inside the transaction (for progress reporting).
        """
        if not report.ok or report.data is None:
            raise StoreError(f"{report.file} has errors and cannot be loaded")
        by = _who(by)
        name = Path(report.file).name
        with self._write_transaction() as cur:
            existing = self._unchanged_batch(cur, report.sha256)
            if existing is not None:
                return LoadResult(existing, "unchanged", 0, name)
            batch_id = self._insert_batch(cur, report, by, on_stage)
        return LoadResult(batch_id, "loaded", len(report.data), name)

    @contextlib.contextmanager
    def trial_load(self, report: ValidationReport) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor that sees the file loaded; everything is rolled back on exit.

        Used to preview what a file would change without writing anything.
        """
        if not report.ok or report.data is None:
            raise StoreError(f"{report.file} has errors and cannot be previewed")
        with self._write_lock:
            cur = self.cursor()
            try:
                cur.begin()
                self._insert_batch(cur, report, "preview", None)
                yield cur
            finally:
                with contextlib.suppress(duckdb.Error):
                    cur.rollback()
                cur.close()

    def withdraw(self, batch_id: int, *, by: str = "unknown") -> None:
        """Withdraw a batch: its figures stop counting and what it replaced is restored."""
        by = _who(by)
        with self._write_transaction() as cur:
            found = cur.execute(
                "SELECT withdrawn_at FROM batch WHERE batch_id = $b", {"b": batch_id}
            ).fetchall()
            if not found:
                raise StoreError(f"there is no batch {batch_id}")
            if found[0][0] is not None:
                raise StoreError(f"batch {batch_id} was already withdrawn on {found[0][0]}")
            revision, now = self._new_revision(cur, "withdraw", by, batch_id)
            cur.execute(
                "UPDATE batch SET withdrawn_revision = $r, withdrawn_at = $at,"
                " withdrawn_by = $by WHERE batch_id = $b",
                {"r": revision, "at": now, "by": by, "b": batch_id},
            )

    # -- commentary ---------------------------------------------------------------
    def add_commentary(self, measure_code: str, period: str, body: str, *, author: str) -> None:
        """Write or edit the commentary on a measure for a period (earlier versions kept).

        ``author`` is checked as a person's name; the text is kept as ``free_text`` has it.
        """
        author = _who(author)
        with self._write_transaction() as cur:
            revision, now = self._new_revision(cur, "commentary", author, None)
            cur.execute(
                "INSERT INTO commentary VALUES ($r, $m, $p, $body, $author, $at)",
                {
                    "r": revision,
                    "m": measure_code,
                    "p": period,
                    "body": free_text(body),
                    "author": author,
                    "at": now,
                },
            )

    def commentary(
        self, *, measure_code: str | None = None, period: str | None = None
    ) -> pd.DataFrame:
        """The latest commentary per measure and period (empty text means it was cleared)."""
        cur = self.cursor()
        try:
            return cur.execute(
                sql_file("store/commentary.sql"), {"measure_code": measure_code, "period": period}
            ).df()
        finally:
            cur.close()
