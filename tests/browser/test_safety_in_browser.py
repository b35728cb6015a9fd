"""What partners typed stays text in a real browser, and the tables' downloads are ours.

The hostile corpus (tests/hostile/files/safety_*.csv) is loaded into a fresh server's
database from the command line, by a name and under a file name that are formulas.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import REPO, running_dashboard
from tests.browser.test_dashboard_in_browser import _wait_for_app
from vrp_metrics.store import Store

pytestmark = pytest.mark.browser

FILES = REPO / "tests" / "hostile" / "files"
FORMULA_NAME = '=HYPERLINK("http://x.example/steal","Ann")'
FORMULA_FILE = "=cmd|' -C calc'!A0.csv"


@pytest.fixture
def hostile_dashboard_url(tmp_path: Path):
    with running_dashboard(tmp_path) as url:
        hostile = tmp_path / FORMULA_FILE
        shutil.copy(FILES / "safety_measures.csv", hostile)
        tracker = FILES / "safety_tracker.csv"
        subprocess.run(
            [sys.executable, "-m", "vrp_metrics", "load", "--db", str(tmp_path / "vrp.duckdb")]
            + [str(tracker), str(hostile), "--by", FORMULA_NAME],
            cwd=REPO,
            check=True,
            capture_output=True,
        )
        yield url


def test_tracker_text_is_never_an_image_or_a_link(page: Page, hostile_dashboard_url: str):
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{hostile_dashboard_url}/tracker?period=2026/27%20Q2")
    _wait_for_app(page, "Barriers and next actions, 2026/27 Q2")
    # Shown as typed (an invisible word joiner keeps a bare address from being a link).
    shown = page.get_by_test_id("stTable").first.inner_text().replace("\N{WORD JOINER}", "")
    assert "![t](http://x.example/beacon.png)" in shown
    assert "[Reset your password](http://x.example/phish)" in shown
    assert ":red[Urgent] see www.x.example" in shown
    assert page.locator('img[src*="x.example"]').count() == 0
    assert page.locator('a[href*="x.example"]').count() == 0
    assert not [url for url in fetched if "x.example" in url]


def test_the_grid_has_our_formula_safe_download_and_not_its_own(
    page: Page, hostile_dashboard_url: str, tmp_path: Path
) -> None:
    page.goto(f"{hostile_dashboard_url}/history")
    _wait_for_app(page, "Returns and history")
    grid = page.get_by_test_id("stDataFrame").first
    grid.hover()
    expect(grid.get_by_role("button", name="Search")).to_be_visible()  # the toolbar shows
    assert grid.get_by_role("button", name="Download as CSV").count() == 0
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the table (CSV)").first.click()
    name = f"vrp-batches-as-at-{dt.date.today().isoformat()}.csv"
    assert download.value.suggested_filename == name
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert f"'{FORMULA_FILE}" in text and "'=HYPERLINK(" in text
    # The click reached the server: the download is in the audit log (written by the
    # rerun the click starts, so give it a moment).
    objects: list[str] = []
    for _ in range(50):
        with Store(tmp_path / "vrp.duckdb") as store:
            objects = store.audit_log(action="export")["object"].tolist()
        if objects:
            break
        page.wait_for_timeout(200)
    assert objects == [name]
