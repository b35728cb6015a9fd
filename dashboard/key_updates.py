"""A working group's key updates and decisions for a period: shown to everyone, with who
wrote them; a form for the group's chairs and admins (each save keeps a new version)."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from dashboard.auth import current_user as acting_user
from dashboard.errors import public_message
from vrp_metrics import reporting
from vrp_metrics.access import Action, NotAllowed, may
from vrp_metrics.store import Store, StoreError

SAVED = "key_updates_saved"


def key_updates_section(store: Store, group: str, period: str) -> None:
    """The group's key updates and decisions for ``period``, and the form to write them."""
    st.header(f"Key updates and decisions for {period}")
    st.caption("What the chair raises to the SVRP this period. They go into the meeting pack.")
    if st.session_state.get(SAVED) == (group, period):
        st.success("Key updates and decisions saved.", icon=":material/check:")
        del st.session_state[SAVED]
    found = store.key_updates(group, period)
    entry = found.iloc[-1].to_dict() if len(found) else None
    if entry is None:
        st.caption(f"No key updates or decisions for {period} yet.")
    else:
        # Plain text: a chair's "# Decision" or link is shown as typed, never as Markdown.
        st.text(str(entry["body"]))
        written = pd.Timestamp(entry["written_at"])
        st.caption(
            reporting.escape_markdown(
                f"Written by {entry['author_name']}, {written:%d %B %Y %H:%M}"
            )
        )
    user = acting_user()
    if not may(user, Action.KEY_UPDATES, group):
        return
    current = str(entry["body"]) if entry else ""
    version = hashlib.sha1(current.encode()).hexdigest()[:8]
    label = "Edit" if entry else "Write"
    with (
        st.expander(f"{label} the key updates and decisions for {period}"),
        st.form(f"key-updates-{group}"),
    ):
        body = st.text_area(
            "Key updates and decisions",
            value=current,
            key=f"key-updates-{group}-{period}-{version}",
            help="A few lines for the SVRP. Saving keeps the earlier versions; saving an "
            "empty text removes them from the pack.",
        )
        saved = st.form_submit_button("Save key updates and decisions", type="primary")
    if not saved:
        return
    try:
        store.write_key_updates(group, period, body, user=user)
    except (NotAllowed, StoreError) as exc:
        st.error(f"The key updates were not saved: {public_message(exc)}")
        return
    st.session_state[SAVED] = (group, period)
    st.rerun()
