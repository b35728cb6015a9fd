"""Returns and history: every batch loaded, withdrawing one, and which returns are missing."""

import streamlit as st

from dashboard import auth, frame, returns_due, state, tables, widgets
from dashboard.batches import batches_table, withdraw_form

frame.require("pages/history.py")

st.title("Returns and history")
st.caption(
    "Every accepted file is a batch. A later batch replaces what it covers without deleting "
    "anything, and withdrawing a batch puts back in force what it replaced."
)
widgets.show_flash()
store, catalogue = state.store(), state.catalogue()

batches = widgets.attempt("reading the batches", state.batches)
if batches is None:
    st.stop()

st.header("Batches")
if batches.empty:
    widgets.empty_state("No return has been loaded yet: upload one on the Upload returns page.")
else:
    batches_table(batches)

    st.header("Withdraw a batch")
    st.caption(
        "Withdraw a batch loaded by mistake: its figures stop counting and the figures it "
        "replaced are in force again. The batch stays in the history."
    )
    withdraw_form(store, batches, auth.current_user())

st.header("Returns received")
st.caption(
    "For each provider and period, how many of the measures it owes have a figure in force. "
    "Quarters run from the first to the latest quarter with any data; annual measures are "
    "owed by financial year."
)
completeness = widgets.attempt("working out which returns are missing", state.completeness)
if completeness is not None and completeness.empty:
    widgets.empty_state("No return is expected yet: nothing has been loaded.")
elif completeness is not None:
    tables.completeness_grid(completeness)

returns_due.returns_to_chase(store, catalogue)
