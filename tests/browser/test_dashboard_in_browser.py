"""The whole stack in a real browser: Streamlit server, DuckDB file, Debian chromium.

One journey an analyst makes (open the overview, upload a return, confirm, see the new
figure on the measure page) and an axe-core accessibility check of every page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

PAGES = {
    "": "Overview for",
    "presentation?scope=SO4&step=3": "Screen 3 of",
    "objectives": "SO1",
    "groups": "Tactical Violence Reduction Partnership",
    "measure?measure=5.1.2.c": "Average score change in mental health pain scale",
    "upload": "Upload returns",
    "tracker": "Partnership Data Tracker",
    "history": "Returns and history",
    "methodology": "Methodology",
    "audit": "Audit log",
}


def _wait_for_app(page: Page, text: str) -> None:
    """Wait until Streamlit has finished a run showing ``text``.

    The page's own state is the signal (connected, script not running, no placeholder
    left): the "Running…" widget shows only after a delay, so its absence proves nothing,
    and a file chosen while the first run is still going can be dropped.
    """
    expect(page.get_by_text(text, exact=False).first).to_be_visible(timeout=60_000)
    app = page.locator('[data-testid="stApp"]')
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=60_000)
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=60_000)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=60_000)


def _violations(page: Page) -> list[str]:
    """Every WCAG 2.0–2.2 A/AA violation axe-core finds on the page, Streamlit's own
    markup included (the navigation is the app's own: ``dashboard/navigation.py``)."""
    options = {"runOnly": {"type": "tag", "values": WCAG_A_AA}, "resultTypes": ["violations"]}
    response = Axe().run(page, options=options).response
    return [
        f"{violation['id']}: {node['target'][0]} {node['html'][:120]}"
        for violation in response["violations"]
        for node in violation["nodes"]
    ]


def test_analyst_uploads_a_return_and_sees_the_new_figure(
    page: Page, dashboard_url: str, tmp_path: Path
) -> None:
    page.goto(dashboard_url)
    _wait_for_app(page, "Overview for 2026/27 Q2")
    expect(page.get_by_text("Synthetic demonstration data").first).to_be_visible()

    page.goto(f"{dashboard_url}/upload")
    _wait_for_app(page, "Download the XLSX template")
    return_file = tmp_path / "rock_pool_2026-27_Q2.csv"
    return_file.write_text("measure_code,period,value\n5.3.1.a,2026/27 Q2,99\n")
    page.locator("input[type=file]").first.set_input_files(str(return_file))
    _wait_for_app(page, "If loaded:")
    expect(page.get_by_text("rock_pool_2026-27_Q2.csv").first).to_be_visible()
    # local mode: no name to type, the operating-system user signs the load
    expect(page.get_by_text("Local mode: no sign-in").first).to_be_visible()
    expect(page.get_by_role("textbox", name="Your name")).to_have_count(0)
    load = page.get_by_role("button", name=re.compile(r"Load 1 valid file"))
    expect(load).to_be_enabled(timeout=30_000)
    load.click()
    _wait_for_app(page, "loaded as batch")

    page.goto(f"{dashboard_url}/measure?measure=5.3.1.a&period=2026/27%20Q2")
    _wait_for_app(page, "1-1 reflective practice sessions")
    expect(page.get_by_text(re.compile(r"2026/27 Q2: 99\b")).first).to_be_visible()


@pytest.mark.parametrize("path", list(PAGES), ids=[p or "overview" for p in PAGES])
def test_every_page_has_no_wcag_violations(page: Page, dashboard_url: str, path: str) -> None:
    page.goto(dashboard_url)
    _wait_for_app(page, "Overview for")
    page.goto(f"{dashboard_url}/{path}")
    _wait_for_app(page, PAGES[path])
    expect(page.get_by_text("Synthetic demonstration data").first).to_be_visible()
    assert _violations(page) == []


def test_a_shared_link_opens_its_view_as_the_first_request(
    page: Page, fresh_dashboard_url: str
) -> None:
    """A link pasted into a meeting chat works even if nobody opened the dashboard yet."""
    page.goto(f"{fresh_dashboard_url}/measure?measure=5.1.2.c&period=2025/26%20Q3")
    _wait_for_app(page, "Average score change in mental health pain scale")
    expect(page.get_by_text("Synthetic demonstration data").first).to_be_visible()
    expect(page.get_by_text("Figure for 2025/26 Q3").first).to_be_visible()
    assert "measure=5.1.2.c" in page.url
