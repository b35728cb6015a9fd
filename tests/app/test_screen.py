"""The meeting-room screen: navigation drawn by the app, figures as at, deep links, and
the presentation view walked through its query parameters."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import board, open_page, page_text
from vrp_metrics.access import local_user
from vrp_metrics.catalogue import Frequency, load_catalogue

LATEST = "2026/27 Q2"
CATALOGUE = load_catalogue()
IEO = [m.code for m in CATALOGUE.measures_of_group("IEO") if m.frequency is Frequency.quarterly]


def page_links(at: AppTest) -> list[tuple[str, str]]:
    """The sidebar's links: (label, page address)."""
    return [(link.proto.label, link.proto.page) for link in at.sidebar.get("page_link")]


def test_the_sidebar_links_every_page_under_its_section(demo_db: Path):
    at = open_page()
    assert not at.exception
    assert [h.value for h in at.sidebar.subheader] == [
        "Strategic board",
        "Working groups",
        "Analysts",
        "Administration",  # local mode: the person at this computer may see the audit log
    ]
    labels = [label for label, _ in page_links(at)]
    assert labels[:3] == ["Overview (SVRP)", "Presentation view", "Strategic objectives"]
    assert "Methodology" in labels
    assert ("Presentation view", "presentation") in page_links(at)


def navigation_script() -> None:
    """Two pages, of which a person may see one section only."""
    import streamlit as st

    from dashboard.navigation import navigate

    first = st.Page(lambda: st.title("Page A"), title="Page A", url_path="a", default=True)
    second = st.Page(lambda: st.title("Page B"), title="Page B", url_path="b")
    shown = {"One": [first], "Two": [second]}
    if st.session_state.get("only_one"):
        shown = {"One": [first], "Two": []}
    navigate(shown).run()


def test_the_navigation_shows_only_the_pages_it_is_given():
    at = AppTest.from_function(navigation_script, default_timeout=30).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Page A"]
    assert [h.value for h in at.sidebar.subheader] == ["One", "Two"]
    assert [link.proto.label for link in at.sidebar.get("page_link")] == ["Page A", "Page B"]
    at.session_state["only_one"] = True
    at.run()
    assert [h.value for h in at.sidebar.subheader] == ["One"]  # an empty section is left out
    assert [link.proto.label for link in at.sidebar.get("page_link")] == ["Page A"]


@pytest.mark.parametrize("page", ["overview", "working_group", "presentation", "upload"])
def test_every_page_says_when_the_figures_last_changed(demo_db: Path, page: str):
    at = open_page(page)
    assert not at.exception
    assert any(c.value.startswith("Figures as at ") for c in at.caption)
    assert "(last change: a return loaded)." in page_text(at)


def test_the_measure_page_says_the_latest_period_its_provider_returned(demo_db: Path):
    at = open_page("measure", measure="5.1.2.c")
    assert f"Latest period returned by No Limits: {LATEST}." in page_text(at)


@pytest.mark.parametrize("wanted", ["2031/32 Q1", "not a period"])
def test_an_unknown_period_in_the_address_says_so(demo_db: Path, wanted: str):
    at = open_page(period=wanted)
    assert not at.exception
    assert at.title[0].value == f"Overview for {LATEST}"
    assert [w.value for w in at.warning] == [
        f"No figures for the period {wanted}: showing {LATEST}; choose a period in the sidebar."
    ]
    assert at.query_params["period"] == LATEST


@pytest.mark.parametrize(
    "wanted", ["DAWG", "dawg", "Data and Analysis Working Group", "data and analysis working group"]
)
def test_a_group_link_accepts_its_code_or_its_name_in_any_case(demo_db: Path, wanted: str):
    at = open_page("working_group", group=wanted)
    assert not at.exception
    assert not at.warning
    assert at.header[0].value == "Data and Analysis Working Group"
    assert at.query_params["group"] == "DAWG"
    assert list(board(at)[0]["Code"]) == ["3.1.1.a"]


def test_an_objective_link_accepts_its_code_in_any_case(demo_db: Path):
    at = open_page("objective", objective="so4")
    assert not at.warning
    assert at.header[0].value == "SO4 Interventions, Evaluations and Opportunities"


def test_the_group_table_shows_the_commentary_text(demo_db: Path):
    from vrp_metrics.store import Store

    with Store(demo_db) as store:
        store.add_commentary(
            "3.1.1.a",
            LATEST,
            "Two more sources\nare green.",
            user=local_user("Dee Chair"),
            group="DAWG",
        )
    at = open_page("working_group", group="DAWG")
    table = board(at)[0]
    assert table["Commentary"].tolist() == ["Two more sources\nare green."]


def headers(at: AppTest) -> list[str]:
    return [h.value for h in at.header]


def test_the_presentation_walks_a_scope_one_screen_at_a_time(demo_db: Path):
    at = open_page("presentation", scope="SO4", step="1")
    assert not at.exception
    # 2 screens (summary, exceptions) and one per quarterly IEO measure.
    assert f"Screen 1 of {len(IEO) + 2}" in page_text(at)
    assert headers(at) == ["SO4 Interventions, Evaluations and Opportunities: summary"]
    assert {m.label for m in at.metric} == {"● Green", "◆ Amber", "■ Red", "○ Not rated"}

    at.button(key="next-screen").click().run()
    assert at.query_params["step"] == "2"
    assert headers(at)[0].endswith("exceptions (red, or an SPC concern)")
    # On the demo data the IEO measures rest on SPC with no special-cause concern, so
    # the screen says there is none; any that were would be listed in a board table.
    if any('class="vrp-board"' in m.value for m in at.markdown):
        assert set(board(at)[0]["Code"]) <= set(IEO)
    else:
        assert "No measure is rated red or shows an SPC concern in 2026/27 Q2." in page_text(at)

    at.button(key="next-screen").click().run()
    assert at.query_params["step"] == "3"
    first = CATALOGUE.measure(IEO[0])
    assert headers(at) == [f"{first.code} {first.title}"]
    assert len(at.get("plotly_chart")) == 1  # its chart, large
    assert f"No commentary on {first.code} for {LATEST} yet." in page_text(at)

    at.button(key="previous-screen").click().run()
    assert at.query_params["step"] == "2"


def test_the_address_reopens_the_same_screen(demo_db: Path):
    # Screen 4 of SO4 is its second measure; the group's name works as well as its code.
    for scope in ("SO4", "ieo", CATALOGUE.working_group("IEO").name.upper()):
        at = open_page("presentation", scope=scope, step="4")
        assert not at.exception, scope
        second = CATALOGUE.measure(IEO[1])
        assert headers(at) == [f"{second.code} {second.title}"], scope
        assert not at.warning, scope
        assert at.query_params["step"] == "4"
        assert not at.button(key="previous-screen").disabled


def test_a_screen_past_the_end_says_so_and_shows_the_last(demo_db: Path):
    at = open_page("presentation", scope="SO4", step="99")
    last = CATALOGUE.measure(IEO[-1])
    assert [w.value for w in at.warning] == [
        f"No screen 99 in this presentation (it has {len(IEO) + 2}): showing screen {len(IEO) + 2}."
    ]
    assert headers(at) == [f"{last.code} {last.title}"]
    assert at.button(key="next-screen").disabled


def test_another_scope_starts_at_its_summary(demo_db: Path):
    at = open_page("presentation", scope="SO4", step="5")
    at.selectbox(key="scope").select("DAWG").run()
    assert at.query_params["scope"] == "DAWG"
    assert at.query_params["step"] == "1"
    assert headers(at) == ["Data and Analysis Working Group: summary"]
