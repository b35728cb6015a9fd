"""Crest tracker returns: one row per update of a Crest Advisory recommendation
(DESIGN §3). A recommendation's status at a date is its latest update on or before it."""

from __future__ import annotations

from functools import cached_property

import pandas as pd

from vrp_metrics.returns.checks import Flag, by_unique, one_of, rule
from vrp_metrics.returns.headers import COLUMNS
from vrp_metrics.returns.record_rules import (
    DATE_FORMS,
    RecordReturn,
    date_rules,
    group_is_a_group,
    once_rule,
    word_rule,
)
from vrp_metrics.returns.report import ReturnKind
from vrp_metrics.returns.shared_rules import required_cells_filled, required_columns_present

STATUSES = {"not started": "Not started", "in progress": "In progress", "achieved": "Achieved"}


class CrestTracker(RecordReturn):
    spec = COLUMNS[ReturnKind.crest]

    @property
    def empty_hints(self) -> dict[str, str]:
        return {
            "group": "give the working group's code (such as DAWG)",
            "recommendation": "give the Crest recommendation's number (such as 6.1)",
            "status": "give Not started, In progress or Achieved",
            "as_of": f"give the date of the update as {DATE_FORMS}",
        }

    @cached_property
    def recommendation(self) -> pd.Series:
        """The catalogue's code of each row's recommendation in its group; NaN if unknown."""
        listed = {
            (g.code, r.code.casefold()): r.code
            for g in self.catalogue.working_groups
            for r in g.crest_recommendations
            if r.code
        }
        frame = pd.DataFrame({"group": self.group, "code": self.text("recommendation")})
        return by_unique(
            frame,
            lambda rows: pd.Series(
                [
                    None if pd.isna(c) else listed.get((g, str(c).strip().casefold()))
                    for g, c in zip(rows["group"], rows["code"], strict=True)
                ],
                dtype="str",
            ),
        )


@rule("the recommendation is not listed for the group")
def recommendation_of_group(context: CrestTracker) -> list[Flag]:
    def message(rows: pd.Index) -> list[str]:
        texts = []
        for group in context.group[rows]:
            codes = [
                r.code or "" for r in context.catalogue.working_group(group).crest_recommendations
            ]
            texts.append(
                f"'{{value}}' is not a Crest recommendation listed for {group}: use "
                f"{one_of(codes)}."
                if codes
                else f"{group} has no Crest recommendations listed in the catalogue."
            )
        values = context.text("recommendation")[rows]
        return [t.replace("{value}", str(v)) for t, v in zip(texts, values, strict=True)]

    return context.flag(
        context.given("recommendation") & context.group.notna() & context.recommendation.isna(),
        "recommendation",
        message,
    )


RULES = (
    required_columns_present,
    required_cells_filled,
    group_is_a_group,
    recommendation_of_group,
    word_rule("status", STATUSES, list(STATUSES.values())),
    *date_rules("as_of", what="the date of an update"),
    once_rule(
        ["group", "recommendation", "as_of"],
        lambda c: [c.group, c.recommendation, c.day("as_of")],
        "each recommendation's update for a date",
    ),
)


def clean_frame(context: CrestTracker) -> pd.DataFrame:
    """The rows of a valid Crest tracker return, typed for loading."""
    return pd.DataFrame(
        {
            "group_code": context.group.astype("str"),
            "recommendation": context.recommendation.astype("str"),
            "status": context.word("status", STATUSES).astype("str"),
            "as_of": context.day("as_of").astype("datetime64[us]"),
            "evidence": context.text("evidence").astype("str"),
            "source_row": context.rows.to_numpy(dtype="int64"),
        }
    ).reset_index(drop=True)
