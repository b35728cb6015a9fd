"""How fresh the figures are, on every page ("figures as at"), cached by the store's
change counter like the figures themselves."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard import state
from vrp_metrics import freshness
from vrp_metrics.store import StoreError


@st.cache_data(show_spinner=False, max_entries=8)
def _last_change(path: str, revision: int) -> dict[str, Any] | None:
    return freshness.last_change(state.store())


@st.cache_data(show_spinner=False, max_entries=8)
def _latest_returned(path: str, revision: int) -> pd.DataFrame:
    return freshness.latest_returned(state.store(), state.catalogue())


def latest_returned() -> pd.DataFrame:
    """Per measure, the latest period its provider has returned
    (``freshness.latest_returned``)."""
    s = state.store()
    return _latest_returned(str(s.path), s.revision)


def latest_period_line(code: str) -> str:
    """ "Latest period returned by No Limits: 2026/27 Q2." for a measure."""
    rows = latest_returned()
    row = rows[rows["measure_code"] == code].iloc[0]
    latest = row["latest_period"] or "none yet"
    return f"Latest period returned by {row['provider']}: {latest}."


def figures_as_at() -> None:
    """A line at the top of every page: when the data last changed (a load, a withdrawal
    or a commentary)."""
    s = state.store()
    try:
        change = _last_change(str(s.path), s.revision)
    except StoreError:
        return  # the page itself says the database cannot be read
    st.caption(freshness.last_change_text(change))
