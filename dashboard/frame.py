"""Every page runs inside ``app.py``'s frame (navigation, period, demo banner).

Streamlit serves a ``pages/`` folder's scripts on their own until ``st.navigation`` has
run once in the server. So a shared link opened as the very first request after a
restart (``/measure?measure=5.1.2.c``) would run the page without its frame. Each page
starts with :func:`require`, which hands such a request to ``app.py`` together with the
page and its query parameters; ``app.py`` calls :func:`enter`, which sends it on.
"""

from __future__ import annotations

import streamlit as st

_FRAMED = "_frame_ran_this_run"
_DEEP_LINK = "_frame_deep_link"


def enter() -> None:
    """Called by ``app.py`` on every run, after ``st.navigation``."""
    st.session_state[_FRAMED] = True
    link = st.session_state.pop(_DEEP_LINK, None)
    if link is not None:
        st.switch_page(link["page"], query_params=link["query"])


def require(page_file: str) -> None:
    """The first call of every page: make sure the page runs inside ``app.py``."""
    if st.session_state.pop(_FRAMED, False):
        return
    st.session_state[_DEEP_LINK] = {"page": page_file, "query": st.query_params.to_dict()}
    st.switch_page("app.py")
