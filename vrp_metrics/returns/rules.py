"""The rule registries of the kinds of return, and running them into problems.

Each kind's rules are listed, in the order a user reads their problems, in the module
of that kind. Running them turns flagged rows into the report's problems, listing at
most ``LISTED_PER_RULE`` rows per rule and column and summing up the rest in one line,
so that a million-row file full of one mistake still gives a readable report (it is
rejected all the same).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from vrp_metrics.returns import (
    action_rules,
    crest_rules,
    measure_rules,
    meeting_rules,
    personal_rules,
    readings_rules,
    tracker_rules,
)
from vrp_metrics.returns.checks import Context, Flag, Rule
from vrp_metrics.returns.report import Problem, ReturnKind

RULES: dict[ReturnKind, tuple[Rule, ...]] = {
    ReturnKind.measure: measure_rules.RULES + personal_rules.RULES,
    ReturnKind.readings: readings_rules.RULES + personal_rules.RULES,
    ReturnKind.tracker: tracker_rules.RULES + personal_rules.RULES,
    ReturnKind.meeting: meeting_rules.RULES + personal_rules.RULES,
    ReturnKind.actions: action_rules.RULES + personal_rules.RULES,
    ReturnKind.crest: crest_rules.RULES + personal_rules.RULES,
}

CONTEXTS: dict[ReturnKind, type[Context]] = {
    ReturnKind.measure: measure_rules.MeasureReturn,
    ReturnKind.readings: readings_rules.ReadingsReturn,
    ReturnKind.tracker: tracker_rules.TrackerReturn,
    ReturnKind.meeting: meeting_rules.MeetingRecord,
    ReturnKind.actions: action_rules.ActionsLog,
    ReturnKind.crest: crest_rules.CrestTracker,
}

CLEAN_FRAMES: dict[ReturnKind, Callable[[Any], pd.DataFrame]] = {
    ReturnKind.measure: measure_rules.clean_frame,
    ReturnKind.readings: readings_rules.clean_frame,
    ReturnKind.tracker: tracker_rules.clean_frame,
    ReturnKind.meeting: meeting_rules.clean_frame,
    ReturnKind.actions: action_rules.clean_frame,
    ReturnKind.crest: crest_rules.clean_frame,
}
"""The clean, typed rows of a valid return of each kind, ready to load."""

LISTED_PER_RULE = 1000
"""How many rows one rule lists per column before summing up the rest."""


class _Problems:
    """Problems in the order a user reads them: the file and its columns first, then
    rows top to bottom, then the "…and N more rows" lines."""

    def __init__(self) -> None:
        self.general: list[Problem] = []
        self.by_row: list[Problem] = []
        self.more: list[Problem] = []

    def in_order(self) -> list[Problem]:
        # sorted() is stable: problems of one row keep the order of the rules.
        return self.general + sorted(self.by_row, key=lambda p: p.row or 0) + self.more


def run_rules(
    context: Context, rules: tuple[Rule, ...], *, listed: int = LISTED_PER_RULE
) -> tuple[list[Problem], list[Problem]]:
    """Run ``rules`` over a return: its errors and its warnings."""
    errors, warnings = _Problems(), _Problems()
    for check in rules:
        groups: dict[tuple[str | None, bool], list[Flag]] = defaultdict(list)
        for flag in check(context):
            groups[(flag.column, flag.warning)].append(flag)
        for (column, warning), flags in groups.items():
            _add(warnings if warning else errors, context, check, column, flags, listed)
    return errors.in_order(), warnings.in_order()


def _add(
    problems: _Problems,
    context: Context,
    check: Rule,
    column: str | None,
    flags: list[Flag],
    listed: int,
) -> None:
    file = context.file
    for flag in flags:
        if flag.rows is None:
            assert isinstance(flag.message, str), "a whole-column problem has a plain message"
            problems.general.append(Problem(file, None, column, None, flag.message))
    flagged = [flag for flag in flags if flag.rows is not None]
    if not flagged:
        return
    # The first `listed` rows of the file among all rows this rule flags in this column.
    all_rows = np.concatenate([flag.rows.to_numpy() for flag in flagged])
    owner = np.repeat(np.arange(len(flagged)), [len(flag.rows) for flag in flagged])
    order = np.argsort(all_rows, kind="stable")
    keep = order[:listed]
    for number, flag in enumerate(flagged):
        rows = pd.Index(np.sort(all_rows[keep][owner[keep] == number]))
        if rows.empty:
            continue
        values = (flag.values or context.cells(column or ""))(rows)
        if isinstance(flag.message, str):
            messages = [
                flag.message.replace("{value}", "" if value is None else value) for value in values
            ]
        else:
            messages = list(flag.message(rows))
        problems.by_row.extend(
            Problem(file, int(row), column, value, message)
            for row, value, message in zip(rows, values, messages, strict=True)
        )
    more = len(all_rows) - len(keep)
    if more:
        first = int(all_rows[order[listed]])  # the first row that is not listed
        where = f" in column {column}" if column else ""
        problems.more.append(
            Problem(
                file,
                None,
                column,
                None,
                f"…and {more:,} more rows{where} where {check.problem}, as in row {first} "
                f"(only the first {listed:,} are listed).",
            )
        )
