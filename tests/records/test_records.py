"""Working-group records on a real store with the small fixture catalogue beside this file
(DAWG: VRU, Police, Fire, Probation that left on 30/09/2024, Education; four Crest
recommendations). Every figure is worked out by hand in the comments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from vrp_metrics.access import ActingUser, NotAllowed, Role, local_user
from vrp_metrics.catalogue import load_catalogue
from vrp_metrics.metrics import measure_figures
from vrp_metrics.records import figures as records
from vrp_metrics.records.forms import crest_row, form_report, meeting_rows, record
from vrp_metrics.records.rhythm import rhythm_checks
from vrp_metrics.returns.report import ReturnKind
from vrp_metrics.returns.validate import validate_file
from vrp_metrics.store import Store

HERE = Path(__file__).parent
CATALOGUE = load_catalogue(HERE / "catalogue.toml")
TODAY = dt.date(2025, 3, 31)
HEAD = "group,meeting_date,format,host_agency,agency,attendance\n"

# 2024/25 Q1: two Teams meetings. 10/04: VRU, Police, Probation present; Fire apologies;
# Education absent (3 of 5). 12/06: VRU, Fire present; Police, Probation absent (2 of 4).
# Q1 = 5 present of 9 places = 55.55…%.
# Q2: 10/07 in person, hosted by Police: VRU, Police present; Fire apologies; Probation
# absent (2 of 4 = 50%). Q3: no meeting. Q4: 15/01/2025 in person, hosted by Fire:
# VRU, Police, Fire present (3 of 3 = 100%); Probation left on 30/09/2024.
MEETINGS = HEAD + (
    "DAWG,10/04/2024,Teams,,VRU,Present\n"
    "DAWG,10/04/2024,Teams,,Police,Present\n"
    "DAWG,10/04/2024,Teams,,Fire,Apologies\n"
    "DAWG,10/04/2024,Teams,,Probation,Present\n"
    "DAWG,10/04/2024,Teams,,Education,Absent\n"
    "DAWG,12/06/2024,Teams,,VRU,Present\n"
    "DAWG,12/06/2024,Teams,,Police,Absent\n"
    "DAWG,12/06/2024,Teams,,Fire,Present\n"
    "DAWG,12/06/2024,Teams,,Probation,Absent\n"
    "DAWG,10/07/2024,In person,Police,VRU,Present\n"
    "DAWG,10/07/2024,In person,Police,Police,Present\n"
    "DAWG,10/07/2024,In person,Police,Fire,Apologies\n"
    "DAWG,10/07/2024,In person,Police,Probation,Absent\n"
    "DAWG,15/01/2025,In person,Fire,VRU,Present\n"
    "DAWG,15/01/2025,in person,fire,Police,present\n"
    "DAWG,15/01/2025,In person,Fire,Fire,Present\n"
)

ACTIONS_HEAD = "action_ref,group,raised_on,action,owner_agency,due_date,status,closed_on,serves\n"
ACTIONS = ACTIONS_HEAD + (
    "A-1,DAWG,10/04/2024,Share the tracker,Police,31/07/2024,Done,20/08/2024,3.1.1.b\n"
    "A-2,DAWG,10/04/2024,Draft the plan,VRU,30/09/2024,Open,,1.1\n"
    "A-3,DAWG,10/07/2024,Map the data,Fire,31/03/2025,In progress,,SO2\n"
)
# A-1 reopened: it was not done after all.
REOPENED = ACTIONS_HEAD + "A-1,DAWG,10/04/2024,Share the tracker,Police,31/12/2024,Open,,\n"

# 1.1 in progress in Q1, achieved in Q2; 6.1 achieved in Q2, then back to in progress in
# Q3. Quarter ends: Q1 0 of 4 achieved (0%); Q2 1.1 and 6.1 (2 of 4 = 50%); Q3 and Q4
# 1.1 only (1 of 4 = 25%).
CREST = (
    "group,recommendation,status,as_of,evidence\n"
    "DAWG,1.1,In progress,01/05/2024,plan drafted\n"
    "DAWG,1.1,Achieved,15/08/2024,plan agreed at the SVRP\n"
    "DAWG,6.1,achieved,01/09/2024,\n"
    "DAWG,6.1,In progress,10/11/2024,the review found gaps\n"
)


def report(name: str, text: str):
    return validate_file((name, text.encode()), CATALOGUE, today=TODAY)


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "records.duckdb") as s:
        for name, text in (("m.csv", MEETINGS), ("a.csv", ACTIONS), ("c.csv", CREST)):
            r = report(name, text)
            assert r.ok, r.errors
            s.load(r, user=local_user("test"))
        yield s


def figures(store: Store) -> pd.DataFrame:
    frame = measure_figures(store, CATALOGUE, records=True)
    return frame[frame["period_type"] == "quarter"].set_index(["measure_code", "period"])


def test_the_kinds_are_recognised_from_their_headers() -> None:
    assert report("m.csv", MEETINGS).kind is ReturnKind.meeting
    assert report("a.csv", ACTIONS).kind is ReturnKind.actions
    assert report("c.csv", CREST).kind is ReturnKind.crest


def test_attendance_per_quarter_and_no_figure_without_meetings(store: Store) -> None:
    f = figures(store)
    assert f.loc[("ATT.DAWG", "2024/25 Q1"), "value"] == pytest.approx(100 * 5 / 9)
    assert (f.loc[("ATT.DAWG", "2024/25 Q1"), ["numerator", "denominator"]] == [5, 9]).all()
    assert f.loc[("ATT.DAWG", "2024/25 Q2"), "value"] == 50.0
    assert ("ATT.DAWG", "2024/25 Q3") not in f.index  # no meetings: no figure
    assert f.loc[("ATT.DAWG", "2024/25 Q4"), "value"] == 100.0
    # Q2 against Q1: 50 − 55.56 = −5.56, beyond 5% of 55.56 (2.78) the bad way: red.
    assert f.loc[("ATT.DAWG", "2024/25 Q2"), "rag"] == "red"
    # Q4's comparator is Q3, which has no figure: grey.
    assert f.loc[("ATT.DAWG", "2024/25 Q4"), "rag"] == "grey"


def test_record_figures_stay_out_of_the_measure_figures_unless_asked(store: Store) -> None:
    plain = measure_figures(store, CATALOGUE)
    assert not plain["measure_code"].str.startswith(("ATT.", "CREST.")).any()


def test_crest_readiness_goes_back_when_a_recommendation_does(store: Store) -> None:
    f = figures(store)
    values = [f.loc[("CREST.DAWG", f"2024/25 Q{q}"), "value"] for q in (1, 2, 3, 4)]
    assert values == [0.0, 50.0, 25.0, 25.0]
    assert f.loc[("CREST.DAWG", "2024/25 Q3"), "rag"] == "red"  # 25 after 50: bad way
    year = measure_figures(store, CATALOGUE, records=True).set_index(["measure_code", "period"])
    assert year.loc[("CREST.DAWG", "2024/25"), "value"] == 25.0  # the latest quarter


def test_crest_standing_and_history(store: Store) -> None:
    standing = records.crest_standing(store, CATALOGUE, "DAWG").set_index("recommendation")
    assert standing["status"].to_dict() == {
        "1.1": "Achieved",
        "1.2": "Not started",
        "6.1": "In progress",
        "6.2": "Not started",
    }
    on = records.crest_standing(store, CATALOGUE, "DAWG", dt.date(2024, 9, 30))
    assert on.set_index("recommendation").at["6.1", "status"] == "Achieved"
    assert len(records.crest_updates(store, "DAWG")) == 4


def test_an_agency_that_left_counts_only_while_a_member(store: Store) -> None:
    share = records.agency_attendance(store, CATALOGUE, "DAWG").set_index(["agency", "period"])
    # Probation: Q1 present at 1 of 2; Q2 absent at 1 of 1; Q4: no longer a member.
    assert share.loc[("Probation", "2024/25 Q1"), "share"] == 50.0
    assert share.loc[("Probation", "2024/25 Q2"), "share"] == 0.0
    assert ("Probation", "2024/25 Q4") not in share.index
    # Police: 1 of 2 in Q1, 1 of 1 in Q2 and Q4. Only Specified Authorities are listed.
    assert share.loc[("Police", "2024/25 Q1"), ["meetings", "attended"]].tolist() == [2, 1]
    assert set(share.index.get_level_values("agency")) == {"Police", "Fire", "Probation"}
    # After it left, a meeting record that lists it is refused.
    late = report("late.csv", HEAD + "DAWG,15/01/2025,In person,Fire,Probation,Present\n")
    assert [p.column for p in late.errors] == ["agency"]
    assert "left on 30 September 2024" in late.errors[0].message


def test_attendance_grid_in_words(store: Store) -> None:
    grid = records.attendance_grid(store, CATALOGUE, "DAWG").set_index("agency")
    assert grid.at["Fire", "10/04/2024"] == "Apologies"
    assert grid.at["Police", "12/06/2024"] == "Absent"
    assert grid.at["Education", "12/06/2024"] == "Not expected"  # its ToR: not yet required
    assert list(grid.columns[:2]) == ["15/01/2025", "10/07/2024"]  # newest first
    assert grid.at["Probation", "15/01/2025"] == ""  # no longer a member


def test_a_later_batch_replaces_a_meeting_whole_and_withdrawal_restores_it(store: Store) -> None:
    again = report("again.csv", HEAD + "DAWG,12/06/2024,Teams,,VRU,Present\n")
    loaded = store.load(again, user=local_user("test"))
    # 12/06 now has one place, present: Q1 = (3 + 1) of (5 + 1) = 66.67%.
    assert figures(store).loc[("ATT.DAWG", "2024/25 Q1"), "value"] == pytest.approx(400 / 6)
    store.withdraw(loaded.batch_id, user=local_user("test"))
    assert figures(store).loc[("ATT.DAWG", "2024/25 Q1"), "value"] == pytest.approx(500 / 9)


def test_actions_open_overdue_done_and_reopened(store: Store) -> None:
    today = dt.date(2024, 12, 1)
    # A-2 (due 30/09) and A-3 (due 31/03/2025) are open; A-2 is overdue; A-1 done in Q2.
    assert records.actions_summary(store, "DAWG", "2024/25 Q2", today=today) == {
        "open": 2,
        "overdue": 1,
        "done": 1,
    }
    store.load(report("reopened.csv", REOPENED), user=local_user("test"))
    # A-1 reopened, due 31/12/2024: three open, still one overdue, none done in Q2.
    assert records.actions_summary(store, "DAWG", "2024/25 Q2", today=today) == {
        "open": 3,
        "overdue": 1,
        "done": 0,
    }
    history = records.action_history(store, "DAWG")
    a1 = history[history["action_ref"] == "A-1"]
    assert a1["status"].tolist() == ["Open", "Done"]  # newest batch first
    assert a1["in_force"].tolist() == [True, False]


def test_actions_log_errors_name_row_column_and_valid_values() -> None:
    bad = report(
        "bad.csv",
        ACTIONS_HEAD + "A-9,DAWG,10/04/2024,x,Nobody,01/04/2024,Finished,,9.9\n"
        "A-8,DAWG,10/04/2024,x,VRU,30/04/2024,Done,,\n",
    )
    found = {(p.row, p.column): p.message for p in bad.errors}
    assert "use VRU, Police, Fire, Probation or Education" in found[(2, "owner_agency")]
    assert "on or after" in found[(2, "due_date")]
    assert "Open, In progress, Done or Dropped" in found[(2, "status")]
    assert (2, "serves") in found
    assert "closed_on is empty" in found[(3, "closed_on")]


def test_one_meeting_gives_one_format_and_host() -> None:
    bad = report(
        "bad.csv",
        HEAD + "DAWG,10/04/2024,In person,Police,VRU,Present\n"
        "DAWG,10/04/2024,In person,Fire,Police,Present\n"
        "DAWG,10/04/2024,In person,,Fire,Present\n",
    )
    assert {(p.row, p.column) for p in bad.errors} == {
        (3, "format, host_agency"),
        (4, "host_agency"),
        (4, "format, host_agency"),
    }


def test_rhythm_checks(store: Store) -> None:
    checks = rhythm_checks(records.meetings(store, "DAWG"), CATALOGUE, "DAWG")
    held = checks[checks["check"] == "meetings held"].set_index("period")
    # quarterly by default: Q1 2 held, Q2 1, Q3 none (fails), Q4 1
    assert held["held"].tolist() == [2, 1, 0, 1]
    assert held["holds"].tolist() == [True, True, False, True]
    by_check = checks.set_index("check")
    # Teams, Teams, in person, in person: never three Teams meetings in a row
    assert bool(by_check.at["in person", "holds"])
    # hosted by Police then Fire: two Specified Authorities, each different
    assert bool(by_check.at["host rotation", "holds"])


def test_host_rotation_fails_for_a_repeat_and_a_host_that_is_not_specified() -> None:
    meetings = pd.DataFrame(
        {
            "meeting_date": pd.to_datetime(["2024-04-10", "2024-07-10", "2024-10-10"]),
            "period_start": pd.to_datetime(["2024-04-01", "2024-07-01", "2024-10-01"]),
            "format": ["In person"] * 3,
            "host_agency": ["Police", "Police", "VRU"],
        }
    )
    checks = rhythm_checks(meetings, CATALOGUE, "DAWG").set_index("check")
    assert not checks.at["host rotation", "holds"]
    assert "Police hosted again on 10/07/2024" in checks.at["host rotation", "words"]
    assert "VRU (not a Specified Authority)" in checks.at["host rotation", "words"]


def test_forms_load_through_the_same_path_and_roles_are_checked(store: Store) -> None:
    rows = meeting_rows(
        "DAWG", dt.date(2024, 11, 5), "Teams", None, {"VRU": "Present", "Police": "Absent"}
    )
    form = form_report(ReturnKind.meeting, rows, CATALOGUE, file_name="meeting.csv", today=TODAY)
    assert form.ok, form.errors
    ieo_chair = ActingUser(
        "chair@example.org", "Chair", frozenset({Role.CHAIR}), frozenset({"IEO"})
    )
    viewer = ActingUser("viewer@example.org", "Viewer", frozenset({Role.VIEWER}))
    for user in (ieo_chair, viewer):
        with pytest.raises(NotAllowed):
            record(store, user, form, "DAWG")
    dawg_chair = ActingUser(
        "dawg.chair@example.org", "Chair", frozenset({Role.CHAIR}), frozenset({"DAWG"})
    )
    result = record(store, dawg_chair, form, "DAWG")
    assert result.status == "loaded"
    # 05/11/2024: 1 of 2 present — Q3 now has an attendance figure of 50%.
    assert figures(store).loc[("ATT.DAWG", "2024/25 Q3"), "value"] == 50.0
    log = store.audit_log(action="records")
    assert log["outcome"].tolist() == ["refused", "refused", "done"]
    assert log["object"].iloc[-1] == f"batch {result.batch_id} (meeting.csv)"
    # A form for DAWG cannot carry another group's rows.
    crest = form_report(
        ReturnKind.crest,
        [crest_row("DAWG", "1.2", "Achieved", dt.date(2025, 1, 1))],
        CATALOGUE,
        file_name="crest.csv",
        today=TODAY,
    )
    with pytest.raises(NotAllowed):
        record(store, local_user("analyst"), crest, "SVRP")


def test_personal_data_and_limits_apply_to_record_returns() -> None:
    # An email address in the evidence, and a column that looks like a name.
    crest = report(
        "crest.csv",
        "group,recommendation,status,as_of,evidence,Name\n"
        "DAWG,1.1,Achieved,01/09/2024,sent by jo.bloggs@example.org,Jo\n",
    )
    columns = {p.column for p in crest.errors}
    assert "Name" in columns and "evidence" in columns
    assert "jo.bloggs@example.org" not in " ".join(p.message for p in crest.errors)
    # A cell over 2,000 characters.
    long = report(
        "a.csv", ACTIONS_HEAD + f"A-1,DAWG,10/04/2024,{'x' * 2001},VRU,30/04/2024,Open,,\n"
    )
    assert [(p.row, p.column) for p in long.errors] == [(2, "action")]
