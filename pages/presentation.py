"""Presentation view: a scope (the SVRP, one objective, one group) one screen at a time
for the meeting room: summary, exceptions, then each measure large."""

import streamlit as st

from dashboard import frame, slides, state, widgets
from vrp_metrics import presentation, reporting
from vrp_metrics.metrics import figures_for_period

frame.require("pages/presentation.py")
st.set_page_config(initial_sidebar_state="collapsed")
slides.large_type()

period = widgets.need_period()
catalogue = state.catalogue()
figures = state.figures()
store = state.store()

st.title(f"Presentation for {period}")
scope_column, buttons = slides.toolbar()
with scope_column:
    scope = widgets.query_select(
        "Scope",
        presentation.scope_options(catalogue),
        key="scope",
        aliases=presentation.scope_aliases(catalogue),
        help="The SVRP (every measure), one strategic objective or one working group.",
    )
commentary = store.commentary(period=period)
table = reporting.overview_table(
    figures, catalogue, period, commentary, working_group=presentation.scope_group(catalogue, scope)
)
screens = presentation.screens(table)
step = slides.current_step(len(screens), scope)
slides.controls(buttons, step, [presentation.screen_label(s, table) for s in screens])

screen = screens[step - 1]
title = presentation.scope_title(catalogue, scope)
with slides.slide():
    if screen.kind == presentation.SUMMARY:
        st.header(f"{title}: summary", anchor=False)
        slides.summary(catalogue, scope, table, figures_for_period(figures, catalogue, period))
    elif screen.kind == presentation.EXCEPTIONS:
        st.header(f"{title}: exceptions (red, or an SPC concern)", anchor=False)
        slides.exceptions(table, commentary, period)
    else:
        row = reporting.measure_row(table, screen.measure_code)
        st.header(f"{row['measure_code']} {row['title']}", anchor=False)
        slides.measure(
            catalogue,
            row,
            reporting.measure_series(figures, catalogue, screen.measure_code, period),
            commentary,
        )
