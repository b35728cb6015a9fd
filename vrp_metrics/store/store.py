"""The DuckDB store: batches of accepted returns, with their history.

One DuckDB file holds everything. Each accepted file is one batch, loaded in one
transaction: a file with any error writes nothing, and a process killed mid-load leaves
the file as it was. Nothing is deleted: later batches replace what they cover (measure
rows by measure and period, readings by scale and quarter, tracker rows by quarter),
a batch can be withdrawn to restore what it replaced, and every change is a revision so
figures "as at" any earlier batch can be read back.

The store holds no connection between operations: each read and each write opens the
file, does its work and closes it (``connection.py``), so the dashboard, the command
line and several loads can share one file, each waiting its turn. Writes of one process
are serialised by a lock per file, each in one transaction.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from vrp_metrics import periods
from vrp_metrics.access import ActingUser, Action, NotAllowed, may, refusal
from vrp_metrics.sqlfiles import with_effective
from vrp_metrics.store import audit
from vrp_metrics.store.batches import (
    LoadResult,
    insert_batch,
    loaded_revision,
    unchanged_batch,
    withdraw_batch,
)
from vrp_metrics.store.commentary import latest_commentary, write_commentary
from vrp_metrics.store.connection import (
    SHORT_WAIT_SECONDS,
    Connection,
    StoreError,
    open_connection,
)
from vrp_metrics.store.key_updates import (
    key_updates_object,
    latest_key_updates,
    write_key_updates,
)
from vrp_metrics.store.revisions import current_revision
from vrp_metrics.store.schema import SCHEMA_VERSION, prepare
from vrp_metrics.text import TextError, free_text, person_name

if TYPE_CHECKING:
    from vrp_metrics.returns.report import ValidationReport

__all__ = ["SCHEMA_VERSION", "LoadResult", "Store"]

_write_locks: dict[Path, threading.Lock] = {}
_write_locks_guard = threading.Lock()


def _who(name: str) -> str:
    """The name a write is recorded under, checked as ``person_name`` checks it."""
    try:
        return person_name(name)
    except TextError as exc:
        raise StoreError(str(exc)) from exc


def _write_lock(path: Path) -> threading.Lock:
    """This process's lock for writing to ``path``, whichever store object writes."""
    key = path.resolve()
    with _write_locks_guard:
        return _write_locks.setdefault(key, threading.Lock())


class Store:
    """A VRP metrics database file. Safe to share between threads and processes."""

    def __init__(
        self,
        path: str | Path,
        *,
        read_only: bool = False,
        create: bool = True,
        wait: float = SHORT_WAIT_SECONDS,
        on_wait: Callable[[], None] | None = None,
    ) -> None:
        """The database at ``path``, its schema made or upgraded (unless ``read_only``)
        and checked now, then closed again.

        A missing file is created unless ``read_only`` is set or ``create`` is false (for
        commands that only make sense on data that is already there, so a mistyped path
        is refused rather than made into a new file). While another program holds the
        file, each operation waits up to ``wait`` seconds, then raises ``StoreBusy``;
        ``on_wait`` is called when an operation starts waiting.
        """
        self.path = Path(path)
        if (read_only or not create) and not self.path.exists():
            raise StoreError(
                f"there is no database at {self.path}: check the file name, or load returns "
                "into it first (python -m vrp_metrics load) or fill it with the demo data "
                "(python -m vrp_metrics demo)"
            )
        self.read_only = read_only
        self.wait = wait
        self._on_wait = on_wait
        self._write_lock = _write_lock(self.path)
        lock = self._write_lock if not read_only else contextlib.nullcontext()
        with lock, self._connection() as con:
            prepare(con, self.path, read_only=read_only)

    # -- lifecycle ----------------------------------------------------------------
    def close(self) -> None:
        """Nothing to release: the store holds no connection between operations."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def cursor(self) -> Connection:
        """A connection of its own, opened now; close it when done
        (``with store.cursor() as cur: …``). Waits its turn while another program holds
        the file."""
        return open_connection(
            self.path, read_only=self.read_only, wait=self.wait, on_wait=self._on_wait
        )

    @contextlib.contextmanager
    def _connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self.cursor() as con:
            yield con.raw

    # -- reading ------------------------------------------------------------------
    def query(self, relative_sql: str, params: dict | None = None) -> pd.DataFrame:
        """Run a named query file with the in-force CTEs; ``as_at`` defaults to now."""
        with self._connection() as cur:
            return cur.execute(with_effective(relative_sql), {"as_at": None, **(params or {})}).df()

    @property
    def revision(self) -> int:
        """The store's change counter: it grows with every load, withdrawal or commentary."""
        with self._connection() as cur:
            return current_revision(cur)

    def is_empty(self) -> bool:
        with self._connection() as cur:
            return cur.execute("SELECT count(*) FROM batch").fetchall()[0][0] == 0

    def revision_of_batch(self, batch_id: int) -> int:
        """The revision at which a batch was loaded (to read figures "as at" it)."""
        with self._connection() as cur:
            return loaded_revision(cur, batch_id)

    def batches(self) -> pd.DataFrame:
        """Every batch, newest first: who, when, file, kind, rows, what it replaced."""
        return self.query("store/batches.sql")

    def commentary(
        self, *, measure_code: str | None = None, period: str | None = None
    ) -> pd.DataFrame:
        """The latest commentary per measure and period (empty text means it was cleared)."""
        with self._connection() as cur:
            return latest_commentary(cur, measure_code, period)

    def key_updates(self, group: str | None = None, period: str | None = None) -> pd.DataFrame:
        """The latest key updates and decisions per working group and period (a group
        whose latest text is empty has none), optionally for one group or period."""
        with self._connection() as cur:
            return latest_key_updates(cur, group, period)

    def audit_log(self, **filters: object) -> pd.DataFrame:
        """Audit entries, oldest first (filters as :func:`vrp_metrics.store.audit.entries`)."""
        with self._connection() as cur:
            return audit.entries(cur, **filters)  # type: ignore[arg-type]

    # -- writing ------------------------------------------------------------------
    def record(
        self,
        user: ActingUser,
        action: Action | str,
        object_: str,
        outcome: audit.Outcome = audit.Outcome.DONE,
        detail: str = "",
    ) -> None:
        """Append an audit entry for something that changes nothing else (a sign-in, a
        download of a pack or an export)."""
        with self._write_transaction() as cur:
            audit.append(cur, user, action, object_, outcome, detail)

    def check(
        self, user: ActingUser, action: Action, object_: str, group: str | None = None
    ) -> None:
        """Refuse what ``user``'s roles do not allow: an audit entry saying so, then
        :class:`NotAllowed`. Every write calls this before it changes anything."""
        if may(user, action, group):
            return
        reason = refusal(user, action, group)
        self.record(user, action, object_, audit.Outcome.REFUSED, reason)
        raise NotAllowed(reason)

    @contextlib.contextmanager
    def _write_transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One writer at a time, in one transaction: committed on success, else rolled back."""
        if self.read_only:
            raise StoreError(f"the database {self.path} is open read-only")
        with self._write_lock, self._connection() as cur:
            cur.begin()
            try:
                yield cur
                cur.commit()
            except BaseException:
                with contextlib.suppress(duckdb.Error):
                    cur.rollback()
                raise

    def load(
        self,
        report: ValidationReport,
        *,
        user: ActingUser,
        on_stage: Callable[[str], None] | None = None,
        action: Action = Action.LOAD,
        group: str | None = None,
    ) -> LoadResult:
        """Load a valid file as one batch, atomically, with its audit entry.

        ``user``'s roles must allow loading (else an audit entry and ``NotAllowed``). An
        identical file that is still fully in force changes nothing and returns the
        earlier batch with status ``unchanged``. ``on_stage`` is called with the name of
        each step inside the transaction (for progress reporting). A working group's
        record written from its page is ``action`` ``RECORDS`` for ``group``: its chairs
        may write it too.
        """
        if not report.ok or report.data is None:
            raise StoreError(f"{report.file} has errors and cannot be loaded")
        name = Path(report.file).name
        self.check(user, action, name, group)
        by = _who(user.identity)
        facts = f"sha256 {report.sha256}"
        with self._write_transaction() as cur:
            existing = unchanged_batch(cur, report.sha256)
            if existing is not None:
                audit.append(
                    cur,
                    user,
                    action,
                    f"batch {existing} ({name})",
                    detail=f"{facts}; unchanged: identical to batch {existing}, in force",
                )
                return LoadResult(existing, "unchanged", 0, name)
            batch_id = insert_batch(cur, report, by, on_stage)
            audit.append(
                cur,
                user,
                action,
                f"batch {batch_id} ({name})",
                detail=f"{facts}; {report.kind} return, {len(report.data)} rows loaded",
            )
        return LoadResult(batch_id, "loaded", len(report.data), name)

    @contextlib.contextmanager
    def trial_load(self, report: ValidationReport) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection that sees the file loaded; everything is rolled back on exit.

        Used to preview what a file would change without writing anything.
        """
        if not report.ok or report.data is None:
            raise StoreError(f"{report.file} has errors and cannot be previewed")
        with self._write_lock, self._connection() as cur:
            cur.begin()
            try:
                insert_batch(cur, report, "preview", None)
                yield cur
            finally:
                with contextlib.suppress(duckdb.Error):
                    cur.rollback()

    def withdraw(self, batch_id: int, *, user: ActingUser) -> None:
        """Withdraw a batch: its figures stop counting and what it replaced is restored.

        ``user``'s roles must allow it (else an audit entry and ``NotAllowed``)."""
        self.check(user, Action.WITHDRAW, f"batch {batch_id}")
        by = _who(user.identity)
        with self._write_transaction() as cur:
            name = withdraw_batch(cur, batch_id, by)
            audit.append(cur, user, Action.WITHDRAW, f"batch {batch_id} ({name})")

    def add_commentary(
        self, measure_code: str, period: str, body: str, *, user: ActingUser, group: str
    ) -> None:
        """Write or edit the commentary on a measure for a period (earlier versions kept).

        ``group`` is the working group that owns the measure (from the catalogue): its
        chairs and admins may write. The text is kept as ``free_text`` has it; the audit
        entry holds the text before and after.
        """
        where = f"{measure_code} {period}"
        self.check(user, Action.COMMENTARY, where, group)
        author = _who(user.identity)
        text = free_text(body).strip()
        with self._write_transaction() as cur:
            before = latest_commentary(cur, measure_code, period)
            old = str(before["body"].iloc[0]) if len(before) else ""
            write_commentary(cur, measure_code, period, text, author)
            audit.append(
                cur,
                user,
                Action.COMMENTARY,
                where,
                detail="cleared" if not text else "changed" if old else "written",
                before=old,
                after=text,
            )

    def write_key_updates(self, group: str, period: str, body: str, *, user: ActingUser) -> None:
        """Write or edit a working group's key updates and decisions for a period (the
        chair's text to the SVRP; earlier versions kept, empty text clears it).

        Chairs of ``group`` and admins may; anyone else is refused with an audit entry.
        The save is audited with the text before and after, and is a new revision.
        """
        period = periods.canonical(period)
        self.check(user, Action.KEY_UPDATES, key_updates_object(group, period), group)
        with self._write_transaction() as cur:
            write_key_updates(cur, group, period, free_text(body), user)
