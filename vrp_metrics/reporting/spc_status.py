"""The Making Data Count variation and assurance icons of every measure, for a period."""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from vrp_metrics import spc
from vrp_metrics.catalogue import Catalogue, Frequency, Measure
from vrp_metrics.reporting.series import series_end
from vrp_metrics.spc.rebase import rebase_positions

SPC_COLUMNS: tuple[str, ...] = (
    "measure_code",
    "variation_icon",
    "assurance_icon",
    "variation_text",
    "assurance_text",
    "variation_label",
    "assurance_label",
    "spc_quarters",
    "spc_to_period",
)

TOO_FEW = "Too few quarters for SPC"
TOO_FEW_SINCE_REBASE = "Too few quarters since the rebase for SPC"
NO_VARIATION = "No SPC limits: the values do not vary"
ANNUAL = "Annual measure: SPC needs quarterly figures"
UNAVAILABLE = "Unavailable: a figure is out of range"
"""Said for a measure whose figures the SPC arithmetic cannot handle (e.g. one far too
large to average): that measure's SPC is unavailable, every other measure's shows."""

_log = logging.getLogger(__name__)

VARIATION_LABEL: dict[str, str] = {
    "common_cause": "No significant change",
    "improvement_high": "Improving (unusually high)",
    "improvement_low": "Improving (unusually low)",
    "concern_high": "Concern (unusually high)",
    "concern_low": "Concern (unusually low)",
    "neutral_high": "Unusually high",
    "neutral_low": "Unusually low",
}
"""A variation icon in a few words, for table cells; ``variation_text`` says it in full."""

ASSURANCE_LABEL: dict[str | None, str] = {
    "pass": "Consistently meets target",
    "fail": "Consistently misses target",
    "inconsistent": "Hit and miss against target",
    None: "No assurance without a target",
}
"""An assurance icon in a few words, for table cells; ``assurance_text`` says it in full."""


def _assurance_label(measure: Measure, icon: str | None) -> str:
    if icon is None and measure.target is not None:
        return "No assurance: the values do not vary"
    return ASSURANCE_LABEL[icon]


def _no_icons(code: str, reason: str, quarters: int, last: str | None) -> dict:
    return {
        "measure_code": code,
        "variation_icon": None,
        "assurance_icon": None,
        "variation_text": reason,
        "assurance_text": reason,
        "variation_label": reason,
        "assurance_label": reason,
        "spc_quarters": quarters,
        "spc_to_period": last,
    }


def _measure_icons(measure: Measure, quarters: pd.DataFrame) -> dict:
    if measure.frequency == Frequency.annual:
        return _no_icons(measure.code, ANNUAL, 0, None)
    rows = quarters[quarters["measure_code"] == measure.code].sort_values("period_start")
    last = str(rows["period"].iloc[-1]) if len(rows) else None
    if len(rows) < spc.MINIMUM_POINTS_FOR_LIMITS:
        return _no_icons(measure.code, TOO_FEW, len(rows), last)
    try:
        result = spc.xmr(
            rows["value"].to_numpy(dtype=float),
            improvement=measure.improvement,  # type: ignore[arg-type]
            target=measure.target,
            rebase_at=rebase_positions(measure, rows["period_start"].reset_index(drop=True)),
        )
    except (ArithmeticError, ValueError) as error:
        # One measure's bad figure must not take every measure's SPC (and the page) down.
        _log.warning("SPC of %s to %s is unavailable: %r", measure.code, last, error)
        return _no_icons(measure.code, UNAVAILABLE, len(rows), last)
    latest = result.points.iloc[-1]
    if math.isnan(latest["lpl"]):
        # The latest point's group has no limits (a short group after a rebase, or values
        # that do not vary): no signal is judged, so the status rests on the comparator
        # (vrp_metrics.rag) and this says why instead of "No significant change".
        group_points = int((result.points["group"] == latest["group"]).sum())
        reason = (
            TOO_FEW_SINCE_REBASE if group_points < spc.MINIMUM_POINTS_FOR_LIMITS else NO_VARIATION
        )
        return _no_icons(measure.code, reason, len(rows), last)
    return {
        "measure_code": measure.code,
        "variation_icon": result.variation_icon,
        "assurance_icon": result.assurance_icon,
        "variation_text": spc.variation_text(result.variation_icon),
        "assurance_text": spc.assurance_text(result.assurance_icon),
        "variation_label": VARIATION_LABEL[result.variation_icon],
        "assurance_label": _assurance_label(measure, result.assurance_icon),
        "spc_quarters": len(rows),
        "spc_to_period": last,
    }


def spc_icons(figures: pd.DataFrame, catalogue: Catalogue, up_to_period: str) -> pd.DataFrame:
    """Each measure's SPC icons from its quarterly series up to ``up_to_period``.

    For a quarter the series ends at that quarter; for a financial year, at the year's
    last quarter with a figure. The improvement direction comes from the measure's
    polarity, the target (in the measure's unit) from the catalogue, and each rebase
    period starts a new group. A measure with fewer quarters than
    :data:`vrp_metrics.spc.MINIMUM_POINTS_FOR_LIMITS` (and an annual one) gets no icons
    (``None``) and says why in the text columns, as does a measure whose figures the SPC
    arithmetic cannot handle (:data:`UNAVAILABLE`). ``spc_quarters`` counts the points
    used and ``spc_to_period`` names the last one. Columns: :data:`SPC_COLUMNS`.
    """
    end = series_end(up_to_period)
    quarters = figures[
        (figures["period_type"] == "quarter")
        & figures["value"].notna()
        & (figures["period_start"] <= end)
    ]
    rows = [_measure_icons(measure, quarters) for measure in catalogue.measures]
    frame = pd.DataFrame(rows, columns=list(SPC_COLUMNS))
    frame["spc_quarters"] = frame["spc_quarters"].astype("int64")
    return frame


def spc_words(row: Mapping[str, Any]) -> tuple[str, str]:
    """A measure's SPC icons in words, from a row with :data:`SPC_COLUMNS`: the two labels
    joined by " · " (once when they are the same, as when there are too few quarters),
    and their full meanings, one paragraph each, for a tooltip."""
    labels = dict.fromkeys([row["variation_label"], row["assurance_label"]])
    meanings = dict.fromkeys([row["variation_text"], row["assurance_text"]])
    return " · ".join(labels), "\n\n".join(meanings)
