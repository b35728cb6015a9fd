"""Returns due: each owed return falls due a set number of days after its period ends
(catalogue ``returns_due_days``, default 30), and is received (on time), late, due (not
yet, still in time) or overdue (not received, past its due date). The "to chase" list
gives each provider's missing returns with a ready-to-send message; nothing is sent
from the server (a ``mailto:`` link opens the user's own mail program).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pandas as pd

from vrp_metrics import periods
from vrp_metrics.catalogue import Catalogue
from vrp_metrics.completeness.returns import expected_returns
from vrp_metrics.metrics import catalogue_frame
from vrp_metrics.sqlfiles import with_effective
from vrp_metrics.store import Store

RECEIVED, LATE, DUE, OVERDUE = "received", "late", "due", "overdue"


def returns_due(
    store: Store, catalogue: Catalogue, *, today: dt.date | None = None
) -> pd.DataFrame:
    """``expected_returns`` with ``due_date``, ``received_at`` and ``status`` (received,
    late, due or overdue) on ``today``."""
    today = today or dt.date.today()
    owed = expected_returns(store, catalogue)
    if owed.empty:
        return owed.assign(due_date=[], received_at=[], status=[])
    kinds = catalogue_frame(catalogue)[["measure_code", "kind", "scale"]]
    table = owed[["measure_code", "period_type", "period_start"]].merge(kinds, on="measure_code")
    with store.cursor() as cur:
        cur.raw.register("owed", table)
        try:
            arrived = cur.raw.execute(
                with_effective("completeness/received_at.sql"), {"as_at": None}
            ).df()
        finally:
            cur.raw.unregister("owed")
    frame = owed.merge(arrived, on=["measure_code", "period_type", "period_start"], how="left")
    days = dt.timedelta(days=catalogue.returns_due_days)
    frame["due_date"] = [periods.end_date(periods.parse_period(p)) + days for p in frame["period"]]
    frame["status"] = [
        _status(received, at, due, today)
        for received, at, due in zip(
            frame["received"], frame["received_at"], frame["due_date"], strict=True
        )
    ]
    return frame


def _status(received: bool, at: object, due: dt.date, today: dt.date) -> str:
    if received:
        return LATE if pd.notna(at) and pd.Timestamp(at).date() > due else RECEIVED
    return OVERDUE if today > due else DUE


def to_chase(store: Store, catalogue: Catalogue, *, today: dt.date | None = None) -> pd.DataFrame:
    """Per provider with overdue returns: what is missing, a message to send, and a
    ``mailto:`` link with it (no address: the user chooses whom to write to)."""
    frame = returns_due(store, catalogue, today=today)
    overdue = frame[frame["status"] == OVERDUE]
    rows = []
    for provider, group in overdue.groupby("provider", sort=True):
        lines = [
            f"- {name} for {period} (due {due:%d/%m/%Y})"
            for (name, period, due) in (
                group[["return_name", "period", "due_date"]]
                .drop_duplicates()
                .itertuples(index=False)
            )
        ]
        subject = f"VRP returns overdue: {provider}"
        body = (
            f"Dear colleague,\n\nThe Violence Reduction Unit has not yet received these "
            f"returns from {provider}:\n\n" + "\n".join(lines) + "\n\nPlease send them, or "
            "tell us when to expect them.\n\nThank you,\nVRU performance team"
        )
        rows.append(
            {
                "provider": provider,
                "missing": len(lines),
                "message": body,
                "mailto": f"mailto:?subject={quote(subject)}&body={quote(body)}",
            }
        )
    return pd.DataFrame(rows, columns=["provider", "missing", "message", "mailto"])
