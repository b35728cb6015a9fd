"""Every write takes the acting user: each role × each write, allowed or refused, and
the audit entry each leaves (DESIGN §5 ``audit``, §7)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.store.test_store import REPO, measure_report
from vrp_metrics.access import NotAllowed, from_claims, local_user
from vrp_metrics.store import Store

VIEWER = from_claims({"email": "viewer@hants.example", "roles": ["VRP.Viewer"]})
CHAIR_IEO = from_claims({"email": "chair@ieo.example", "roles": ["VRP.Chair.IEO"]})
CHAIR_DAWG = from_claims({"email": "chair@dawg.example", "roles": ["VRP.Chair.DAWG"]})
ANALYST = from_claims({"email": "analyst@vru.example", "roles": ["VRP.Analyst"]})
ADMIN = from_claims({"email": "admin@vru.example", "roles": ["VRP.Admin"]})
NOBODY = from_claims({"email": "new@partner.example", "roles": []})
USERS = {
    "viewer": VIEWER,
    "chair of IEO": CHAIR_IEO,
    "chair of DAWG": CHAIR_DAWG,
    "analyst": ANALYST,
    "admin": ADMIN,
    "no role": NOBODY,
}
ROWS = [("5.3.1.a", "2024/25 Q1", 12)]  # 5.3.1.a belongs to IEO


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "vrp.duckdb")


def load(store: Store, user, name: str = "rock_pool.csv"):
    return store.load(measure_report(name, ROWS), user=user)


def withdraw(store: Store, user):
    return store.withdraw(1, user=user)


def commentary(store: Store, user):
    return store.add_commentary(
        "5.3.1.a", "2024/25 Q1", "Rose after training", user=user, group="IEO"
    )


WRITES = {"load": load, "withdraw": withdraw, "commentary": commentary}
BEFORE = {"withdraw": lambda store: load(store, ADMIN)}  # a batch to withdraw
# Who may do each write (the table): analysts and admins load and withdraw;
# chairs of the measure's group and admins write its commentary.
ALLOWED = {
    "load": {"analyst", "admin"},
    "withdraw": {"analyst", "admin"},
    "commentary": {"chair of IEO", "admin"},
}


@pytest.mark.parametrize("who", list(USERS))
@pytest.mark.parametrize("write", list(WRITES))
def test_each_role_may_do_each_write_or_is_refused_with_an_audit_entry(store, write, who):
    user = USERS[who]
    BEFORE.get(write, lambda store: None)(store)
    if who in ALLOWED[write]:
        WRITES[write](store, user)
        last = store.audit_log().iloc[-1]
        assert (last["actor"], last["action"], last["outcome"]) == (user.identity, write, "done")
        return
    before = store.revision
    entries = len(store.audit_log())
    with pytest.raises(NotAllowed, match=f"^{user.identity} "):
        WRITES[write](store, user)
    # Nothing changed but the log, which says who was refused what, and why.
    assert store.revision == before
    log = store.audit_log()
    assert len(log) == entries + 1
    last = log.iloc[-1]
    assert (last["actor"], last["action"], last["outcome"]) == (user.identity, write, "refused")
    assert last["detail"].startswith(user.identity)


def test_a_load_names_its_batch_and_file_and_an_unchanged_one_says_so(store):
    load(store, ANALYST)
    load(store, ANALYST)
    log = store.audit_log()
    assert log["object"].tolist() == ["batch 1 (rock_pool.csv)", "batch 1 (rock_pool.csv)"]
    assert log["roles"].tolist() == ["analyst", "analyst"]
    first, second = log["detail"]
    assert first.startswith("sha256 ") and first.endswith("measure return, 1 rows loaded")
    assert "unchanged: identical to batch 1" in second
    # The batch is recorded under the signed-in identity too.
    assert store.batches()["loaded_by"].tolist() == ["analyst@vru.example"]


def test_a_withdrawal_names_its_batch_and_file(store):
    load(store, ANALYST, "artswork.csv")
    store.withdraw(1, user=ADMIN)
    last = store.audit_log().iloc[-1]
    assert (last["actor"], last["object"], last["outcome"]) == (
        "admin@vru.example",
        "batch 1 (artswork.csv)",
        "done",
    )


def test_an_edited_commentary_keeps_the_text_before_and_after(store):
    commentary(store, CHAIR_IEO)
    store.add_commentary("5.3.1.a", "2024/25 Q1", "Fell back in Q2", user=ADMIN, group="IEO")
    store.add_commentary("5.3.1.a", "2024/25 Q1", "  ", user=CHAIR_IEO, group="ieo")
    log = store.audit_log()
    assert log[["actor", "object", "detail", "before_text", "after_text"]].values.tolist() == [
        ["chair@ieo.example", "5.3.1.a 2024/25 Q1", "written", "", "Rose after training"],
        [
            "admin@vru.example",
            "5.3.1.a 2024/25 Q1",
            "changed",
            "Rose after training",
            "Fell back in Q2",
        ],
        ["chair@ieo.example", "5.3.1.a 2024/25 Q1", "cleared", "Fell back in Q2", ""],
    ]


def test_a_failed_write_leaves_no_done_entry(store):
    # A withdrawal of a batch that does not exist is refused by the store, not the role:
    # the transaction rolls back and the log does not claim it was done.
    with pytest.raises(Exception, match="there is no batch 9"):
        store.withdraw(9, user=ADMIN)
    assert store.audit_log().empty


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vrp_metrics", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_audit_command_lists_every_entry_oldest_first(tmp_path):
    db = tmp_path / "vrp.duckdb"
    with Store(db) as store:
        load(store, ANALYST)
        with pytest.raises(NotAllowed):
            store.withdraw(1, user=VIEWER)
        store.withdraw(1, user=local_user("ops"))
    result = run("audit", "--db", str(db), "--format", "json")
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    assert [list(e) for e in entries] == [
        ["at", "actor", "roles", "action", "object", "outcome", "detail"]
    ] * 3
    assert [(e["actor"], e["roles"], e["action"], e["outcome"]) for e in entries] == [
        ("analyst@vru.example", ["analyst"], "load", "done"),
        ("viewer@hants.example", ["viewer"], "withdraw", "refused"),
        ("ops", ["admin"], "withdraw", "done"),
    ]
    assert all(e["at"].endswith("Z") and e["at"][10] == "T" for e in entries)
    assert entries[1]["object"] == "batch 1"
    assert entries[2]["object"] == "batch 1 (rock_pool.csv)"
    csv = run("audit", "--db", str(db))
    assert csv.stdout.splitlines()[0] == "at,actor,roles,action,object,outcome,detail"
    assert len(csv.stdout.splitlines()) == 4


def test_load_from_the_command_line_is_recorded_as_the_by_name(tmp_path):
    db = tmp_path / "vrp.duckdb"
    demo = sorted((REPO / "data" / "demo").glob("*.csv"))[0]
    assert run("load", "--db", str(db), str(demo), "--by", "Sam Analyst").returncode == 0
    entries = json.loads(run("audit", "--db", str(db), "--format", "json").stdout)
    assert [(e["actor"], e["action"], e["object"]) for e in entries] == [
        ("Sam Analyst", "load", f"batch 1 ({demo.name})")
    ]
