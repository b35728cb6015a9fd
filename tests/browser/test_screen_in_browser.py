"""The meeting-room screen in a real browser: pages that fit 1024×768, 1366×768 and
1920×1080 without sideways scrolling, tiles whose text is whole, links that stay in the
tab, the presentation view's next / previous and its address, and a visible focus ring."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.test_dashboard_in_browser import _wait_for_app

pytestmark = pytest.mark.browser

SIZES = [(1024, 768), (1366, 768), (1920, 1080)]
BOARD_PAGES = {
    "": "Overview for",
    "objectives?objective=SO4": "SO4 Interventions",
    "groups?group=IEO": "Interventions, Evaluations and Opportunities Working Group",
}

# The main area and the whole document: no wider than what shows.
OVERFLOW = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const doc = document.documentElement;
  return {main: [main.scrollWidth, main.clientWidth], doc: [doc.scrollWidth, doc.clientWidth]};
}"""
# Every element of every tile whose text is wider than its box (cut or scrolling).
CUT_TILES = """() => [...document.querySelectorAll(
    '[data-testid="stMetric"], [data-testid="stMetric"] *')]
  .filter(e => e.clientWidth > 0 && e.scrollWidth > e.clientWidth)
  .map(e => e.getAttribute('data-testid') + ': ' + e.textContent)"""


def _open(page: Page, url: str, text: str) -> None:
    """Open an address and wait for its page. Streamlit says "Page not found" (and then
    runs the page anyway) for an address that is not a file's name in pages/ when it is
    a session's first request (/groups, /objectives): close that notice first."""
    page.goto(url)
    _wait_for_app(page, text)
    notice = page.get_by_role("dialog").filter(has_text="Page not found")
    if notice.count():
        page.keyboard.press("Escape")
        expect(notice).to_have_count(0)


@pytest.fixture
def sized(browser: Browser, request: pytest.FixtureRequest) -> Iterator[BrowserContext]:
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height})
    yield context
    context.close()


@pytest.mark.parametrize("sized", SIZES, indirect=True, ids=[f"{w}x{h}" for w, h in SIZES])
def test_board_pages_fit_without_sideways_scrolling_and_tiles_are_whole(
    sized: BrowserContext, dashboard_url: str
) -> None:
    page = sized.new_page()
    page.goto(dashboard_url)
    _wait_for_app(page, "Overview for")
    for path, text in BOARD_PAGES.items():
        _open(page, f"{dashboard_url}/{path}", text)
        widths = page.evaluate(OVERFLOW)
        assert widths["main"][0] <= widths["main"][1], (path, widths)
        assert widths["doc"][0] <= widths["doc"][1], (path, widths)
        expect(page.get_by_test_id("stMetric").first).to_be_visible()
        assert page.evaluate(CUT_TILES) == [], path


def test_a_measure_code_opens_its_page_in_the_same_tab(page: Page, dashboard_url: str) -> None:
    _open(page, f"{dashboard_url}/groups?group=DAWG", "Data and Analysis Working Group")
    link = page.locator(".vrp-board a", has_text="3.1.1.a")
    expect(link).to_have_attribute("target", "_self")
    link.click()
    _wait_for_app(page, "3.1.1.a Data sources with a green RAG status")
    assert re.search(r"/measure\?measure=3\.1\.1\.a", page.url)
    assert len(page.context.pages) == 1  # no new tab was opened
    # The sidebar's own links stay in the tab too.
    page.get_by_test_id("stSidebar").get_by_role("link", name="Overview (SVRP)").click()
    _wait_for_app(page, "Overview for")
    assert len(page.context.pages) == 1


def test_the_presentation_steps_with_next_and_previous_and_keeps_the_address(
    browser: Browser, dashboard_url: str
) -> None:
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    page.goto(f"{dashboard_url}/presentation?scope=DAWG&step=1")
    _wait_for_app(page, "Screen 1 of 3")
    # The sidebar starts collapsed: the screen is the room's.
    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    expect(
        page.get_by_role("heading", name="Data and Analysis Working Group: summary")
    ).to_be_visible()

    page.get_by_role("button", name="Next").click()
    _wait_for_app(page, "Screen 2 of 3")
    expect(page).to_have_url(re.compile(r"step=2"))
    page.get_by_role("button", name="Next").click()
    _wait_for_app(page, "Screen 3 of 3")
    expect(page).to_have_url(re.compile(r"step=3"))
    expect(page.get_by_role("heading", name=re.compile(r"^3\.1\.1\.a "))).to_be_visible()
    expect(page.get_by_role("button", name="Next")).to_be_disabled()
    page.get_by_role("button", name="Previous").click()
    _wait_for_app(page, "Screen 2 of 3")
    expect(page).to_have_url(re.compile(r"step=2"))

    # The address reopens the same screen.
    again = context.new_page()
    again.goto(page.url.replace("step=2", "step=3"))
    _wait_for_app(again, "Screen 3 of 3")
    expect(again.get_by_role("heading", name=re.compile(r"^3\.1\.1\.a "))).to_be_visible()
    context.close()


def test_keyboard_focus_shows_a_clear_ring(page: Page, dashboard_url: str) -> None:
    page.goto(dashboard_url)
    _wait_for_app(page, "Overview for")
    link = page.get_by_test_id("stSidebar").get_by_role("link", name="Methodology")
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
    ring = link.evaluate(
        "e => { const s = getComputedStyle(e);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; }"
    )
    # 3px solid #0b0c0c: 19:1 against the white page (WCAG asks 3:1, 2px or more).
    assert ring == ["solid", 3.0, "rgb(11, 12, 12)"]
