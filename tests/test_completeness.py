"""Expected vs received returns, on a real store with small hand-made returns."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from vrp_metrics.access import local_user
from vrp_metrics.catalogue import load_catalogue
from vrp_metrics.completeness import (
    completeness_by_provider,
    completeness_words,
    expected_returns,
    missing_returns,
)
from vrp_metrics.returns.validate import validate_file
from vrp_metrics.store import Store

CATALOGUE = load_catalogue()

FILES = {
    "rock_pool.csv": "measure_code,period,value\n"
    "5.3.1.a,2024/25 Q1,10\n5.3.1.b,2024/25 Q1,2\n5.3.1.a,2024/25 Q2,12\n",
    # only baselines in Q2: no figure (empty cohort), but the return arrived
    "star.csv": "participant_ref,scale,area,reading_date,score\n"
    "A,RESET Outcomes Star,Offending,01/05/2024,3\n"
    "B,RESET Outcomes Star,Offending,01/08/2024,3\n",
    "tracker.csv": "data_source,agency,period,rag_status\nPolice crime,Police,2024/25 Q1,Green\n",
}


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "c.duckdb") as s:
        for name, text in FILES.items():
            path = tmp_path / name
            path.write_text(text)
            report = validate_file(path, CATALOGUE)
            assert report.ok, report.errors
            s.load(report, user=local_user("test"))
        yield s


def test_quarters_span_the_data_and_every_quarterly_measure_is_owed(store: Store) -> None:
    owed = expected_returns(store, CATALOGUE)
    assert sorted(owed["period"].unique()) == ["2024/25 Q1", "2024/25 Q2"]
    quarterly = [m for m in CATALOGUE.measures if m.frequency.value == "quarterly"]
    # every quarterly measure, each quarter; no financial year has ended in the span
    assert len(owed) == len(quarterly) * 2


def test_received_by_source(store: Store) -> None:
    owed = expected_returns(store, CATALOGUE).set_index(["measure_code", "period"])["received"]
    assert owed["5.3.1.a", "2024/25 Q2"]
    assert not owed["5.3.1.b", "2024/25 Q2"]
    assert owed["5.2.2.b", "2024/25 Q2"]  # readings arrived, though no cohort yet
    assert owed["5.2.2.c", "2024/25 Q1"]
    assert not owed["5.1.2.c", "2024/25 Q1"]  # no pain-scale readings at all
    assert owed["3.1.1.a", "2024/25 Q1"] and not owed["3.1.1.a", "2024/25 Q2"]


def test_missing_returns_for_a_quarter_name_provider_and_measure(store: Store) -> None:
    missing = missing_returns(store, CATALOGUE, "2024/25 Q2")
    rock_pool = missing[missing["provider"] == "Rock Pool"]
    assert rock_pool["measure_code"].tolist() == ["5.3.1.b"]
    assert rock_pool["return_name"].tolist() == ["measure return"]
    tracker = missing[missing["measure_code"] == "3.1.1.a"]
    assert tracker["return_name"].tolist() == ["Partnership Data Tracker return"]


def test_completeness_counts_per_provider(store: Store) -> None:
    table = completeness_by_provider(store, CATALOGUE).set_index(["provider", "period"])
    assert table.loc[("Rock Pool", "2024/25 Q1"), ["expected", "received"]].tolist() == [2, 2]
    assert table.loc[("Rock Pool", "2024/25 Q2"), ["expected", "received"]].tolist() == [2, 1]


def owed(provider: str, period: str, start: str, expected: int, received: int) -> dict:
    return {
        "provider": provider,
        "period": period,
        "period_start": pd.Timestamp(start),
        "expected": expected,
        "received": received,
    }


def test_completeness_in_words_newest_first_with_a_year_after_its_last_quarter() -> None:
    completeness = pd.DataFrame(
        [
            owed("Rock Pool", "2024/25 Q3", "2024-10-01", 2, 2),
            owed("Rock Pool", "2024/25 Q4", "2025-01-01", 2, 1),
            owed("Rock Pool", "2025/26 Q1", "2025-04-01", 2, 0),
            owed("OPCC", "2024/25", "2024-04-01", 1, 1),
        ]
    )
    table = completeness_words(completeness)
    assert list(table.columns) == ["provider", "2025/26 Q1", "2024/25", "2024/25 Q4", "2024/25 Q3"]
    rows = table.set_index("provider")
    assert rows.loc["Rock Pool"].tolist() == [
        "✗ 0 of 2 (missing 2)",
        "",  # a quarterly provider owes nothing in a year column
        "✗ 1 of 2 (missing 1)",
        "✓ 2 of 2",
    ]
    assert rows.loc["OPCC"].tolist() == ["", "✓ 1 of 1", "", ""]


def test_no_completeness_gives_a_table_of_providers_only() -> None:
    assert list(completeness_words(pd.DataFrame()).columns) == ["provider"]
