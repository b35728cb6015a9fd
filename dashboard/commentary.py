"""The chair's commentary on a measure for a period: shown with who wrote it, and a form
to write or edit it (each save stores a new version), signed by the signed-in person."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from dashboard.errors import public_message
from vrp_metrics import reporting
from vrp_metrics.access import ActingUser, NotAllowed
from vrp_metrics.store import Store, StoreError

COMMENTARY_SAVED = "commentary_saved"


def show_commentary(commentary: pd.DataFrame, code: str, period: str) -> dict | None:
    """The latest commentary on a measure for a period, with who wrote it and when."""
    entry = reporting.latest_commentary(commentary, code, period)
    if entry is None:
        st.caption(f"No commentary on {code} for {period} yet.")
        return None
    st.markdown(f"**Commentary for {period}**")
    # Plain text: a chair's "2*3*4" or "# Action" is shown as typed, never as Markdown.
    st.text(str(entry["body"]))
    st.caption(reporting.escape_markdown(reporting.written_by(entry)))
    return entry


def commentary_form(
    store: Store, code: str, group: str, period: str, entry: Mapping | None, user: ActingUser
) -> None:
    """A form to write or edit the chair's commentary on a measure of ``group``, saved as
    ``user``; saving stores a new version. The page shows it only to those who may write
    it (the group's chairs and admins); the store checks again."""
    if st.session_state.get(COMMENTARY_SAVED) == (code, period):
        st.success(f"Commentary on {code} for {period} saved.", icon=":material/check:")
        del st.session_state[COMMENTARY_SAVED]
    current = str(entry["body"]) if entry else ""
    version = hashlib.sha1(current.encode()).hexdigest()[:8]
    label = "Edit the commentary" if entry else "Write a commentary"
    with st.expander(f"{label} on {code} for {period}"), st.form(f"commentary-{code}"):
        body = st.text_area(
            "Commentary",
            value=current,
            key=f"body-{code}-{period}-{version}",
            help="A few sentences for the SVRP: what the figure shows and what is being done. "
            "Saving an empty text removes the commentary.",
        )
        saved = st.form_submit_button("Save commentary", type="primary")
    if not saved:
        return
    try:
        store.add_commentary(code, period, body, user=user, group=group)
    except (StoreError, NotAllowed) as exc:
        st.error(f"The commentary was not saved: {public_message(exc)}")
        return
    st.session_state[COMMENTARY_SAVED] = (code, period)
    st.rerun()
