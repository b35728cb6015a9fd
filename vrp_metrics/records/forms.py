"""Recording a meeting, adding or closing an action and moving a Crest recommendation on
from a form (DESIGN §3, §7).

A form builds the same rows a partner's file would hold, as a small CSV file, and sends
it through the same validation and the same ``Store.load`` as an uploaded return: same
checks, same batches and history, same withdrawal. Before anything is written the acting
user's role is checked for the group (``Store.check``: a refusal is an audit entry), and
a recorded form leaves an audit entry naming its batch.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from vrp_metrics.access import ActingUser, Action, NotAllowed
from vrp_metrics.catalogue import Catalogue
from vrp_metrics.returns.headers import COLUMNS
from vrp_metrics.returns.report import ReturnKind, ValidationReport
from vrp_metrics.returns.validate import validate_file
from vrp_metrics.store import Store
from vrp_metrics.store.batches import LoadResult

FORM_WHAT = {
    ReturnKind.meeting: "meeting",
    ReturnKind.actions: "action",
    ReturnKind.crest: "Crest update",
}


def _day(value: dt.date) -> str:
    return value.isoformat()


def meeting_rows(
    group: str,
    meeting_date: dt.date,
    format_: str,
    host_agency: str | None,
    attendance: dict[str, str],
) -> list[dict[str, str]]:
    """A meeting record's rows: one per member agency with its attendance word."""
    return [
        {
            "group": group,
            "meeting_date": _day(meeting_date),
            "format": format_,
            "host_agency": host_agency or "",
            "agency": agency,
            "attendance": word,
        }
        for agency, word in attendance.items()
    ]


def action_row(
    group: str,
    action_ref: str,
    raised_on: dt.date,
    action: str,
    owner_agency: str,
    due_date: dt.date,
    status: str,
    closed_on: dt.date | None = None,
    serves: str = "",
) -> dict[str, str]:
    """An actions log's row for one action as it stands now (new, changed or closed)."""
    return {
        "action_ref": action_ref,
        "group": group,
        "raised_on": _day(raised_on),
        "action": action,
        "owner_agency": owner_agency,
        "due_date": _day(due_date),
        "status": status,
        "closed_on": _day(closed_on) if closed_on else "",
        "serves": serves,
    }


def crest_row(
    group: str, recommendation: str, status: str, as_of: dt.date, evidence: str = ""
) -> dict[str, str]:
    """A Crest tracker row: a recommendation's new status as of a date."""
    return {
        "group": group,
        "recommendation": recommendation,
        "status": status,
        "as_of": _day(as_of),
        "evidence": evidence,
    }


def form_report(
    kind: ReturnKind,
    rows: list[dict[str, str]],
    catalogue: Catalogue,
    *,
    file_name: str,
    today: dt.date | None = None,
) -> ValidationReport:
    """The rows written as a CSV file of ``kind`` and validated like an uploaded one."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS[kind].columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return validate_file((file_name, buffer.getvalue().encode("utf-8")), catalogue, today=today)


def record(store: Store, user: ActingUser, report: ValidationReport, group: str) -> LoadResult:
    """Load a form's valid report for ``group`` as ``user``: refused (and audited) unless
    their role may record for the group; every row must be the group's."""
    what = FORM_WHAT.get(report.kind, "record") if report.kind else "record"
    store.check(user, Action.RECORDS, f"{what} for {group} ({report.file})", group)
    if report.data is not None and set(report.data["group_code"]) - {group}:
        raise NotAllowed(f"the form for {group} holds rows of another group")
    return store.load(report, user=user, action=Action.RECORDS, group=group)
