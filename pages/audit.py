"""Audit log: who did what and when, for admins — filter by person, action and dates."""

import streamlit as st

from dashboard import frame, state, widgets
from dashboard.audit_log import audit_filters, audit_table

frame.require("pages/audit.py")

st.title("Audit log")
st.caption(
    "Every sign-in, load, withdrawal, commentary and download, and every refused action: "
    "who (and their roles), when (UTC), what it touched, and the outcome. Entries are "
    "only ever added; nothing here changes them."
)
store = state.store()
everything = widgets.attempt("reading the audit log", store.audit_log)
if everything is None:
    st.stop()
if everything.empty:
    widgets.empty_state("The audit log has no entries yet.")
    st.stop()

chosen = audit_filters(everything)
entries = widgets.attempt(
    "reading the audit log",
    store.audit_log,
    actor=chosen.actor,
    action=chosen.action,
    since=chosen.since,
    until=chosen.until,
)
if entries is None:
    st.stop()
if entries.empty:
    widgets.empty_state("No entry matches these choices: choose another person, action or dates.")
    st.stop()
st.caption(f"{len(entries):,} entr{'y' if len(entries) == 1 else 'ies'}, oldest first.")
audit_table(entries, download="vrp_audit_log")
