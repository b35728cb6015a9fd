"""Roles from ID-token claims, what each role may do, and refusals in the audit log."""

from __future__ import annotations

import pytest

from vrp_metrics.access import (
    ActingUser,
    Action,
    NotAllowed,
    Role,
    from_claims,
    local_user,
    may,
    require,
)
from vrp_metrics.store import Store


def test_identity_is_email_then_preferred_username_then_sub():
    assert from_claims({"email": "a@x.gov.uk", "preferred_username": "b", "sub": "c"}).identity == (
        "a@x.gov.uk"
    )
    assert from_claims({"preferred_username": "b", "sub": "c"}).identity == "b"
    assert from_claims({"sub": "c", "name": "Cee"}).identity == "c"
    assert from_claims({"sub": "c", "name": "Cee"}).name == "Cee"


def test_roles_are_matched_without_regard_to_case_and_others_ignored():
    user = from_claims(
        {"email": "a@x", "roles": ["vrp.ANALYST", "VRP.Chair.dawg", "VRP.Chair.Ieo", "Other"]}
    )
    assert user.roles == {Role.ANALYST, Role.CHAIR}
    assert user.chair_of == {"DAWG", "IEO"}
    assert user.role_names() == ["analyst", "chair:DAWG", "chair:IEO"]


@pytest.mark.parametrize("claim", [None, [], ["Something.Else"], "VRP.Chair.", 7])
def test_no_recognised_role_gives_no_access(claim):
    user = from_claims({"email": "a@x", "roles": claim})
    assert not user.has_access
    assert not may(user, Action.BROWSE)


def test_a_single_role_given_as_text_counts():
    assert from_claims({"email": "a@x", "roles": "VRP.Viewer"}).roles == {Role.VIEWER}


VIEWER = from_claims({"email": "v@x", "roles": ["VRP.Viewer"]})
CHAIR = from_claims({"email": "c@x", "roles": ["VRP.Chair.DAWG"]})
ANALYST = from_claims({"email": "a@x", "roles": ["VRP.Analyst"]})
ADMIN = from_claims({"email": "d@x", "roles": ["VRP.Admin"]})

# The table: action → (viewer, chair of DAWG for DAWG, analyst, admin).
TABLE = {
    Action.BROWSE: (True, True, True, True),
    Action.EXPORT: (True, True, True, True),
    Action.PACK: (True, True, True, True),
    Action.COMMENTARY: (False, True, False, True),
    Action.KEY_UPDATES: (False, True, False, True),
    Action.RECORDS: (False, True, True, True),
    Action.LOAD: (False, False, True, True),
    Action.WITHDRAW: (False, False, True, True),
    Action.TEMPLATES: (False, False, True, True),
    Action.AUDIT: (False, False, False, True),
}


@pytest.mark.parametrize("action", list(Action))
def test_each_role_may_do_what_the_table_says(action):
    expected = TABLE[action]
    got = tuple(may(user, action, "DAWG") for user in (VIEWER, CHAIR, ANALYST, ADMIN))
    assert got == expected


@pytest.mark.parametrize("action", [Action.COMMENTARY, Action.KEY_UPDATES, Action.RECORDS])
def test_a_chair_writes_for_their_own_groups_only(action):
    assert may(CHAIR, action, "dawg")
    assert not may(CHAIR, action, "TVRP")
    with pytest.raises(NotAllowed, match="may not .* for TVRP: a chair writes for the groups"):
        require(CHAIR, action, "TVRP")


def test_a_refusal_names_the_person_their_roles_and_what_they_asked():
    with pytest.raises(NotAllowed) as refused:
        require(VIEWER, Action.LOAD)
    assert str(refused.value) == "v@x (viewer) may not load returns"


def test_local_mode_is_the_operating_system_user_with_every_right(monkeypatch):
    monkeypatch.setenv("USER", "jsmith")
    monkeypatch.setenv("LOGNAME", "jsmith")
    user = local_user()
    assert (user.identity, user.local) == ("jsmith", True)
    assert all(may(user, action, "IEO") for action in Action)
    assert local_user("Sam Analyst").identity == "Sam Analyst"


def test_check_refuses_with_an_audit_entry_and_allows_without_one(tmp_path):
    store = Store(tmp_path / "vrp.duckdb")
    store.check(ANALYST, Action.LOAD, "returns.csv")
    assert store.audit_log().empty
    with pytest.raises(NotAllowed):
        store.check(VIEWER, Action.LOAD, "returns.csv")
    log = store.audit_log()
    assert log[["actor", "roles", "action", "object", "outcome", "detail"]].values.tolist() == [
        ["v@x", "viewer", "load", "returns.csv", "refused", "v@x (viewer) may not load returns"]
    ]


def test_the_log_is_oldest_first_and_filters_by_person_and_action(tmp_path):
    store = Store(tmp_path / "vrp.duckdb")
    store.record(ADMIN, "sign_in", "dashboard")
    store.record(VIEWER, "sign_in", "dashboard")
    store.record(VIEWER, Action.EXPORT, "overview 2026/27 Q2 (csv)")
    log = store.audit_log()
    assert log["entry"].tolist() == [1, 2, 3]
    assert log["at"].is_monotonic_increasing
    assert store.audit_log(actor="V@X")["action"].tolist() == ["sign_in", "export"]
    assert store.audit_log(action="sign_in")["actor"].tolist() == ["d@x", "v@x"]


def test_an_acting_user_is_a_value():
    assert ActingUser("a", "A", frozenset({Role.VIEWER})) == ActingUser(
        "a", "A", frozenset({Role.VIEWER})
    )
