"""A measure's XmR (SPC) chart: its quarterly series up to a period, the icons in words,
and the chart with the catalogue's rebase periods marked.

The statistics are :func:`vrp_metrics.spc.xmr`'s; the drawing is
:func:`vrp_metrics.charts.spc_chart.xmr_figure`'s. This module only chooses the series,
the improvement direction (from the measure's polarity), the target and the rebase
positions, and says what the result means.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from vrp_metrics import periods, spc
from vrp_metrics.catalogue import Catalogue, Frequency, Kind, Measure
from vrp_metrics.charts.spc_chart import xmr_figure
from vrp_metrics.charts.theme import SPC_LINE_COLOURS, TICK_FONT_SIZE
from vrp_metrics.charts.trend import wrap_title, y_axis_title
from vrp_metrics.reporting.formatting import PERCENT_KINDS
from vrp_metrics.reporting.series import quarter_rows
from vrp_metrics.reporting.spc_status import rebase_positions

_log = logging.getLogger(__name__)

SPC_HEIGHT = 560
"""The SPC chart's height in pixels."""

VARIATION_HEADING: dict[str, str] = {
    "common_cause": "common cause — no significant change",
    "improvement_high": "special cause — improvement (high is good)",
    "improvement_low": "special cause — improvement (low is good)",
    "concern_high": "special cause — concern (high is bad)",
    "concern_low": "special cause — concern (low is bad)",
    "neutral_high": "special cause — unusually high (neither direction is better)",
    "neutral_low": "special cause — unusually low (neither direction is better)",
}
"""The variation icon in a few words, after "Variation: "."""

ASSURANCE_HEADING: dict[str | None, str] = {
    "pass": "assured — the target lies outside the limits on the good side, so it will be met",
    "fail": (
        "not assured — the target lies outside the limits on the bad side, so it will not be "
        "met unless something changes"
    ),
    "inconsistent": (
        "not assured — the target lies within the limits, so it will be met only some of the time"
    ),
    None: "none — the measure has no target to assure",
}
"""The assurance icon in a few words, after "Assurance: "."""


@dataclass(frozen=True)
class SpcStatement:
    """One Making Data Count icon in words: a short heading and its full meaning."""

    icon: str | None
    heading: str
    text: str


def quarterly_series(
    figures: pd.DataFrame, code: str, up_to_period: str | None = None
) -> pd.DataFrame:
    """The measure's quarters with a value, oldest first, up to ``up_to_period`` (a
    quarter, or a financial year's last quarter)."""
    return quarter_rows(figures, code, up_to_period).reset_index(drop=True)


def _rebase_notes(measure: Measure, rows: pd.DataFrame, positions: list[int]) -> list[str]:
    notes = []
    for rebase in measure.rebase:
        begins = pd.Timestamp(periods.parse_period(rebase.period).start_time)
        after = rows.index[rows["period_start"] >= begins]
        if len(after) and int(after[0]) in positions:
            notes.append(
                f"New limits from {rows['period'].iloc[after[0]]} (rebased from "
                f"{rebase.period}): {rebase.reason}"
            )
    return notes


def spc_for_measure(
    figures: pd.DataFrame,
    catalogue: Catalogue,
    code: str,
    up_to_period: str | None = None,
) -> tuple[spc.XmrResult | None, list[str], list[str]]:
    """The measure's XmR chart from its quarterly series up to ``up_to_period``.

    Returns ``(result, labels, notes)``: the :class:`~vrp_metrics.spc.XmrResult` (or
    ``None``), the quarter labels of its points, oldest first, and plain statements for
    the reader — the SPC module's warnings about short series, each rebase with its
    reason, or, with no result, why there is none: an annual measure, or fewer quarters
    than :data:`vrp_metrics.spc.MINIMUM_POINTS_FOR_LIMITS`. The improvement direction
    comes from the polarity, the target from the catalogue, and each catalogue rebase
    period starts a new group at the first quarter on or after it.
    """
    measure = catalogue.measure(code)
    if measure.frequency == Frequency.annual:
        return (
            None,
            [],
            [f"{code} is reported once a financial year; an SPC chart needs quarterly figures."],
        )
    rows = quarterly_series(figures, code, up_to_period)
    labels = rows["period"].astype(str).tolist()
    needed = spc.MINIMUM_POINTS_FOR_LIMITS
    if rows.empty:
        return (
            None,
            labels,
            [f"No quarterly figures for {code} yet: an SPC chart needs at least {needed}."],
        )
    if len(rows) < needed:
        have = f"{len(rows)} quarter" + ("" if len(rows) == 1 else "s")
        upto = f" up to {labels[-1]}" if labels else ""
        return (
            None,
            labels,
            [
                f"{have} of figures{upto}: an SPC chart needs at least {needed} quarters to "
                "calculate its limits, so none is drawn yet. The trend chart shows the figures."
            ],
        )
    positions = rebase_positions(measure, rows["period_start"])
    try:
        result = spc.xmr(
            rows["value"].to_numpy(dtype=float),
            improvement=measure.improvement,  # type: ignore[arg-type]
            target=measure.target,
            rebase_at=positions,
        )
    except (ArithmeticError, ValueError) as error:
        _log.warning("SPC chart of %s is unavailable: %r", code, error)
        return (
            None,
            labels,
            [
                f"The SPC chart of {code} is unavailable: a figure up to {labels[-1]} is out "
                "of the range its limits can be calculated from. Check the figures in the "
                "table above and the returns they came from."
            ],
        )
    return result, labels, [*result.warnings, *_rebase_notes(measure, rows, positions)]


def spc_statements(result: spc.XmrResult, measure: Measure) -> list[SpcStatement]:
    """The variation and assurance icons, each with a heading and its meaning in words."""
    variation = result.variation_icon
    assurance = result.assurance_icon
    if assurance is None and measure.target is not None:
        assurance_heading = "none — the limits cannot be calculated, so nothing is assured"
    else:
        assurance_heading = ASSURANCE_HEADING[assurance]
    if math.isnan(result.points["lpl"].iloc[-1]):
        # The latest group has no limits, so no signal is judged and the RAG status rests
        # on something else (vrp_metrics.rag): say so rather than "common cause".
        variation_statement = SpcStatement(
            None,
            "Variation: not judged — the latest quarter's group has no process limits",
            "A signal needs limits, and the quarters since the chart started or was last "
            f"rebased are fewer than {spc.MINIMUM_POINTS_FOR_LIMITS}, or do not vary. The "
            "RAG status does not rest on SPC until they do (its basis is said with the figure).",
        )
    else:
        variation_statement = SpcStatement(
            variation, f"Variation: {VARIATION_HEADING[variation]}", spc.variation_text(variation)
        )
    return [
        variation_statement,
        SpcStatement(assurance, f"Assurance: {assurance_heading}", spc.assurance_text(assurance)),
    ]


def rebase_labels(result: spc.XmrResult, labels: list[str]) -> list[str]:
    """The quarters where a new group (a rebase) starts."""
    groups = result.points["group"]
    return [labels[i] for i in range(1, len(groups)) if groups.iloc[i] != groups.iloc[i - 1]]


def spc_figure(
    result: spc.XmrResult,
    labels: list[str],
    measure: Measure,
    *,
    show_near_limits: bool = False,
) -> go.Figure:
    """The XmR chart of a measure, with each rebase marked by a labelled vertical line."""
    kind = Kind(measure.kind)
    fig = xmr_figure(
        result.points,
        labels=labels,
        title=wrap_title(f"{measure.code} SPC chart (XmR), {labels[0]} to {labels[-1]}"),
        y_title=y_axis_title(kind, measure.unit),
        target=measure.target,
        show_near_limits=show_near_limits,
        percent=kind in PERCENT_KINDS,
        count=kind == Kind.count,
    )
    # Tall enough that a long y-axis title stays clear of the notes under the title.
    fig.update_layout(height=SPC_HEIGHT)
    for label in rebase_labels(result, labels):
        # Halfway between the last quarter of the old group and the first of the new.
        x = labels.index(label) - 0.5
        fig.add_vline(x=x, line={"color": SPC_LINE_COLOURS["limits"], "width": 2, "dash": "dot"})
        fig.add_annotation(
            x=x,
            y=1,
            yref="paper",
            yanchor="bottom",
            xanchor="left",
            text=f"Rebased from {label}",
            showarrow=False,
            font={"size": TICK_FONT_SIZE},
        )
    return fig
