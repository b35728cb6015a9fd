"""Frames shaped for a plain table whose long text must be read in full: barriers and
next actions, or the problems found in a return."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

PROBLEM_COLUMNS: tuple[str, ...] = ("row", "column", "value", "message")


def text_table(
    frame: pd.DataFrame, headings: Mapping[str, str], *, nowrap: tuple[str, ...] = ()
) -> pd.DataFrame:
    """The ``headings`` columns of ``frame`` as text (missing as ""), renamed to their
    headings; in the ``nowrap`` columns (e.g. "◆ Amber") spaces do not break."""
    shown = frame[list(headings)].astype("string").fillna("")
    for column in nowrap:
        shown[column] = shown[column].str.replace(" ", "\N{NO-BREAK SPACE}", regex=False)
    return shown.rename(columns=dict(headings))


def problems_frame(problems: Iterable[Any]) -> pd.DataFrame:
    """A validation report's errors or warnings, one row each (:data:`PROBLEM_COLUMNS`);
    ``row`` is the spreadsheet row (header = row 1), missing for a whole-file problem."""
    return pd.DataFrame([p.to_dict() for p in problems], columns=list(PROBLEM_COLUMNS)).astype(
        {"row": "Int64"}
    )


REPORT_HEADINGS: dict[str, str] = {
    "file": "File",
    "severity": "Error or warning",
    "row": "Row",
    "column": "Column",
    "value": "Value",
    "message": "What is wrong, and what would be valid",
}
"""The columns of :func:`report_table`, with their headings for a download."""


def report_table(report: Any) -> pd.DataFrame:
    """A validation report as one table to send to the partner: its errors, then its
    warnings, each with the file's name, under :data:`REPORT_HEADINGS`."""
    parts = [
        problems_frame(problems).assign(file=report.file, severity=severity)
        for severity, problems in (("error", report.errors), ("warning", report.warnings))
    ]
    found = [part for part in parts if len(part)]
    frame = pd.concat(found, ignore_index=True) if found else parts[0]
    return frame[list(REPORT_HEADINGS)].rename(columns=REPORT_HEADINGS)
