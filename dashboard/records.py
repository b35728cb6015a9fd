"""A working group's records on its page (meetings and attendance, actions, Crest
recommendations, and the forms to record them) and the groups' attendance and Crest
readiness on the overview. Pages call one function each; the library gives the frames.

Partner and user text (agencies, actions, evidence) is shown in tables as text, never as
Markdown; attendance and statuses are words, never colour alone.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import auth, state, tables, widgets
from dashboard.downloads import dated_stem, file_stem, table_downloads
from dashboard.errors import public_message
from vrp_metrics import periods
from vrp_metrics.access import ActingUser, Action, NotAllowed, may
from vrp_metrics.catalogue import Catalogue
from vrp_metrics.metrics import measure_figures
from vrp_metrics.records import figures as records
from vrp_metrics.records.codes import listed_recommendations
from vrp_metrics.records.forms import action_row, crest_row, form_report, meeting_rows, record
from vrp_metrics.records.rhythm import rhythm_checks
from vrp_metrics.reporting.formatting import escape_markdown
from vrp_metrics.returns.action_rules import STATUSES as ACTION_STATUSES
from vrp_metrics.returns.crest_rules import STATUSES as CREST_STATUSES
from vrp_metrics.returns.meeting_rules import ATTENDANCE, FORMATS
from vrp_metrics.returns.report import ReturnKind
from vrp_metrics.store import Store, StoreError

UPLOAD_HINT = "on the Upload returns page"


def acting_user() -> ActingUser:
    """Who is acting: the signed-in person (in local mode, the person at this computer)."""
    return auth.current_user()


@st.cache_data(show_spinner=False, max_entries=8)
def _record_figures(path: str, revision: int) -> pd.DataFrame:
    store = state.store()
    return measure_figures(store, state.catalogue(), records=True)


def record_figures(store: Store) -> pd.DataFrame:
    """Every figure with the groups' attendance and Crest readiness (cached per revision)."""
    return _record_figures(str(store.path), store.revision)


# -- the overview -----------------------------------------------------------------------
def overview_records(store: Store, catalogue: Catalogue, period: str) -> None:
    """Attendance and Crest readiness per working group for the period."""
    st.header(f"Working groups' attendance and Crest readiness for {period}")
    summary = records.group_summary(record_figures(store), catalogue, period)
    tables.wrapped_table(
        summary,
        {
            "name": "Group",
            "attendance": "Attendance (places filled)",
            "attendance_rag": "Attendance status",
            "crest": "Crest recommendations achieved",
            "crest_rag": "Crest status",
        },
        download=file_stem("vrp groups attendance crest", period),
    )
    st.caption(
        "Attendance: present places of all member-agency places at the period's meetings. "
        "Crest: recommendations achieved at the period's end of those listed for the group. "
        "Rated against the quarter before, like any measure. Meeting records and Crest "
        f"tracker updates are uploaded {UPLOAD_HINT} or recorded on a group's page."
    )


# -- a group's page ---------------------------------------------------------------------
def group_records(store: Store, catalogue: Catalogue, group: str, period: str) -> None:
    """Meetings and attendance, actions and Crest recommendations of a group, with the
    forms to record them for those whose role allows it."""
    _meetings(store, catalogue, group, period)
    _actions(store, group, period)
    _crest(store, catalogue, group, period)
    user = acting_user()
    if may(user, Action.RECORDS, group):
        _forms(store, catalogue, group, user)


def _meetings(store: Store, catalogue: Catalogue, group: str, period: str) -> None:
    st.header("Meetings and attendance")
    meetings = records.meetings(store, group)
    if meetings.empty:
        widgets.empty_state(
            f"No meetings of {group} are recorded yet. Upload a meeting record (columns group, "
            "meeting_date, format, host_agency, agency, attendance: one row per member agency) "
            f"{UPLOAD_HINT}, or record a meeting below."
        )
        return
    st.subheader("Attendance at each meeting")
    grid = records.attendance_grid(store, catalogue, group)
    st.dataframe(grid, hide_index=True)
    table_downloads(
        grid, name=dated_stem("vrp", group, "attendance grid"), key="grid-attendance-grid"
    )
    st.caption(
        "Newest meeting first. Each cell says Present, Apologies or Absent; Not recorded "
        "where a member agency is missing from the meeting's record (Not expected where its "
        "ToR does not yet ask it to attend); empty where it was not a member then."
    )
    share = records.agency_attendance(store, catalogue, group)
    if periods.is_quarter(periods.parse_period(period)):
        share = share[share["period"] == period]
    st.subheader(f"Specified Authorities' attendance ({period})")
    if share.empty:
        st.caption(f"No meetings of {group} in {period}.")
    else:
        tables.wrapped_table(
            share.assign(share=share["share"].map(lambda v: f"{v:.0f}%")),
            {
                "agency": "Agency",
                "period": "Quarter",
                "meetings": "Meetings",
                "attended": "Attended",
                "share": "Share",
            },
            download=file_stem("vrp", group, "attendance by agency", period),
        )
    st.subheader("Does the group keep its ToR's rhythm?")
    checks = rhythm_checks(meetings, catalogue, group)
    checks = checks.assign(holds=checks["holds"].map({True: "✓ Holds", False: "✗ Does not hold"}))
    tables.wrapped_table(
        checks,
        {"check": "Check", "period": "Quarter", "holds": "Result", "words": "Details"},
        download=dated_stem("vrp", group, "rhythm"),
    )


def _actions(store: Store, group: str, period: str) -> None:
    st.header("Actions")
    frame = records.actions(store, group)
    if frame.empty:
        widgets.empty_state(
            f"No actions of {group} are recorded yet. Upload an actions log (action_ref, group, "
            "raised_on, action, owner_agency, due_date, status, closed_on, serves) "
            f"{UPLOAD_HINT}, or add an action below."
        )
        return
    counts = records.actions_summary(store, group, period)
    left, middle, right = st.columns(3)
    left.metric("Open", counts["open"])
    middle.metric("Overdue", counts["overdue"])
    right.metric(f"Done in {period}", counts["done"])
    shown = frame[frame["is_open"]].assign(
        overdue=frame["overdue"].map({True: "Overdue", False: ""}),
        due_date=frame["due_date"].dt.strftime("%d/%m/%Y"),
    )
    st.subheader("Open and overdue actions")
    if shown.empty:
        st.caption("Every action is done or dropped.")
    else:
        tables.wrapped_table(
            shown,
            {
                "action_ref": "Ref",
                "action": "Action",
                "owner_agency": "Owner",
                "due_date": "Due",
                "status": "Status",
                "overdue": "Overdue?",
                "serves": "Serves",
            },
            download=file_stem("vrp", group, "actions", period),
        )
    with st.expander("Every version of each action (history)"):
        history = records.action_history(store, group)
        st.dataframe(history, hide_index=True)
        table_downloads(
            history, name=dated_stem("vrp", group, "actions history"), key="history-actions-history"
        )


def _crest(store: Store, catalogue: Catalogue, group: str, period: str) -> None:
    end = periods.end_date(periods.parse_period(period))
    st.header(f"Crest Advisory recommendations at the end of {period}")
    if not listed_recommendations(catalogue, group):
        st.caption(f"The catalogue lists no Crest recommendations for {group}.")
        return
    standing = records.crest_standing(store, catalogue, group, end)
    standing = standing.assign(as_of=standing["as_of"].dt.strftime("%d/%m/%Y").fillna(""))
    tables.wrapped_table(
        standing,
        {
            "recommendation": "No.",
            "text": "Recommendation",
            "status": "Status",
            "as_of": "As of",
            "evidence": "Evidence",
        },
        download=file_stem("vrp", group, "crest", period),
    )
    updates = records.crest_updates(store, group)
    if updates.empty:
        widgets.empty_state(
            "No Crest tracker updates yet: every recommendation counts as not started. Upload a "
            f"Crest tracker return (group, recommendation, status, as_of, evidence) {UPLOAD_HINT}, "
            "or move a recommendation on below."
        )
    else:
        with st.expander("Every update (history)"):
            st.dataframe(updates, hide_index=True)
            table_downloads(
                updates, name=dated_stem("vrp", group, "crest updates"), key="updates-crest-updates"
            )


def _forms(store: Store, catalogue: Catalogue, group: str, user: ActingUser) -> None:
    st.header("Record for this group")
    st.caption(
        "Each form makes the same rows as an uploaded file and goes through the same checks; "
        "it is kept as a batch in the history and can be withdrawn like any other."
    )
    agencies = [m.agency for m in catalogue.members_of(group)]
    if not agencies:
        st.caption(
            f"{group} has no membership listed (data/membership.toml), so no meeting "
            "or action can be recorded."
        )
        return
    with st.expander("Record a meeting"), st.form(f"meeting-{group}"):
        day = st.date_input("Meeting date", value=dt.date.today(), format="DD/MM/YYYY")
        fmt = st.radio("Format", list(FORMATS.values()), horizontal=True)
        host = st.selectbox("Host agency (in person only)", ["", *agencies])
        attendance = {
            m.agency: st.selectbox(
                m.agency, list(ATTENDANCE.values()), key=f"att-{group}-{m.agency}"
            )
            for m in catalogue.members_of(group, dt.date.today())
        }
        if st.form_submit_button("Record the meeting"):
            rows = meeting_rows(group, day, fmt, host or None, attendance)
            _submit(store, catalogue, user, group, ReturnKind.meeting, rows, "meeting")
    with st.expander("Add, change or close an action"), st.form(f"action-{group}"):
        ref = st.text_input("Reference (a new one adds an action; an existing one changes it)")
        text = st.text_area("Action")
        owner = st.selectbox("Owner agency", agencies)
        raised = st.date_input("Raised on", value=dt.date.today(), format="DD/MM/YYYY")
        due = st.date_input("Due", value=dt.date.today(), format="DD/MM/YYYY")
        status = st.selectbox("Status", list(ACTION_STATUSES.values()))
        closed = st.date_input("Closed on (Done or Dropped)", value=None, format="DD/MM/YYYY")
        serves = st.text_input("Serves (a code, SO1–SO4 or a Crest recommendation; optional)")
        if st.form_submit_button("Save the action"):
            row = action_row(group, ref, raised, text, owner, due, status, closed, serves)
            _submit(store, catalogue, user, group, ReturnKind.actions, [row], "action")
    with st.expander("Move a Crest recommendation on"), st.form(f"crest-{group}"):
        codes = listed_recommendations(catalogue, group)
        code = st.selectbox("Recommendation", codes) if codes else None
        status = st.selectbox("Status", list(CREST_STATUSES.values()))
        as_of = st.date_input("As of", value=dt.date.today(), format="DD/MM/YYYY")
        evidence = st.text_area("Evidence")
        if st.form_submit_button("Save the update") and code:
            row = crest_row(group, code, status, as_of, evidence)
            _submit(store, catalogue, user, group, ReturnKind.crest, [row], "crest")


def _submit(
    store: Store,
    catalogue: Catalogue,
    user: ActingUser,
    group: str,
    kind: ReturnKind,
    rows: list[dict[str, str]],
    name: str,
) -> None:
    file_name = f"{group.lower()}_{name}_form.csv"
    report = form_report(kind, rows, catalogue, file_name=file_name)
    if not report.ok:
        for problem in report.errors:
            where = f"row {problem.row - 1}, " if problem.row and len(rows) > 1 else ""
            st.error(escape_markdown(f"{where}{problem.column or ''}: {problem.message}"))
        return
    try:
        result = record(store, user, report, group)
    except (NotAllowed, StoreError) as exc:
        st.error(escape_markdown(public_message(exc) if isinstance(exc, StoreError) else str(exc)))
        return
    widgets.flash(f"Recorded as batch {result.batch_id}.")
    st.rerun()
