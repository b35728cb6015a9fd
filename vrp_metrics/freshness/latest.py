"""When the figures last changed, and the latest period each measure's provider returned.

"Figures as at" for the board: a load, a withdrawal or a commentary changes what the
pages show, so the store's latest revision is when the data last changed. A measure's
latest period is the newest period in force among its sources: its own return rows,
the outcome readings of its scale (and area), and, for the tracker measure, the data
tracker returns.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from vrp_metrics import periods
from vrp_metrics.catalogue import Catalogue, Kind, Measure
from vrp_metrics.sqlfiles import sql_file
from vrp_metrics.store import Store

FRESHNESS_COLUMNS: tuple[str, ...] = ("measure_code", "provider", "latest_period")
"""Columns of :func:`latest_returned`; ``latest_period`` is None when nothing is in."""

_ACTIONS = {
    "load": "a return loaded",
    "withdraw": "a return withdrawn",
    "commentary": "a commentary",
}


def last_change(store: Store) -> dict[str, Any] | None:
    """The store's latest change: ``revision``, ``action`` (load, withdraw, commentary)
    and ``done_at`` (local time to the second); None for a store never written to."""
    with store.cursor() as cur:
        rows = cur.raw.execute(sql_file("freshness/last_change.sql")).fetchall()
    if not rows:
        return None
    revision, action, done_at = rows[0]
    return {"revision": int(revision), "action": str(action), "done_at": done_at}


def last_change_text(change: dict[str, Any] | None) -> str:
    """ "Figures as at 2 December 2026, 16:20 (last change: a return loaded)." in words."""
    if change is None:
        return "No figures have been loaded yet."
    at: dt.datetime = pd.Timestamp(change["done_at"]).to_pydatetime()
    what = _ACTIONS.get(change["action"], change["action"])
    return f"Figures as at {at.day} {at:%B %Y, %H:%M} (last change: {what})."


def _sources(store: Store) -> pd.DataFrame:
    return store.query("freshness/latest_period.sql")


def _candidates(measure: Measure, sources: pd.DataFrame) -> list[pd.Period]:
    """Every latest period in force for a measure's sources."""
    own = sources[(sources["source"] == "measure") & (sources["name"] == measure.code)]
    found = [
        periods.from_start(row.period_start, quarterly=row.period_type == "quarter")
        for row in own.itertuples()
    ]
    if measure.scale is not None:
        readings = sources[(sources["source"] == "readings") & (sources["name"] == measure.scale)]
        if measure.area is not None:
            readings = readings[readings["area"] == measure.area]
        found += [periods.from_start(s, quarterly=True) for s in readings["period_start"]]
    if measure.kind is Kind.tracker_green_pct:
        tracker = sources[sources["source"] == "tracker"]
        found += [periods.from_start(s, quarterly=True) for s in tracker["period_start"]]
    return found


def latest_returned(store: Store, catalogue: Catalogue) -> pd.DataFrame:
    """Per measure, in catalogue order, the latest period its provider has returned.

    A year and a quarter compare by their end: the later end wins, so a 2025/26 return
    is later than 2025/26 Q3 and earlier than 2026/27 Q1. Columns:
    :data:`FRESHNESS_COLUMNS`.
    """
    sources = _sources(store)
    rows = []
    for measure in catalogue.measures:
        found = _candidates(measure, sources)
        latest = max(found, key=periods.end_date, default=None)
        rows.append(
            {
                "measure_code": measure.code,
                "provider": measure.provider,
                "latest_period": None if latest is None else periods.format_period(latest),
            }
        )
    frame = pd.DataFrame(rows, columns=list(FRESHNESS_COLUMNS), dtype=object)
    # None, not NaN, where nothing is in: "or" and "is None" read it as missing.
    return frame.astype(object).where(frame.notna(), None)
