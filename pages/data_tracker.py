"""Data tracker: the Partnership Data Tracker's status of each data source by quarter."""

import streamlit as st

from dashboard import frame, state, tables, widgets
from dashboard.downloads import dated_stem, file_stem, table_downloads
from vrp_metrics.charts.tracker_chart import tracker_heatmap
from vrp_metrics.tracker import (
    TRACKER_MEASURE,
)

frame.require("pages/data_tracker.py")

st.title("Partnership Data Tracker")
st.caption(
    "The DAWG's Red / Amber / Green status of each partner data source, quarter by quarter, "
    "from the VRU's data tracker returns."
)
store, catalogue = state.store(), state.catalogue()

grid = widgets.attempt("reading the data tracker", state.tracker_grid)
if grid is None:
    st.stop()
if grid.empty:
    widgets.empty_state(
        "No data tracker return has been loaded yet. Upload the VRU's data tracker return "
        "(columns data_source, agency, period, rag_status, barrier, next_action) on the "
        "Upload returns page; a template is there too."
    )
    st.stop()

st.plotly_chart(tracker_heatmap(grid), key="tracker-heatmap", theme=None)
with st.expander("The same grid as a table", expanded=False):
    st.dataframe(
        grid,
        hide_index=True,
        column_config={
            "data_source": st.column_config.TextColumn("Data source", pinned=True),
            "agency": st.column_config.TextColumn("Agency"),
        },
    )
    table_downloads(grid, name=dated_stem("vrp data tracker by quarter"), key="tracker-grid")

period = widgets.need_period()
quarter = state.tracker_quarter(period)
st.header(f"Barriers and next actions, {quarter or period}")
if quarter is None:
    widgets.empty_state(f"No data tracker return for {period}.")
else:
    if quarter != period:
        st.caption(f"{period} is a financial year: this is its latest tracker quarter.")
    actions = state.tracker_actions(quarter)
    if actions.empty:
        st.success(f"Every data source is green in {quarter}, with nothing outstanding.")
    else:
        st.caption("Every data source that is not green, or has a barrier or next action noted.")
        tables.wrapped_table(
            actions,
            {
                "status": "Status",
                "data_source": "Data source",
                "agency": "Agency",
                "barrier": "Barrier",
                "next_action": "Next action",
            },
            nowrap=("status",),
            download=file_stem("vrp data tracker actions", quarter),
        )

measure = catalogue.measure(TRACKER_MEASURE)
st.header(f"{measure.code} {measure.title}")
series = state.measure_series(measure.code, period)
if series.empty:
    widgets.empty_state(f"No figures for {measure.code} up to {period} yet.")
else:
    tables.trend_chart(
        series,
        measure,
        title=f"{measure.code}: percentage of data sources that are green",
        key="tracker-green-share",
    )
    tables.trend_numbers(series, download=file_stem(measure.code, "figures to", period))
    st.caption(measure.description)
