"""The XmR chart and its numbers as a table, drawn from the result table of ``spc.xmr``.

Both read only the ``points`` table (see :class:`vrp_metrics.spc.XmrResult`); they do no
statistics of their own. Required columns: ``value``, ``mean``, ``lpl``, ``upl`` and
``point_type``; ``group`` (one group if absent), ``near_lpl``/``near_upl`` (for the
near-limit lines) and ``signal``/``direction`` (for the signal in words) are used when
present.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from vrp_metrics.charts.theme import (
    LINE_WIDTH,
    MARKER_OUTLINE,
    MARKER_SIZE,
    SPC_LINE_COLOURS,
    SPC_POINT_STYLE,
    TICK_FONT_SIZE,
    apply_layout,
    spc_point_style,
)
from vrp_metrics.spc import MINIMUM_POINTS_FOR_LIMITS, TRIAL_LIMITS_BELOW

REQUIRED_COLUMNS: tuple[str, ...] = ("value", "mean", "lpl", "upl", "point_type")
TABLE_COLUMNS: tuple[str, ...] = (
    "Period",
    "Value",
    "Mean",
    "Lower limit",
    "Upper limit",
    "Signal",
)

_HOVER_NUMBER = "%{y:,.2~f}"

# Why a special-cause point is special, by rule and direction.
_SIGNAL_REASON: dict[tuple[str, str], str] = {
    ("outside", "high"): "above the upper process limit",
    ("outside", "low"): "below the lower process limit",
    ("trend", "high"): "part of 7 or more values in a row, each higher than the last",
    ("trend", "low"): "part of 7 or more values in a row, each lower than the last",
    ("two_of_three", "high"): "2 of 3 values in a row close to the upper limit",
    ("two_of_three", "low"): "2 of 3 values in a row close to the lower limit",
    ("run", "high"): "part of 7 or more values in a row above the mean",
    ("run", "low"): "part of 7 or more values in a row below the mean",
}


def xmr_figure(
    points: pd.DataFrame,
    *,
    labels: Sequence[str],
    title: str,
    y_title: str,
    target: float | None = None,
    show_near_limits: bool = False,
    percent: bool = False,
    count: bool = False,
    period: str = "quarter",
    x_title: str = "Quarter",
) -> go.Figure:
    """An XmR chart: values coloured and shaped by point type, mean, limits and target.

    ``labels`` name the periods on the x-axis (e.g. ``2024/25 Q1``), one per row of
    ``points``. Limits are dashed and break at each rebase; near-limit lines (dotted) are
    drawn only with ``show_near_limits``. Each point type present gets a legend entry in
    words and its own marker shape. Short series are explained under the title, e.g.
    "9 quarters: limits are trial limits". ``percent`` fixes the axis to 0–100.
    """
    x = _checked_labels(points, labels)
    _check_columns(points, show_near_limits)
    groups = _groups(points)
    fig = go.Figure()

    _add_limit_pair(
        fig, x, groups, points["upl"], points["lpl"], name="Process limits", dash="dash"
    )
    if show_near_limits:
        _add_limit_pair(
            fig,
            x,
            groups,
            points["near_upl"],
            points["near_lpl"],
            name="Near-limit lines",
            dash="dot",
            colour=SPC_LINE_COLOURS["near_limits"],
        )
    mean_x, mean_y = _segments(x, groups, points["mean"])
    fig.add_trace(
        go.Scatter(
            x=mean_x,
            y=mean_y,
            name="Mean",
            mode="lines",
            line={"color": SPC_LINE_COLOURS["mean"], "width": LINE_WIDTH},
            hovertemplate=f"Mean: {_HOVER_NUMBER}<extra></extra>",
        )
    )
    if target is not None:
        _add_target(fig, x, target)

    value_x, value_y = _segments(x, groups, points["value"])
    fig.add_trace(
        go.Scatter(
            x=value_x,
            y=value_y,
            name="Value",
            mode="lines",
            line={"color": SPC_LINE_COLOURS["value"], "width": LINE_WIDTH},
            showlegend=False,
            hoverinfo="skip",
        )
    )
    _add_points(fig, x, points)

    apply_layout(fig, title=title, y_title=y_title, percent=percent, count=count, x_title=x_title)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=x)
    notes = chart_notes(points, labels=x, period=period)
    if notes:
        fig.update_layout(
            title={"subtitle": {"text": "<br>".join(notes), "font": {"size": TICK_FONT_SIZE}}}
        )
    return fig


def spc_table(points: pd.DataFrame, labels: Sequence[str], *, decimals: int = 1) -> pd.DataFrame:
    """The chart's numbers as a readable table, one row per period.

    Columns: Period, Value, Mean, Lower limit, Upper limit (rounded to ``decimals``;
    empty where there are no limits) and Signal, the point's type and reason in words.
    """
    x = _checked_labels(points, labels)
    _check_columns(points, show_near_limits=False)
    table = pd.DataFrame(
        {
            "Period": x,
            "Value": points["value"].to_numpy(dtype=float),
            "Mean": points["mean"].to_numpy(dtype=float),
            "Lower limit": points["lpl"].to_numpy(dtype=float),
            "Upper limit": points["upl"].to_numpy(dtype=float),
            "Signal": _signal_texts(points),
        }
    )
    numbers = ["Value", "Mean", "Lower limit", "Upper limit"]
    table[numbers] = table[numbers].round(decimals)
    return table


def signal_text(point_type: str, signal: str | None = None, direction: str | None = None) -> str:
    """A point's signal in words, e.g. "Special cause – concern: below the lower process
    limit". Without a signal and direction, only the type is named."""
    label = spc_point_style(point_type).label
    if point_type == "common_cause" or signal is None or direction is None:
        return label
    return f"{label}: {_SIGNAL_REASON[(signal, direction)]}"


def chart_notes(
    points: pd.DataFrame, *, labels: Sequence[str], period: str = "quarter"
) -> list[str]:
    """Plain statements about groups too short for firm limits, for under the title."""
    groups = _groups(points)
    multiple = groups.nunique() > 1
    notes: list[str] = []
    for _, rows in points.groupby(groups, sort=False):
        n = len(rows)
        count = f"{n} {period}" if n == 1 else f"{n} {period}s"
        if rows["upl"].isna().all():
            if n < MINIMUM_POINTS_FOR_LIMITS:
                note = (
                    f"{count}: too few for process limits (at least "
                    f"{MINIMUM_POINTS_FOR_LIMITS} are needed), so none are drawn"
                )
            else:
                note = f"{count}: the values do not vary, so no process limits are drawn"
        elif n < TRIAL_LIMITS_BELOW:
            note = f"{count}: limits are trial limits"
        else:
            continue
        if multiple:
            first, last = labels[rows.index[0]], labels[rows.index[-1]]
            note = f"{first} to {last} — {note}"
        notes.append(note)
    return notes


def _checked_labels(points: pd.DataFrame, labels: Sequence[str]) -> list[str]:
    x = [str(label) for label in labels]
    if len(x) != len(points):
        raise ValueError(f"{len(x)} labels for {len(points)} points: give one label per point")
    if len(set(x)) != len(x):
        raise ValueError("period labels must be unique, one per point")
    if not points.index.equals(pd.RangeIndex(len(points))):
        raise ValueError("points must have the 0…n−1 index that xmr() gives it")
    return x


def _check_columns(points: pd.DataFrame, show_near_limits: bool) -> None:
    needed = list(REQUIRED_COLUMNS)
    if show_near_limits:
        needed += ["near_lpl", "near_upl"]
    missing = [column for column in needed if column not in points.columns]
    if missing:
        raise ValueError(f"points lacks column(s) {missing}: pass XmrResult.points")


def _groups(points: pd.DataFrame) -> pd.Series:
    if "group" in points.columns:
        return points["group"]
    return pd.Series(0, index=points.index)


def _segments(
    x: list[str], groups: pd.Series, y: pd.Series
) -> tuple[list[str], list[float | None]]:
    """x and y for a line that breaks between groups, with None for missing values.

    A rebase is a change to the process, so its lines are not joined across it.
    """
    xs: list[str] = []
    ys: list[float | None] = []
    previous = None
    for position, (group, value) in enumerate(zip(groups, y, strict=True)):
        if previous is not None and group != previous:
            xs.append(x[position])
            ys.append(None)
        xs.append(x[position])
        ys.append(None if value is None or math.isnan(value) else float(value))
        previous = group
    return xs, ys


def _add_limit_pair(
    fig: go.Figure,
    x: list[str],
    groups: pd.Series,
    upper: pd.Series,
    lower: pd.Series,
    *,
    name: str,
    dash: str,
    colour: str = SPC_LINE_COLOURS["limits"],
) -> None:
    """Upper and lower lines as one legend entry; nothing when every limit is missing."""
    if upper.isna().all() and lower.isna().all():
        return
    for which, values in (("Upper", upper), ("Lower", lower)):
        line_x, line_y = _segments(x, groups, values)
        fig.add_trace(
            go.Scatter(
                x=line_x,
                y=line_y,
                name=name,
                legendgroup=name,
                showlegend=which == "Upper",
                mode="lines",
                line={"color": colour, "width": LINE_WIDTH, "dash": dash},
                hovertemplate=f"{which} {name.lower()}: {_HOVER_NUMBER}<extra></extra>",
            )
        )


def _add_target(fig: go.Figure, x: list[str], target: float) -> None:
    fig.add_trace(
        go.Scatter(
            x=[x[0], x[-1]],
            y=[float(target), float(target)],
            name="Target",
            mode="lines",
            line={"color": SPC_LINE_COLOURS["target"], "width": LINE_WIDTH, "dash": "dashdot"},
            hovertemplate=f"Target: {_HOVER_NUMBER}<extra></extra>",
        )
    )
    fig.add_annotation(
        x=1,
        xref="paper",
        xanchor="right",
        y=float(target),
        yref="y",
        yanchor="bottom",
        text="Target",
        showarrow=False,
        font={"color": SPC_LINE_COLOURS["target"], "size": TICK_FONT_SIZE},
    )


def _add_points(fig: go.Figure, x: list[str], points: pd.DataFrame) -> None:
    """One marker trace per point style present, in a fixed legend order."""
    style_keys = points["point_type"].map(
        lambda t: "special_cause_neutral" if str(t).startswith("special_cause_neutral") else t
    )
    unknown = set(style_keys) - set(SPC_POINT_STYLE)
    if unknown:
        raise ValueError(f"unknown point type(s) {sorted(unknown)}")
    texts = _signal_texts(points)
    for key, style in SPC_POINT_STYLE.items():
        rows = [i for i, k in enumerate(style_keys) if k == key]
        if not rows:
            continue
        fig.add_trace(
            go.Scatter(
                x=[x[i] for i in rows],
                y=[float(points["value"].iloc[i]) for i in rows],
                name=style.label,
                mode="markers",
                marker={
                    "color": style.colour,
                    "symbol": style.marker,
                    "size": MARKER_SIZE if key == "common_cause" else MARKER_SIZE + 4,
                    "line": {"color": MARKER_OUTLINE, "width": 1},
                },
                customdata=[texts[i] for i in rows],
                hovertemplate=f"%{{x}}<br>Value: {_HOVER_NUMBER}<br>%{{customdata}}<extra></extra>",
            )
        )


def _signal_texts(points: pd.DataFrame) -> list[str]:
    signals = points["signal"] if "signal" in points.columns else [None] * len(points)
    directions = points["direction"] if "direction" in points.columns else [None] * len(points)
    return [
        signal_text(t, _present(s), _present(d))
        for t, s, d in zip(points["point_type"], signals, directions, strict=True)
    ]


def _present(value: object) -> str | None:
    """The value as text, or None where it is missing (None or NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value)
