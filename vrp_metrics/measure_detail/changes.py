"""Score changes behind a readings-derived measure: each cohort member's change, their
distribution, and the cohort size per period.

The rules are DESIGN.md §4: per scale and area, a participant's baseline is their
earliest reading; they are in the cohort of a quarter (or financial year) when they
have a reading dated inside it that is not their baseline; their change is the score of
their latest reading on or before the period's end minus the baseline score. Nothing
here returns a participant reference.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from vrp_metrics import periods
from vrp_metrics.catalogue import Catalogue, Measure
from vrp_metrics.reporting.series import quarter_rows
from vrp_metrics.store import Store

DISTRIBUTION_COLUMNS: tuple[str, ...] = ("change", "change_from", "change_to", "participants")
COHORT_COLUMNS: tuple[str, ...] = ("period", "period_start", "cohort_size")

MAX_BARS = 21
"""At most this many bars in a distribution: whole-number changes of a 0–10 scale fit."""

_DECIMALS = 6  # changes are rounded to this many places so that 16.8 − 5.3 is 11.5


def scale_and_area(catalogue: Catalogue, measure: Measure) -> tuple[str, str]:
    """The scale and area a measure is derived from (a one-area scale's area filled in)."""
    if measure.scale is None:
        raise ValueError(f"{measure.code} is not derived from outcome readings")
    scale = catalogue.scale(measure.scale)
    area = measure.area or scale.single_area
    assert area is not None  # the catalogue checks that a several-area scale names one
    return scale.name, area


def score_changes(store: Store, catalogue: Catalogue, code: str, period: str) -> pd.DataFrame:
    """One row per cohort member of ``period`` (a quarter or a financial year): their
    ``change`` in score since their baseline, in the scale's points, smallest first.

    A measure not derived from readings raises ``ValueError``. An empty cohort gives an
    empty frame.
    """
    measure = catalogue.measure(code)
    scale, area = scale_and_area(catalogue, measure)
    parsed = periods.parse_period(period)
    frame = store.query(
        "measure_detail/score_changes.sql",
        {
            "scale": scale,
            "area": area,
            "period_start": periods.start_date(parsed),
            "period_end": periods.end_date(parsed),
        },
    )
    return frame.assign(change=frame["change"].astype("float64").round(_DECIMALS))


def _whole(values: np.ndarray) -> bool:
    return bool(np.all(np.isclose(values, np.round(values))))


def _number(value: float) -> str:
    """A change as text: ``+2``, ``0``, ``-1.5`` (no trailing zeros)."""
    if value == 0:
        return "0"
    return f"{value:+g}"


def _bin_width(low: float, high: float, max_bars: int) -> float:
    """The smallest round width (1, 2, 2.5 or 5 times a power of ten, from 0.1) that
    gives at most ``max_bars`` bars, with zero a bar of its own."""
    magnitude = 0.1
    while True:
        for base in (1, 2, 2.5, 5):
            width = round(base * magnitude, 10)
            if math.ceil(-low / width) + math.ceil(high / width) + 1 <= max_bars:
                return width
        magnitude *= 10


def change_distribution(
    changes: pd.DataFrame | pd.Series, *, max_bars: int = MAX_BARS
) -> pd.DataFrame:
    """How many participants had each change: the numbers behind the histogram.

    Whole-number changes get one row per value from the lowest to the highest (zero
    always included, values nobody had with 0 participants). Otherwise, or when that
    would be more than ``max_bars`` rows, changes are grouped in ranges of a round
    width; no change (0) is always a row of its own, so every row is wholly a fall, no
    change or a rise. A range includes its end farther from zero: ``-10 to -5`` holds
    −10 ≤ change < −5 and ``5 to 10`` holds 5 < change ≤ 10.

    Columns: :data:`DISTRIBUTION_COLUMNS` — ``change`` (the value or range as text),
    ``change_from`` and ``change_to`` (equal for a single value) and ``participants``.
    """
    if max_bars < 3:
        raise ValueError(f"max_bars must be at least 3 (a fall, no change, a rise); got {max_bars}")
    values = changes["change"] if isinstance(changes, pd.DataFrame) else changes
    array = values.dropna().to_numpy(dtype=float).round(_DECIMALS)
    if array.size == 0:
        return pd.DataFrame(
            {
                "change": pd.Series(dtype="str"),
                "change_from": pd.Series(dtype="float64"),
                "change_to": pd.Series(dtype="float64"),
                "participants": pd.Series(dtype="int64"),
            }
        )
    low, high = min(float(array.min()), 0.0), max(float(array.max()), 0.0)
    if _whole(array) and high - low + 1 <= max_bars:
        steps = np.arange(round(low), round(high) + 1, dtype=float)
        counts = [int(np.isclose(array, step).sum()) for step in steps]
        return pd.DataFrame(
            {
                "change": [_number(s) for s in steps],
                "change_from": steps,
                "change_to": steps,
                "participants": counts,
            }
        )
    width = _bin_width(low, high, max_bars)
    rows = []
    for k in range(math.ceil(-low / width), 0, -1):
        start, end = -k * width, -(k - 1) * width
        count = int(((array >= start) & (array < end)).sum())
        rows.append((f"{_number(start)} to {_number(end)}", start, end, count))
    rows.append(("0", 0.0, 0.0, int((array == 0).sum())))
    for k in range(1, math.ceil(high / width) + 1):
        start, end = (k - 1) * width, k * width
        count = int(((array > start) & (array <= end)).sum())
        rows.append((f"{_number(start)} to {_number(end)}", start, end, count))
    return pd.DataFrame(rows, columns=list(DISTRIBUTION_COLUMNS)).astype(
        {"change_from": "float64", "change_to": "float64", "participants": "int64"}
    )


def cohort_sizes(figures: pd.DataFrame, code: str, up_to_period: str | None = None) -> pd.DataFrame:
    """A readings-derived measure's cohort size per quarter, oldest first.

    Up to ``up_to_period`` (a quarter, or a financial year's last quarter). Quarters with
    no cohort are left out. Columns: :data:`COHORT_COLUMNS`.
    """
    rows = quarter_rows(figures, code, up_to_period, having="cohort_size")
    return pd.DataFrame(
        {
            "period": rows["period"].astype(str).to_numpy(),
            "period_start": rows["period_start"].to_numpy(),
            "cohort_size": rows["cohort_size"].astype("int64").to_numpy(),
        },
        columns=list(COHORT_COLUMNS),
    )
