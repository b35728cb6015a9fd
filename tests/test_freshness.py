"""Figures as at: when the data last changed, and the latest period each measure's
provider has returned (rows in force only)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from vrp_metrics.access import local_user
from vrp_metrics.catalogue import load_catalogue
from vrp_metrics.freshness import last_change, last_change_text, latest_returned
from vrp_metrics.returns import validate_file
from vrp_metrics.store import Store

CATALOGUE = load_catalogue()
TODAY = dt.date(2026, 11, 22)


def load(store: Store, name: str, text: str) -> int:
    report = validate_file((name, text.encode()), CATALOGUE, today=TODAY)
    assert report.ok, report.errors
    return store.load(report, user=local_user("analyst")).batch_id


def latest(store: Store) -> dict[str, str | None]:
    frame = latest_returned(store, CATALOGUE)
    return dict(zip(frame["measure_code"], frame["latest_period"], strict=True))


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "fresh.duckdb") as store:
        yield store


def test_an_empty_store_has_no_change_and_no_period(store: Store) -> None:
    assert last_change(store) is None
    assert last_change_text(None) == "No figures have been loaded yet."
    assert set(latest(store).values()) == {None}


def test_each_measure_has_the_latest_period_of_its_own_sources(store: Store) -> None:
    load(
        store,
        "rock_pool.csv",
        "measure_code,period,value\n5.3.1.a,2025/26 Q1,4\n5.3.1.a,2025/26 Q2,6\n",
    )
    load(store, "opcc.csv", "measure_code,period,value\n4.3.1.c,2024/25,900\n")
    load(
        store,
        "tracker.csv",
        "data_source,agency,period,rag_status,barrier,next_action\n"
        "Crime records,Police,2025/26 Q1,Green,,\n",
    )
    # Pain-scale readings: the latest is dated in October 2025, so 2025/26 Q3.
    load(
        store,
        "navigators.csv",
        "participant_ref,scale,area,reading_date,score\n"
        "P1,A&E Navigators pain scale,,2025-05-02,7\n"
        "P1,A&E Navigators pain scale,,2025-10-20,4\n",
    )
    found = latest(store)
    assert found["5.3.1.a"] == "2025/26 Q2"
    assert found["4.3.1.c"] == "2024/25"  # an annual return: its year
    assert found["3.1.1.a"] == "2025/26 Q1"  # the tracker measure: the tracker's quarter
    # Both measures of the pain scale, from the readings.
    assert found["5.1.2.c"] == found["5.1.2.d"] == "2025/26 Q3"
    # The Outcomes Star's measures have no readings and no return.
    assert found["5.1.1.a"] is None
    assert found["5.3.1.b"] is None


def test_a_withdrawal_is_the_last_change_and_takes_its_periods_away(store: Store) -> None:
    first = load(store, "q1.csv", "measure_code,period,value\n5.3.1.a,2025/26 Q1,4\n")
    second = load(store, "q2.csv", "measure_code,period,value\n5.3.1.a,2025/26 Q2,6\n")
    change = last_change(store)
    assert change is not None
    assert (change["revision"], change["action"]) == (2, "load")
    assert latest(store)["5.3.1.a"] == "2025/26 Q2"

    store.withdraw(second, user=local_user("analyst"))
    change = last_change(store)
    assert change is not None
    assert (change["revision"], change["action"]) == (3, "withdraw")
    assert latest(store)["5.3.1.a"] == "2025/26 Q1"
    assert first == 1

    store.add_commentary(
        "5.3.1.a", "2025/26 Q1", "Steady.", user=local_user("Pat Chair"), group="IEO"
    )
    change = last_change(store)
    assert change is not None
    assert change["action"] == "commentary"
    at = change["done_at"]
    # "Figures as at 2 December 2026, 16:20 (last change: a commentary)."
    assert last_change_text(change) == (
        f"Figures as at {at.day} {at:%B %Y, %H:%M} (last change: a commentary)."
    )
