"""The VRP performance dashboard: page frame, navigation, and the shared period."""

import streamlit as st

from dashboard import frame, freshness, navigation, state, widgets
from dashboard.errors import PageGuard

st.set_page_config(
    page_title="VRP performance dashboard",
    page_icon=":material/monitoring:",
    layout="wide",
)

PAGES = {
    "Strategic board": [
        st.Page(
            "pages/overview.py",
            title="Overview (SVRP)",
            icon=":material/dashboard:",
            default=True,
        ),
        st.Page(
            "pages/presentation.py",
            title="Presentation view",
            icon=":material/co_present:",
            url_path="presentation",
        ),
        st.Page(
            "pages/objective.py",
            title="Strategic objectives",
            icon=":material/flag:",
            url_path="objectives",
        ),
    ],
    "Working groups": [
        st.Page(
            "pages/working_group.py",
            title="Working groups",
            icon=":material/groups:",
            url_path="groups",
        ),
        st.Page(
            "pages/measure.py",
            title="Measure detail",
            icon=":material/show_chart:",
            url_path="measure",
        ),
    ],
    "Analysts": [
        st.Page(
            "pages/upload.py",
            title="Upload returns",
            icon=":material/upload_file:",
            url_path="upload",
        ),
        st.Page(
            "pages/data_tracker.py",
            title="Data tracker",
            icon=":material/table_chart:",
            url_path="tracker",
        ),
        st.Page(
            "pages/history.py",
            title="Returns and history",
            icon=":material/history:",
            url_path="history",
        ),
        st.Page(
            "pages/methodology.py",
            title="Methodology",
            icon=":material/menu_book:",
            url_path="methodology",
        ),
    ],
}

page = navigation.navigate(PAGES)
# A failure anywhere below shows a plain message (the detail goes to the log); the
# navigation above stays, so every other page can still be opened.
with PageGuard(page.title):
    frame.enter()
    state.store()
    state.period_selector()
    widgets.demo_banner()
    freshness.figures_as_at()
    page.run()
