"""The store's change counter: every load, withdrawal or commentary is a new revision."""

from __future__ import annotations

import datetime as dt

import duckdb


def now() -> dt.datetime:
    """The local time to the second, as the history shows it."""
    return dt.datetime.now().replace(microsecond=0)


def current_revision(con: duckdb.DuckDBPyConnection) -> int:
    """The latest revision (0 for a database nothing has been written to)."""
    return int(con.execute("SELECT coalesce(max(revision), 0) FROM revision").fetchall()[0][0])


def new_revision(
    con: duckdb.DuckDBPyConnection, action: str, by: str, batch_id: int | None
) -> tuple[int, dt.datetime]:
    """Record a change inside the caller's write transaction: its number and time."""
    # Numbers come from max + 1 under the write lock rather than a sequence, so a
    # rolled-back preview leaves no gap in the batch and revision numbers users see.
    revision = current_revision(con) + 1
    at = now()
    con.execute(
        "INSERT INTO revision VALUES ($r, $a, $b, $by, $at)",
        {"r": revision, "a": action, "b": batch_id, "by": by, "at": at},
    )
    return revision, at
