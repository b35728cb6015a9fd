"""Commentary on a measure's figure for a period: every version kept, the latest shown."""

from __future__ import annotations

import duckdb
import pandas as pd

from vrp_metrics.sqlfiles import sql_file
from vrp_metrics.store.revisions import new_revision


def write_commentary(
    con: duckdb.DuckDBPyConnection, measure_code: str, period: str, body: str, author: str
) -> None:
    """Add a version inside the caller's write transaction (empty text clears it)."""
    revision, at = new_revision(con, "commentary", author, None)
    con.execute(
        "INSERT INTO commentary VALUES ($r, $m, $p, $body, $author, $at)",
        {
            "r": revision,
            "m": measure_code,
            "p": period,
            "body": body.strip(),
            "author": author,
            "at": at,
        },
    )


def latest_commentary(
    con: duckdb.DuckDBPyConnection, measure_code: str | None, period: str | None
) -> pd.DataFrame:
    """The latest non-empty commentary per measure and period, optionally for one of each."""
    return con.execute(
        sql_file("store/commentary.sql"), {"measure_code": measure_code, "period": period}
    ).df()
