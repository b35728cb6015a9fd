"""Overview for the SVRP: RAG counts per strategic objective, every measure, missing returns."""

import streamlit as st

from dashboard import board, frame, records, state, tables, widgets
from dashboard.downloads import file_stem
from vrp_metrics import reporting
from vrp_metrics.completeness import missing_returns
from vrp_metrics.metrics import figures_for_period

frame.require("pages/overview.py")

period = widgets.need_period()
catalogue = state.catalogue()
figures = state.figures()
store = state.store()

st.title(f"Overview for {period}")
st.caption(
    "How every measure of the Outcomes Based Performance Framework stands for the period "
    "chosen in the sidebar, for the Strategic Violence Reduction Partnership (SVRP)."
)

st.header("Strategic objectives")
board.objective_counts(
    reporting.rag_counts(figures_for_period(figures, catalogue, period), catalogue, by="objective")
)

st.header(f"Every measure for {period}")
tables.measures_table(
    reporting.overview_table(figures, catalogue, period, store.commentary(period=period)),
    download=file_stem("vrp measures", period),
    key="overview-measures",
)
st.caption(
    "Select a code to open the measure's page. Change is against the comparator period; "
    "pp = percentage points. SPC columns read the quarterly series up to this period."
)

st.header(f"Returns still missing for {period}")
board.missing_returns(
    reporting.missing_return_notes(missing_returns(store, catalogue, period)), period
)

records.overview_records(store, catalogue, period)

st.divider()
st.markdown(
    "**What RAG means.** Green, amber and red compare each figure with its target, or, "
    "where a measure has no target, with its comparator period (usually the quarter "
    "before): green has moved the good way, amber is within the tolerance, red has moved "
    "the bad way. *Not rated* means the figure or its comparator is missing."
)
st.page_link(
    "pages/methodology.py",
    label="How the figures and RAG are worked out",
    icon=":material/menu_book:",
)
