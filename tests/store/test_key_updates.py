"""Key updates and decisions: chairs of the group and admins write them, every version is
kept with an audit entry, and anyone else is refused with an audit entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from vrp_metrics.access import NotAllowed, from_claims, local_user
from vrp_metrics.store import Store

PERIOD = "2025/26 Q1"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "vrp.duckdb")


def chair(group: str):
    return from_claims(
        {"email": "chair@example.org", "name": "Chair", "roles": [f"VRP.Chair.{group}"]}
    )


def test_a_chair_writes_their_groups_key_updates_and_the_latest_version_is_shown(store):
    before = store.revision
    store.write_key_updates("IEO", PERIOD, "First draft", user=chair("IEO"))
    store.write_key_updates(
        "IEO", "FY2025/26 Q1", "  Decision: extend the pilot.  ", user=chair("IEO")
    )
    shown = store.key_updates("IEO", PERIOD)
    assert shown["body"].tolist() == ["Decision: extend the pilot."]
    assert shown["author_name"].tolist() == ["Chair"]
    assert store.revision == before + 2  # each save is a revision, so caches see it
    entries = store.audit_log(action="key_updates")
    assert entries["outcome"].tolist() == ["done", "done"]
    assert entries["object"].tolist() == [f"key updates IEO {PERIOD}"] * 2
    assert entries["before_text"].tolist() == ["", "First draft"]
    assert entries["after_text"].tolist() == ["First draft", "Decision: extend the pilot."]


def test_an_empty_text_clears_them_and_every_version_stays(store):
    store.write_key_updates("IEO", PERIOD, "Text", user=local_user("admin"))
    store.write_key_updates("IEO", PERIOD, "   ", user=local_user("admin"))
    assert store.key_updates("IEO", PERIOD).empty
    with store.cursor() as cur:
        versions = cur.raw.execute("SELECT body FROM key_update ORDER BY revision").fetchall()
    assert versions == [("Text",), ("",)]


def test_a_viewer_is_refused_and_the_refusal_is_audited(store):
    viewer = from_claims({"email": "v@example.org", "roles": ["VRP.Viewer"]})
    with pytest.raises(NotAllowed, match="may not write key updates"):
        store.write_key_updates("IEO", PERIOD, "Not mine", user=viewer)
    assert store.key_updates().empty
    refused = store.audit_log(action="key_updates")
    assert refused[["actor", "outcome"]].values.tolist() == [["v@example.org", "refused"]]


def test_a_chair_of_another_group_is_refused(store):
    with pytest.raises(NotAllowed, match="for TVRP"):
        store.write_key_updates("TVRP", PERIOD, "Not my group", user=chair("IEO"))
    assert store.key_updates("TVRP").empty
    assert store.audit_log(action="key_updates")["outcome"].tolist() == ["refused"]


def test_key_updates_are_kept_per_group_and_period(store):
    admin = local_user("admin")
    store.write_key_updates("IEO", PERIOD, "IEO text", user=admin)
    store.write_key_updates("TVRP", PERIOD, "TVRP text", user=admin)
    store.write_key_updates("IEO", "2025/26 Q2", "Later text", user=admin)
    assert store.key_updates(period=PERIOD)["working_group"].tolist() == ["IEO", "TVRP"]
    assert store.key_updates("IEO")["period"].tolist() == [PERIOD, "2025/26 Q2"]
