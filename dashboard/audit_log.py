"""The Audit log page's pieces: its filters (person, action, dates) and its table.

What people wrote (a commentary before and after, a file name, a refusal's reason) is
shown as text in a grid and written to downloads formula-safe.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard.tables import column_table, fitting_height

EVERYONE = "Everyone"
EVERY_ACTION = "Every action"

AUDIT_COLUMNS = {
    "entry": st.column_config.NumberColumn("Entry", help="Entries are numbered in order"),
    "at": st.column_config.DatetimeColumn("When (UTC)", format="YYYY-MM-DD HH:mm:ss"),
    "actor": st.column_config.TextColumn("Who"),
    "roles": st.column_config.TextColumn("Roles"),
    "action": st.column_config.TextColumn("Action"),
    "object": st.column_config.TextColumn("What it touched", width="medium"),
    "outcome": st.column_config.TextColumn("Outcome", help="done, or refused with the reason"),
    "detail": st.column_config.TextColumn("Detail", width="large"),
    "before_text": st.column_config.TextColumn("Text before", width="medium"),
    "after_text": st.column_config.TextColumn("Text after", width="medium"),
}


@dataclass(frozen=True)
class AuditFilter:
    """The page's choices, as ``Store.audit_log`` takes them (None: no filter)."""

    actor: str | None
    action: str | None
    since: dt.date | None
    until: dt.date | None


def audit_filters(everything: pd.DataFrame) -> AuditFilter:
    """Person, action and date range, offered from the entries there are."""
    people = sorted(set(everything["actor"]), key=str.casefold)
    actions = sorted(set(everything["action"]))
    person, action, dates = st.columns([2, 2, 3])
    actor = person.selectbox("Person", [EVERYONE, *people], key="audit-person")
    chosen = action.selectbox("Action", [EVERY_ACTION, *actions], key="audit-action")
    # Two lists of the days that have entries, rather than a date picker: the picker's
    # day, month and year boxes are too small a target to tap (WCAG 2.5.8).
    days = sorted({at.date() for at in everything["at"]}) or [dt.datetime.now(dt.UTC).date()]
    since_box, until_box = dates.columns(2)
    since = since_box.selectbox("From (UTC)", days, index=0, format_func=_day, key="audit-since")
    later = [day for day in days if day >= since]
    until = until_box.selectbox(
        "To (UTC)", later, index=len(later) - 1, format_func=_day, key="audit-until"
    )
    return AuditFilter(
        None if actor == EVERYONE else actor,
        None if chosen == EVERY_ACTION else chosen,
        since,
        until,
    )


def audit_table(entries: pd.DataFrame, *, download: str) -> None:
    """The entries, oldest first, with their CSV and Excel downloads."""
    column_table(
        entries,
        AUDIT_COLUMNS,
        download=download,
        height=fitting_height(len(entries), 700),
        key="audit-entries",
    )


def _day(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")
