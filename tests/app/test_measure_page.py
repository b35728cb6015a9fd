"""The measure page and the methodology page, against the real demo database."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import REPO, open_page, page_text, shown


def charts(at: AppTest) -> dict[str, dict]:
    """Every Plotly chart on the page, by its title (line breaks removed)."""
    found = {}
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        title = spec["layout"]["title"]["text"].replace("<br>", " ")
        found[title] = spec
    return found


def chart_titled(at: AppTest, words: str) -> dict:
    matches = [spec for title, spec in charts(at).items() if words in title]
    assert matches, f"no chart titled with {words!r}; charts: {list(charts(at))}"
    return matches[0]


def tables(at: AppTest) -> list:
    """Every table on the page: scrolling ones, then plain ones whose text wraps (as a
    reader sees them: unescaped, their no-break spaces as plain spaces)."""
    plain = [
        table.value.map(lambda text: shown(text).replace("\N{NO-BREAK SPACE}", " "))
        for table in at.table
    ]
    return [frame.value for frame in at.dataframe] + plain


def table_with(at: AppTest, column: str):
    matches = [frame for frame in tables(at) if column in frame.columns]
    assert matches, f"no table with a {column!r} column"
    return matches[0]


@pytest.fixture
def pain_scale(demo_db: Path) -> AppTest:
    at = open_page("measure", measure="5.1.2.c", period="2025/26 Q3")
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_link_opens_its_measure_and_period(pain_scale: AppTest) -> None:
    at = pain_scale
    assert at.title[0].value == "5.1.2.c Average score change in mental health pain scale"
    assert at.selectbox(key="measure").value == "5.1.2.c"
    text = page_text(at)
    assert "**Polarity:** Lower is better" in text
    assert "in 2025/26 Q3:" in text
    assert "**Source used:** Outcome readings" in text


def test_the_pain_scale_shows_its_cohort_and_score_changes(pain_scale: AppTest) -> None:
    at = pain_scale
    histogram = chart_titled(at, "change in score, 2025/26 Q3")
    names = {trace["name"] for trace in histogram["data"]}
    assert "Improved (score fell)" in names
    changes = table_with(at, "Change in score")
    cohort = chart_titled(at, "cohort size by quarter")
    sizes = dict(zip(cohort["data"][0]["x"], cohort["data"][0]["y"], strict=True))
    # The histogram counts the same cohort as the figure for the period.
    assert changes["Participants"].sum() == sizes["2025/26 Q3"]
    assert f"{sizes['2025/26 Q3']} participants in the cohort of 2025/26 Q3" in page_text(at)
    cohort_numbers = table_with(at, "Cohort size (participants)")
    assert cohort_numbers["Cohort size (participants)"].tolist() == cohort["data"][0]["y"]


def test_no_participant_reference_is_shown(pain_scale: AppTest) -> None:
    shown = page_text(pain_scale) + "".join(t.to_csv() for t in tables(pain_scale))
    shown += "".join(chart.proto.spec for chart in pain_scale.get("plotly_chart"))
    assert not re.search(r"NL-\d{4}", shown)


def test_the_spc_chart_comes_with_its_icons_in_words(pain_scale: AppTest) -> None:
    at = pain_scale
    spc = chart_titled(at, "SPC chart (XmR), 2023/24 Q1 to 2025/26 Q3")
    assert {"Mean", "Process limits"} <= {trace["name"] for trace in spc["data"]}
    text = page_text(at)
    assert "**Variation: " in text and "**Assurance: " in text
    assert "11 quarters: limits are trial limits" in text
    numbers = table_with(at, "Upper limit")
    assert numbers["Period"].tolist()[-1] == "2025/26 Q3"
    # value, mean and limits alike to one decimal place; each signal in words
    for column in ("Value", "Mean", "Lower limit", "Upper limit"):
        assert all(re.fullmatch(r"-?[\d,]+\.\d", v) for v in numbers[column]), column
    assert all(v.startswith(("Special cause", "Common cause")) for v in numbers["Signal"])


def test_near_limit_lines_follow_the_toggle(pain_scale: AppTest) -> None:
    at = pain_scale
    assert "Near-limit lines" not in {t["name"] for t in chart_titled(at, "SPC chart")["data"]}
    at.toggle[0].set_value(True).run()
    assert "Near-limit lines" in {t["name"] for t in chart_titled(at, "SPC chart")["data"]}


def test_the_numbers_behind_the_chart_wrap_so_every_column_reads_in_full(
    pain_scale: AppTest,
) -> None:
    # A plain table wraps long text; a scrolling one cut values and sources short.
    (figures,) = [table.value for table in pain_scale.table if "Batches" in table.value.columns]
    assert list(figures.columns) == [
        "Period",
        "Value",
        "Based on",
        "Comparator",
        "Change",
        "RAG",
        "Source",
        "Batches",
    ]
    last = figures.iloc[-1]
    # Periods, values and changes stay on one line; the status and its basis may wrap.
    assert last["Period"] == "2025/26\N{NO-BREAK SPACE}Q3"
    assert last["Value"].endswith("\N{NO-BREAK SPACE}points")
    assert last["Comparator"].endswith(" points in 2025/26 Q2")
    assert last["Source"] == "Outcome readings"
    assert not any(table.value.columns.isin(["Batches"]).any() for table in pain_scale.dataframe)


def test_provenance_names_the_demo_file(pain_scale: AppTest) -> None:
    figures = table_with(pain_scale, "Batches")
    assert figures["Period"].tolist()[-1] == "2025/26 Q3"
    assert set(figures["Source"]) == {"Outcome readings"}
    assert all(
        re.fullmatch(r"batch \d+ — no_limits_pain_scale\.csv", b) for b in figures["Batches"]
    )


def test_a_count_measure_shows_no_distribution(demo_db: Path) -> None:
    at = open_page("measure", measure="5.1.5.a", period="2025/26 Q3")
    assert not at.exception
    assert at.title[0].value == "5.1.5.a Young people reached"
    titles = list(charts(at))
    assert not any("change in score" in t or "cohort size" in t for t in titles)
    assert any("SPC chart" in t for t in titles)
    assert "Cohort" not in [h.value for h in at.header]


def test_an_annual_measure_shows_its_years_and_no_spc_chart(demo_db: Path) -> None:
    at = open_page("measure", measure="4.3.1.c", period="2025/26 Q3")
    assert not at.exception
    text = page_text(at)
    assert "reported once a financial year, so this is 2025/26" in text
    assert "an SPC chart needs quarterly figures" in text
    assert not any("SPC chart" in t for t in charts(at))


def test_choosing_another_measure_updates_the_link(pain_scale: AppTest) -> None:
    at = pain_scale
    at.selectbox(key="measure").set_value("1.1.1.e").run()
    assert not at.exception
    assert at.query_params["measure"] == "1.1.1.e"
    assert at.title[0].value == "1.1.1.e Violent offences in Op Sentinel hotspots"
    assert table_with(at, "Batches")["Batches"].str.contains("hiowc_measures.csv").all()


@pytest.mark.parametrize("unknown", ["9.9.9", "**bold** [link](http://example.org)"])
def test_an_unknown_measure_in_the_link_says_so_and_shows_the_first(
    demo_db: Path, unknown: str
) -> None:
    at = open_page("measure", measure=unknown)
    assert not at.exception
    (warning,) = [w.value for w in at.warning]
    assert warning.startswith("No measure ")
    assert warning.endswith(" in the catalogue: showing 1.1.1.e; choose a measure above.")
    if unknown == "9.9.9":
        assert warning.startswith("No measure 9.9.9 in the catalogue")
    else:  # the address's text is shown as typed, not as Markdown
        assert "**" not in warning and "](" not in warning
    assert at.selectbox(key="measure").value == "1.1.1.e"
    assert at.title[0].value.startswith("1.1.1.e ")
    assert at.query_params["measure"] == "1.1.1.e"
    # Once a measure is chosen, the warning has done its job.
    at.selectbox(key="measure").set_value("5.1.2.c").run()
    assert not at.warning


def test_the_methodology_page_renders_its_headings(demo_db: Path) -> None:
    document = (REPO / "docs" / "methodology.md").read_text(encoding="utf-8")
    headings = [line.lstrip("#").strip() for line in document.splitlines() if line.startswith("#")]
    assert headings, "docs/methodology.md has no headings"
    at = open_page("methodology")
    assert not at.exception
    shown = "\n".join(m.value for m in at.markdown)
    for heading in headings:
        assert heading in shown


@pytest.mark.first_visit
def test_a_first_visit_by_link_runs_inside_the_app_frame(demo_db: Path) -> None:
    # The link is the session's very first request: no run of app.py before it.
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    at.query_params["measure"] = "5.1.2.c"
    at.query_params["period"] = "2025/26 Q3"
    at.switch_page("pages/measure.py").run()
    assert not at.exception
    assert at.sidebar.selectbox, "the period selector of app.py is missing"
    assert at.sidebar.selectbox[0].value == "2025/26 Q3"
    assert at.title[0].value.startswith("5.1.2.c")
    assert at.query_params["measure"] == "5.1.2.c"
