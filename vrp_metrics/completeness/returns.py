"""Expected vs received returns per provider and period."""

from __future__ import annotations

import pandas as pd

from vrp_metrics import periods
from vrp_metrics.catalogue import Catalogue
from vrp_metrics.metrics import catalogue_frame
from vrp_metrics.sqlfiles import with_effective
from vrp_metrics.store import Store


def expected_returns(store: Store, catalogue: Catalogue) -> pd.DataFrame:
    """One row per measure and period owed: provider, return_name, measure_code, period,
    period_start, period_type and whether it was ``received``."""
    cur = store.cursor()
    try:
        cur.register("catalogue_measure", catalogue_frame(catalogue))
        frame = cur.execute(with_effective("completeness/expected.sql"), {"as_at": None}).df()
    finally:
        cur.close()
    frame["period"] = [
        periods.format_period(periods.from_start(start, quarterly=ptype == "quarter"))
        for start, ptype in zip(frame["period_start"], frame["period_type"], strict=True)
    ]
    frame["received"] = frame["received"].astype(bool)
    return frame


def missing_returns(store: Store, catalogue: Catalogue, period: str) -> pd.DataFrame:
    """The measures whose return has not arrived for ``period`` (a quarter or a year).

    For a year, a quarterly measure is missing if any quarter of the year is missing.
    Columns: provider, return_name, measure_code, title, period.
    """
    parsed = periods.parse_period(period)
    owed = expected_returns(store, catalogue)
    if periods.is_quarter(parsed):
        wanted = owed["period"] == periods.format_period(parsed)
    else:
        year = periods.format_period(parsed)
        quarters = {periods.format_period(q) for q in periods.quarters_of(parsed)}
        wanted = (owed["period"] == year) | owed["period"].isin(quarters)
    missing = owed[wanted & ~owed["received"]]
    missing = missing.assign(title=[catalogue.measure(c).title for c in missing["measure_code"]])
    columns = ["provider", "return_name", "measure_code", "title", "period"]
    return missing[columns].drop_duplicates().reset_index(drop=True)


def completeness_by_provider(store: Store, catalogue: Catalogue) -> pd.DataFrame:
    """Per provider and period: how many measures were expected and how many received."""
    owed = expected_returns(store, catalogue)
    grouped = owed.groupby(["provider", "period", "period_start"], as_index=False).agg(
        expected=("received", "size"), received=("received", "sum")
    )
    grouped["received"] = grouped["received"].astype(int)
    return grouped.sort_values(["provider", "period_start"]).reset_index(drop=True)
