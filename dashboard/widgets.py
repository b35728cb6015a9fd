"""Small layout pieces every page shares: the demo banner, empty states, RAG words."""

from __future__ import annotations

import streamlit as st

from dashboard import state

DEMO_TEXT = (
    "**Synthetic demonstration data.** Every figure on this page is made up by the "
    "dashboard's demo generator: no real people, no real partner returns."
)


def demo_banner() -> None:
    """A banner on every page while the figures shown are the synthetic demo data."""
    if state.showing_demo_data():
        st.info(DEMO_TEXT, icon=":material/science:")


def empty_state(message: str) -> None:
    """Say what is missing and what to do, instead of a blank area."""
    st.info(message, icon=":material/info:")


def need_period() -> str:
    """The chosen period, or an explanation and a stop when there is no data at all."""
    period = state.selected_period()
    if period is None:
        empty_state("There are no figures yet. Upload partner returns on the Upload returns page.")
        st.stop()
    return period
