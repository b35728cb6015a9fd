"""A measure's figures as numbers, for the downloads: a spreadsheet sums, sorts and charts
them, where the tables on screen hold words ("72.4%", "31 / 42", "● Green")."""

from __future__ import annotations

import pandas as pd

SERIES_NUMBER_HEADINGS: dict[str, str] = {
    "period": "Period",
    "value": "Value",
    "numerator": "Numerator",
    "denominator": "Denominator",
    "cohort_size": "Cohort size",
    "comparator_period": "Comparator period",
    "comparator_value": "Comparator",
    "change": "Change",
    "rag": "RAG",
    "source_text": "Source",
}
"""The columns of :func:`series_numbers` (column of ``measure_series`` → heading)."""

_NUMBERS = ("value", "numerator", "denominator", "cohort_size", "comparator_value", "change")


def series_numbers(series: pd.DataFrame) -> pd.DataFrame:
    """A measure's series (``reporting.measure_series``) with each figure as a number, one
    row per period, oldest first.

    ``Value``, ``Comparator`` and ``Change`` are in the measure's unit (percentages on a
    0–100 scale, unrounded); ``Numerator``, ``Denominator`` and ``Cohort size`` are whole
    numbers, empty where the measure's kind has none (DESIGN §5, ``measures``); ``RAG``
    is ``green``, ``amber``, ``red`` or ``grey``.
    """
    table = series[list(SERIES_NUMBER_HEADINGS)].copy()
    for column in _NUMBERS:
        table[column] = pd.to_numeric(table[column], errors="coerce")
    for column in ("numerator", "denominator", "cohort_size"):
        table[column] = table[column].round().astype("Int64")
    for column in ("period", "comparator_period"):
        table[column] = table[column].astype("string")
    return table.rename(columns=SERIES_NUMBER_HEADINGS).reset_index(drop=True)
