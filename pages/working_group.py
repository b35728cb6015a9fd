"""Working groups: a group's chair and aim, its measures with trends, and the chair's commentary."""

import streamlit as st

from dashboard import board, frame, records, state, tables, widgets
from dashboard.commentary import commentary_form, show_commentary
from dashboard.downloads import file_stem
from vrp_metrics import reporting

frame.require("pages/working_group.py")

period = widgets.need_period()
catalogue = state.catalogue()
figures = state.figures()
store = state.store()

st.title("Working groups")
groups = {
    so.working_group: catalogue.working_group(so.working_group)
    for so in catalogue.strategic_objectives
}
code = widgets.query_choice(
    "Working group", {c: g.short_name for c, g in groups.items()}, key="group"
)
group = groups[code]
objective = catalogue.objective_of_group(code)

st.header(group.name)
st.markdown(f"**Chair:** {group.chair or 'not recorded in the catalogue'}")
if objective is not None:
    st.markdown(f"**Delivers:** {objective.code} {objective.title}, reporting to the SVRP")
st.markdown(group.aim)
with st.expander(f"Theory of Change activities ({len(group.toc_activities)})"):
    board.coded_list(group.toc_activities, "No Theory of Change activities are recorded.")
with st.expander(f"Crest Advisory recommendations ({len(group.crest_recommendations)})"):
    board.coded_list(group.crest_recommendations, "No Crest Advisory recommendations are recorded.")
records.group_records(store, catalogue, code, period)

commentary = store.commentary(period=period)
table = reporting.overview_table(figures, catalogue, period, commentary, working_group=code)
st.header(f"Measures for {period}")
if table.empty:
    widgets.empty_state(
        f"The {group.short_name} group has no measures for {period}. Measures are added to "
        "the catalogue (data/catalogue.toml) by the VRU; an annual measure shows for a "
        "financial year."
    )
    st.stop()
board.rag_counts_row(reporting.rag_counts(table, catalogue, by="working_group"), code)
tables.measures_table(
    table, download=file_stem("vrp", group.short_name, "measures", period), key="group-measures"
)

st.header("Trends and the chair's commentary")
st.caption(
    f"Each measure's figures up to {period}, and the chair's commentary for {period}. "
    "Saving a commentary keeps the earlier versions."
)
for measure in catalogue.measures_of_group(code):
    series = reporting.measure_series(figures, catalogue, measure.code, period)
    if board.measure_trend(table, series, measure):
        entry = show_commentary(commentary, measure.code, period)
        commentary_form(store, measure.code, period, entry)
    st.divider()
