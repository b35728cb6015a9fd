"""Previews of what a return would change: worked out on a real store, nothing written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from vrp_metrics.access import local_user
from vrp_metrics.catalogue import load_catalogue
from vrp_metrics.metrics import measure_figures
from vrp_metrics.preview import NEW, REMOVED, REPLACED, RERATED, UNCHANGED, Preview, preview
from vrp_metrics.returns import validate_file
from vrp_metrics.returns.report import ValidationReport
from vrp_metrics.store import Store, StoreError

CATALOGUE = load_catalogue()
TODAY = dt.date(2026, 11, 22)

# 5.3.1.a (Rock Pool, count, higher is better, compared with the previous quarter)
FIRST = """measure_code,period,value
5.3.1.a,2025/26 Q1,20
5.3.1.a,2025/26 Q2,30
5.3.1.a,2025/26 Q3,30
"""


def report(text: str, name: str = "return.csv") -> ValidationReport:
    checked = validate_file((name, text.encode()), CATALOGUE, today=TODAY)
    assert checked.ok, checked.errors
    return checked


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "vrp.duckdb") as s:
        yield s


def row(result: Preview, code: str, period: str) -> dict:
    found = result.changes[
        (result.changes["measure_code"] == code) & (result.changes["period"] == period)
    ]
    assert len(found) == 1, f"{code} {period} listed {len(found)} times"
    return found.iloc[0].to_dict()


def test_a_first_return_adds_every_figure_and_writes_nothing(store: Store) -> None:
    result = preview(store, CATALOGUE, report(FIRST))

    assert list(result.changes["status"]) == [NEW] * 4  # three quarters and the year
    assert list(result.changes["period"]) == ["2025/26 Q1", "2025/26 Q2", "2025/26 Q3", "2025/26"]
    assert list(result.changes["new_value"]) == [20.0, 30.0, 30.0, 80.0]
    assert result.changes["old_value"].isna().all()
    # Q1 has no comparator; Q2 is up 10 on 20 (green); Q3 equals Q2 (amber); a part year is grey
    assert list(result.changes["new_rag"]) == ["grey", "green", "amber", "grey"]
    assert list(result.changes["old_rag_text"]) == ["—"] * 4
    # the status in words, with its basis: 30 on 20 is 50% up, higher is better
    assert (
        row(result, "5.3.1.a", "2025/26 Q2")["new_rag_text"]
        == "● Green: 50% better than the previous quarter"
    )
    assert row(result, "5.3.1.a", "2025/26 Q1")["title"] == CATALOGUE.measure("5.3.1.a").title
    assert result.summary == "Adds 4 figures."
    # 20 → 30 is exactly 50% up: not "more than" 50%, so no warning
    assert result.warnings == []

    assert store.is_empty()
    assert store.revision == 0
    assert measure_figures(store, CATALOGUE).empty


def test_a_resubmission_says_what_it_replaces_leaves_and_re_rates(store: Store) -> None:
    store.load(report(FIRST, "first.csv"), user=local_user("analyst"))
    batches_before, revision_before = store.batches(), store.revision
    second = "measure_code,period,value\n5.3.1.a,2025/26 Q1,20\n5.3.1.a,2025/26 Q2,70\n"

    result = preview(store, CATALOGUE, report(second, "second.csv"))

    q1, q2 = row(result, "5.3.1.a", "2025/26 Q1"), row(result, "5.3.1.a", "2025/26 Q2")
    q3, year = row(result, "5.3.1.a", "2025/26 Q3"), row(result, "5.3.1.a", "2025/26")
    assert (q1["status"], q1["old_value"], q1["new_value"]) == (UNCHANGED, 20.0, 20.0)
    assert (q2["status"], q2["old_value"], q2["new_value"]) == (REPLACED, 30.0, 70.0)
    assert (q2["old_text"], q2["new_text"]) == ("30", "70")
    # Q3 is not in the file, but its comparator (Q2) goes from 30 to 70: amber → red
    assert (q3["status"], q3["old_rag"], q3["new_rag"]) == (RERATED, "amber", "red")
    assert (year["status"], year["old_value"], year["new_value"]) == (REPLACED, 80.0, 120.0)
    assert len(result.changes) == 4
    assert result.summary == (
        "Replaces 2 figures, leaves 1 unchanged and changes the RAG status of 1 more."
    )
    assert result.warnings == [
        "5.3.1.a 2025/26 Q2: 70 is more than double the previous quarter (20) — check the figure."
    ]
    assert list(result.changed()["status"]) == [REPLACED, RERATED, REPLACED]

    pd.testing.assert_frame_equal(store.batches(), batches_before)
    assert store.revision == revision_before


def test_the_preview_matches_the_figures_after_the_real_load(store: Store) -> None:
    store.load(report(FIRST, "first.csv"), user=local_user("test"))
    second = report("measure_code,period,value\n5.3.1.a,2025/26 Q2,25\n", "second.csv")
    result = preview(store, CATALOGUE, second)

    store.load(second, user=local_user("test"))
    after = measure_figures(store, CATALOGUE).set_index(["measure_code", "period"])
    for change in result.changes.to_dict("records"):
        figure = after.loc[(change["measure_code"], change["period"])]
        assert figure["value"] == pytest.approx(change["new_value"])
        assert figure["rag"] == change["new_rag"]


def test_an_identical_file_changes_nothing_and_says_so(store: Store) -> None:
    store.load(report(FIRST, "first.csv"), user=local_user("test"))

    result = preview(store, CATALOGUE, report(FIRST, "first again.csv"))

    assert set(result.changes["status"]) == {UNCHANGED}
    assert not result.changes_anything
    assert result.summary == "Leaves 4 figures unchanged."
    assert result.warnings == ["Identical to batch 1 already loaded: loading it changes nothing."]


def test_an_identical_file_partly_replaced_since_would_bring_figures_back(store: Store) -> None:
    store.load(report(FIRST, "first.csv"), user=local_user("test"))
    store.load(
        report("measure_code,period,value\n5.3.1.a,2025/26 Q3,31\n", "fix.csv"),
        user=local_user("test"),
    )

    result = preview(store, CATALOGUE, report(FIRST, "first again.csv"))

    assert row(result, "5.3.1.a", "2025/26 Q3")["status"] == REPLACED
    assert result.warnings == [
        "Identical to batch 1 already loaded, but later batches have replaced some of its "
        "figures: loading it again brings them back."
    ]


def test_an_identical_file_that_was_withdrawn_would_come_back(store: Store) -> None:
    loaded = store.load(report(FIRST, "first.csv"), user=local_user("test"))
    store.withdraw(loaded.batch_id, user=local_user("analyst"))

    result = preview(store, CATALOGUE, report(FIRST, "first.csv"))

    assert set(result.changes["status"]) == {NEW}
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("Identical to batch 1, which was withdrawn on ")
    assert result.warnings[0].endswith("loading it puts its figures back in force.")


@pytest.mark.parametrize(
    ("before", "after", "warning"),
    [
        (900, 2400, "2,400 is more than double the previous quarter (900)"),
        (100, 151, "151 is 51% higher than the previous quarter (100)"),
        (100, 150, None),  # exactly 50% is not unusual
        (100, 49, "49 is 51% lower than the previous quarter (100)"),
        (9, 100, None),  # below 10, counts jump about: no warning
        (10, 100, "100 is more than double the previous quarter (10)"),
    ],
)
def test_unusually_large_changes_are_flagged_but_do_not_block(
    store: Store, before: int, after: int, warning: str | None
) -> None:
    store.load(
        report(f"measure_code,period,value\n5.1.5.a,2025/26 Q1,{before}\n"), user=local_user("test")
    )
    new = report(f"measure_code,period,value\n5.1.5.a,2025/26 Q2,{after}\n")
    result = preview(store, CATALOGUE, new)
    expected = [f"5.1.5.a 2025/26 Q2: {warning} — check the figure."] if warning else []
    assert result.warnings == expected
    # a warning is for the analyst to look at: the file is still valid and loads
    assert new.ok and store.load(new, user=local_user("test")).status == "loaded"
    figures = measure_figures(store, CATALOGUE)
    loaded = (figures["measure_code"] == "5.1.5.a") & (figures["period"] == "2025/26 Q2")
    assert figures.loc[loaded, "value"].tolist() == [after]


def test_an_annual_measure_is_compared_with_the_previous_year(store: Store) -> None:
    store.load(report("measure_code,period,value\n4.3.1.c,2024/25,400\n"), user=local_user("test"))
    result = preview(store, CATALOGUE, report("measure_code,period,value\n4.3.1.c,2025/26,100\n"))
    assert result.warnings == [
        "4.3.1.c 2025/26: 100 is 75% lower than the previous year (400) — check the figure."
    ]


def test_same_percentage_on_a_different_basis_is_a_replacement(store: Store) -> None:
    head = "measure_code,period,numerator,denominator\n"
    store.load(report(head + "2.2.2.a,2025/26 Q1,2,4\n"), user=local_user("test"))

    result = preview(store, CATALOGUE, report(head + "2.2.2.a,2025/26 Q1,5,10\n"))

    q1 = row(result, "2.2.2.a", "2025/26 Q1")
    assert (q1["status"], q1["old_value"], q1["new_value"]) == (REPLACED, 50.0, 50.0)
    assert (q1["old_text"], q1["new_text"]) == ("50.0%", "50.0%")


def test_a_tracker_return_previews_the_share_of_green_sources(store: Store) -> None:
    tracker = (
        "data_source,agency,period,rag_status\n"
        "Crime records,Police,2025/26 Q1,Green\n"
        "A&E attendances,Health,2025/26 Q1,Red\n"
    )
    result = preview(store, CATALOGUE, report(tracker, "tracker.csv"))

    q1 = row(result, "3.1.1.a", "2025/26 Q1")
    assert (q1["status"], q1["new_value"], q1["new_text"]) == (NEW, 50.0, "50.0%")


def test_a_readings_return_that_empties_a_cohort_removes_its_figure(store: Store) -> None:
    readings = "participant_ref,scale,reading_date,score\n"
    store.load(
        report(
            readings + "NL-1,A&E Navigators pain scale,2025-04-10,8\n"
            "NL-1,A&E Navigators pain scale,2025-07-10,5\n",
            "first readings.csv",
        ),
        user=local_user("test"),
    )
    # the new file covers Q2 only, with a first reading of someone else: NL-1's
    # follow-up in Q2 is replaced, and nobody is left with a follow-up reading
    replacement = readings + "NL-2,A&E Navigators pain scale,2025-07-12,6\n"
    result = preview(store, CATALOGUE, report(replacement, "replacement.csv"))

    q2 = row(result, "5.1.2.c", "2025/26 Q2")
    assert (q2["status"], q2["old_value"]) == (REMOVED, -3.0)
    assert pd.isna(q2["new_value"])
    assert row(result, "5.1.2.d", "2025/26 Q2")["status"] == REMOVED
    assert row(result, "5.1.2.c", "2025/26")["status"] == REMOVED
    assert result.summary == "Removes 4 figures."


def test_a_file_with_errors_cannot_be_previewed(store: Store) -> None:
    bad = validate_file(
        ("bad.csv", b"measure_code,period,value\n5.3.1.a,2025/26 Q1,x\n"), CATALOGUE
    )
    with pytest.raises(StoreError, match="has errors"):
        preview(store, CATALOGUE, bad)
