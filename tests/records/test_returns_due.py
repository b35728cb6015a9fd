"""Returns due N days after the quarter ends (the fixture catalogue: 30 days), received,
late, due or overdue, and the "to chase" message per provider."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import unquote

import duckdb

from vrp_metrics.access import local_user
from vrp_metrics.catalogue import load_catalogue
from vrp_metrics.completeness import returns_due, to_chase
from vrp_metrics.returns.validate import validate_file
from vrp_metrics.store import Store

CATALOGUE = load_catalogue(Path(__file__).parent / "catalogue.toml")


def _store(tmp_path: Path) -> Store:
    """3.1.1.b (VRU) returned for 2024/25 Q1, loaded 15/07/2024 (due 30/07/2024: on
    time), and for Q4, loaded 10/05/2025 (due 30/04/2025: late). Q2 and Q3 are missing."""
    path = tmp_path / "due.duckdb"
    store = Store(path)
    for name, period, loaded in (
        ("q1.csv", "2024/25 Q1", "2024-07-15 09:00"),
        ("q4.csv", "2024/25 Q4", "2025-05-10 09:00"),
    ):
        text = f"measure_code,period,value\n3.1.1.b,{period},4\n"
        report = validate_file((name, text.encode()), CATALOGUE, today=dt.date(2025, 5, 10))
        result = store.load(report, user=local_user("test"))
        # The load's time, as if it had been loaded then.
        with duckdb.connect(str(path)) as con:
            con.execute(
                "UPDATE batch SET loaded_at = CAST($at AS TIMESTAMP) WHERE batch_id = $b",
                {"at": loaded, "b": result.batch_id},
            )
    return store


def test_received_late_due_and_overdue(tmp_path: Path) -> None:
    store = _store(tmp_path)
    frame = returns_due(store, CATALOGUE, today=dt.date(2025, 5, 15)).set_index("period")
    assert frame.at["2024/25 Q1", "due_date"] == dt.date(2024, 7, 30)  # 30/06 + 30 days
    assert frame["status"].to_dict() == {
        "2024/25 Q1": "received",
        "2024/25 Q2": "overdue",  # due 30/10/2024
        "2024/25 Q3": "overdue",  # due 30/01/2025
        "2024/25 Q4": "late",  # loaded 10/05/2025, due 30/04/2025
    }
    # On 20/10/2024, Q2 (due 30/10/2024) was still due, not overdue.
    early = returns_due(store, CATALOGUE, today=dt.date(2024, 10, 20)).set_index("period")
    assert early.at["2024/25 Q2", "status"] == "due"


def test_to_chase_gives_a_message_and_a_mailto_link(tmp_path: Path) -> None:
    chase = to_chase(_store(tmp_path), CATALOGUE, today=dt.date(2025, 5, 15))
    assert chase["provider"].tolist() == ["VRU"]
    assert chase.at[0, "missing"] == 2
    message = chase.at[0, "message"]
    assert "measure return for 2024/25 Q2 (due 30/10/2024)" in message
    assert "measure return for 2024/25 Q3 (due 30/01/2025)" in message
    link = chase.at[0, "mailto"]
    assert link.startswith("mailto:?subject=")
    assert unquote(link.split("&body=", 1)[1]) == message
