"""Sign-in through a real OpenID Connect provider on localhost (oidc-provider-mock), in
a real browser: an analyst signs in, loads a return and signs out; a viewer signs in, is
not offered the upload page, is refused it by its address, and signs out. The audit log
has both sign-ins, and the batch names the analyst."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.app.conftest import shown
from tests.browser.conftest import free_port, running_dashboard, running_provider, sign_in_secrets
from vrp_metrics.store import Store

pytestmark = pytest.mark.browser

USERS = [
    {"sub": "ann", "email": "ann@example.org", "name": "Ann Analyst", "roles": ["VRP.Analyst"]},
    {"sub": "val", "email": "val@example.org", "name": "Val Viewer", "roles": ["VRP.Viewer"]},
]


@pytest.fixture(scope="module")
def signed_in_dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The dashboard with sign-in through a provider on localhost; its address and
    database file."""
    workdir = tmp_path_factory.mktemp("sign-in")
    with running_provider(workdir, USERS) as provider:
        port = free_port()
        secrets = sign_in_secrets(workdir, provider=provider, port=port)
        with running_dashboard(workdir, port=port, secrets=secrets) as url:
            yield url, workdir / "vrp.duckdb"


def _settled(page: Page, text: str) -> None:
    """Wait until Streamlit has finished a run showing ``text``."""
    expect(page.get_by_text(text, exact=False).first).to_be_visible(timeout=60_000)
    app = page.locator('[data-testid="stApp"]')
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=60_000)
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=60_000)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=60_000)


def _sign_in(page: Page, url: str, sub: str, name: str) -> None:
    page.goto(url)
    _settled(page, "Sign in with your work account")
    expect(page.get_by_text("Overview for")).to_have_count(0)  # nothing but the sign-in page
    page.get_by_role("button", name="Sign in").click()
    # the provider's own page: choose the user and authorise
    page.locator("input[name=sub]").fill(sub)
    page.get_by_role("button", name="Authorize", exact=True).click()
    page.wait_for_url(re.compile(re.escape(url)), timeout=60_000)
    _settled(page, "Overview for")
    expect(page.get_by_text(f"Signed in as {name}")).to_be_visible()


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    # The dashboard sends the browser to the provider's end of session (Entra ID asks
    # which account to sign out; the test provider asks to confirm), which sends it back.
    page.wait_for_url(re.compile(r"/oauth2/end_session"), timeout=60_000)
    page.get_by_role("button", name="End session").click()
    _settled(page, "Sign in with your work account")
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    expect(page.get_by_text("Signed in as")).to_have_count(0)


def test_an_analyst_signs_in_loads_a_return_and_signs_out(
    page: Page, signed_in_dashboard: tuple[str, Path], tmp_path: Path
) -> None:
    url, db = signed_in_dashboard
    _sign_in(page, url, "ann", "Ann Analyst")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("link", name="Upload returns")).to_be_visible()

    sidebar.get_by_role("link", name="Upload returns").click()
    _settled(page, "Download the XLSX template")
    return_file = tmp_path / "rock_pool_2026-27_Q2.csv"
    return_file.write_text("measure_code,period,value\n5.3.1.a,2026/27 Q2,99\n")
    page.locator("input[type=file]").first.set_input_files(str(return_file))
    _settled(page, "If loaded:")
    expect(page.get_by_role("textbox", name="Your name")).to_have_count(0)
    page.get_by_role("button", name=re.compile(r"Load 1 valid file")).click()
    _settled(page, "loaded as batch")
    _sign_out(page)

    with Store(db) as store:
        newest = store.batches().iloc[0]
        sign_ins = store.audit_log(action="sign_in")
    assert newest["file_name"] == "rock_pool_2026-27_Q2.csv"
    assert newest["loaded_by"] == "ann@example.org"
    assert "ann@example.org" in set(sign_ins["actor"])
    # the entry names the ID token of this sign-in
    assert sign_ins["detail"].str.startswith("ID token issued ").all()


def test_a_viewer_is_not_offered_upload_and_is_refused_it_by_address(
    page: Page, signed_in_dashboard: tuple[str, Path]
) -> None:
    url, db = signed_in_dashboard
    _sign_in(page, url, "val", "Val Viewer")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("link", name="Data tracker")).to_be_visible()
    expect(sidebar.get_by_role("link", name="Upload returns")).to_have_count(0)
    expect(sidebar.get_by_role("link", name="Returns and history")).to_have_count(0)
    expect(sidebar.get_by_role("link", name="Audit log")).to_have_count(0)

    page.goto(f"{url}/upload")  # a new tab or a pasted link: the same sign-in
    _settled(page, "You cannot use this page")
    refusal = page.get_by_role("alert").filter(has_text="You cannot use this page")
    # an address on screen has an invisible word joiner before "@": compare as read
    assert "You cannot use this page: val@example.org (viewer) may not load returns." in shown(
        refusal.inner_text()
    )
    expect(page.locator("input[type=file]")).to_have_count(0)
    expect(page.get_by_text("Return templates")).to_have_count(0)
    _sign_out(page)

    page.goto(f"{url}/upload")  # signed out: the sign-in page only, whatever the address
    _settled(page, "Sign in with your work account")
    expect(page.get_by_text("You cannot use this page")).to_have_count(0)

    with Store(db) as store:
        viewer = store.audit_log(actor="val@example.org", action="sign_in")
    assert len(viewer) == 1  # the page opened by its address was the same sign-in
