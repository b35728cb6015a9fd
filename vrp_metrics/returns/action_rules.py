"""Actions logs: one row per action of a working group, as it stands now (DESIGN §3)."""

from __future__ import annotations

from functools import cached_property

import pandas as pd

from vrp_metrics.returns.checks import Flag, by_unique, rule
from vrp_metrics.returns.headers import COLUMNS
from vrp_metrics.returns.record_rules import (
    DATE_FORMS,
    RecordReturn,
    date_rules,
    group_is_a_group,
    key_text,
    member_rule,
    not_too_early,
    once_rule,
    word_rule,
)
from vrp_metrics.returns.report import ReturnKind
from vrp_metrics.returns.shared_rules import required_cells_filled, required_columns_present

STATUSES = {"open": "Open", "in progress": "In progress", "done": "Done", "dropped": "Dropped"}
CLOSED = ("Done", "Dropped")
MAX_REF_LENGTH = 64


class ActionsLog(RecordReturn):
    spec = COLUMNS[ReturnKind.actions]

    @property
    def empty_hints(self) -> dict[str, str]:
        return {
            "action_ref": "give the group's own reference for the action (such as DAWG-12)",
            "group": "give the working group's code (such as DAWG)",
            "raised_on": f"give the date of the meeting that raised it, as {DATE_FORMS}",
            "action": "say what is to be done",
            "owner_agency": "name the member agency that owns the action",
            "due_date": f"give the date it is due, as {DATE_FORMS}",
            "status": "give Open, In progress, Done or Dropped",
        }

    @cached_property
    def status(self) -> pd.Series:
        return self.word("status", STATUSES)

    @cached_property
    def closed(self) -> pd.Series:
        return self.status.isin(CLOSED)

    @cached_property
    def serves(self) -> pd.Series:
        """Each row's ``serves`` as the catalogue spells the code; NaN when empty or unknown."""
        catalogue = self.catalogue
        codes = (
            [m.code for m in catalogue.measures]
            + [s.code for s in catalogue.success_measures]
            + [o.code for o in catalogue.outcomes]
            + [o.code for o in catalogue.strategic_objectives]
        )
        crest = {
            (g.code, r.code.casefold()): r.code
            for g in catalogue.working_groups
            for r in g.crest_recommendations
            if r.code
        }
        known = {c.casefold(): c for c in codes}
        frame = pd.DataFrame({"group": self.group, "serves": self.text("serves")})

        def look_up(rows: pd.DataFrame) -> pd.Series:
            found = []
            for group, text in zip(rows["group"], rows["serves"], strict=True):
                key = None if pd.isna(text) else str(text).strip().casefold()
                found.append(None if key is None else known.get(key) or crest.get((group, key)))
            return pd.Series(found, dtype="str")

        return by_unique(frame, look_up)


@rule("action_ref is longer than 64 characters")
def ref_length(context: ActionsLog) -> list[Flag]:
    return context.flag(
        context.text("action_ref").str.len().gt(MAX_REF_LENGTH),
        "action_ref",
        f"This reference is too long: use the group's short reference, at most "
        f"{MAX_REF_LENGTH} characters.",
    )


@rule("due_date is before raised_on")
def due_after_raised(context: ActionsLog) -> list[Flag]:
    return context.flag(
        context.day("due_date").lt(context.day("raised_on")),
        "due_date",
        "'{value}' is before the date the action was raised (raised_on): give a due date "
        "on or after it.",
    )


@rule("closed_on is missing for a closed action")
def closed_on_when_closed(context: ActionsLog) -> list[Flag]:
    return context.flag(
        context.closed & ~context.given("closed_on"),
        "closed_on",
        "closed_on is empty: an action that is Done or Dropped gives the date it closed.",
    )


@rule("closed_on is before raised_on")
def closed_after_raised(context: ActionsLog) -> list[Flag]:
    return context.flag(
        context.day("closed_on").lt(context.day("raised_on")),
        "closed_on",
        "'{value}' is before the date the action was raised (raised_on): give the date it "
        "closed, on or after it.",
    )


@rule("closed_on is given for an action still open")
def closed_on_only_when_closed(context: ActionsLog) -> list[Flag]:
    """A warning: an action reopened keeps no closing date (it is not loaded)."""
    return context.flag(
        context.given("closed_on") & context.status.notna() & ~context.closed,
        "closed_on",
        "'{value}' is ignored: the action is not Done or Dropped, so it has no closing date.",
        warning=True,
    )


@rule("serves is not a code of the framework or a Crest recommendation of the group")
def serves_known(context: ActionsLog) -> list[Flag]:
    return context.flag(
        context.given("serves") & context.group.notna() & context.serves.isna(),
        "serves",
        "'{value}' is not a code this action can serve: give a measure, success-measure or "
        "outcome code (such as 3.1.1.a, 3.1.1 or 3.1), an objective (SO1 to SO4), or a "
        "Crest recommendation of the group (such as 6.1), or leave it empty.",
    )


RULES = (
    required_columns_present,
    required_cells_filled,
    ref_length,
    group_is_a_group,
    *date_rules("raised_on", what="the date an action was raised"),
    word_rule("status", STATUSES, list(STATUSES.values())),
    member_rule("owner_agency"),
    *date_rules("due_date", what="a due date")[:1],
    not_too_early("due_date"),
    due_after_raised,
    *date_rules("closed_on", what="the date an action closed"),
    closed_on_when_closed,
    closed_after_raised,
    closed_on_only_when_closed,
    serves_known,
    once_rule(
        ["group", "action_ref"],
        lambda c: [c.group, key_text(c.text("action_ref"))],
        "each action",
    ),
)


def clean_frame(context: ActionsLog) -> pd.DataFrame:
    """The rows of a valid actions log, typed for loading."""
    return pd.DataFrame(
        {
            "group_code": context.group.astype("str"),
            "action_ref": context.text("action_ref").str.strip().astype("str"),
            "raised_on": context.day("raised_on").astype("datetime64[us]"),
            "action": context.text("action").astype("str"),
            "owner_agency": context.agency("owner_agency").astype("str"),
            "due_date": context.day("due_date").astype("datetime64[us]"),
            "status": context.status.astype("str"),
            "closed_on": context.day("closed_on").where(context.closed).astype("datetime64[us]"),
            "serves": context.serves.astype("str"),
            "source_row": context.rows.to_numpy(dtype="int64"),
        }
    ).reset_index(drop=True)
