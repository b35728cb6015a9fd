"""Batches: each accepted file is one, loaded whole; a batch can be withdrawn.

The functions here run inside the caller's write transaction (``Store.load``,
``Store.trial_load``, ``Store.withdraw``), so a file either loads whole or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from vrp_metrics.sqlfiles import with_effective
from vrp_metrics.store.connection import StoreError
from vrp_metrics.store.revisions import new_revision

if TYPE_CHECKING:
    from vrp_metrics.returns.report import ValidationReport

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
    "meeting": """
        INSERT INTO meeting_row
        SELECT $batch_id, group_code, CAST(meeting_date AS DATE), format, host_agency, agency,
               attendance, source_row
        FROM incoming""",
    "actions": """
        INSERT INTO action_row
        SELECT $batch_id, group_code, action_ref, CAST(raised_on AS DATE), action, owner_agency,
               CAST(due_date AS DATE), status, CAST(closed_on AS DATE), serves, source_row
        FROM incoming""",
    "crest": """
        INSERT INTO crest_row
        SELECT $batch_id, group_code, recommendation, status, CAST(as_of AS DATE), evidence,
               source_row
        FROM incoming""",
}
_INSERT_READING_COVER = """
    INSERT INTO reading_cover
    SELECT DISTINCT
        $batch_id, scale, CAST(date_trunc('quarter', CAST(reading_date AS DATE)) AS DATE)
    FROM incoming"""


@dataclass(frozen=True)
class LoadResult:
    batch_id: int
    status: str  # "loaded" or "unchanged"
    rows: int
    file_name: str


def unchanged_batch(con: duckdb.DuckDBPyConnection, sha256: str) -> int | None:
    """An identical file still fully in force, if there is one."""
    found = con.execute(
        with_effective("store/same_file.sql"), {"as_at": None, "sha256": sha256}
    ).fetchall()
    if not found or found[0][0] is None:
        return None
    batch_id = int(found[0][0])
    superseded = con.execute(
        with_effective("store/superseded.sql"), {"as_at": None, "batch_id": batch_id}
    ).fetchall()[0][0]
    return batch_id if superseded == 0 else None


def insert_batch(
    con: duckdb.DuckDBPyConnection,
    report: ValidationReport,
    by: str,
    on_stage: Callable[[str], None] | None,
) -> int:
    """Record a valid file as a new batch with its rows; its batch id."""
    batch_id = int(con.execute("SELECT coalesce(max(batch_id), 0) + 1 FROM batch").fetchall()[0][0])
    revision, at = new_revision(con, "load", by, batch_id)
    data = report.data
    assert data is not None
    con.execute(
        "INSERT INTO batch VALUES ($id, $file, $sha, $kind, $by, $at, $rev, $rows, $loaded,"
        " NULL, NULL, NULL)",
        {
            "id": batch_id,
            "file": Path(report.file).name,
            "sha": report.sha256,
            "kind": str(report.kind),
            "by": by,
            "at": at,
            "rev": revision,
            "rows": report.rows,
            "loaded": len(data),
        },
    )
    if on_stage:
        on_stage("batch-recorded")
    kind = str(report.kind)
    # DuckDB scans an Arrow table faster than the same rows as a pandas frame.
    con.register("incoming", pa.Table.from_pandas(data, preserve_index=False))
    try:
        con.execute(_INSERT_ROWS[kind], {"batch_id": batch_id})
        if kind == "readings":
            con.execute(_INSERT_READING_COVER, {"batch_id": batch_id})
    finally:
        con.unregister("incoming")
    if on_stage:
        on_stage("rows-inserted")
    return batch_id


def withdraw_batch(con: duckdb.DuckDBPyConnection, batch_id: int, by: str) -> str:
    """Mark a batch withdrawn; its file name. A batch that does not exist or is
    withdrawn is refused."""
    found = con.execute(
        "SELECT withdrawn_at, file_name FROM batch WHERE batch_id = $b", {"b": batch_id}
    ).fetchall()
    if not found:
        raise StoreError(f"there is no batch {batch_id}")
    if found[0][0] is not None:
        raise StoreError(f"batch {batch_id} was already withdrawn on {found[0][0]}")
    revision, at = new_revision(con, "withdraw", by, batch_id)
    con.execute(
        "UPDATE batch SET withdrawn_revision = $r, withdrawn_at = $at,"
        " withdrawn_by = $by WHERE batch_id = $b",
        {"r": revision, "at": at, "by": by, "b": batch_id},
    )
    return str(found[0][1])


def loaded_revision(con: duckdb.DuckDBPyConnection, batch_id: int) -> int:
    """The revision at which a batch was loaded (to read figures "as at" it)."""
    found = con.execute(
        "SELECT loaded_revision FROM batch WHERE batch_id = $b", {"b": batch_id}
    ).fetchall()
    if not found:
        raise StoreError(f"there is no batch {batch_id}")
    return int(found[0][0])
