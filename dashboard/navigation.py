"""The dashboard's navigation, drawn the app's own way.

Streamlit's own sidebar menu puts its section headings inside its list, which
accessibility checkers (axe-core ``list``/``listitem``) rightly flag. So the menu is
hidden (``position="hidden"``) and drawn here: each section a heading, each page an
``st.page_link`` (which opens the page in the same tab and marks the page shown).

:func:`navigate` takes the pages to show: whoever decides which pages a person may see
passes only those, and both the menu and the pages Streamlit will serve follow.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from dashboard import style


def navigate(
    pages: Mapping[str, Sequence[StreamlitPage]], hidden: Sequence[StreamlitPage] = ()
) -> StreamlitPage:
    """Register ``pages`` (section → pages), draw their menu in the sidebar, add the
    dashboard's CSS, and return the page to run.

    ``hidden`` pages are registered but not listed: their address still reaches the app
    (which says the person may not use them) instead of "page not found"."""
    registered = {section: list(items) for section, items in pages.items()}
    if hidden:
        registered[""] = list(hidden)
    page = st.navigation(registered, position="hidden")
    style.apply()
    with st.sidebar:
        for section, items in pages.items():
            if not items:
                continue
            st.subheader(section, anchor=False)
            for item in items:
                st.page_link(item, label=item.title, icon=item.icon or None, width="stretch")
        st.divider()
    return page
