"""A measure's trend: its values by quarter, each marker coloured, shaped and named by RAG.

Built from :func:`vrp_metrics.reporting.measure_series`; no statistics and no queries
here. Colour never carries the meaning alone: every RAG status has its own marker shape
and a word in the legend, and points are labelled with their value: every point of a
short series, and of a longer one every second (or third…) point counted back from the
latest, so that labels never run into each other on a narrow screen. Every value is in
the chart's table and on hover.
"""

from __future__ import annotations

import math
import textwrap

import pandas as pd
import plotly.graph_objects as go

from vrp_metrics.catalogue import Kind
from vrp_metrics.charts.theme import (
    LINE_WIDTH,
    MARKER_OUTLINE,
    MARKER_SIZE,
    RAG_STYLE,
    SPC_LINE_COLOURS,
    TEXT_COLOUR,
    TICK_FONT_SIZE,
    apply_layout,
    note_empty,
)
from vrp_metrics.reporting.formatting import PERCENT_KINDS, format_short, format_value

SERIES_REQUIRED: tuple[str, ...] = ("period", "value", "rag")
TABLE_COLUMNS: tuple[str, ...] = ("Period", "Value", "Based on", "RAG", "Comparator", "Change")

LINE_COLOUR = "#1f4e79"
"""The line joining the values: dark blue, apart from every RAG colour."""

LABELS_AT_MOST = 7
"""Value labels a trend chart shows at most. Seven labels of "100.0%" fit apart in the
plot of a 1024-pixel screen with the sidebar open (about 550 pixels)."""

TITLE_WIDTH = 60
"""Characters per title line; longer titles wrap rather than run off the chart."""

_Y_TITLE: dict[Kind, str] = {
    Kind.count: "Number",
    Kind.percentage: "Percentage",
    Kind.pct_improved: "Percentage of the cohort",
    Kind.tracker_green_pct: "Percentage of data sources",
    Kind.mean_change: "Average change in score",
}


def y_axis_title(kind: Kind | str, unit: str) -> str:
    """The y-axis title in words with the unit, e.g. "Percentage of the cohort (%)"."""
    words = _Y_TITLE[Kind(kind)]
    return f"{words} ({unit})" if unit else words


def wrap_title(title: str, width: int = TITLE_WIDTH) -> str:
    """A chart title broken into lines of at most ``width`` characters (Plotly ``<br>``)."""
    return "<br>".join(textwrap.wrap(title, width)) or title


def tick_labels(periods: list[str]) -> list[str]:
    """Axis labels that stay level and apart: each quarter, with its financial year under
    the first quarter shown and under every Q1 ("Q1<br>2024/25", "Q2", ...). Years are
    shown whole."""
    labels = []
    for i, period in enumerate(periods):
        year, _, quarter = period.partition(" ")
        if not quarter:
            labels.append(year)
        elif i == 0 or quarter == "Q1":
            labels.append(f"{quarter}<br>{year}")
        else:
            labels.append(quarter)
    return labels


def labelled_points(count: int, most: int = LABELS_AT_MOST) -> set[int]:
    """The positions (0-based, oldest first) of the points that show their value: all
    of them up to ``most``, else every ``ceil(count / most)``-th counted back from the
    latest, which is always labelled."""
    step = max(1, math.ceil(count / most))
    return {i for i in range(count) if (count - 1 - i) % step == 0}


def _check_series(series: pd.DataFrame) -> None:
    missing = [c for c in SERIES_REQUIRED if c not in series.columns]
    if missing:
        raise ValueError(f"the series lacks column(s) {missing}: use reporting.measure_series")


def trend_figure(
    series: pd.DataFrame,
    *,
    title: str,
    unit: str,
    kind: Kind | str,
    target: float | None = None,
) -> go.Figure:
    """The measure's values over time as a line, with one marker trace per RAG status.

    ``series`` has one row per period, oldest first, with ``period`` (the x label),
    ``value`` (in ``unit``: percentages on 0–100, counts, or points) and ``rag``;
    ``change_text`` and ``comparator_period`` are shown on hover when present. Each RAG
    trace is named in words ("Green", "Not rated") and has its own marker shape; points
    are labelled with their value (:func:`labelled_points`). ``target`` draws a dashed
    line named "Target". Percentages use a 0–100 axis, counts whole-number ticks from
    zero, and average changes an axis that includes zero.
    An empty series gives a chart that says so.
    """
    _check_series(series)
    kind = Kind(kind)
    x = [str(p) for p in series["period"]]
    values = series["value"].astype(float).tolist()
    quarterly = any(" Q" in label for label in x)
    labelled = {x[i] for i in labelled_points(len(x))}
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=x,
            y=values,
            name="Value",
            mode="lines",
            line={"color": LINE_COLOUR, "width": LINE_WIDTH},
            showlegend=False,
            hoverinfo="skip",
        )
    )
    if target is not None:
        _add_target(fig, x, target, kind)
    for rag, style in RAG_STYLE.items():
        rows = series[series["rag"].fillna("grey") == rag]
        if rows.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=[str(p) for p in rows["period"]],
                y=rows["value"].astype(float).tolist(),
                name=style.label,
                mode="markers+text",
                marker={
                    "symbol": style.marker,
                    "color": style.colour,
                    "size": MARKER_SIZE,
                    "line": {
                        "color": MARKER_OUTLINE if rag != "grey" else style.colour,
                        "width": 2,
                    },
                },
                text=[
                    format_short(v, kind) if str(p) in labelled else ""
                    for p, v in zip(rows["period"], rows["value"], strict=True)
                ],
                textposition="top center",
                textfont={"size": TICK_FONT_SIZE - 2, "color": TEXT_COLOUR},
                cliponaxis=False,
                customdata=_hover_lines(rows, kind),
                hovertemplate=f"%{{x}}: %{{customdata}}<extra>{style.label}</extra>",
            )
        )
    apply_layout(
        fig,
        title=wrap_title(title),
        y_title=y_axis_title(kind, unit),
        percent=kind in PERCENT_KINDS,
        count=kind == Kind.count,
        x_title="Quarter" if quarterly or not x else "Financial year",
    )
    fig.update_xaxes(
        type="category",
        categoryorder="array",
        categoryarray=x,
        tickmode="array",
        tickvals=x,
        ticktext=tick_labels(x),
        tickangle=0,
    )
    if kind == Kind.count:
        fig.update_yaxes(rangemode="tozero")
    elif kind == Kind.mean_change:
        fig.update_yaxes(rangemode="tozero", zeroline=True, zerolinecolor="#4d4d4d")
    fig.update_layout(legend_title_text="RAG rating:", showlegend=True)
    if not x:
        note_empty(fig, "No figures for this measure yet")
    return fig


def _add_target(fig: go.Figure, x: list[str], target: float, kind: Kind) -> None:
    fig.add_trace(
        go.Scatter(
            x=x,
            y=[target] * len(x),
            name="Target",
            mode="lines",
            line={"color": SPC_LINE_COLOURS["target"], "width": LINE_WIDTH, "dash": "dash"},
            hovertemplate=f"Target: {format_value(target, kind)}<extra></extra>",
        )
    )
    if x:
        fig.add_annotation(
            x=x[-1],
            y=target,
            text=f"Target {format_value(target, kind)}",
            showarrow=False,
            xanchor="left",
            xshift=12,
            font={"size": TICK_FONT_SIZE, "color": SPC_LINE_COLOURS["target"]},
        )


def _hover_lines(rows: pd.DataFrame, kind: Kind) -> list[str]:
    """The value and, when the series has them, the change against the comparator."""
    lines = []
    for row in rows.itertuples(index=False):
        text = format_value(row.value, kind)
        change = getattr(row, "change_text", None)
        comparator = getattr(row, "comparator_period", None)
        if isinstance(change, str) and isinstance(comparator, str):
            text += f" ({change} on {comparator})"
        status = getattr(row, "status_text", None)
        if isinstance(status, str):
            text += f"<br>{status}"
        lines.append(text)
    return lines


def trend_table(series: pd.DataFrame) -> pd.DataFrame:
    """The chart's numbers, one row per period, oldest first, all as text.

    Columns: Period, Value (with its unit), Based on ("31 / 42", "n = 57"), RAG (symbol
    and word, with its basis in words when the series has ``status_text``: "◆ Amber: no
    significant change over 14 quarters"), Comparator (its value and period, e.g. "412 in
    2025/26 Q2") and Change (signed). ``series`` is
    :func:`vrp_metrics.reporting.measure_series`'s frame.
    """
    comparator = [
        f"{text} in {period}" if isinstance(period, str) else text
        for text, period in zip(series["comparator_text"], series["comparator_period"], strict=True)
    ]
    return pd.DataFrame(
        {
            "Period": series["period"].astype(str).tolist(),
            "Value": series["value_text"].tolist(),
            "Based on": series["based_on"].tolist(),
            "RAG": series["status_text" if "status_text" in series else "rag_text"].tolist(),
            "Comparator": comparator,
            "Change": series["change_text"].tolist(),
        },
        columns=list(TABLE_COLUMNS),
    )
