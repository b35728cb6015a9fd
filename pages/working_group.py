"""Working groups: a group's chair and aim, its measures with trends, and the chair's commentary."""

import streamlit as st

from dashboard import auth, board, frame, records, state, widgets
from dashboard.board_table import board_table
from dashboard.commentary import commentary_form, show_commentary
from dashboard.downloads import file_stem
from dashboard.key_updates import key_updates_section
from dashboard.packs import pack_download
from vrp_metrics import reporting
from vrp_metrics.access import Action

frame.require("pages/working_group.py")

period = widgets.need_period()
catalogue = state.catalogue()
store = state.store()

st.title("Working groups")
groups = {
    so.working_group: catalogue.working_group(so.working_group)
    for so in catalogue.strategic_objectives
}
# A link may name the group by its code (DAWG) or its name, in any case.
code = widgets.query_choice(
    "Working group",
    {c: g.short_name for c, g in groups.items()},
    key="group",
    aliases={name: c for c, g in groups.items() for name in (g.name, g.short_name)},
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

pack_download(code, period)
key_updates_section(store, code, period)

commentary = state.commentary(period=period)
table = state.overview_table(period, code)
st.header(f"Measures for {period}")
if table.empty:
    widgets.empty_state(
        f"The {group.short_name} group has no measures for {period}. Measures are added to "
        "the catalogue (data/catalogue.toml) by the VRU; an annual measure shows for a "
        "financial year."
    )
    st.stop()
board.rag_counts_row(reporting.rag_counts(table, catalogue, by="working_group"), code)
board_table(
    table,
    commentary,
    caption=f"The {group.short_name} group's measures for {period}",
    download=file_stem("vrp", group.short_name, "measures", period),
    key="group-measures",
)
st.caption(
    "Select a code to open the measure's page. Change is against the comparator period; "
    "pp = percentage points. The downloads hold every column."
)

user = auth.current_user()
writes = auth.may(Action.COMMENTARY, code)
st.header("Trends and the chair's commentary")
st.caption(
    f"Each measure's figures up to {period}, and the chair's commentary for {period}. "
    + (
        "Saving a commentary keeps the earlier versions."
        if writes
        else f"The {group.short_name} chair writes the commentary."
    )
)
measures = catalogue.measures_of_group(code)
budget = board.chart_budget(len(measures), key="group-all-charts")
for measure in measures:
    series = state.measure_series(measure.code, period)
    if board.measure_trend(table, series, measure, budget=budget):
        entry = show_commentary(commentary, measure.code, period)
        if writes:
            commentary_form(store, measure.code, measure.working_group, period, entry, user)
    st.divider()
