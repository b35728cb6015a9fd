"""XmR charts: each rule on hand-built sequences with its traps, then xmr() end to end.

Figures in the comments are worked out by hand. Limits use 2.66 × MMR and near-limit lines
2/3 × 2.66 = 1.7733 × MMR; moving ranges ≥ 3.267 × MMR are screened out unless said.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from vrp_metrics.spc import (
    ASSURANCE_ICONS,
    MINIMUM_POINTS_FOR_LIMITS,
    POINT_COLUMNS,
    VARIATION_ICONS,
    assurance_icon,
    assurance_text,
    group_limits,
    rules,
    variation_icon,
    variation_text,
    xmr,
)
from vrp_metrics.spc.limits import moving_ranges, screened_moving_ranges


def series(*values: float) -> pd.Series:
    return pd.Series(values, dtype=float)


def flags(*positions: int, n: int) -> list[bool]:
    return [i in positions for i in range(n)]


# A baseline used throughout: 10, 12 repeated six times.
# Mean 11; every moving range is 2, so MMR = 2 (none is ≥ 3.267 × 2 = 6.534).
# Limits 11 ± 5.32 = 5.68 … 16.32; near-limit lines 11 ± 3.5467 = 7.4533 … 14.5467.
BASELINE = [10.0, 12.0] * 6


# --- rule: side of the mean ------------------------------------------------------------


def test_side_of_mean_gives_zero_for_a_point_exactly_on_the_mean() -> None:
    assert rules.side_of_mean(series(1, 2, 3), 2.0).tolist() == [-1, 0, 1]


# --- rule 1: outside the limits --------------------------------------------------------


def test_outside_limits_is_strict() -> None:
    values = series(4.9, 5.0, 10.0, 15.0, 15.1)
    assert rules.outside_limits(values, 5.0, 15.0).tolist() == [True, False, False, False, True]


def test_outside_limits_flags_nothing_when_limits_are_undefined() -> None:
    assert not rules.outside_limits(series(-100, 100), math.nan, math.nan).any()


def test_near_limits_is_strict_and_excludes_points_outside() -> None:
    # Limits 5.68 … 16.32, near-limit lines 7.5 … 14.5 (rounded for the test).
    values = series(17, 16, 14.5, 11, 7.5, 7, 5)
    near = rules.near_limits(values, 5.68, 16.32, 7.5, 14.5)
    # 17 and 5 are outside, so not near; 14.5 and 7.5 sit on the lines, so not beyond them.
    assert near.tolist() == [False, True, False, False, False, True, False]


# --- rule 2: trend ---------------------------------------------------------------------


def test_trend_of_seven_rising_points_flags_all_seven() -> None:
    assert rules.trend(series(1, 2, 3, 4, 5, 6, 7)).all()


def test_trend_of_seven_falling_points_flags_all_seven() -> None:
    assert rules.trend(series(7, 6, 5, 4, 3, 2, 1)).all()


def test_six_points_cannot_make_a_trend() -> None:
    assert not rules.trend(series(1, 2, 3, 4, 5, 6)).any()


def test_a_tie_breaks_a_trend() -> None:
    # 1 2 3 3 4 5 6 7: the repeated 3 is not strictly higher, leaving runs of 3 and 5.
    assert not rules.trend(series(1, 2, 3, 3, 4, 5, 6, 7)).any()
    # 1 … 7 then 7 again: the first seven are a trend, the repeat is not part of it.
    assert rules.trend(series(1, 2, 3, 4, 5, 6, 7, 7)).tolist() == flags(*range(7), n=8)


def test_trend_flags_every_point_of_a_longer_trend_and_no_neighbour() -> None:
    values = series(5, 1, 2, 3, 4, 5, 6, 7, 8, 3)
    assert rules.trend(values).tolist() == flags(*range(1, 9), n=10)


def test_trend_direction_looks_to_the_next_trend_point_else_the_previous() -> None:
    # Up 1 … 7 then down to 1: all 13 points are trend points. The peak (7) looks
    # forward to 6, so it takes the falling direction; the last point looks back.
    values = series(1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1)
    in_trend = rules.trend(values)
    assert in_trend.all()
    assert rules.trend_direction(values, in_trend).tolist() == [1] * 6 + [-1] * 7
    # 1 … 7 then 3: the 7 is the last trend point, so it looks back (rising); the 3
    # is not a trend point.
    values = series(1, 2, 3, 4, 5, 6, 7, 3)
    direction = rules.trend_direction(values, rules.trend(values))
    assert direction.tolist() == [1] * 7 + [0]


# --- rule 3: two of three near a limit -------------------------------------------------


def test_two_of_three_flags_only_the_near_points() -> None:
    near = series(0, 1, 0, 1, 0).astype(bool)
    side = series(1, 1, 1, 1, -1).astype(int)
    # Window (1, 2, 3): two near, all above the mean. The point between is not near.
    assert rules.two_of_three(near, side).tolist() == [False, True, False, True, False]


def test_two_of_three_needs_all_three_on_one_side() -> None:
    # Near points on opposite sides of the mean.
    near = series(1, 1, 1).astype(bool)
    assert not rules.two_of_three(near, series(1, -1, 1).astype(int)).any()
    # Two near above, the third point below the mean.
    near = series(1, 0, 1).astype(bool)
    assert not rules.two_of_three(near, series(1, 1, -1).astype(int)).any()


def test_a_point_on_the_mean_stops_two_of_three() -> None:
    near = series(1, 0, 1).astype(bool)
    assert not rules.two_of_three(near, series(1, 0, 1).astype(int)).any()


def test_a_point_beyond_the_limit_does_not_count_as_near() -> None:
    # Baseline limits: 17 is outside (> 16.32), 15 is near (> 14.5467), 12 neither.
    values = series(17, 15, 12)
    near = rules.near_limits(values, 5.68, 16.32, 7.4533, 14.5467)
    side = rules.side_of_mean(values, 11.0)
    assert near.tolist() == [False, True, False]
    assert not rules.two_of_three(near, side).any()
    # The same with a second near point instead of the outside one is a signal.
    values = series(15, 12, 15)
    near = rules.near_limits(values, 5.68, 16.32, 7.4533, 14.5467)
    assert rules.two_of_three(near, side).tolist() == [True, False, True]


def test_two_of_three_needs_three_points() -> None:
    near = series(1, 1).astype(bool)
    assert not rules.two_of_three(near, series(1, 1).astype(int)).any()


# --- rule 4: run -----------------------------------------------------------------------


def test_run_of_seven_above_or_below_the_mean() -> None:
    assert rules.run(pd.Series([1] * 7)).all()
    assert rules.run(pd.Series([-1] * 7)).all()


def test_six_on_one_side_is_not_a_run() -> None:
    assert not rules.run(pd.Series([1] * 6 + [-1])).any()


def test_a_point_on_the_mean_breaks_a_run() -> None:
    assert not rules.run(pd.Series([1, 1, 1, 0, 1, 1, 1, 1])).any()


def test_run_flags_every_point_of_a_longer_run() -> None:
    side = pd.Series([-1] + [1] * 8 + [-1])
    assert rules.run(side).tolist() == flags(*range(1, 9), n=10)


# --- limits ----------------------------------------------------------------------------


def test_moving_ranges_have_none_for_the_first_point() -> None:
    mr = moving_ranges(series(3, 5, 2))
    assert math.isnan(mr[0])
    assert mr[1:].tolist() == [2, 3]


def test_screening_drops_moving_ranges_of_at_least_3267_times_the_mean_once() -> None:
    # Ranges 1 1 1 8 9 1 …: MMR = 32/17 = 1.882, cut-off 3.267 × 1.882 = 6.150.
    values = series(1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1)
    screened = screened_moving_ranges(moving_ranges(values))
    assert screened.isna().tolist() == flags(0, 4, 5, n=18)


def test_a_single_value_has_no_limits() -> None:
    limits = group_limits(series(4))
    assert limits.mean == 4
    assert not limits.defined
    assert math.isnan(limits.upl)


# --- xmr: screening on and off ---------------------------------------------------------

# The example of NHSRplotthedots' "Deviations from Excel defaults" vignette.
SPIKE = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]


def test_screening_on_by_default_narrows_the_limits() -> None:
    # Mean 35/18 = 1.9444. Ranges: 1 1 1 8 9 then twelve 1s; MMR 32/17 = 1.8824.
    # 8 and 9 are ≥ 3.267 × 1.8824 = 6.150, so they go: MMR = 15/15 = 1.
    # Limits 1.9444 ± 2.66 = −0.7156 … 4.6044 (the vignette shows 4.6 / 1.94 / −0.72).
    points = xmr(SPIKE).points
    assert points["mean"].iloc[0] == pytest.approx(35 / 18)
    assert points["mean_moving_range"].iloc[0] == pytest.approx(1.0)
    assert points["upl"].iloc[0] == pytest.approx(35 / 18 + 2.66)
    assert points["lpl"].iloc[0] == pytest.approx(35 / 18 - 2.66)
    assert points["moving_range_used"].tolist() == [i not in (0, 4, 5) for i in range(len(SPIKE))]
    # Only the 10 is outside: special cause, high is good.
    assert points["point_type"].tolist() == [
        "special_cause_improvement" if i == 4 else "common_cause" for i in range(len(SPIKE))
    ]


def test_screening_off_matches_the_mdc_excel_tool() -> None:
    # Every range counts: MMR = 32/17 = 1.8824; limits 1.9444 ± 5.0071 = −3.0626 … 6.9515.
    points = xmr(SPIKE, screen_outliers=False).points
    assert points["mean_moving_range"].iloc[0] == pytest.approx(32 / 17)
    assert points["upl"].iloc[0] == pytest.approx(6.951503, abs=1e-6)
    assert points["lpl"].iloc[0] == pytest.approx(-3.062614, abs=1e-6)
    assert points["moving_range_used"].tolist() == [i != 0 for i in range(len(SPIKE))]
    assert points["outside"].tolist() == flags(4, n=len(SPIKE))


# --- xmr: rules together, precedence and fixed limits ----------------------------------


def test_fixed_baseline_and_each_rule_in_turn() -> None:
    values = [
        *BASELINE,  # 0–11: the baseline (mean 11, limits 5.68 … 16.32)
        17,  # 12: outside (> 16.32)
        15,  # 13: near, but its windows hold the outside 17 or the 11 on the mean
        11,  # 14: exactly on the mean
        15,  # 15: near; window 13–15 has two near points but 14 sits on the mean
        7,  # 16: near the lower line; window 15–17 has near points on both sides
        15,  # 17: near; window 17–19 (15, 12, 15) is two of three above the mean
        12,  # 18: above the mean; 17–23 are seven above the mean (a run)
        15,  # 19: near, two of three with 17
        12,  # 20
        12,  # 21
        13,  # 22
        12,  # 23
    ]
    result = xmr(values, fix_after_n_points=12)
    points = result.points

    # The limits come from the first 12 points only and hold for the whole group.
    assert points["baseline"].tolist() == flags(*range(12), n=24)
    assert (points["mean"] == 11).all()
    assert points["upl"].iloc[-1] == pytest.approx(16.32)
    assert points["lpl"].iloc[-1] == pytest.approx(5.68)
    assert points["moving_range_used"].tolist() == flags(*range(1, 12), n=24)

    assert points["outside"].tolist() == flags(12, n=24)
    assert points["near"].tolist() == flags(13, 15, 16, 17, 19, n=24)
    assert points["two_of_three"].tolist() == flags(17, 19, n=24)
    assert points["run"].tolist() == flags(*range(17, 24), n=24)
    assert not points["trend"].any()

    # Precedence: 17 and 19 are two-of-three points before they are run points.
    expected_signal = [None] * 12 + [
        "outside",
        None,
        None,
        None,
        None,
        "two_of_three",
        "run",
        "two_of_three",
        "run",
        "run",
        "run",
        "run",
    ]
    assert points["signal"].tolist() == expected_signal
    assert points["special_cause"].tolist() == [s is not None for s in expected_signal]
    assert set(points.loc[points["special_cause"], "direction"]) == {"high"}
    assert set(points.loc[points["special_cause"], "point_type"]) == {"special_cause_improvement"}
    assert result.variation_icon == "improvement_high"
    assert result.warnings == []


def test_a_trend_takes_its_own_direction_even_below_the_mean() -> None:
    # Mean 137/13 = 10.538; ranges 3 4 3 2 3 6 1 1 1 1 1 1, MMR 27/12 = 2.25, none
    # screened (cut-off 7.35); limits 4.553 … 16.523, near lines 6.548 … 14.528.
    # 7 … 13 rise for seven points: a trend that starts below the mean.
    values = [10, 13, 9, 12, 10, 13, 7, 8, 9, 10, 11, 12, 13]
    points = xmr(values).points
    assert points["trend"].tolist() == flags(*range(6, 13), n=13)
    assert points["point_type"].tolist() == ["common_cause"] * 6 + ["special_cause_improvement"] * 7
    # With decrease as the good direction the same rising trend is a concern.
    points = xmr(values, improvement="decrease").points
    assert set(points["point_type"].iloc[6:]) == {"special_cause_concern"}


def test_outside_outranks_trend_and_trend_outranks_two_of_three() -> None:
    # Mean 115/13 = 8.8462. Ranges 2 2 2 2 2 6 1 1 1 1 1 1: MMR 22/12 = 1.8333, and
    # 6 ≥ 3.267 × 1.8333 = 5.99 is screened, so MMR = 16/11 = 1.4545.
    # Limits 4.9771 … 12.7152; near lines 6.2668 … 11.4255.
    values = [12, 10, 12, 10, 12, 10, 4, 5, 6, 7, 8, 9, 10]
    points = xmr(values).points
    # 12s are near the upper limit with 10s (above the mean) between: two of three.
    assert points["two_of_three"].tolist() == flags(0, 2, 4, 7, 8, n=13)
    # 4 … 10 is a rising trend; the 4 is also outside the lower limit.
    assert points["trend"].tolist() == flags(*range(6, 13), n=13)
    assert points["outside"].tolist() == flags(6, n=13)
    assert points["signal"].tolist() == [
        "two_of_three",
        None,
        "two_of_three",
        None,
        "two_of_three",
        None,
        "outside",
        *["trend"] * 6,
    ]
    assert points["point_type"].tolist() == [
        "special_cause_improvement",
        "common_cause",
        "special_cause_improvement",
        "common_cause",
        "special_cause_improvement",
        "common_cause",
        "special_cause_concern",  # outside, low
        *["special_cause_improvement"] * 6,  # rising trend, though 5 and 6 are near low
    ]


# --- xmr: groups -----------------------------------------------------------------------


def test_rebase_starts_a_new_group_and_rules_stay_inside_groups() -> None:
    # 0 1 2 3 | 4 5 6 7 rise for eight points across the rebase, but each group holds
    # only four of them, so there is no trend.
    first = [3, 0, 3, 0, 3, 0, 3, 0, 1, 2, 3]  # mean 18/11
    second = [4, 5, 6, 7, 5, 6, 5, 6, 5]  # mean 49/9
    result = xmr(first + second, rebase_at=[11])
    points = result.points
    assert points["group"].tolist() == [0] * 11 + [1] * 9
    assert points["mean"].iloc[0] == pytest.approx(18 / 11)
    assert points["mean"].iloc[-1] == pytest.approx(49 / 9)
    assert math.isnan(points["moving_range"].iloc[11])  # no range across the rebase
    assert not points["trend"].any()
    assert result.warnings == [
        "Group 1 of 2 (points 1–11) — 11 quarters: limits are trial limits",
        "Group 2 of 2 (points 12–20) — 9 quarters: limits are trial limits",
    ]
    # Without the rebase the eight rising points are a trend.
    assert xmr(first + second).points["trend"].tolist() == flags(*range(7, 15), n=20)


def test_fix_after_n_points_applies_within_each_group() -> None:
    values = [*BASELINE, 40.0, *[30.0, 32.0] * 6, 50.0]
    points = xmr(values, rebase_at=[13], fix_after_n_points=12).points
    assert points["baseline"].tolist() == [i < 12 or 13 <= i < 25 for i in range(26)]
    assert points["mean"].iloc[0] == 11
    assert points["mean"].iloc[-1] == 31
    assert points["point_type"].iloc[12] == "special_cause_improvement"
    assert points["point_type"].iloc[-1] == "special_cause_improvement"


def test_a_constant_series_has_no_limits_with_screening() -> None:
    # Every range is 0 and 0 ≥ 3.267 × 0, so all are screened and the MMR is undefined.
    result = xmr([5.0] * 15, target=4)
    points = result.points
    assert (points["mean"] == 5).all()
    assert points[["lpl", "upl", "near_lpl", "near_upl"]].isna().all().all()
    assert (points["point_type"] == "common_cause").all()
    assert result.variation_icon == "common_cause"
    assert result.assurance_icon is None
    assert result.warnings == [
        "15 quarters: the values do not vary, so no process limits can be calculated"
    ]


def test_a_constant_series_without_screening_has_zero_width_limits() -> None:
    # MMR 0: both limits sit on the mean; no point is strictly beyond them.
    result = xmr([5.0] * 15, target=4, screen_outliers=False)
    points = result.points
    assert (points["lpl"] == 5).all() and (points["upl"] == 5).all()
    assert (points["point_type"] == "common_cause").all()
    assert result.assurance_icon == "pass"  # 4 < LPL 5, and higher is better
    assert result.warnings == []


# --- xmr: short series -----------------------------------------------------------------


def test_fewer_than_the_minimum_points_is_a_run_chart_without_limits() -> None:
    assert MINIMUM_POINTS_FOR_LIMITS == 7
    # Six points: no trend is possible, and even the jump to 20 is not judged.
    result = xmr([1, 2, 3, 4, 5, 20], target=3)
    points = result.points
    assert points["mean"].iloc[0] == pytest.approx(35 / 6)
    assert points[["lpl", "upl"]].isna().all().all()
    assert not points["special_cause"].any()
    assert result.variation_icon == "common_cause"
    assert result.assurance_icon is None
    assert result.warnings == [
        "6 quarters: too few for process limits (at least 7 are needed), so the chart "
        "shows the values and their mean only"
    ]


def test_seven_to_twelve_points_have_trial_limits() -> None:
    result = xmr([4, 6, 5, 7, 5, 6, 4, 6, 5])
    assert result.warnings == ["9 quarters: limits are trial limits"]
    assert result.points["trial_limits"].all()
    assert result.points["upl"].notna().all()
    assert xmr([4, 6, 5, 7, 5, 6, 4], period="year").warnings == [
        "7 years: limits are trial limits"
    ]


def test_thirteen_points_have_firm_limits() -> None:
    result = xmr(BASELINE + [11])
    assert result.warnings == []
    assert not result.points["trial_limits"].any()


# --- icons -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last", "improvement", "point_type", "icon"),
    [
        (18, "increase", "special_cause_improvement", "improvement_high"),
        (4, "increase", "special_cause_concern", "concern_low"),
        (18, "decrease", "special_cause_concern", "concern_high"),
        (4, "decrease", "special_cause_improvement", "improvement_low"),
        (18, "neutral", "special_cause_neutral_high", "neutral_high"),
        (4, "neutral", "special_cause_neutral_low", "neutral_low"),
        (12, "increase", "common_cause", "common_cause"),
    ],
)
def test_variation_icon_follows_the_latest_point(
    last: float, improvement: str, point_type: str, icon: str
) -> None:
    # Baseline limits 5.68 … 16.32: 18 is above, 4 below, 12 inside.
    result = xmr([*BASELINE, last], improvement=improvement, fix_after_n_points=12)
    assert result.points["point_type"].iloc[-1] == point_type
    assert result.variation_icon == icon
    assert variation_icon(point_type, improvement) == icon


@pytest.mark.parametrize(
    ("improvement", "target", "icon"),
    [
        ("increase", 20, "fail"),  # target above the upper limit 16.32
        ("increase", 5, "pass"),  # target below the lower limit 5.68
        ("increase", 11, "inconsistent"),
        ("decrease", 20, "pass"),
        ("decrease", 5, "fail"),
        ("decrease", 11, "inconsistent"),
        ("neutral", 20, None),
        ("increase", None, None),
    ],
)
def test_assurance_icon_compares_the_target_with_the_limits(
    improvement: str, target: float | None, icon: str | None
) -> None:
    result = xmr([*BASELINE, 11], improvement=improvement, target=target, fix_after_n_points=12)
    assert result.assurance_icon == icon


def test_a_target_exactly_on_a_limit_is_inconsistent() -> None:
    upl = xmr(BASELINE + [11]).points["upl"].iloc[-1]
    assert xmr(BASELINE + [11], target=upl).assurance_icon == "inconsistent"
    assert assurance_icon(upl, "decrease", 0.0, upl) == "inconsistent"


def test_assurance_uses_the_last_group_limits() -> None:
    # First group 11 ± 5.32 (target 20 above it: fail); second group 31 ± 5.32
    # (25.68 … 36.32, target 20 below it: pass for an increasing measure).
    values = [10.0, 12.0] * 4 + [30.0, 32.0] * 4
    assert xmr(values, rebase_at=[8], target=20).assurance_icon == "pass"
    assert xmr(values[:8], target=20).assurance_icon == "fail"


def test_every_icon_has_words() -> None:
    for icon in VARIATION_ICONS:
        assert variation_text(icon)
    for icon in (*ASSURANCE_ICONS, None):
        assert assurance_text(icon)
    assert variation_text("improvement_high") == (
        "Special cause variation of an improving nature: the latest quarter is unusually "
        "high, and high is good."
    )
    assert "year" in variation_text("concern_low", period="year")
    with pytest.raises(ValueError, match="unknown variation icon"):
        variation_text("improvement")
    with pytest.raises(ValueError, match="unknown assurance icon"):
        assurance_text("consistent_pass")


# --- the result table ------------------------------------------------------------------


def test_points_keep_input_order_with_the_documented_columns() -> None:
    values = np.array([3.0, 9.0, 4.0, 8.0, 5.0, 7.0, 6.0])
    points = xmr(values).points
    assert tuple(points.columns) == POINT_COLUMNS
    assert points["value"].tolist() == values.tolist()
    assert points.index.equals(pd.RangeIndex(7))
    assert points["direction"].map(lambda d: d in (None, "high", "low")).all()


# --- arguments -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "options", "message"),
    [
        ([1, 2, 3], {"fix_after_n_points": 11}, "at least 12"),
        ([1, 2, 3], {"fix_after_n_points": 12.5}, "whole number"),
        ([1, 2, 3], {"improvement": "up"}, "improvement must be one of"),
        ([1, 2, 3], {"rebase_at": [3]}, "out of range"),
        ([1, 2, 3], {"rebase_at": [-1]}, "out of range"),
        ([1, 2, 3], {"rebase_at": [1.5]}, "whole numbers"),
        ([1, 2, 3], {"rebase_at": 1}, "list of 0-based positions"),
        ([1, 2, 3], {"target": math.nan}, "target must be a finite number"),
        ([1, 2, 3], {"target": "10"}, "target must be a finite number"),
        ([1, math.nan, 3], {}, r"position\(s\) \[1\]"),
        ([1, math.inf, 3], {}, "finite"),
        ([], {}, "empty"),
        (["a", "b"], {}, "numbers"),
        ([[1, 2], [3, 4]], {}, "flat sequence"),
    ],
)
def test_bad_arguments_are_refused_with_a_clear_message(
    values: list, options: dict, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        xmr(values, **options)


def test_a_missing_value_in_a_nullable_series_is_refused() -> None:
    with pytest.raises(ValueError, match="pass only the periods that have a value"):
        xmr(pd.Series([1.0, None, 3.0], dtype="Float64"))
