"""How fresh the figures are, on every page ("figures as at"), read through the app's
cache by the store's change counter like the figures themselves."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import state
from vrp_metrics import freshness


def latest_returned() -> pd.DataFrame:
    """Per measure, the latest period its provider has returned
    (``freshness.latest_returned``)."""
    return state.cached("latest_returned")


def latest_period_line(code: str) -> str:
    """ "Latest period returned by No Limits: 2026/27 Q2." for a measure."""
    rows = latest_returned()
    row = rows[rows["measure_code"] == code].iloc[0]
    latest = row["latest_period"] or "none yet"
    return f"Latest period returned by {row['provider']}: {latest}."


def figures_as_at() -> None:
    """A line at the top of every page: when the data last changed (a load, a withdrawal
    or a commentary)."""
    st.caption(freshness.last_change_text(state.cached("last_change")))
