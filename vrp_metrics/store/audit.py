"""The audit log: who did what, when, to what, and whether it was done or refused.

Entries are only ever appended (DESIGN §7). A write appends its entry inside its own
transaction, so the change and its record stand or fall together; a refused write appends
its entry on its own (nothing else is written). Times are UTC.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import duckdb
import pandas as pd

from vrp_metrics.access import ActingUser

AUDIT_FIELDS = ["at", "actor", "roles", "action", "object", "outcome", "detail"]
"""The fields of an entry as ``python -m vrp_metrics audit`` gives them (DESIGN §5)."""


class Outcome(StrEnum):
    DONE = "done"
    REFUSED = "refused"


def utc_now() -> dt.datetime:
    """The time of an entry: UTC, to the microsecond, without a zone (DuckDB TIMESTAMP)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def append(
    con: duckdb.DuckDBPyConnection,
    user: ActingUser,
    action: str,
    object_: str,
    outcome: Outcome = Outcome.DONE,
    detail: str = "",
    *,
    before: str | None = None,
    after: str | None = None,
) -> int:
    """Append one entry inside the caller's transaction; its number."""
    entry = int(con.execute("SELECT coalesce(max(entry), 0) + 1 FROM audit_entry").fetchall()[0][0])
    con.execute(
        "INSERT INTO audit_entry VALUES ($entry, $at, $actor, $roles, $action, $object,"
        " $outcome, $detail, $before, $after)",
        {
            "entry": entry,
            "at": utc_now(),
            "actor": user.identity,
            "roles": ",".join(user.role_names()),
            "action": str(action),
            "object": object_,
            "outcome": str(outcome),
            "detail": detail,
            "before": before,
            "after": after,
        },
    )
    return entry


def entries(
    con: duckdb.DuckDBPyConnection,
    *,
    actor: str | None = None,
    action: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> pd.DataFrame:
    """Audit entries, oldest first, optionally for one actor, one action and a date range
    (``until`` inclusive); ``at`` is UTC. Edits carry ``before_text`` and ``after_text``."""
    return con.execute(
        """
        SELECT entry, "at", actor, roles, action, object, outcome, detail,
               before_text, after_text
        FROM audit_entry
        WHERE ($actor IS NULL OR lower(actor) = lower($actor))
          AND ($action IS NULL OR action = $action)
          AND ($since IS NULL OR "at" >= CAST($since AS TIMESTAMP))
          AND ($until IS NULL OR "at" < CAST($until AS TIMESTAMP) + INTERVAL 1 DAY)
        ORDER BY entry
        """,
        {"actor": actor, "action": action, "since": since, "until": until},
    ).df()


def audit_table(log: pd.DataFrame) -> pd.DataFrame:
    """The log as the command line and downloads give it: ``AUDIT_FIELDS``, with ``at``
    as ISO 8601 text in UTC (``2026-12-02T16:40:03Z``)."""
    table = log[AUDIT_FIELDS].copy()
    table["at"] = [f"{at.isoformat(timespec='seconds')}Z" for at in log["at"]]
    return table
