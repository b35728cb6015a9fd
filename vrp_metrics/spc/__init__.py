"""Statistical process control (SPC): XmR charts in the NHS England "Making Data Count" style.

``xmr()`` turns a series of values into a tidy table of limits, rule outcomes and point
types plus the variation and assurance icons; charts only read that table. The rules are
small functions in :mod:`vrp_metrics.spc.rules`, the limits in :mod:`vrp_metrics.spc.limits`.
``docs/methodology.md`` explains them in plain words.
"""

from vrp_metrics.spc.as_it_stood import STOOD_COLUMNS, points_as_they_stood
from vrp_metrics.spc.icons import (
    ASSURANCE_ICONS,
    IMPROVEMENTS,
    POINT_TYPES,
    VARIATION_ICONS,
    AssuranceIcon,
    Improvement,
    PointType,
    VariationIcon,
    assurance_icon,
    assurance_text,
    variation_icon,
    variation_text,
)
from vrp_metrics.spc.limits import (
    LIMIT_FACTOR,
    NEAR_LIMIT_FACTOR,
    SCREENING_FACTOR,
    GroupLimits,
    group_limits,
)
from vrp_metrics.spc.rebase import rebase_positions
from vrp_metrics.spc.xmr import (
    MINIMUM_FIX_AFTER_N_POINTS,
    MINIMUM_POINTS_FOR_LIMITS,
    POINT_COLUMNS,
    SIGNALS,
    TRIAL_LIMITS_BELOW,
    XmrResult,
    xmr,
)

__all__ = [
    "ASSURANCE_ICONS",
    "IMPROVEMENTS",
    "LIMIT_FACTOR",
    "MINIMUM_FIX_AFTER_N_POINTS",
    "MINIMUM_POINTS_FOR_LIMITS",
    "NEAR_LIMIT_FACTOR",
    "POINT_COLUMNS",
    "POINT_TYPES",
    "SCREENING_FACTOR",
    "SIGNALS",
    "STOOD_COLUMNS",
    "TRIAL_LIMITS_BELOW",
    "VARIATION_ICONS",
    "AssuranceIcon",
    "GroupLimits",
    "Improvement",
    "PointType",
    "VariationIcon",
    "XmrResult",
    "assurance_icon",
    "assurance_text",
    "group_limits",
    "points_as_they_stood",
    "rebase_positions",
    "variation_icon",
    "variation_text",
    "xmr",
]
