"""Returns due and the "to chase" list, on the history page: what is late or overdue, and
a message per provider to copy or open in the user's own mail program (nothing is sent
from the server)."""

from __future__ import annotations

import streamlit as st

from dashboard import tables, widgets
from dashboard.downloads import dated_stem
from vrp_metrics.catalogue import Catalogue
from vrp_metrics.completeness import returns_due, to_chase
from vrp_metrics.store import Store

STATUS_WORDS = {"received": "Received", "late": "Received late", "due": "Due", "overdue": "Overdue"}


def returns_to_chase(store: Store, catalogue: Catalogue) -> None:
    st.header("Returns due and to chase")
    st.caption(
        f"A quarter's returns fall due {catalogue.returns_due_days} days after it ends "
        "(catalogue setting returns_due_days)."
    )
    frame = widgets.attempt("working out which returns are due", returns_due, store, catalogue)
    if frame is None or frame.empty:
        widgets.empty_state("No return is expected yet: nothing has been loaded.")
        return
    open_ = frame[frame["status"].isin(["late", "due", "overdue"])]
    if open_.empty:
        st.caption("Every return owed has arrived on time.")
    else:
        shown = open_.assign(
            status=open_["status"].map(STATUS_WORDS),
            due_date=[d.strftime("%d/%m/%Y") for d in open_["due_date"]],
        )[["provider", "return_name", "period", "due_date", "status"]].drop_duplicates()
        tables.wrapped_table(
            shown,
            {
                "provider": "Provider",
                "return_name": "Return",
                "period": "Period",
                "due_date": "Due",
                "status": "Status",
            },
            download=dated_stem("vrp returns due"),
        )
    for row in to_chase(store, catalogue).itertuples(index=False):
        with st.expander(f"To chase: {row.provider} ({row.missing} overdue)"):
            st.text_area("Message to copy", row.message, height=220, key=f"chase-{row.provider}")
            st.link_button("Open in your mail program", row.mailto, icon=":material/mail:")
