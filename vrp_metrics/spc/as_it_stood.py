"""Each point of a series as its XmR chart stood at that point: no look-ahead.

The RAG status of a quarter may rest on SPC (DESIGN.md §4, "Basis"). It must not change
when later quarters arrive, so each quarter is judged on the chart drawn from the points
up to and including it. This module only cuts the series: the limits, rules and point
types are :func:`vrp_metrics.spc.xmr`'s.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from vrp_metrics.spc.icons import Improvement
from vrp_metrics.spc.xmr import MINIMUM_POINTS_FOR_LIMITS, xmr

STOOD_COLUMNS: tuple[str, ...] = ("group_points", "limits", "point_type", "unavailable")
"""``group_points``: points of the point's group (since the last rebase) up to and
including it; ``limits``: whether that group had process limits then (at least
:data:`~vrp_metrics.spc.MINIMUM_POINTS_FOR_LIMITS` points whose values vary);
``point_type``: the point's type on that chart, ``None`` without limits;
``unavailable``: the arithmetic failed for it (e.g. a value far too large to average)."""


@lru_cache(maxsize=8192)
def _last_point_type(values: tuple[float, ...], improvement: Improvement) -> str | None:
    """The last point's type on the chart of ``values`` (one group), or None without
    limits. Kept for the process: the figures are worked out again after every load,
    and almost every series is as it was (a preview works them out twice)."""
    last = xmr(np.array(values), improvement=improvement).points.iloc[-1]
    return None if math.isnan(last["lpl"]) else str(last["point_type"])


def points_as_they_stood(
    values: Sequence[float] | np.ndarray | pd.Series,
    *,
    improvement: Improvement = "increase",
    rebase_at: Iterable[int] = (),
) -> pd.DataFrame:
    """One row per value, oldest first, with :data:`STOOD_COLUMNS`.

    A point's chart is its own group's points up to and including it: groups are
    separate charts (each has its own mean and limits), so the earlier groups play no
    part. A group of fewer than :data:`~vrp_metrics.spc.MINIMUM_POINTS_FOR_LIMITS` points
    has no limits, so no point type is judged for it.
    """
    array = np.asarray(values, dtype=float)
    starts = sorted({0, *(int(p) for p in rebase_at if 0 < int(p) < len(array))})
    rows = []
    for position in range(len(array)):
        start = max(s for s in starts if s <= position)
        group = array[start : position + 1]
        row = {
            "group_points": len(group),
            "limits": False,
            "point_type": None,
            "unavailable": False,
        }
        if len(group) >= MINIMUM_POINTS_FOR_LIMITS:
            try:
                point_type = _last_point_type(tuple(group.tolist()), improvement)
            except (ArithmeticError, ValueError):
                row["unavailable"] = True
            else:
                row["limits"] = point_type is not None
                row["point_type"] = point_type
        rows.append(row)
    return pd.DataFrame(rows, columns=list(STOOD_COLUMNS))
