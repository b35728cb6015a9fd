"""Rules that more than one kind of return shares."""

from __future__ import annotations

import numpy as np
import pandas as pd

from vrp_metrics.returns.checks import Context, Flag, rule


@rule("a required column is missing")
def required_columns_present(context: Context) -> list[Flag]:
    spec = context.spec
    return [
        Flag(
            column,
            f"The required column {column} is missing: {spec.title} has the columns "
            f"{', '.join(spec.required)} (and optionally {', '.join(spec.optional)}).",
        )
        for column in spec.required
        if column not in context.present
    ]


@rule("a required cell is empty")
def required_cells_filled(context: Context) -> list[Flag]:
    flags: list[Flag] = []
    for column in context.spec.required:
        if column in context.present:
            hint = context.empty_hints.get(column, "fill it in")
            flags += context.flag(~context.given(column), column, f"{column} is empty: {hint}.")
    return flags


def long_date(day: pd.Timestamp) -> str:
    """``30 June 2025``: unambiguous for British and other readers alike."""
    return f"{day.day} {day:%B %Y}"


@rule("the period has not started yet")
def period_has_started(context: Context) -> list[Flag]:
    """An error: nothing can have happened yet in a period that starts after today (a
    mistyped year, say), and loading it would make it the dashboard's latest period."""
    period = context.period
    later = period["start"].gt(pd.Timestamp(context.today)).fillna(False)

    def message(rows: pd.Index) -> list[str]:
        return [
            f"{label} has not started yet (it starts on {long_date(start)}): give a period "
            f"that has started, such as the current one or an earlier one."
            for label, start in zip(
                period.loc[rows, "label"], period.loc[rows, "start"], strict=True
            )
        ]

    return context.flag(later, "period", message)


@rule("the period is before the earliest period")
def period_not_too_early(context: Context) -> list[Flag]:
    """A period before the catalogue's earliest (``1900/01 Q1``, ``0024/25 Q1``) is a
    mistyped year: loaded, it would stretch every chart and the returns grid back to it."""
    earliest = context.catalogue.earliest_period
    early = context.period["start"].lt(pd.Timestamp(context.catalogue.earliest_start))

    def message(rows: pd.Index) -> list[str]:
        return [
            f"{label} is before {earliest}, the earliest period the dashboard takes: give "
            f"a period from {earliest}{' Q1' if quarter else ''} on (check the year)."
            for label, quarter in zip(
                context.period.loc[rows, "label"], context.period.loc[rows, "quarter"], strict=True
            )
        ]

    return context.flag(early.fillna(False), "period", message)


@rule("the period has not ended yet")
def period_has_ended(context: Context) -> list[Flag]:
    """A warning: a period still running may have incomplete figures."""
    period = context.period
    today = pd.Timestamp(context.today)
    running = (period["end"].ge(today) & period["start"].le(today)).fillna(False)

    def message(rows: pd.Index) -> list[str]:
        return [
            f"{label} has not ended yet (it ends on {long_date(end)}): its figures may be "
            f"incomplete; send them again when the period is over."
            for label, end in zip(period.loc[rows, "label"], period.loc[rows, "end"], strict=True)
        ]

    return context.flag(running, "period", message, warning=True)


def repeats(key: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Rows whose ``key`` (see ``row_key``) repeats an earlier row's, and the number of
    that earlier row.

    ``key`` is indexed by spreadsheet row; a row with a missing part of the key (-1) is
    never a repeat: it has its own error.
    """
    repeated = pd.Series(False, index=key.index)
    first = pd.Series(pd.NA, index=key.index, dtype="Int64")
    # Most returns repeat nothing, and sorting the keys tells so faster than hashing them.
    ordered = np.sort(key[key >= 0].to_numpy())
    if not (ordered[1:] == ordered[:-1]).any():
        return repeated, first
    shared = key[(key >= 0) & key.duplicated(keep=False)]
    if shared.empty:
        return repeated, first
    rows = pd.Series(shared.index, index=shared.index)
    earliest = rows.groupby(shared.to_numpy(), sort=False).transform("min")
    later = earliest[earliest != rows]
    repeated[later.index] = True
    first[later.index] = later.to_numpy()
    return repeated, first
