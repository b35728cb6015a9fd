"""A working group's key updates and decisions for a period, raised by its chair to the
SVRP: every version kept, the latest shown (as commentary is)."""

from __future__ import annotations

import duckdb
import pandas as pd

from vrp_metrics.access import ActingUser, Action
from vrp_metrics.sqlfiles import sql_file
from vrp_metrics.store import audit
from vrp_metrics.store.revisions import new_revision

KEY_UPDATE_COLUMNS = ["working_group", "period", "body", "author", "author_name", "written_at"]


def key_updates_object(group: str, period: str) -> str:
    """How the audit log names a group's key updates: ``key updates DAWG 2025/26 Q1``."""
    return f"key updates {group} {period}"


def _current_body(con: duckdb.DuckDBPyConnection, group: str, period: str) -> str:
    found = con.execute(
        "SELECT body FROM key_update WHERE working_group = $g AND period = $p "
        "ORDER BY revision DESC LIMIT 1",
        {"g": group, "p": period},
    ).fetchall()
    return str(found[0][0]) if found else ""


def write_key_updates(
    con: duckdb.DuckDBPyConnection, group: str, period: str, body: str, user: ActingUser
) -> int:
    """Add a version inside the caller's write transaction (empty text clears it), with
    its audit entry (the text before and after); the new revision."""
    before = _current_body(con, group, period)
    after = body.strip()
    revision, at = new_revision(con, str(Action.KEY_UPDATES), user.identity, None)
    con.execute(
        "INSERT INTO key_update VALUES ($r, $g, $p, $body, $author, $name, $at)",
        {
            "r": revision,
            "g": group,
            "p": period,
            "body": after,
            "author": user.identity,
            "name": user.name,
            "at": at,
        },
    )
    audit.append(
        con,
        user,
        Action.KEY_UPDATES,
        key_updates_object(group, period),
        before=before,
        after=after,
    )
    return revision


def latest_key_updates(
    con: duckdb.DuckDBPyConnection, group: str | None, period: str | None
) -> pd.DataFrame:
    """The latest non-empty key updates per group and period, optionally for one of each.
    Columns: :data:`KEY_UPDATE_COLUMNS`."""
    return con.execute(
        sql_file("store/key_updates.sql"), {"working_group": group, "period": period}
    ).df()[KEY_UPDATE_COLUMNS]
