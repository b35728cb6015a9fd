"""The Partnership Data Tracker: grid, barriers and actions, heatmap — rows in force only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from vrp_metrics.access import local_user
from vrp_metrics.catalogue import load_catalogue
from vrp_metrics.charts.tracker_chart import WORDS_UP_TO, tracker_heatmap
from vrp_metrics.returns import validate_file
from vrp_metrics.store import Store
from vrp_metrics.tracker import (
    ACTION_COLUMNS,
    latest_data_sources,
    tracker_actions,
    tracker_grid,
    tracker_quarter,
    tracker_quarters,
)

CATALOGUE = load_catalogue()
TODAY = dt.date(2026, 11, 22)
HEAD = "data_source,agency,period,rag_status,barrier,next_action\n"

Q1 = HEAD + (
    "Crime records,Police,2025/26 Q1,Green,,\n"
    "A&E attendances,Health,2025/26 Q1,Red,No sharing agreement,Escalate to IG lead\n"
    "School exclusions,Education,2025/26 Q1,A,,\n"
)
Q2 = HEAD + (
    "Crime records,Police,2025/26 Q2,g,,\n"
    "A&E attendances,Health,2025/26 Q2,Amber,,\n"
    "Ambulance call-outs,Health,2025/26 Q2,Green,,Keep the monthly extract\n"
)


def load(store: Store, text: str, name: str = "tracker.csv") -> int:
    report = validate_file((name, text.encode()), CATALOGUE, today=TODAY)
    assert report.ok, report.errors
    return store.load(report, user=local_user("analyst")).batch_id


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "vrp.duckdb") as s:
        load(s, Q1, "q1.csv")
        load(s, Q2, "q2.csv")
        yield s


def test_the_grid_has_a_row_per_source_and_a_column_per_quarter_in_words(store: Store) -> None:
    grid = tracker_grid(store)

    assert list(grid.columns) == ["data_source", "agency", "2025/26 Q1", "2025/26 Q2"]
    # by agency, then data source
    assert grid.to_dict("records") == [
        {
            "data_source": "School exclusions",
            "agency": "Education",
            "2025/26 Q1": "◆ Amber",
            "2025/26 Q2": "—",
        },
        {
            "data_source": "A&E attendances",
            "agency": "Health",
            "2025/26 Q1": "■ Red",
            "2025/26 Q2": "◆ Amber",
        },
        {
            "data_source": "Ambulance call-outs",
            "agency": "Health",
            "2025/26 Q1": "—",
            "2025/26 Q2": "● Green",
        },
        {
            "data_source": "Crime records",
            "agency": "Police",
            "2025/26 Q1": "● Green",
            "2025/26 Q2": "● Green",
        },
    ]


def test_a_resubmitted_quarter_replaces_the_earlier_one_until_withdrawn(store: Store) -> None:
    fix = load(store, HEAD + "Crime records,Police,2025/26 Q1,Red,Extract stopped,Restart it\n")

    grid = tracker_grid(store).set_index("data_source")
    # the whole quarter is replaced: the other Q1 sources are no longer listed, and
    # School exclusions, listed only in Q1, is gone from the grid
    assert grid["2025/26 Q1"].to_dict() == {
        "A&E attendances": "—",
        "Ambulance call-outs": "—",
        "Crime records": "■ Red",
    }

    store.withdraw(fix, user=local_user("analyst"))
    grid = tracker_grid(store).set_index("data_source")
    assert grid.loc["Crime records", "2025/26 Q1"] == "● Green"
    assert grid.loc["A&E attendances", "2025/26 Q1"] == "■ Red"


def test_actions_list_sources_not_green_or_with_notes_red_first(store: Store) -> None:
    q1 = tracker_actions(store, "2025/26 Q1")
    assert list(q1.columns) == ACTION_COLUMNS
    shown = q1[["data_source", "rag_status", "status", "barrier", "next_action"]]
    assert shown.astype(object).where(shown.notna(), None).to_dict("records") == [
        {
            "data_source": "A&E attendances",
            "rag_status": "red",
            "status": "■ Red",
            "barrier": "No sharing agreement",
            "next_action": "Escalate to IG lead",
        },
        {
            "data_source": "School exclusions",
            "rag_status": "amber",
            "status": "◆ Amber",
            "barrier": None,
            "next_action": None,
        },
    ]
    # a green source is listed only when it has a note
    q2 = tracker_actions(store, "2025/26 Q2")
    assert list(q2["data_source"]) == ["A&E attendances", "Ambulance call-outs"]


def test_a_year_stands_for_its_latest_tracker_quarter(store: Store) -> None:
    assert tracker_quarter(store, "2025/26") == "2025/26 Q2"
    assert list(tracker_actions(store, "2025/26")["period"].unique()) == ["2025/26 Q2"]
    assert tracker_quarter(store, "2025/26 Q1") == "2025/26 Q1"
    assert tracker_quarter(store, "2025/26 Q3") is None
    assert tracker_quarter(store, "2024/25") is None


def test_a_quarter_without_a_tracker_return_has_no_actions(store: Store) -> None:
    actions = tracker_actions(store, "2025/26 Q3")
    assert actions.empty
    assert list(actions.columns) == ACTION_COLUMNS


def test_quarters_newest_first_and_the_sources_to_prefill_next_quarter(store: Store) -> None:
    assert tracker_quarters(store) == ["2025/26 Q2", "2025/26 Q1"]
    assert latest_data_sources(store) == [
        ("Crime records", "Police"),
        ("A&E attendances", "Health"),
        ("Ambulance call-outs", "Health"),
    ]


def test_an_empty_store_has_an_empty_grid(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.duckdb") as empty:
        grid = tracker_grid(empty)
        assert grid.empty
        assert list(grid.columns) == ["data_source", "agency"]
        assert tracker_quarters(empty) == []
        assert latest_data_sources(empty) == []
        figure = tracker_heatmap(grid)
        assert figure.layout.annotations[0].text == "No data tracker return yet"


def test_the_heatmap_shows_each_status_as_symbol_and_word_with_a_word_legend(
    store: Store,
) -> None:
    figure = tracker_heatmap(tracker_grid(store))
    heatmap = figure.data[0]

    assert heatmap.type == "heatmap"
    assert list(heatmap.x) == ["2025/26 Q1", "2025/26 Q2"]
    # Labels are plain text for Plotly: "&" as an entity, which Plotly shows as "&".
    assert list(heatmap.y) == [
        "School exclusions",
        "A&amp;E attendances",
        "Ambulance call-outs",
        "Crime records",
    ]
    # z: 0 red, 1 amber, 2 green; not listed is empty
    z = [[None if v != v else v for v in row] for row in heatmap.z]
    assert z == [[1.0, None], [0.0, 1.0], [None, 2.0], [2.0, 2.0]]
    assert [list(row) for row in heatmap.text] == [
        ["◆ Amber", ""],
        ["■ Red", "◆ Amber"],
        ["", "● Green"],
        ["● Green", "● Green"],
    ]
    assert "not listed" in heatmap.customdata[0][1]
    assert heatmap.showscale is False
    assert [trace.name for trace in figure.data[1:]] == ["● Green", "◆ Amber", "■ Red"]


def test_with_many_quarters_the_cells_show_the_status_symbol_and_level_labels(
    tmp_path: Path,
) -> None:
    with Store(tmp_path / "many.duckdb") as many:
        for q in range(WORDS_UP_TO + 1):
            year, quarter = 2023 + q // 4, q % 4 + 1
            load(many, HEAD + f"Crime records,Police,{year}/{(year + 1) % 100} Q{quarter},Red,,\n")
        figure = tracker_heatmap(tracker_grid(many))
        heatmap = figure.data[0]
        assert list(heatmap.text[0]) == ["■"] * (WORDS_UP_TO + 1)
        # 2023/24 Q1 … 2025/26 Q1: the year under the first quarter and under each Q1.
        assert list(figure.layout.xaxis.ticktext)[:5] == [
            "Q1<br>2023/24",
            "Q2<br>\u00a0",
            "Q3<br>\u00a0",
            "Q4<br>\u00a0",
            "Q1<br>2024/25",
        ]
        assert figure.layout.xaxis.tickangle == 0
