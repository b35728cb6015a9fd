"""The history page's pieces: every batch loaded, and withdrawing one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.downloads import dated_stem
from dashboard.tables import column_table, fitting_height
from dashboard.widgets import attempt, empty_state, flash
from vrp_metrics import reporting
from vrp_metrics.access import ActingUser
from vrp_metrics.store import Store

_BATCH_COLUMNS = {
    "batch_id": st.column_config.NumberColumn("Batch", format="%d"),
    "status": st.column_config.TextColumn("Status", width="medium"),
    "file_name": st.column_config.TextColumn("File"),
    "kind": st.column_config.TextColumn("Kind", help="measure, readings or tracker return"),
    "rows_loaded": st.column_config.NumberColumn("Rows", format="localized"),
    "loaded_by": st.column_config.TextColumn("Loaded by"),
    "loaded_at": st.column_config.DatetimeColumn("Loaded at", format="DD/MM/YYYY HH:mm"),
    "replaced_batches": st.column_config.ListColumn(
        "Replaced batches", help="Earlier batches whose figures this one replaced"
    ),
}


def batches_table(batches: pd.DataFrame) -> None:
    """Every batch: who loaded which file when, its rows, what it replaced, its status."""
    st.caption(f"{reporting.batches_summary(batches)}, newest first.")
    frame = reporting.batches_with_status(batches)
    column_table(
        frame,
        _BATCH_COLUMNS,
        download=dated_stem("vrp batches"),
        height=fitting_height(len(frame), 600),
    )


def withdraw_form(store: Store, batches: pd.DataFrame, user: ActingUser) -> None:
    """Choose a batch in force, confirm, withdraw it (as ``user``): what it replaced (if
    anything) is in force again."""
    in_force = reporting.batches_in_force(batches)
    if not in_force:
        empty_state("No batch is in force, so there is nothing to withdraw.")
        return
    batch_id = st.selectbox(
        "Batch to withdraw",
        list(in_force),
        format_func=lambda b: reporting.batch_label(in_force[b]),
    )
    replaced = reporting.replaced_batches(in_force[batch_id])
    if replaced:
        listed = ", ".join(str(b) for b in replaced)
        st.warning(
            f"Batch {batch_id} replaced figures of batch{'es' if len(replaced) > 1 else ''} "
            f"{listed}: once it is withdrawn, those figures are in force again (unless a later "
            "batch replaced them too)."
        )
        understood = "I understand the figures it replaced will be in force again"
    else:
        st.warning(f"Batch {batch_id} replaced nothing: its figures will simply stop counting.")
        understood = "I understand its figures will stop counting"
    sure = st.checkbox(understood, key=f"withdraw-sure-{batch_id}")
    clicked = st.button(
        f"Withdraw batch {batch_id}",
        type="primary",
        disabled=not sure,
        key="withdraw-button",
    )
    if clicked and attempt(f"withdrawing batch {batch_id}", _withdraw, store, batch_id, user):
        flash(
            f"Batch {batch_id} ({in_force[batch_id]['file_name']}) is withdrawn: its figures "
            "no longer count" + (", and what it replaced is in force again." if replaced else ".")
        )
        st.rerun()


def _withdraw(store: Store, batch_id: int, user: ActingUser) -> bool:
    store.withdraw(batch_id, user=user)
    return True
