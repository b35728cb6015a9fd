"""The Making Data Count special-cause rules, one small function each.

Every function works on **one group** of points (the points between two rebases) and takes
pandas Series sharing one index; it returns a Series on that index. The rules follow
NHSRplotthedots 0.2.2 (``R/ptd_calculate_point_type.R``):

1. outside the process limits;
2. a trend of 7 points each strictly higher (or each strictly lower) than the one before;
3. two of three points near a limit, all three on the same side of the mean;
4. a run of 7 points on the same side of the mean.

Which rule decides a point's outcome (their precedence) is the caller's business; these
functions only say whether a point is part of a pattern.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view

TREND_LENGTH = 7
RUN_LENGTH = 7
TWO_OF_THREE_WINDOW = 3


def _covered(window_hits: np.ndarray, width: int, n: int) -> np.ndarray:
    """Whether each of ``n`` points lies in at least one window that is a hit.

    ``window_hits[k]`` says whether the window of ``width`` points starting at point ``k``
    shows the pattern, so it has ``n - width + 1`` entries. Every point of a qualifying
    window is flagged, not only the point that completes it.
    """
    if n < width:
        return np.zeros(n, dtype=bool)
    padding = np.zeros(width - 1, dtype=bool)
    padded = np.concatenate([padding, window_hits.astype(bool), padding])
    # Point j is covered by the windows starting at j - width + 1 … j, which sit at
    # padded positions j … j + width - 1.
    return sliding_window_view(padded, width).any(axis=1)


def side_of_mean(values: pd.Series, mean: float | pd.Series) -> pd.Series:
    """+1 for a point strictly above the mean, −1 strictly below, 0 exactly on it."""
    return np.sign(values - mean).astype(int)


def outside_limits(values: pd.Series, lpl: float | pd.Series, upl: float | pd.Series) -> pd.Series:
    """Rule 1: the point is strictly beyond a process limit.

    A point exactly on a limit is not outside. Undefined (NaN) limits flag nothing.
    """
    return (values > upl) | (values < lpl)


def near_limits(
    values: pd.Series,
    lpl: float | pd.Series,
    upl: float | pd.Series,
    near_lpl: float | pd.Series,
    near_upl: float | pd.Series,
) -> pd.Series:
    """The point is strictly beyond a near-limit line but not outside the limits.

    The near-limit lines sit two thirds of the way from the mean to the limits (two
    sigma). A point outside the limits is *not* near: it counts for rule 1 only.
    """
    beyond_near = (values > near_upl) | (values < near_lpl)
    return beyond_near & ~outside_limits(values, lpl, upl)


def trend(values: pd.Series) -> pd.Series:
    """Rule 2: the point is part of 7 consecutive points each strictly higher (or each
    strictly lower) than the one before.

    Equal consecutive values break a trend. The mean plays no part. Every point of any
    qualifying window of 7 is flagged, so a longer trend flags all its points.
    """
    v = values.to_numpy(dtype=float)
    n = len(v)
    if n < TREND_LENGTH:
        return pd.Series(np.zeros(n, dtype=bool), index=values.index)
    steps = np.sign(np.diff(v))
    windows = sliding_window_view(steps, TREND_LENGTH - 1)
    hits = (windows == 1).all(axis=1) | (windows == -1).all(axis=1)
    return pd.Series(_covered(hits, TREND_LENGTH, n), index=values.index)


def trend_direction(values: pd.Series, in_trend: pd.Series) -> pd.Series:
    """The direction (+1 rising, −1 falling, 0 not in a trend) of each trend point.

    A trend point takes the direction towards the next point when that point is also a
    trend point, and otherwise the direction from the previous point. So a trend is
    coloured by its own slope, wherever it sits relative to the mean, and the turning
    point between a rising and a falling trend takes the direction of the second.
    """
    v = values.to_numpy(dtype=float)
    flags = in_trend.to_numpy(dtype=bool)
    if len(v) == 0:
        return pd.Series(np.zeros(0, dtype=int), index=values.index)
    steps = np.sign(np.diff(v)).astype(int)
    from_previous = np.concatenate([[0], steps])
    towards_next = np.concatenate([steps, [0]])
    next_in_trend = np.concatenate([flags[1:], [False]])
    direction = np.where(flags & next_in_trend, towards_next, from_previous)
    return pd.Series(np.where(flags, direction, 0).astype(int), index=values.index)


def two_of_three(near: pd.Series, side: pd.Series) -> pd.Series:
    """Rule 3: in some window of 3 consecutive points, at least 2 are near a limit and all
    3 are strictly on the same side of the mean; only the near points are flagged.

    ``near`` comes from :func:`near_limits` and ``side`` from :func:`side_of_mean`. A point
    on the mean, or near points on opposite sides of it, stop a window qualifying.
    """
    near_v = near.to_numpy(dtype=bool)
    side_v = side.to_numpy(dtype=int)
    n = len(near_v)
    if n < TWO_OF_THREE_WINDOW:
        return pd.Series(np.zeros(n, dtype=bool), index=near.index)
    near_count = sliding_window_view(near_v.astype(int), TWO_OF_THREE_WINDOW).sum(axis=1)
    side_sum = sliding_window_view(side_v, TWO_OF_THREE_WINDOW).sum(axis=1)
    hits = (near_count >= 2) & (np.abs(side_sum) == TWO_OF_THREE_WINDOW)
    flagged = _covered(hits, TWO_OF_THREE_WINDOW, n) & near_v
    return pd.Series(flagged, index=near.index)


def run(side: pd.Series) -> pd.Series:
    """Rule 4: the point is part of 7 consecutive points on the same side of the mean.

    A point exactly on the mean belongs to neither side and breaks a run. Every point of
    any qualifying window of 7 is flagged.
    """
    side_v = side.to_numpy(dtype=int)
    n = len(side_v)
    if n < RUN_LENGTH:
        return pd.Series(np.zeros(n, dtype=bool), index=side.index)
    windows = sliding_window_view(side_v, RUN_LENGTH)
    hits = (windows == windows[:, :1]).all(axis=1) & (windows[:, 0] != 0)
    return pd.Series(_covered(hits, RUN_LENGTH, n), index=side.index)
