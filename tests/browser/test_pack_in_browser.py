"""A meeting pack made and downloaded from a page, in a real browser."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser.conftest import running_dashboard
from tests.browser.test_dashboard_in_browser import _wait_for_app
from vrp_metrics.store import Store

pytestmark = pytest.mark.browser


def test_a_chair_downloads_the_groups_pdf_pack_from_the_group_page(page: Page, tmp_path: Path):
    with running_dashboard(tmp_path) as url:
        page.goto(url)
        _wait_for_app(page, "Overview for")
        page.get_by_role("link", name="Working groups").click()
        _wait_for_app(page, "Tactical Violence Reduction Partnership")
        page.get_by_text("DAWG", exact=True).first.click()
        _wait_for_app(page, "Data and Analysis Working Group")
        page.locator("summary").filter(has_text="Download pack for").click()
        page.get_by_text("PDF (tagged, for screen readers)").click()
        _wait_for_app(page, "Make the pack")
        page.get_by_role("button", name="Make the pack").click()
        button = page.get_by_role("button", name="Download the PDF pack")
        expect(button).to_be_visible(timeout=120_000)
        with page.expect_download() as download:
            button.click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        reader = PdfReader(io.BytesIO(saved.read_bytes()))
        text = "\n".join(p.extract_text() for p in reader.pages)
        assert "Data and Analysis Working Group (DAWG): performance pack for" in text
        assert "3.1.1.a" in text
        assert "/StructTreeRoot" in reader.trailer["/Root"]
        assert saved.name.startswith("vrp-pack-dawg-") and saved.suffix == ".pdf"
        # The download is in the audit log (the click reruns the page, which records it).
        expect(button).to_be_visible(timeout=60_000)
        audit = Store(tmp_path / "vrp.duckdb", read_only=True, wait=30).audit_log(action="pack")
        assert audit["detail"].tolist() == ["internal pdf pack downloaded"]
