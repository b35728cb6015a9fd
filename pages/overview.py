"""Overview for the SVRP: RAG counts per strategic objective, every measure, missing returns."""

import streamlit as st

from dashboard import board, frame, records, state, widgets
from dashboard.board_table import board_table
from dashboard.downloads import file_stem
from dashboard.packs import pack_download

frame.require("pages/overview.py")

period = widgets.need_period()

st.title(f"Overview for {period}")
st.caption(
    "How every measure of the Outcomes Based Performance Framework stands for the period "
    "chosen in the sidebar, for the Strategic Violence Reduction Partnership (SVRP)."
)

pack_download("svrp", period)

st.header("Strategic objectives")
board.objective_counts(state.objective_counts(period))

st.header(f"Every measure for {period}")
commentary = state.commentary(period=period)
board_table(
    state.overview_table(period),
    commentary,
    caption=f"Every measure for {period}: figure, change, RAG, SPC and commentary",
    download=file_stem("vrp measures", period),
    key="overview-measures",
)
st.caption(
    "Select a code to open the measure's page, with its basis, comparator and SPC chart. "
    "Change is against the comparator period; pp = percentage points. SPC reads the "
    "quarterly series up to this period. The downloads hold every column."
)

st.header(f"Returns still missing for {period}")
board.missing_returns(state.missing_return_notes(period), period)

records.overview_records(state.store(), state.catalogue(), period)

st.divider()
st.markdown(
    "**What RAG means.** Each status says what it rests on. A measure with a target is "
    "rated against it. Without one, once its SPC chart has limits (7 quarters or more), "
    "the chart decides: an unusual move the good way is green, the bad way red, and no "
    "significant change amber — so the status and the SPC columns agree. Before that, the "
    "figure is compared with its comparator period (usually the quarter before): green has "
    "moved the good way, amber is within the tolerance, red has moved the bad way. "
    "*Not rated* means there is nothing to rate the figure against."
)
st.page_link(
    "pages/methodology.py",
    label="How the figures and RAG are worked out",
    icon=":material/menu_book:",
)
