"""Meeting records: one row per working-group meeting and member agency (DESIGN §3)."""

from __future__ import annotations

from functools import cached_property

import pandas as pd

from vrp_metrics.returns.checks import Flag, row_key, rule
from vrp_metrics.returns.headers import COLUMNS
from vrp_metrics.returns.record_rules import (
    DATE_FORMS,
    RecordReturn,
    date_rules,
    group_is_a_group,
    key_text,
    member_rule,
    once_rule,
    word_rule,
)
from vrp_metrics.returns.report import ReturnKind
from vrp_metrics.returns.shared_rules import required_cells_filled, required_columns_present

FORMATS = {"teams": "Teams", "in person": "In person"}
ATTENDANCE = {"present": "Present", "apologies": "Apologies", "absent": "Absent"}


class MeetingRecord(RecordReturn):
    spec = COLUMNS[ReturnKind.meeting]

    @property
    def empty_hints(self) -> dict[str, str]:
        return {
            "group": "give the working group's code (such as DAWG)",
            "meeting_date": f"give the date of the meeting as {DATE_FORMS}",
            "format": "give Teams or In person",
            "agency": "name the member agency this row is about",
            "attendance": "give Present, Apologies or Absent",
        }

    @cached_property
    def format(self) -> pd.Series:
        return self.word("format", FORMATS)

    @cached_property
    def in_person(self) -> pd.Series:
        return self.format.eq("In person").fillna(False).astype(bool)


@rule("host_agency is missing for a meeting in person")
def host_when_in_person(context: MeetingRecord) -> list[Flag]:
    return context.flag(
        context.in_person & ~context.given("host_agency"),
        "host_agency",
        "host_agency is empty: a meeting in person names the member agency that hosted it.",
    )


@rule("the rows of one meeting give different formats or hosts")
def one_format_and_host(context: MeetingRecord) -> list[Flag]:
    """Every row of one meeting (group and date) gives the same format and host: the
    first row of the meeting says it, and a later row that differs is refused."""
    meeting = row_key(context.group, context.day("meeting_date"))
    setting = row_key(
        context.format.fillna("?"),
        key_text(context.text("host_agency").where(context.in_person)).fillna(""),
    )
    frame = pd.DataFrame({"meeting": meeting, "setting": setting})
    frame = frame[frame["meeting"] >= 0]
    first_row = frame.groupby("meeting")["setting"].transform("first")
    first_at = pd.Series(frame.index, index=frame.index).groupby(frame["meeting"]).transform("min")
    differs = frame["setting"].ne(first_row).reindex(context.rows, fill_value=False)

    def message(rows: pd.Index) -> list[str]:
        return [
            f"Row {first_at[row]} gives this meeting as {context.format[first_at[row]]}"
            + (
                f" hosted by {context.text('host_agency')[first_at[row]]}"
                if context.in_person[first_at[row]]
                else ""
            )
            + ": every row of one meeting gives the same format and host_agency."
            for row in rows
        ]

    def values(rows: pd.Index) -> list[str]:
        return [
            f"{context.text('format')[row]}, {context.text('host_agency')[row] or ''}".rstrip(", ")
            for row in rows
        ]

    return context.flag(differs, "format, host_agency", message, values=values)


def _meeting_agency(context: MeetingRecord) -> list[pd.Series]:
    return [context.group, context.day("meeting_date"), key_text(context.text("agency"))]


RULES = (
    required_columns_present,
    required_cells_filled,
    group_is_a_group,
    *date_rules("meeting_date", what="a meeting date"),
    word_rule("format", FORMATS, list(FORMATS.values())),
    word_rule("attendance", ATTENDANCE, list(ATTENDANCE.values())),
    member_rule("agency", on="meeting_date"),
    host_when_in_person,
    member_rule("host_agency", on="meeting_date"),
    once_rule(["group", "meeting_date", "agency"], _meeting_agency, "each agency of a meeting"),
    one_format_and_host,
)


def clean_frame(context: MeetingRecord) -> pd.DataFrame:
    """The rows of a valid meeting record, typed for loading (words as the contract
    spells them; agencies as the membership spells them)."""
    host = context.agency("host_agency", on="meeting_date").where(context.in_person)
    return pd.DataFrame(
        {
            "group_code": context.group.astype("str"),
            "meeting_date": context.day("meeting_date").astype("datetime64[us]"),
            "format": context.format.astype("str"),
            "host_agency": host.astype("str"),
            "agency": context.agency("agency", on="meeting_date").astype("str"),
            "attendance": context.word("attendance", ATTENDANCE).astype("str"),
            "source_row": context.rows.to_numpy(dtype="int64"),
        }
    ).reset_index(drop=True)
