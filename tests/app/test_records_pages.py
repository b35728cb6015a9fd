"""The working-group records on the group page and the overview, on the demo database."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.app.conftest import open_page


def _run(page: str, demo_db: Path, **query: str) -> AppTest:
    at = open_page(page, **query)
    assert not at.exception, at.exception
    return at


def test_group_page_shows_meetings_actions_crest_and_forms(demo_db: Path) -> None:
    at = _run("working_group", demo_db, group="DAWG")
    headers = [h.value for h in at.header]
    for wanted in (
        "Meetings and attendance",
        "Actions",
        "Record for this group",
    ):
        assert wanted in headers, headers
    assert any(h.startswith("Crest Advisory recommendations at the end of") for h in headers)
    # The rhythm checks say in words whether each holds.
    results = next(t.value for t in at.table if "Result" in t.value.columns)["Result"]
    assert set(results) <= {"✓ Holds", "✗ Does not hold"} and len(results) > 0


def test_overview_gives_attendance_and_crest_readiness_per_group(demo_db: Path) -> None:
    at = _run("overview", demo_db)
    headers = [h.value for h in at.header]
    assert any(h.startswith("Working groups' attendance and Crest readiness") for h in headers)
