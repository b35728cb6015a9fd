"""Every page renders on the demo database with no exception and its key elements."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.conftest import open_page, page_text

# page script -> (query parameters, text the page must show)
PAGES = {
    "overview": ({}, "Every measure for"),
    "objective": ({"objective": "SO4"}, "Interventions, Evaluations and Opportunities"),
    "working_group": ({"group": "DAWG"}, "Data and Analysis Working Group"),
    "measure": ({"measure": "5.1.2.c"}, "Average score change in mental health pain scale"),
    "upload": ({}, "Return templates"),
    "data_tracker": ({}, "Partnership Data Tracker"),
    "history": ({}, "Returns and history"),
    "methodology": ({}, "Statistical process control"),
    "audit": ({}, "Audit log"),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_page_renders_with_its_key_elements(page: str, demo_db: Path) -> None:
    query, expected = PAGES[page]
    at = open_page(page, **query)
    assert not at.exception, [e.value for e in at.exception]
    assert expected in page_text(at)
    assert "Traceback" not in page_text(at)
    assert "Synthetic demonstration data" in page_text(at)  # the demo banner of app.py
    assert at.sidebar.selectbox[0].label == "Period"  # the shared period of app.py
