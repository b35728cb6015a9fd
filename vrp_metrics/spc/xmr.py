"""XmR charts: one row per value with its group's limits, the rules it meets and its type.

The calculation follows NHSRplotthedots 0.2.2 and so the Making Data Count (MDC) Excel
tool, with moving-range screening on by default (as that package does). The product adds
one policy of its own for short series: a group of fewer than
:data:`MINIMUM_POINTS_FOR_LIMITS` points gets no limits (a run chart of the values and
their mean), and a group of fewer than :data:`TRIAL_LIMITS_BELOW` points has trial limits.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from numbers import Integral, Real

import numpy as np
import pandas as pd

from vrp_metrics.spc import rules
from vrp_metrics.spc.icons import (
    IMPROVEMENTS,
    AssuranceIcon,
    Improvement,
    VariationIcon,
    assurance_icon,
    point_type,
    variation_icon,
)
from vrp_metrics.spc.limits import GroupLimits, group_limits, moving_ranges, moving_ranges_used

MINIMUM_POINTS_FOR_LIMITS = 7
"""A group with fewer points gets no limits and no signals: it is shown as a run chart.

With fewer than 7 points neither a trend nor a run can occur, and limits from at most
five moving ranges are too unsteady to call a single point unusual."""

TRIAL_LIMITS_BELOW = 13
"""A group with fewer points has trial limits (NHSRplotthedots' warning threshold)."""

MINIMUM_FIX_AFTER_N_POINTS = 12
"""``fix_after_n_points`` may not be smaller (as in NHSRplotthedots)."""

SIGNALS: tuple[str, ...] = ("outside", "trend", "two_of_three", "run")
"""The rules in precedence order: a point takes the outcome of the first it meets."""

POINT_COLUMNS: tuple[str, ...] = (
    "value",
    "group",
    "baseline",
    "moving_range",
    "moving_range_used",
    "mean",
    "mean_moving_range",
    "lpl",
    "upl",
    "near_lpl",
    "near_upl",
    "trial_limits",
    "near",
    "outside",
    "trend",
    "two_of_three",
    "run",
    "signal",
    "special_cause",
    "direction",
    "point_type",
)


@dataclass(frozen=True)
class XmrResult:
    """An XmR chart's figures.

    ``points`` has one row per input value, in input order, with the columns of
    :data:`POINT_COLUMNS`:

    - ``group``: 0 for the first group, +1 at each rebase;
    - ``baseline``: whether the value counts towards its group's mean and limits;
    - ``moving_range``: |value − previous value| within the group (NaN for its first);
      ``moving_range_used``: whether it counts towards the mean moving range;
    - ``mean``, ``mean_moving_range``, ``lpl``, ``upl``, ``near_lpl``, ``near_upl``: the
      group's figures, NaN where the group has no limits;
    - ``trial_limits``: the group has limits but fewer than 13 points;
    - ``near``, ``outside``, ``trend``, ``two_of_three``, ``run``: whether the point meets
      each rule, before precedence;
    - ``signal``: the rule that decides the point (``None`` for common cause);
    - ``special_cause``, ``direction`` (``"high"``, ``"low"`` or ``None``), ``point_type``.
    """

    points: pd.DataFrame
    variation_icon: VariationIcon
    assurance_icon: AssuranceIcon | None
    warnings: list[str]


def xmr(
    values: Sequence[float] | np.ndarray | pd.Series,
    *,
    improvement: Improvement = "increase",
    target: float | None = None,
    rebase_at: Iterable[int] = (),
    fix_after_n_points: int | None = None,
    screen_outliers: bool = True,
    period: str = "quarter",
) -> XmrResult:
    """The XmR chart of a series of values, oldest first.

    ``improvement`` is ``increase``, ``decrease`` or ``neutral``; ``rebase_at`` lists the
    0-based positions where a new group starts; ``fix_after_n_points`` (≥ 12) bases each
    group's mean and limits on its first so many points. ``period`` names one point in the
    warnings ("9 quarters: limits are trial limits"). Missing values are not accepted:
    pass only the periods that have a value.
    """
    array = _checked_values(values)
    _check_options(improvement, target, fix_after_n_points, screen_outliers)
    starts = _group_starts(rebase_at, len(array))
    ends = [*starts[1:], len(array)]

    frames: list[pd.DataFrame] = []
    warnings: list[str] = []
    last_limits: GroupLimits | None = None
    for number, (start, end) in enumerate(zip(starts, ends, strict=True)):
        group_values = pd.Series(array[start:end], index=range(start, end), dtype=float)
        frame, last_limits = _group_points(
            group_values,
            improvement=improvement,
            fix_after_n_points=fix_after_n_points,
            screen_outliers=screen_outliers,
        )
        frames.append(frame.assign(group=number))
        message = _short_group_message(len(group_values), last_limits, period)
        if message is not None:
            if len(starts) > 1:
                message = (
                    f"Group {number + 1} of {len(starts)} (points {start + 1}–{end}) — {message}"
                )
            warnings.append(message)

    points = pd.concat(frames)[list(POINT_COLUMNS)].reset_index(drop=True)
    assert last_limits is not None  # there is always at least one group
    return XmrResult(
        points=points,
        variation_icon=variation_icon(points["point_type"].iloc[-1], improvement),
        assurance_icon=assurance_icon(target, improvement, last_limits.lpl, last_limits.upl),
        warnings=warnings,
    )


def _group_points(
    values: pd.Series,
    *,
    improvement: Improvement,
    fix_after_n_points: int | None,
    screen_outliers: bool,
) -> tuple[pd.DataFrame, GroupLimits]:
    """The rows of one group, and the limits shown for it (NaN when there are none)."""
    n = len(values)
    baseline_n = n if fix_after_n_points is None else min(n, fix_after_n_points)
    baseline = values.iloc[:baseline_n]
    limits = group_limits(baseline, screen_outliers=screen_outliers)
    if n < MINIMUM_POINTS_FOR_LIMITS:
        limits = GroupLimits(limits.mean, math.nan, math.nan, math.nan, math.nan, math.nan)

    side = rules.side_of_mean(values, limits.mean)
    no = pd.Series(False, index=values.index)
    if limits.defined:
        outside = rules.outside_limits(values, limits.lpl, limits.upl)
        near = rules.near_limits(values, limits.lpl, limits.upl, limits.near_lpl, limits.near_upl)
        in_trend = rules.trend(values)
        trend_direction = rules.trend_direction(values, in_trend)
        two_of_three = rules.two_of_three(near, side)
        in_run = rules.run(side)
    else:
        # No limits (too few points, or no variation in the baseline): no signal is
        # judged, so every point is common cause (docs/methodology.md, short series).
        outside = near = in_trend = two_of_three = in_run = no
        trend_direction = pd.Series(0, index=values.index)

    # Precedence: each point takes the outcome of the first rule it meets (SIGNALS order).
    conditions = [
        outside.to_numpy(),
        in_trend.to_numpy(),
        two_of_three.to_numpy(),
        in_run.to_numpy(),
    ]
    signal = pd.Series(
        np.select(conditions, np.array(SIGNALS, dtype=object), default=None),
        index=values.index,
        dtype=object,
    )
    direction_sign = np.select(conditions, [side, trend_direction, side, side], default=0)
    direction = pd.Series(
        [{1: "high", -1: "low"}.get(int(sign)) for sign in direction_sign],
        index=values.index,
        dtype=object,
    )

    used = pd.Series(False, index=values.index)
    used.iloc[:baseline_n] = moving_ranges_used(
        baseline, screen_outliers=screen_outliers
    ).to_numpy()
    frame = pd.DataFrame(
        {
            "value": values,
            "baseline": np.arange(n) < baseline_n,
            "moving_range": moving_ranges(values),
            "moving_range_used": used,
            "mean": limits.mean,
            "mean_moving_range": limits.mean_moving_range,
            "lpl": limits.lpl,
            "upl": limits.upl,
            "near_lpl": limits.near_lpl,
            "near_upl": limits.near_upl,
            "trial_limits": limits.defined and n < TRIAL_LIMITS_BELOW,
            "near": near,
            "outside": outside,
            "trend": in_trend,
            "two_of_three": two_of_three,
            "run": in_run,
            "signal": signal,
            "special_cause": signal.notna(),
            "direction": direction,
            "point_type": [point_type(d, improvement) for d in direction],
        },
        index=values.index,
    )
    return frame, limits


def _short_group_message(n: int, limits: GroupLimits, period: str) -> str | None:
    count = f"{n} {period}" if n == 1 else f"{n} {period}s"
    if n < MINIMUM_POINTS_FOR_LIMITS:
        return (
            f"{count}: too few for process limits (at least {MINIMUM_POINTS_FOR_LIMITS} "
            "are needed), so the chart shows the values and their mean only"
        )
    if not limits.defined:
        return f"{count}: the values do not vary, so no process limits can be calculated"
    if n < TRIAL_LIMITS_BELOW:
        return f"{count}: limits are trial limits"
    return None


def _checked_values(values: Sequence[float] | np.ndarray | pd.Series) -> np.ndarray:
    try:
        if isinstance(values, pd.Series):
            array = values.to_numpy(dtype=float, na_value=np.nan)
        else:
            array = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as error:
        raise ValueError(f"values must be numbers: {error}") from error
    if array.ndim != 1:
        raise ValueError("values must be a flat sequence of numbers, oldest first")
    if array.size == 0:
        raise ValueError("values is empty: an XmR chart needs at least one value")
    missing = np.flatnonzero(~np.isfinite(array))
    if missing.size:
        raise ValueError(
            "values must all be present and finite; missing or infinite at position(s) "
            f"{missing.tolist()} (0-based): pass only the periods that have a value"
        )
    return array


def _check_options(
    improvement: object,
    target: object,
    fix_after_n_points: object,
    screen_outliers: object,
) -> None:
    if improvement not in IMPROVEMENTS:
        raise ValueError(
            f"improvement must be one of {', '.join(IMPROVEMENTS)}; got {improvement!r}"
        )
    if target is not None and (
        isinstance(target, bool) or not isinstance(target, Real) or not math.isfinite(target)
    ):
        raise ValueError(f"target must be a finite number or None; got {target!r}")
    if fix_after_n_points is not None and (
        isinstance(fix_after_n_points, bool)
        or not isinstance(fix_after_n_points, Integral)
        or fix_after_n_points < MINIMUM_FIX_AFTER_N_POINTS
    ):
        raise ValueError(
            "fix_after_n_points must be a whole number of at least "
            f"{MINIMUM_FIX_AFTER_N_POINTS}, or None; got {fix_after_n_points!r}"
        )
    if not isinstance(screen_outliers, bool | np.bool_):
        raise ValueError(f"screen_outliers must be True or False; got {screen_outliers!r}")


def _group_starts(rebase_at: Iterable[int], n: int) -> list[int]:
    """The sorted 0-based positions where groups start; the first group starts at 0."""
    if isinstance(rebase_at, str | bytes) or not isinstance(rebase_at, Iterable):
        raise ValueError(f"rebase_at must be a list of 0-based positions; got {rebase_at!r}")
    starts = {0}
    for position in rebase_at:
        if isinstance(position, bool) or not isinstance(position, Integral):
            raise ValueError(f"rebase positions must be whole numbers; got {position!r}")
        if not 0 <= position < n:
            raise ValueError(
                f"rebase position {position} is out of range: with {n} values the "
                f"positions run from 0 to {n - 1}"
            )
        starts.add(int(position))
    return sorted(starts)
