"""The Partnership Data Tracker as a heatmap: data sources down, quarters across.

Built from :func:`vrp_metrics.tracker.tracker_grid`; no queries here. Colour never
carries the status alone: every cell shows the status's symbol and its word (only the
symbol, whose shape differs per status, when there are many quarters: a word or a letter
beside it did not fit a cell at 1024 pixels wide), and the legend names each status by
its symbol and word.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from vrp_metrics.charts.theme import (
    RAG_STYLE,
    TICK_FONT_SIZE,
    apply_layout,
    note_empty,
    plain_label,
)
from vrp_metrics.charts.trend import tick_labels
from vrp_metrics.reporting.formatting import rag_text

#: The statuses a tracker cell can have, in the order of the colour scale.
STATUSES = ("red", "amber", "green")

#: Beyond this many quarters a cell shows the status's symbol alone.
WORDS_UP_TO = 8

ROW_HEIGHT = 34
LABEL_WIDTH = 42

_CODE_OF_TEXT = {rag_text(rag): rag for rag in STATUSES}


def _colour_scale() -> list[tuple[float, str]]:
    """Discrete bands: z = 0 red, 1 amber, 2 green."""
    scale: list[tuple[float, str]] = []
    for position, rag in enumerate(STATUSES):
        low, high = position / len(STATUSES), (position + 1) / len(STATUSES)
        scale += [(low, RAG_STYLE[rag].colour), (high, RAG_STYLE[rag].colour)]
    return scale


def _label(data_source: str) -> str:
    """A data source's name (typed by a partner) as the chart shows it: as typed, wrapped."""
    return "<br>".join(plain_label(line) for line in textwrap.wrap(data_source, LABEL_WIDTH)) or (
        plain_label(data_source)
    )


def tracker_heatmap(grid: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """Each data source's status by quarter, from ``tracker_grid``'s frame.

    A cell is coloured by status and labelled with its symbol and word ("● Green"), or
    its symbol alone ("●") when there are more than ``WORDS_UP_TO`` quarters; a
    source not listed in a quarter is left blank. Hovering shows the source, its agency,
    the quarter and the status. The legend names each status in words.
    """
    quarters = [c for c in grid.columns if c not in ("data_source", "agency")]
    codes = grid[quarters].apply(lambda column: column.map(_CODE_OF_TEXT))
    z = codes.apply(lambda column: column.map({rag: i for i, rag in enumerate(STATUSES)}))
    use_words = len(quarters) <= WORDS_UP_TO

    def cell_text(rag: object) -> str:
        if not isinstance(rag, str):
            return ""
        style = RAG_STYLE[rag]
        return f"{style.symbol} {style.label}" if use_words else style.symbol

    text = codes.apply(lambda column: column.map(cell_text)).to_numpy()
    hover = np.array(
        [
            [
                f"{plain_label(source)} ({plain_label(agency)})<br>{quarter}: "
                + (RAG_STYLE[rag].label if isinstance(rag, str) else "not listed")
                for quarter, rag in zip(quarters, row, strict=True)
            ]
            for source, agency, row in zip(
                grid["data_source"], grid["agency"], codes.itertuples(index=False), strict=True
            )
        ],
        dtype=object,
    ).reshape(len(grid), len(quarters))
    labels = [_label(s) for s in grid["data_source"]]

    fig = go.Figure(
        go.Heatmap(
            z=z.astype(float).to_numpy(),
            x=quarters,
            y=labels,
            zmin=0,
            zmax=len(STATUSES) - 1,
            colorscale=_colour_scale(),
            showscale=False,
            xgap=2,
            ygap=2,
            text=text,
            texttemplate="%{text}",
            textfont={"size": TICK_FONT_SIZE - 2},
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
        )
    )
    # The heatmap has no legend of its own: one invisible marker per status names it.
    for rag in reversed(STATUSES):
        style = RAG_STYLE[rag]
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=f"{style.symbol} {style.label}",
                marker={"symbol": "square", "size": 16, "color": style.colour},
                hoverinfo="skip",
            )
        )
    apply_layout(
        fig,
        title=title or "Partnership Data Tracker: status of each data source by quarter",
        y_title="",
    )
    # Level two-line labels ("Q1<br>2024/25", "Q2", …) as on the trend charts: slanted
    # full labels ran into each other at 1024 pixels wide.
    fig.update_xaxes(
        type="category",
        side="top",
        showgrid=False,
        tickangle=0,
        tickmode="array",
        tickvals=quarters,
        # Every label two lines high, so that a quarter stays level with its neighbours
        # and a year sits alone on the second line.
        ticktext=[t if "<br>" in t else f"{t}<br>\u00a0" for t in tick_labels(quarters)],
    )
    fig.update_yaxes(type="category", autorange="reversed", showgrid=False, tickfont={"size": 14})
    fig.update_layout(
        showlegend=True,
        legend_title_text="Status:",
        height=max(320, 220 + ROW_HEIGHT * len(grid)),
        margin={"t": 150, "b": 70},
    )
    if grid.empty:
        note_empty(fig, "No data tracker return yet")
    return fig
