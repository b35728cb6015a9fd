"""The analysts' pages (upload returns, data tracker, returns and history) on the demo
database: checking, previewing and loading files, withdrawing a batch, the tracker."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import open_page, page_text, shown
from vrp_metrics.access import local_user
from vrp_metrics.catalogue import load_catalogue
from vrp_metrics.demo import demo_files
from vrp_metrics.metrics import measure_figures
from vrp_metrics.returns import validate_file
from vrp_metrics.store import Store

DEMO_BATCHES = len(demo_files())  # one batch per demo return file
GOOD = b"measure_code,period,value,comment\n5.1.5.a,2026/27 Q2,2400,Summer programme\n"
BAD = (
    b"measure_code,period,value\n5.1.5.a,2026/27 Q2,abc\n9.9.9.z,2026/27 Q2,5\n5.1.6.a,Q5 2026,7\n"
)


def batch_count(at: AppTest) -> tuple[int, int]:
    """(batches, batches in force) as the history page states them."""
    at.switch_page("pages/history.py").run()
    caption = next(c.value for c in at.caption if " batches, " in c.value)
    found = re.match(r"([\d,]+) batches, ([\d,]+) in force", caption)
    assert found, caption
    return int(found[1].replace(",", "")), int(found[2].replace(",", ""))


def load_button(at: AppTest):
    return at.button(key="load-button")


@pytest.mark.parametrize("page", ["upload", "data_tracker", "history"])
def test_each_analyst_page_renders_without_an_exception(demo_db: Path, page: str) -> None:
    at = open_page(page)
    assert not at.exception
    assert not at.error
    assert at.title


def test_a_good_file_is_checked_and_previewed_and_nothing_is_written_until_confirmed(
    demo_db: Path,
) -> None:
    at = open_page("upload")
    at.file_uploader[0].upload("artswork q2.csv", GOOD, "text/csv").run()

    assert not at.exception
    shown = page_text(at)
    assert "artswork q2.csv" in shown
    assert "✓ Valid: 1 row, measure return." in shown
    assert "**If loaded:** Replaces 2 figures." in shown
    changes = at.dataframe[0].value
    assert list(changes["status"]) == ["replaced", "replaced"]
    assert list(changes["period"]) == ["2026/27 Q2", "2026/27"]
    assert list(changes["old_text"]) == ["1,090", "3,035"]
    assert list(changes["new_text"]) == ["2,400", "4,345"]
    # no name to type: the signed-in person (here, local mode's) signs the load
    assert load_button(at).label == "Load 1 valid file"
    assert not load_button(at).disabled
    assert not at.text_input
    assert batch_count(at) == (DEMO_BATCHES, DEMO_BATCHES)  # previewing wrote nothing


def test_confirming_loads_the_file_and_names_its_batch(demo_db: Path) -> None:
    at = open_page("upload")
    at.file_uploader[0].upload("artswork q2.csv", GOOD, "text/csv").run()
    load_button(at).click().run()

    assert not at.exception
    (message,) = [shown(s.value) for s in at.success]
    found = re.fullmatch(r"artswork q2\.csv loaded as batch (\d+) \(1 row\)\.", message)
    assert found, message
    assert not at.file_uploader[0].value  # the uploader is emptied after a load

    assert batch_count(at) == (DEMO_BATCHES + 1, DEMO_BATCHES + 1)
    batches = at.dataframe[0].value
    newest = batches.iloc[0]
    assert int(newest["batch_id"]) == int(found[1])
    assert newest["loaded_by"] == local_user().identity  # local mode: the OS user
    assert newest["file_name"] == "artswork q2.csv"
    # the Artswork demo batch covered 5.1.5.a 2026/27 Q2: the new batch replaced it
    artswork = int(batches[batches["file_name"] == "artswork_measures.xlsx"]["batch_id"].iloc[0])
    assert list(newest["replaced_batches"]) == [artswork]


def test_loading_an_identical_file_again_changes_nothing(demo_db: Path) -> None:
    demo = (Path(__file__).resolve().parents[2] / "data/demo/rock_pool_measures.csv").read_bytes()
    at = open_page("upload")
    at.file_uploader[0].upload("rock_pool_measures.csv", demo, "text/csv").run()

    warnings = [w.value for w in at.warning]
    assert any(re.fullmatch(r"Identical to batch \d+ already loaded: .*", w) for w in warnings)
    load_button(at).click().run()
    (message,) = [shown(s.value) for s in at.success]
    assert re.fullmatch(
        r"rock_pool_measures\.csv: unchanged — identical to batch \d+, already loaded\. "
        r"Nothing was written\.",
        message,
    )
    assert batch_count(at) == (DEMO_BATCHES, DEMO_BATCHES)


def test_a_bad_file_shows_every_error_by_row_and_writes_nothing(demo_db: Path) -> None:
    at = open_page("upload")
    at.file_uploader[0].upload("bad.csv", BAD, "text/csv").run()

    assert not at.exception
    (verdict,) = [e.value for e in at.error]
    assert verdict.startswith("✗ 3 errors (measure return) — nothing will be loaded.")
    errors = at.table[0].value.map(shown)  # a plain table's cells are escaped Markdown
    assert list(errors.columns) == [
        "Row",
        "Column",
        "Value",
        "What is wrong, and what would be valid",
    ]
    assert list(errors["Row"]) == ["2", "3", "4"]
    assert list(errors["Column"]) == ["value", "measure_code", "period"]
    assert list(errors["Value"]) == ["abc", "9.9.9.z", "Q5 2026"]
    assert not at.dataframe  # no preview for a file with errors
    # No "Load 0 valid files" button: the message says what to do instead.
    assert not [b for b in at.button if b.key == "load-button"]
    assert any(i.value.startswith("Files with errors are not loaded") for i in at.info)
    assert batch_count(at) == (DEMO_BATCHES, DEMO_BATCHES)


def test_good_and_bad_files_together_load_only_the_good_one(demo_db: Path) -> None:
    at = open_page("upload")
    at.file_uploader[0].set_value(
        [("bad.csv", BAD, "text/csv"), ("good.csv", GOOD, "text/csv")]
    ).run()
    assert load_button(at).label == "Load 1 valid file"
    load_button(at).click().run()

    assert [s.value.split(" loaded as batch ")[0] for s in at.success] == ["good.csv"]
    assert batch_count(at) == (DEMO_BATCHES + 1, DEMO_BATCHES + 1)


def test_an_unreadable_file_is_reported_without_a_traceback(demo_db: Path) -> None:
    at = open_page("upload")
    at.file_uploader[0].upload("return.csv", b"\x00\x01\x02 not text", "text/csv").run()
    assert not at.exception
    assert any("✗ 1 error" in e.value for e in at.error)
    assert "cannot be read as CSV" in at.table[0].value.iloc[0, 3]


def test_templates_can_be_downloaded_for_the_chosen_provider_and_return(demo_db: Path) -> None:
    at = open_page("upload")
    assert [b.label for b in at.get("download_button")] == [
        "Download the CSV template",
        "Download the XLSX template",
    ]
    provider = next(s for s in at.selectbox if s.label == "Provider")
    provider.select("VRU").run()
    kind = next(s for s in at.selectbox if s.label == "Return")
    assert kind.options == ["measure return", "data tracker return"]
    kind.select("tracker").run()
    assert not at.exception
    assert len(at.get("download_button")) == 2


def test_withdrawing_a_batch_needs_a_confirmation_then_restores_what_it_replaced(
    demo_db: Path,
) -> None:
    at = open_page("upload")
    at.file_uploader[0].upload("artswork q2.csv", GOOD, "text/csv").run()
    load_button(at).click().run()
    new_batch = int(re.search(r"batch (\d+)", at.success[0].value)[1])

    assert batch_count(at) == (DEMO_BATCHES + 1, DEMO_BATCHES + 1)
    picker = next(s for s in at.selectbox if s.label == "Batch to withdraw")
    assert picker.value == new_batch  # newest first
    assert any("replaced figures of batch" in w.value for w in at.warning)
    withdraw = at.button(key="withdraw-button")
    assert withdraw.disabled  # not confirmed yet

    sure = at.checkbox(key=f"withdraw-sure-{new_batch}")
    assert sure.label == "I understand the figures it replaced will be in force again"
    sure.check().run()
    assert not at.button(key="withdraw-button").disabled
    at.button(key="withdraw-button").click().run()

    assert not at.exception
    assert any(
        message.startswith(f"Batch {new_batch} (artswork q2.csv) is withdrawn")
        and message.endswith("and what it replaced is in force again.")
        for message in map(shown, (s.value for s in at.success))
    )
    assert batch_count(at) == (DEMO_BATCHES + 1, DEMO_BATCHES)
    batches = at.dataframe[0].value
    status = batches.set_index("batch_id").loc[new_batch]
    assert not status["in_force"]
    assert status["withdrawn_by"] == local_user().identity
    # the demo figure the file replaced is in force again
    with Store(demo_db) as store:
        figures = measure_figures(store, load_catalogue())
    q2 = figures[(figures["measure_code"] == "5.1.5.a") & (figures["period"] == "2026/27 Q2")]
    assert list(q2["value"]) == [1090.0]


def test_withdrawing_a_batch_that_replaced_nothing_does_not_promise_a_restore(
    demo_db: Path,
) -> None:
    at = open_page("history")
    batches = at.dataframe[0].value
    rock_pool = batches[batches["file_name"] == "rock_pool_measures.csv"].iloc[0]
    assert list(rock_pool["replaced_batches"]) == []
    batch = int(rock_pool["batch_id"])
    next(s for s in at.selectbox if s.label == "Batch to withdraw").set_value(batch).run()

    assert any(f"Batch {batch} replaced nothing" in w.value for w in at.warning)
    sure = at.checkbox(key=f"withdraw-sure-{batch}")
    assert "replaced" not in sure.label
    assert sure.label == "I understand its figures will stop counting"
    sure.check().run()
    at.button(key="withdraw-button").click().run()
    (message,) = [shown(s.value) for s in at.success]
    assert message == (
        f"Batch {batch} (rock_pool_measures.csv) is withdrawn: its figures no longer count."
    )


def test_one_batch_is_one_batch_not_one_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "one.duckdb"
    with Store(path) as store:
        store.load(
            validate_file(("artswork q2.csv", GOOD), load_catalogue()),
            user=local_user("Ann Analyst"),
        )
    monkeypatch.setenv("VRP_DB", str(path))
    at = open_page("history")
    assert not at.exception
    assert "1 batch, 1 in force, newest first." in [c.value for c in at.caption]


def test_the_history_page_shows_the_returns_received_in_words(demo_db: Path) -> None:
    at = open_page("history")
    received = at.dataframe[1].value
    assert list(received.columns[:3]) == ["provider", "2026/27 Q2", "2026/27 Q1"]
    artswork = received.set_index("provider").loc["Artswork"]
    assert artswork["2026/27 Q2"] == "✓ 3 of 3"
    assert received.set_index("provider").loc["OPCC", "2025/26"] == "✓ 1 of 1"


def test_a_missing_return_shows_as_missing_after_a_withdrawal(demo_db: Path) -> None:
    at = open_page("history")
    picker = next(s for s in at.selectbox if s.label == "Batch to withdraw")
    batches = at.dataframe[0].value
    rock_pool_id = int(
        batches[batches["file_name"] == "rock_pool_measures.csv"]["batch_id"].iloc[0]
    )
    picker.set_value(rock_pool_id).run()
    at.checkbox(key=f"withdraw-sure-{rock_pool_id}").check().run()
    at.button(key="withdraw-button").click().run()

    received = at.dataframe[1].value.set_index("provider")
    assert received.loc["Rock Pool", "2026/27 Q2"] == "✗ 0 of 2 (missing 2)"


def test_the_tracker_page_shows_the_heatmap_the_grid_and_the_actions(demo_db: Path) -> None:
    at = open_page("data_tracker")
    assert not at.exception
    charts = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    heatmap = charts[0]["data"][0]
    assert heatmap["type"] == "heatmap"
    assert len(heatmap["y"]) == 20  # the demo's data sources
    # Fourteen quarters: each cell shows its status's symbol, whose shape differs per status.
    assert {text for row in heatmap["text"] for text in row} <= {"●", "◆", "■", ""}
    assert "●" in {text for row in heatmap["text"] for text in row}
    assert [t["name"] for t in charts[0]["data"][1:]] == ["● Green", "◆ Amber", "■ Red"]

    grid = at.dataframe[0].value
    assert list(grid.columns[:2]) == ["data_source", "agency"]
    assert set(grid["2026/27 Q2"]) <= {"● Green", "◆ Amber", "■ Red", "—"}

    shown = page_text(at)
    assert "Barriers and next actions, 2026/27 Q2" in shown
    actions = at.table[0].value
    assert list(actions.columns) == ["Status", "Data source", "Agency", "Barrier", "Next action"]
    assert len(actions) > 0
    for row in actions.to_dict("records"):  # green only with a barrier or next action
        assert row["Status"].replace("\N{NO-BREAK SPACE}", " ") in {"■ Red", "◆ Amber", "● Green"}
        assert row["Status"] != "●\N{NO-BREAK SPACE}Green" or row["Barrier"] or row["Next action"]

    assert "3.1.1.a Data sources with a green RAG status" in shown
    trend = charts[1]
    assert trend["layout"]["yaxis"]["ticksuffix"] == "%"


def test_the_tracker_page_follows_the_period_and_takes_a_years_latest_quarter(
    demo_db: Path,
) -> None:
    at = open_page("data_tracker", period="2025/26")
    shown = page_text(at)
    assert "Barriers and next actions, 2025/26 Q4" in shown
    assert "2025/26 is a financial year: this is its latest tracker quarter." in shown


def test_the_tracker_page_says_so_when_there_is_no_tracker_return(demo_db: Path) -> None:
    with Store(demo_db) as store:
        batches = store.batches()
        tracker = int(batches[batches["kind"] == "tracker"]["batch_id"].iloc[0])
        store.withdraw(tracker, user=local_user("test"))
    at = open_page("data_tracker")
    assert not at.exception
    assert not at.get("plotly_chart")
    assert any("No data tracker return has been loaded yet" in i.value for i in at.info)


def test_the_same_file_chosen_twice_is_previewed_and_loaded_once(demo_db: Path) -> None:
    at = open_page("upload")
    at.file_uploader[0].set_value(
        [("artswork q2.csv", GOOD, "text/csv"), ("artswork q2 (1).csv", GOOD, "text/csv")]
    ).run()

    assert not at.exception
    shown = page_text(at)
    assert "The same file as artswork q2.csv above (the same content): it is loaded once" in (shown)
    assert shown.count("**If loaded:**") == 1
    assert not any("Files with errors" in i.value for i in at.info)
    assert load_button(at).label == "Load 1 valid file"
    load_button(at).click().run()
    assert batch_count(at) == (DEMO_BATCHES + 1, DEMO_BATCHES + 1)
