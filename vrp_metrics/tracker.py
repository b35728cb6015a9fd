"""The Partnership Data Tracker: each data source's RAG status by quarter, and the
barriers and next actions behind them (rows in force, SQL in ``tracker.sql``).

The status of a source is the Red / Amber / Green the DAWG gives it in the tracker
return; measure 3.1.1.a (the share of sources that are green) is worked out with the
other figures, in ``metrics/figures.sql``.
"""

from __future__ import annotations

import pandas as pd

from vrp_metrics import periods
from vrp_metrics.reporting.formatting import MISSING, rag_text
from vrp_metrics.store import Store

#: The measure worked out from the tracker: the percentage of data sources that are green.
TRACKER_MEASURE = "3.1.1.a"

ACTION_COLUMNS = [
    "data_source",
    "agency",
    "period",
    "rag_status",
    "status",
    "barrier",
    "next_action",
]

_SEVERITY = {"red": 0, "amber": 1, "green": 2}


def tracker_rows(store: Store, period: str | None = None) -> pd.DataFrame:
    """The tracker rows in force, every quarter or one (``period``, a quarter)."""
    start = None
    if period is not None:
        start = periods.start_date(periods.parse_period(period))
    return store.query("tracker.sql", {"period_start": start})


def tracker_grid(store: Store) -> pd.DataFrame:
    """Data sources × quarters: one row per data source (``data_source``, its latest
    ``agency``), one column per quarter with a tracker return, oldest first, holding the
    status as symbol and word (``● Green``, ``◆ Amber``, ``■ Red``), or ``—`` where the
    source was not listed that quarter. Rows are ordered by agency, then data source.
    Empty (no rows, no quarter columns) when no tracker return is in force."""
    rows = tracker_rows(store)
    if rows.empty:
        return pd.DataFrame(columns=["data_source", "agency"])
    quarters = list(dict.fromkeys(rows.sort_values("period_start")["period"]))
    latest = rows.sort_values("period_start").groupby("data_source")["agency"].last()
    status = rows.assign(status=rows["rag_status"].map(rag_text)).pivot(
        index="data_source", columns="period", values="status"
    )
    grid = status.reindex(columns=quarters).fillna(MISSING)
    grid.insert(0, "agency", latest.reindex(grid.index))
    grid = grid.reset_index().sort_values(["agency", "data_source"], key=_casefold)
    grid.columns.name = None
    return grid.reset_index(drop=True)


def _casefold(column: pd.Series) -> pd.Series:
    return column.str.casefold()


def tracker_quarters(store: Store) -> list[str]:
    """The quarters with a tracker return in force, newest first."""
    rows = tracker_rows(store)
    ordered = rows.sort_values("period_start", ascending=False)["period"]
    return list(dict.fromkeys(ordered))


def tracker_quarter(store: Store, period: str) -> str | None:
    """The tracker quarter that stands for ``period``: the quarter itself if it has a
    tracker return; for a financial year, its latest quarter with one (as 3.1.1.a's
    year figure takes it). ``None`` when there is none."""
    parsed = periods.parse_period(period)
    quarters = tracker_quarters(store)
    if periods.is_quarter(parsed):
        label = periods.format_period(parsed)
        return label if label in quarters else None
    within = {periods.format_period(q) for q in periods.quarters_of(parsed)}
    return next((q for q in quarters if q in within), None)


def tracker_actions(store: Store, period: str) -> pd.DataFrame:
    """The barriers and next actions of a quarter (or of a year's latest tracker
    quarter): every source that is not green, or has a barrier or next action given,
    red first, then amber, then green; within a status by agency and data source.

    Columns: ``ACTION_COLUMNS`` — ``rag_status`` is ``red`` / ``amber`` / ``green`` and
    ``status`` its symbol and word. Empty when the period has no tracker return.
    """
    quarter = tracker_quarter(store, period)
    if quarter is None:
        return pd.DataFrame(columns=ACTION_COLUMNS)
    rows = tracker_rows(store, quarter)
    noted = rows["barrier"].notna() | rows["next_action"].notna()
    rows = rows[(rows["rag_status"] != "green") | noted]
    rows = rows.assign(
        status=rows["rag_status"].map(rag_text),
        severity=rows["rag_status"].map(_SEVERITY),
        agency_key=rows["agency"].str.casefold(),
        source_key=rows["data_source"].str.casefold(),
    ).sort_values(["severity", "agency_key", "source_key"])
    return rows[ACTION_COLUMNS].reset_index(drop=True)


def latest_data_sources(store: Store) -> list[tuple[str, str]]:
    """The (data source, agency) pairs of the latest tracker quarter, in its order: the
    rows to pre-fill next quarter's tracker template with."""
    quarters = tracker_quarters(store)
    if not quarters:
        return []
    rows = tracker_rows(store, quarters[0])
    return list(rows[["data_source", "agency"]].itertuples(index=False, name=None))
