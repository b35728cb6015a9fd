"""Opening the database file for one operation, and waiting while another program holds it.

DuckDB lets one process at a time hold a database file: another process that opens it,
even read-only, is refused ("Could not set lock on file … Conflicting lock is held").
So the store opens the file for each operation and closes it after, and an open that
finds the file held tries again after a pause that doubles (with a random jitter, so
that programs waiting together do not retry in step) until the operation's wait runs
out; then it says that the database is busy.

Within one process DuckDB keeps one database instance per file for as long as any
connection to it is open, so operations running at once on several threads share it
and only the first pays for opening (30–60 ms here: see benchmarks/README.md). Closing the last
connection closes the instance, and while it does so (a checkpoint of the file) DuckDB
refuses to open the file again in this process ("Unique file handle conflict"); so the
store's connections are opened and closed one at a time per file in each process.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

SHORT_WAIT_SECONDS = 5.0
"""How long an operation waits, by default, for a file another program holds: a page run
waits no longer than this before saying the database is busy."""

QUEUE_WAIT_SECONDS = 60.0
"""How long a command of the command line waits its turn: loads started together queue
rather than refuse one another."""

BUSY_MESSAGE = "the database is busy — another load is running; try again in a moment"

_FIRST_PAUSE_SECONDS = 0.005
_LONGEST_PAUSE_SECONDS = 0.25


class StoreError(RuntimeError):
    """A problem with the database the user can act on; the message says what to do."""


class StoreBusy(StoreError):
    """Another program held the database file for longer than the operation waits."""


_gates: dict[Path, threading.Lock] = {}
_gates_guard = threading.Lock()


def _gate(path: Path) -> threading.Lock:
    """This process's lock for opening and closing connections to ``path``."""
    key = path.resolve()
    with _gates_guard:
        return _gates.setdefault(key, threading.Lock())


def unreadable(path: Path, exc: duckdb.IOException) -> StoreError:
    """The error for a file that fails part-way through an operation."""
    return StoreError(
        f"the database {path} could not be read or written ({exc}) — if the disk is full, "
        "free some space; if the file was copied, the copy may be incomplete: use a backup"
    )


class Connection:
    """One operation's connection: the DuckDB connection ``raw``, whose methods it
    offers, closed with :meth:`close` or at the end of a ``with`` block."""

    def __init__(self, raw: duckdb.DuckDBPyConnection, gate: threading.Lock, path: Path) -> None:
        self.raw = raw
        self.path = path
        self._gate = gate

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)

    def close(self) -> None:
        with self._gate:
            self.raw.close()

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, kind: object, exc: object, traceback: object) -> None:
        self.close()
        if isinstance(exc, duckdb.IOException):
            raise unreadable(self.path, exc) from exc


def _held_elsewhere(exc: duckdb.Error) -> bool:
    """Whether the open failed only because the file is in use at this moment."""
    text = str(exc)
    if isinstance(exc, duckdb.ResourceInUseException):
        # A connection opened outside the store, the file's last in this process, is
        # closing it at this moment ("Unique file handle conflict").
        return "Unique file handle conflict" in text
    if isinstance(exc, duckdb.IOException):
        # Another process holds the file's lock.
        return "Could not set lock" in text or "Conflicting lock" in text
    # In this process, a read-only and a read-write connection to one file cannot be
    # open at once; the other connection closes when its operation ends.
    return isinstance(exc, duckdb.ConnectionException) and "different configuration" in text


def _cannot_open(path: Path, exc: duckdb.Error) -> StoreError:
    if "in-memory database in read-only mode" in str(exc):
        # DuckDB opens an existing CSV, Parquet or JSON file as a table in memory.
        return StoreError(
            f"the file {path} is not a database but a data file (such as a CSV file) — "
            "give the database file (for example data/vrp.duckdb)"
        )
    if isinstance(exc, duckdb.IOException):
        return StoreError(f"cannot open the database {path}: {exc}")
    return StoreError(
        f"cannot open the database {path}: it is not a DuckDB database this program "
        f"can read ({exc})"
    )


def open_connection(
    path: Path,
    *,
    read_only: bool,
    wait: float,
    on_wait: Callable[[], None] | None = None,
) -> Connection:
    """A new connection to the database at ``path``; the caller closes it.

    While another program holds the file, tries again for up to ``wait`` seconds, then
    raises :class:`StoreBusy`. ``on_wait`` is called once, when the first try finds the
    file held (the command line uses it to say that it is waiting).
    """
    gate = _gate(path)
    deadline = time.monotonic() + wait
    pause = _FIRST_PAUSE_SECONDS
    told = False
    while True:
        try:
            with gate:
                return Connection(duckdb.connect(str(path), read_only=read_only), gate, path)
        except duckdb.Error as exc:
            if not _held_elsewhere(exc):
                raise _cannot_open(path, exc) from exc
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise StoreBusy(f"{BUSY_MESSAGE} (waited {wait:g} s)") from exc
            if on_wait is not None and not told:
                on_wait()
                told = True
            time.sleep(min(remaining, pause * random.uniform(0.5, 1.5)))
            pause = min(pause * 2, _LONGEST_PAUSE_SECONDS)
