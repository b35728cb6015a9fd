"""The board's pages (overview, strategic objectives, working groups) on the demo database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.board import CHARTS_AT_ONCE
from tests.app.conftest import board, open_page, page_text
from vrp_metrics import reporting
from vrp_metrics.access import local_user
from vrp_metrics.catalogue import Frequency, load_catalogue
from vrp_metrics.metrics import measure_figures
from vrp_metrics.store import Store

LATEST = "2026/27 Q2"
MEASURES = load_catalogue().measures
QUARTERLY = {m.code for m in MEASURES if m.frequency is Frequency.quarterly}
IEO = {m.code for m in MEASURES if m.working_group == "IEO"}


def figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def save(at: AppTest, code: str) -> AppTest:
    """Click the Save button of a measure's commentary form."""
    button = next(b for b in at.button if b.proto.form_id == f"commentary-{code}")
    return button.click()


@pytest.mark.parametrize("page", ["overview", "objective", "working_group"])
def test_each_board_page_renders_without_an_exception(demo_db: Path, page: str):
    at = open_page(page)
    assert not at.exception
    assert not at.error
    assert at.title


def test_the_overview_shows_counts_every_measure_and_the_returns_section(demo_db: Path):
    at = open_page("overview")
    assert at.title[0].value == f"Overview for {LATEST}"
    shown = page_text(at)
    for objective in ("SO1 Multi-agency and Systems Change", "SO4 Interventions, Evaluations"):
        assert objective in shown
    for word in ("● Green", "◆ Amber", "■ Red", "○ Not rated"):
        assert word in shown
    table, links = board(at)
    # On screen, the columns a board reads; the rest are on the measure page.
    assert list(table.columns) == [
        "Code", "Measure", "Figure", "Change", "RAG", "SPC", "Commentary"
    ]  # fmt: skip
    assert set(table["Code"]) == QUARTERLY  # a quarter leaves out the annual one
    # Each status says its basis: the demo's measures have no target and 13 or 14 quarters
    # by then, so every one rests on its SPC chart (as the command line's `basis` says).
    assert all(
        text.startswith(("● Green: special-cause", "◆ Amber: no significant change", "■ Red"))
        for text in table["RAG"]
    )
    assert "on SPC" in shown  # the tiles say what their counts rest on
    # Each code opens the measure page in the same tab.
    assert links[0] == ("measure?measure=1.1.1.e&period=2026%2F27%20Q2", "_self")
    assert len(links) == len(QUARTERLY)
    assert f"Returns still missing for {LATEST}" in shown
    assert f"All expected returns for {LATEST} are in." in shown
    assert "What RAG means" in shown


def test_changing_the_period_changes_the_heading_and_the_table(demo_db: Path):
    # The overview is the default page; run without switching so the sidebar is drawn.
    at = open_page()
    assert at.title[0].value == f"Overview for {LATEST}"
    at.sidebar.selectbox[0].select("2025/26 Q1").run()
    assert at.title[0].value == "Overview for 2025/26 Q1"
    table, links = board(at)
    assert all("period=2025%2F26%20Q1" in href for href, _ in links)
    assert set(table["Code"]) == QUARTERLY
    # A financial year, chosen through the address, adds the annual measure.
    at = open_page(period="2025/26")
    assert at.title[0].value == "Overview for 2025/26"
    assert set(board(at)[0]["Code"]) == {m.code for m in MEASURES}


def test_a_missing_comparator_period_shows_a_dash_not_none(demo_db: Path):
    # The comparator period is in the downloads and on the measure page, no longer in
    # the board's table: its text column says "—", never "None".
    catalogue = load_catalogue()
    with Store(demo_db) as store:
        figures = measure_figures(store, catalogue)
    # 2023/24 Q1 is the demo's first quarter: no measure has a comparator period.
    first = reporting.overview_table(figures, catalogue, "2023/24 Q1")
    assert set(first["comparator_period_text"]) == {"—"}
    # The annual 4.3.1.c has no figure yet for 2026/27, so no comparator either.
    year = reporting.overview_table(figures, catalogue, "2026/27", working_group="ENG")
    assert dict(zip(year["measure_code"], year["comparator_period_text"], strict=True)) == {
        "4.2.1.a": "2025/26",
        "4.3.1.a": "2025/26",
        "4.3.1.b": "2025/26",
        "4.3.1.c": "—",
    }
    at = open_page("overview", period="2023/24 Q1")
    assert not at.exception
    assert set(board(at)[0]["Change"]) == {"—"}


def test_a_missing_return_is_named_with_what_to_do(demo_db: Path):
    with Store(demo_db) as store:
        batches = store.batches()
        artswork = batches[batches["file_name"].str.startswith("artswork")]["batch_id"].iloc[0]
        store.withdraw(int(artswork), user=local_user("test"))
    at = open_page("overview")
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any(
        w.startswith(
            f"No return from Artswork for {LATEST} yet — upload it on the Upload returns page."
        )
        for w in warnings
    )
    assert any("5.1.5.a Young people reached" in w for w in warnings)
    table = board(at)[0].set_index("Code")
    assert table.loc["5.1.5.a", "RAG"] == "○ Not rated: no figure yet"
    # The objective page says what is missing instead of drawing an empty chart.
    at = open_page("objective", objective="SO4")
    assert not at.exception
    infos = [i.value for i in at.info]
    assert any(i.startswith(f"No figures for 5.1.5.a up to {LATEST} yet.") for i in infos)
    at.toggle(key="objective-all-charts").set_value(True).run()
    assert len(at.get("plotly_chart")) == len(IEO) - 3  # less Artswork's three


def test_the_objective_in_the_address_shows_its_measures(demo_db: Path):
    at = open_page("objective", objective="SO4")
    assert not at.exception
    assert at.header[0].value == "SO4 Interventions, Evaluations and Opportunities"
    shown = page_text(at)
    assert "The partnership will commission evidence-based interventions." in shown
    assert "Outcome 5.1: Decreased risk factors" in shown
    assert "Success measure 5.1.2: Improved mental health amongst young people" in shown
    assert "5.1.2.c Average score change in mental health pain scale" in shown
    # The first few charts are drawn straight away, the others when asked for.
    assert len(at.get("plotly_chart")) == CHARTS_AT_ONCE
    draw = [b for b in at.button if b.key.startswith("trend-draw-")]
    assert len(draw) == len(IEO) - CHARTS_AT_ONCE
    draw[0].click().run()
    assert len(at.get("plotly_chart")) == CHARTS_AT_ONCE + 1
    at.toggle(key="objective-all-charts").set_value(True).run()
    charts = figures(at)
    assert len(charts) == len(IEO)  # every IEO measure is quarterly
    names = {trace.get("name") for chart in charts for trace in chart["data"]}
    assert {"Green", "Red"} <= names
    assert at.query_params["objective"] == "SO4"


def test_an_unknown_objective_or_group_in_the_address_says_so(demo_db: Path):
    at = open_page("objective", objective="SO9")
    assert not at.exception
    assert [w.value for w in at.warning] == [
        "No strategic objective SO9 in the catalogue: showing SO1; choose a strategic "
        "objective above."
    ]
    at = open_page("working_group", group="XYZ")
    assert not at.exception
    assert [w.value for w in at.warning] == [
        "No working group XYZ in the catalogue: showing TVRP; choose a working group above."
    ]


def test_choosing_another_objective_updates_the_address(demo_db: Path):
    at = open_page("objective")
    assert at.header[0].value == "SO1 Multi-agency and Systems Change"
    at.get("button_group")[0].set_value("SO2").run()
    assert at.header[0].value == "SO2 Data and Analysis"
    assert "3.1.1.a Data sources with a green RAG status" in page_text(at)
    assert at.query_params["objective"] == "SO2"


def test_the_working_group_page_shows_the_chair_aim_toc_and_crest(demo_db: Path):
    at = open_page("working_group", group="DAWG")
    assert not at.exception
    assert at.header[0].value == "Data and Analysis Working Group"
    shown = page_text(at)
    assert "**Chair:** VRU Director (Chair); VRU Manager (Vice-Chair)" in shown
    assert "Partnership Data Tracker" in shown  # ToC activity 2.c
    assert "**6.3** Training and information should be provided" in shown  # Crest
    assert list(board(at)[0]["Code"]) == ["3.1.1.a"]
    assert len(at.get("plotly_chart")) == 1


def test_a_chair_writes_a_commentary_and_sees_it_with_their_name(demo_db: Path):
    at = open_page("working_group", group="ENG")
    assert "No commentary on 4.2.1.a for 2026/27 Q2 yet." in page_text(at)
    # No name to type: the person using the dashboard signs it.
    assert not [box for box in at.text_input if "name" in box.label.lower()]
    body = next(w for w in at.text_area if (w.key or "").startswith("body-4.2.1.a"))
    body.input("Feedback stays high after the summer events.")
    save(at, "4.2.1.a").run()
    assert not at.exception
    shown = page_text(at)
    assert "Commentary on 4.2.1.a for 2026/27 Q2 saved." in shown
    assert "Feedback stays high after the summer events." in [t.value for t in at.text]
    # local mode: the operating-system user signs it
    assert f"Written by {local_user().identity} on " in shown
    # The edit form now holds the text.
    edited = next(w for w in at.text_area if (w.key or "").startswith("body-4.2.1.a"))
    assert edited.value == "Feedback stays high after the summer events."
    # The overview shows the commentary's text beside the measure (not a checkbox).
    at.switch_page("pages/overview.py").run()
    table = board(at)[0].set_index("Code")
    assert table.loc["4.2.1.a", "Commentary"] == "Feedback stays high after the summer events."
    assert table.loc["4.3.1.a", "Commentary"] == "—"


MARKDOWN_COMMENTARY = (
    "Patrol hours 2*3*4 = 24, up from _last_ quarter.\n# Action\n"
    "See [the plan](http://example.org) ![logo](http://example.org/x.png) <b>now</b>"
)


def test_a_commentary_is_shown_as_typed_never_as_markdown(demo_db: Path):
    with Store(demo_db) as store:
        store.add_commentary(
            "4.2.1.a", LATEST, MARKDOWN_COMMENTARY, user=local_user("Pat Chair"), group="ENG"
        )
    pages = (
        ("working_group", {"group": "ENG"}),
        ("objective", {"objective": "SO3"}),
        ("measure", {"measure": "4.2.1.a"}),
        ("overview", {}),
    )
    for page, query in pages:
        at = open_page(page, **query)
        assert not at.exception, page
        if page != "overview":
            # One plain-text element holds the whole commentary, line breaks and all...
            assert MARKDOWN_COMMENTARY in [t.value for t in at.text], page
            assert "Written by Pat Chair on " in page_text(at), page
        # ...and no Markdown element holds any of it as Markdown or HTML.
        markdown = "\n".join(m.value for m in at.markdown)
        for part in ("2*3*4", "# Action", "[the plan]", "<b>now</b>", "_last_"):
            assert part not in markdown, (page, part)
    # The board's table holds the text as the browser shows it, as typed.
    at = open_page("overview")
    assert board(at)[0].set_index("Code").loc["4.2.1.a", "Commentary"] == MARKDOWN_COMMENTARY
