"""Methodology: how the figures, RAG statuses and SPC charts are worked out, in plain words."""

from pathlib import Path

import streamlit as st

from dashboard import frame, widgets

METHODOLOGY = Path(__file__).resolve().parent.parent / "docs" / "methodology.md"

frame.require("pages/methodology.py")
st.page_link("pages/overview.py", label="Back to the overview", icon=":material/arrow_back:")
if METHODOLOGY.is_file():
    st.markdown(METHODOLOGY.read_text(encoding="utf-8"))
else:
    widgets.empty_state(
        "The methodology document (docs/methodology.md) is missing from this installation."
    )
st.page_link("pages/overview.py", label="Back to the overview", icon=":material/arrow_back:")
