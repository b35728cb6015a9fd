"""Strategic objectives: one objective's outcomes, success measures and measures, with trends."""

import streamlit as st

from dashboard import board, frame, state, widgets
from dashboard.commentary import show_commentary
from dashboard.downloads import file_stem, measures_downloads
from dashboard.packs import pack_download
from vrp_metrics import reporting

frame.require("pages/objective.py")

period = widgets.need_period()
catalogue = state.catalogue()

st.title("Strategic objectives")
objectives = {so.code: so for so in catalogue.strategic_objectives}
code = widgets.query_choice(
    "Strategic objective", {c: f"{c} {so.title}" for c, so in objectives.items()}, key="objective"
)
objective = objectives[code]
group = catalogue.working_group(objective.working_group)

st.header(f"{objective.code} {objective.title}")
st.markdown(f"**{objective.statement}**")
st.markdown(f"*{objective.why}*")
st.caption(f"Delivered by the {group.name} ({group.short_name}), reporting to the SVRP.")
pack_download(code, period)

commentary = state.commentary(period=period)
table = state.overview_table(period, group.code)
st.subheader(f"RAG ratings for {period}")
board.rag_counts_row(reporting.rag_counts(table, catalogue, by="objective"), code)
measures_downloads(table, name=file_stem("vrp", code, "measures", period), key="objective")
budget = board.chart_budget(len(table), key="objective-all-charts")
for outcome in reporting.objective_tree(catalogue, code):
    st.subheader(f"Outcome {outcome.outcome.code}: {outcome.outcome.title}", divider="gray")
    for node in outcome.success_measures:
        sm = node.success_measure
        st.markdown(f"#### Success measure {sm.code}: {sm.title}")
        if not node.measures:
            widgets.empty_state(
                "No measure is defined for this success measure yet. The VRU adds measures "
                "in the catalogue (data/catalogue.toml)."
            )
        for measure in node.measures:
            shown = board.measure_trend(
                table,
                state.measure_series(measure.code, period),
                measure,
                heading="#####",
                budget=budget,
            )
            if shown:
                show_commentary(commentary, measure.code, period)
