"""Data tracker returns: the Partnership Data Tracker's status of each data source
(DESIGN §3)."""

from __future__ import annotations

from functools import cached_property

import pandas as pd

from vrp_metrics.periods import VALID_QUARTER_FORMS
from vrp_metrics.returns.checks import Context, Flag, by_unique, row_key, rule
from vrp_metrics.returns.headers import COLUMNS
from vrp_metrics.returns.report import ReturnKind
from vrp_metrics.returns.shared_rules import (
    period_has_ended,
    period_has_started,
    period_not_too_early,
    repeats,
    required_cells_filled,
    required_columns_present,
)

RAG_WORDS = {
    "red": "red",
    "amber": "amber",
    "green": "green",
    "r": "red",
    "a": "amber",
    "g": "green",
}


class TrackerReturn(Context):
    spec = COLUMNS[ReturnKind.tracker]

    @property
    def empty_hints(self) -> dict[str, str]:
        return {
            "data_source": "name the data source",
            "agency": "name the agency that holds the data source",
            "period": f"give the quarter, such as {VALID_QUARTER_FORMS}",
            "rag_status": "give Red, Amber or Green (or R, A or G)",
        }

    @cached_property
    def rag_status(self) -> pd.Series:
        """``red``, ``amber`` or ``green``; NaN when the cell is not a RAG status."""
        return by_unique(
            self.text("rag_status"), lambda t: t.str.casefold().map(RAG_WORDS).astype("str")
        )


@rule("the period is not a quarter")
def period_is_a_quarter(context: TrackerReturn) -> list[Flag]:
    period = context.period
    return context.flag(
        context.given("period") & period["label"].isna(),
        "period",
        f"'{{value}}' is not a period: use a quarter such as {VALID_QUARTER_FORMS}.",
    ) + context.flag(
        period["quarter"].eq(False).fillna(False),
        "period",
        f"'{{value}}' is a financial year, but the data tracker is returned quarterly: use a "
        f"quarter such as {VALID_QUARTER_FORMS}.",
    )


@rule("rag_status is not Red, Amber or Green")
def rag_status_is_a_status(context: TrackerReturn) -> list[Flag]:
    return context.flag(
        context.given("rag_status") & context.rag_status.isna(),
        "rag_status",
        "'{value}' is not a RAG status: use Red, Amber or Green (or R, A or G), in any case.",
    )


@rule("a data source is listed more than once for a quarter")
def data_source_once_per_quarter(context: TrackerReturn) -> list[Flag]:
    source = context.text("data_source")
    label = context.period["label"]
    same_source = by_unique(source, lambda t: t.str.casefold().str.split().str.join(" "))
    repeated, first = repeats(row_key(same_source, label))

    def values(rows: pd.Index) -> list[str]:
        return [f"{s}, {p}" for s, p in zip(source[rows], label[rows], strict=True)]

    def message(rows: pd.Index) -> list[str]:
        return [
            f"Data source '{s}' is already listed for {p} in row {f}: list each data source "
            f"once per quarter."
            for s, p, f in zip(source[rows], label[rows], first[rows], strict=True)
        ]

    return context.flag(repeated, "data_source, period", message, values=values)


RULES = (
    required_columns_present,
    required_cells_filled,
    period_is_a_quarter,
    rag_status_is_a_status,
    data_source_once_per_quarter,
    period_not_too_early,
    period_has_started,
    period_has_ended,
)


def clean_frame(context: TrackerReturn) -> pd.DataFrame:
    """The rows of a valid data tracker return, typed for loading."""
    period = context.period
    return pd.DataFrame(
        {
            "data_source": context.text("data_source").astype("str"),
            "agency": context.text("agency").astype("str"),
            "period": period["label"].astype("str"),
            "period_start": period["start"].astype("datetime64[us]"),
            "rag_status": context.rag_status.astype("str"),
            "barrier": context.text("barrier").astype("str"),
            "next_action": context.text("next_action").astype("str"),
            "source_row": context.rows.to_numpy(dtype="int64"),
        }
    ).reset_index(drop=True)
