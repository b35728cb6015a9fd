"""Centre line, moving ranges and process limits of one group of an XmR chart.

The figures follow NHSRplotthedots 0.2.2 (``R/ptd_spc_standard.R``) and the Making Data
Count (MDC) Excel tool, except where moving-range screening is switched on (the default).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

LIMIT_FACTOR = 2.66
"""Process limits sit this many mean moving ranges from the mean (3 sigma for XmR)."""

NEAR_LIMIT_FACTOR = 2 * (LIMIT_FACTOR / 3)
"""Near-limit lines sit two thirds of the way to the limits (2 sigma); written as the
reference package writes it so that the floating-point figures agree."""

SCREENING_FACTOR = 3.267
"""A moving range at least this many times the mean moving range is screened out (the
upper range limit of a moving-range chart, Nelson 1982)."""


@dataclass(frozen=True)
class GroupLimits:
    """The centre line and limits of one group. Limits are NaN when undefined."""

    mean: float
    mean_moving_range: float
    lpl: float
    upl: float
    near_lpl: float
    near_upl: float

    @property
    def defined(self) -> bool:
        return not math.isnan(self.mean_moving_range)


def moving_ranges(values: pd.Series) -> pd.Series:
    """|difference| between each point and the one before it; NaN for the first point."""
    return values.diff().abs()


def screened_moving_ranges(moving_range: pd.Series) -> pd.Series:
    """The moving ranges with those ≥ 3.267 × their mean replaced by NaN (screened once).

    When every moving range is zero, each one equals 3.267 × 0 and all are screened, so
    the mean moving range becomes undefined.
    """
    present = moving_range.dropna()
    mmr = _exact_mean(present) if not present.empty else math.nan
    return moving_range.where(moving_range < SCREENING_FACTOR * mmr)


def group_limits(baseline: pd.Series, *, screen_outliers: bool = True) -> GroupLimits:
    """Mean, mean moving range (MMR) and limits from a group's baseline values.

    The baseline is the group's first ``fix_after_n_points`` values, or all of them. With
    ``screen_outliers`` the moving ranges ≥ 3.267 × MMR are dropped once and the MMR is
    recomputed; without it the figures match the MDC Excel tool. One value, or screening
    that removes every moving range, leaves the MMR and the limits undefined (NaN).
    """
    if baseline.empty:
        raise ValueError("a group needs at least one baseline value")
    mean = _exact_mean(baseline)
    used = _moving_ranges_counted(baseline, screen_outliers=screen_outliers).dropna()
    mmr = _exact_mean(used) if not used.empty else math.nan
    if math.isnan(mmr):
        return GroupLimits(mean, math.nan, math.nan, math.nan, math.nan, math.nan)
    return GroupLimits(
        mean=mean,
        mean_moving_range=mmr,
        lpl=mean - LIMIT_FACTOR * mmr,
        upl=mean + LIMIT_FACTOR * mmr,
        near_lpl=mean - NEAR_LIMIT_FACTOR * mmr,
        near_upl=mean + NEAR_LIMIT_FACTOR * mmr,
    )


def moving_ranges_used(baseline: pd.Series, *, screen_outliers: bool = True) -> pd.Series:
    """Whether each baseline point's moving range counts towards the MMR."""
    counted = _moving_ranges_counted(baseline, screen_outliers=screen_outliers)
    return counted.notna()


def _exact_mean(values: pd.Series) -> float:
    """The mean with the sum correctly rounded (``math.fsum``), as R's ``mean()`` nearly is.

    A plain running sum can leave the mean one rounding step off, so that a value equal
    to the mean would count as above or below it and wrongly extend a run.
    """
    return math.fsum(values.to_numpy(dtype=float)) / len(values)


def _moving_ranges_counted(baseline: pd.Series, *, screen_outliers: bool) -> pd.Series:
    moving_range = moving_ranges(baseline)
    return screened_moving_ranges(moving_range) if screen_outliers else moving_range
