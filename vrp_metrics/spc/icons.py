"""The Making Data Count variation and assurance icons, and what they mean in words."""

from __future__ import annotations

import math
from typing import Literal, get_args

Improvement = Literal["increase", "decrease", "neutral"]
PointType = Literal[
    "common_cause",
    "special_cause_improvement",
    "special_cause_concern",
    "special_cause_neutral_high",
    "special_cause_neutral_low",
]
VariationIcon = Literal[
    "common_cause",
    "improvement_high",
    "improvement_low",
    "concern_high",
    "concern_low",
    "neutral_high",
    "neutral_low",
]
AssuranceIcon = Literal["pass", "fail", "inconsistent"]

IMPROVEMENTS: tuple[str, ...] = get_args(Improvement)
POINT_TYPES: tuple[str, ...] = get_args(PointType)
VARIATION_ICONS: tuple[str, ...] = get_args(VariationIcon)
ASSURANCE_ICONS: tuple[str, ...] = get_args(AssuranceIcon)

# A special-cause point's type, from the improvement direction and the point's direction.
_POINT_TYPE: dict[tuple[str, str], PointType] = {
    ("increase", "high"): "special_cause_improvement",
    ("increase", "low"): "special_cause_concern",
    ("decrease", "high"): "special_cause_concern",
    ("decrease", "low"): "special_cause_improvement",
    ("neutral", "high"): "special_cause_neutral_high",
    ("neutral", "low"): "special_cause_neutral_low",
}

# The variation icon from the latest point's type; improvement and concern need the
# improvement direction to say whether the latest point is high or low.
_VARIATION_ICON: dict[tuple[str, str], VariationIcon] = {
    ("increase", "special_cause_improvement"): "improvement_high",
    ("increase", "special_cause_concern"): "concern_low",
    ("decrease", "special_cause_improvement"): "improvement_low",
    ("decrease", "special_cause_concern"): "concern_high",
}

_VARIATION_TEXT: dict[str, str] = {
    "common_cause": (
        "Common cause variation: no sign of change. The latest {period} is within the "
        "range this measure's usual ups and downs would produce."
    ),
    "improvement_high": (
        "Special cause variation of an improving nature: the latest {period} is unusually "
        "high, and high is good."
    ),
    "improvement_low": (
        "Special cause variation of an improving nature: the latest {period} is unusually "
        "low, and low is good."
    ),
    "concern_high": (
        "Special cause variation of a concerning nature: the latest {period} is unusually "
        "high, and high is bad."
    ),
    "concern_low": (
        "Special cause variation of a concerning nature: the latest {period} is unusually "
        "low, and low is bad."
    ),
    "neutral_high": (
        "Special cause variation: the latest {period} is unusually high. For this measure "
        "neither direction is better, so this is neither good nor bad in itself."
    ),
    "neutral_low": (
        "Special cause variation: the latest {period} is unusually low. For this measure "
        "neither direction is better, so this is neither good nor bad in itself."
    ),
}

_ASSURANCE_TEXT: dict[str | None, str] = {
    "pass": (
        "Consistently passing the target: the target lies outside the process limits on "
        "the good side, so if nothing changes every {period} can be expected to meet it."
    ),
    "fail": (
        "Consistently failing the target: the target lies outside the process limits on "
        "the bad side, so if nothing changes no {period} can be expected to meet it. "
        "Meeting it needs a change in how things are done."
    ),
    "inconsistent": (
        "Hit and miss: the target lies between the process limits, so some {period}s will "
        "meet it and some will not, by chance alone."
    ),
    None: (
        "No assurance icon: the measure has no target, neither direction is better, or "
        "there are too few points for process limits."
    ),
}


def point_type(direction: str | None, improvement: Improvement) -> PointType:
    """A point's type from its signal direction (``high``, ``low`` or ``None``)."""
    if direction is None:
        return "common_cause"
    return _POINT_TYPE[(improvement, direction)]


def variation_icon(last_point_type: str, improvement: Improvement) -> VariationIcon:
    """The variation icon: the type of the latest point, told as high or low."""
    if last_point_type == "common_cause":
        return "common_cause"
    if last_point_type == "special_cause_neutral_high":
        return "neutral_high"
    if last_point_type == "special_cause_neutral_low":
        return "neutral_low"
    return _VARIATION_ICON[(improvement, last_point_type)]


def assurance_icon(
    target: float | None, improvement: Improvement, lpl: float, upl: float
) -> AssuranceIcon | None:
    """Whether the latest group's limits say the target will be met.

    Only with a target and an improvement direction; comparisons are strict, so a target
    exactly on a limit is ``inconsistent``. Undefined (NaN) limits give no icon.
    """
    if target is None or improvement == "neutral" or math.isnan(lpl) or math.isnan(upl):
        return None
    if target > upl:
        return "fail" if improvement == "increase" else "pass"
    if target < lpl:
        return "pass" if improvement == "increase" else "fail"
    return "inconsistent"


def variation_text(icon: str, *, period: str = "quarter") -> str:
    """What a variation icon means, in plain words for board members."""
    if icon not in _VARIATION_TEXT:
        raise ValueError(f"unknown variation icon {icon!r}; expected one of {VARIATION_ICONS}")
    return _VARIATION_TEXT[icon].format(period=period)


def assurance_text(icon: str | None, *, period: str = "quarter") -> str:
    """What an assurance icon (or its absence, ``None``) means, in plain words."""
    if icon not in _ASSURANCE_TEXT:
        raise ValueError(
            f"unknown assurance icon {icon!r}; expected one of {ASSURANCE_ICONS} or None"
        )
    return _ASSURANCE_TEXT[icon].format(period=period)
