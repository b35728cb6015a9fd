"""The VRP performance dashboard: page frame, sign-in, navigation, and the shared period."""

import streamlit as st

from dashboard import auth, frame, freshness, navigation, state, widgets
from dashboard.errors import PageGuard

st.set_page_config(
    page_title="VRP performance dashboard",
    page_icon=":material/monitoring:",
    layout="wide",
)

# Every page, by section, as st.Page takes it. Which of them a person sees depends on
# their role (dashboard/auth.py).
PAGES = {
    "Strategic board": [
        {
            "page": "pages/overview.py",
            "title": "Overview (SVRP)",
            "icon": ":material/dashboard:",
            "default": True,
        },
        {
            "page": "pages/presentation.py",
            "title": "Presentation view",
            "icon": ":material/co_present:",
            "url_path": "presentation",
        },
        {
            "page": "pages/objective.py",
            "title": "Strategic objectives",
            "icon": ":material/flag:",
            "url_path": "objectives",
        },
    ],
    "Working groups": [
        {
            "page": "pages/working_group.py",
            "title": "Working groups",
            "icon": ":material/groups:",
            "url_path": "groups",
        },
        {
            "page": "pages/measure.py",
            "title": "Measure detail",
            "icon": ":material/show_chart:",
            "url_path": "measure",
        },
    ],
    "Analysts": [
        {
            "page": "pages/upload.py",
            "title": "Upload returns",
            "icon": ":material/upload_file:",
            "url_path": "upload",
        },
        {
            "page": "pages/data_tracker.py",
            "title": "Data tracker",
            "icon": ":material/table_chart:",
            "url_path": "tracker",
        },
        {
            "page": "pages/history.py",
            "title": "Returns and history",
            "icon": ":material/history:",
            "url_path": "history",
        },
        {
            "page": "pages/methodology.py",
            "title": "Methodology",
            "icon": ":material/menu_book:",
            "url_path": "methodology",
        },
    ],
    "Administration": [
        {
            "page": "pages/audit.py",
            "title": "Audit log",
            "icon": ":material/policy:",
            "url_path": "audit",
        },
    ],
}

# Nothing but the sign-in page (or "no access yet") until someone may see the dashboard.
user = auth.gate(PAGES)
# The pages this user may see are listed; the others answer their address with a refusal.
page = navigation.navigate(auth.allowed_pages(user, PAGES), auth.refused_pages(user, PAGES))
# A failure anywhere below shows a plain message (the detail goes to the log); the
# navigation above stays, so every other page can still be opened.
with PageGuard(page.title):
    frame.enter()
    auth.account(user)
    auth.local_mode_note(user)
    auth.refuse_unless_allowed(user, page)
    state.store()
    state.period_selector()
    widgets.demo_banner()
    freshness.figures_as_at()
    page.run()
