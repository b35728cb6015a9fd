"""Presentation constants: the one place for colours, symbols, fonts and Plotly defaults.

Charts are read on a shared screen in quarterly meetings and in exported packs, so text
is large and no meaning is carried by colour alone: every RAG status has a word and a
shape, and every SPC point type has a word (in the legend) and a marker shape.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Real

import plotly.graph_objects as go
import plotly.io as pio

# --- RAG --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RagStyle:
    """How a RAG status is drawn: its colour, its word, a text symbol and a Plotly marker."""

    colour: str
    label: str
    symbol: str
    marker: str


# Chosen so that every pair stays apart under simulated deuteranopia, protanopia and
# tritanopia (CIELAB ΔE ≥ 24). The shapes carry no direction on purpose: an up or down
# arrow would read as "rising" or "falling", which for a lower-is-better measure is the
# opposite of what green and red mean.
RAG_STYLE: dict[str, RagStyle] = {
    "green": RagStyle(colour="#3aa655", label="Green", symbol="●", marker="circle"),
    "amber": RagStyle(colour="#f2b200", label="Amber", symbol="◆", marker="diamond"),
    "red": RagStyle(colour="#8e1b2b", label="Red", symbol="■", marker="square"),
    "grey": RagStyle(colour="#767676", label="Not rated", symbol="○", marker="circle-open"),
}
"""Keyed by the catalogue's RAG colours (``green``, ``amber``, ``red``, ``grey``)."""


def tint(colour: str, share: float = 0.3) -> str:
    """A light tint of a hex colour (``share`` of it on white), for cell backgrounds."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - share * (255 - c)):02x}" for c in rgb)


RAG_TINT: dict[str, str] = {rag: tint(style.colour) for rag, style in RAG_STYLE.items()}
"""A light background for each RAG status, behind a cell whose words carry the meaning."""


# --- SPC --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SpcPointStyle:
    """How an SPC point type is drawn: its Making Data Count colour, legend words, marker."""

    colour: str
    label: str
    marker: str


# Point colours of NHSRplotthedots 0.2.2 (R/ptd_spc_colours.R), which that release
# standardised with the Making Data Count team's Power BI tool.
SPC_POINT_STYLE: dict[str, SpcPointStyle] = {
    "common_cause": SpcPointStyle(colour="#a6a6a6", label="Common cause", marker="circle"),
    "special_cause_improvement": SpcPointStyle(
        colour="#00b0f0", label="Special cause – improvement", marker="star"
    ),
    "special_cause_concern": SpcPointStyle(
        colour="#e46c0a", label="Special cause – concern", marker="x"
    ),
    "special_cause_neutral": SpcPointStyle(
        colour="#490092", label="Special cause – neutral", marker="diamond"
    ),
}
"""Keyed by point type; both neutral types share the ``special_cause_neutral`` style."""

SPC_LINE_COLOURS: dict[str, str] = {
    "value": "#a6a6a6",
    "mean": "#000000",
    "limits": "#7b7d7d",
    "near_limits": "#a6a6a6",
    "target": "#de1b1b",
}
"""Line colours (NHSRplotthedots 0.2.2, with the limits darkened to read on a projector)."""

MARKER_OUTLINE = "#3c3c3c"
"""A dark outline on every marker, so light fills (grey, amber) still stand out on white."""


def spc_point_style(point_type: str) -> SpcPointStyle:
    """The style of a point type; ``special_cause_neutral_high``/``_low`` share one."""
    key = "special_cause_neutral" if point_type.startswith("special_cause_neutral") else point_type
    if key not in SPC_POINT_STYLE:
        raise ValueError(f"unknown SPC point type {point_type!r}")
    return SPC_POINT_STYLE[key]


# --- Plotly layout ----------------------------------------------------------------------

TEMPLATE_NAME = "vrp"
FONT_FAMILY = "Arial, Helvetica, sans-serif"
TEXT_COLOUR = "#1f1f1f"
BASE_FONT_SIZE = 18
TITLE_FONT_SIZE = 24
TICK_FONT_SIZE = 16
LEGEND_FONT_SIZE = 16
MARKER_SIZE = 14
LINE_WIDTH = 2.5

_AXIS = {
    "title": {"font": {"size": BASE_FONT_SIZE}, "standoff": 12},
    "tickfont": {"size": TICK_FONT_SIZE},
    "automargin": True,
    "linecolor": "#4d4d4d",
    "ticks": "outside",
    "zeroline": False,
}

VRP_TEMPLATE = go.layout.Template(
    layout={
        "font": {"family": FONT_FAMILY, "size": BASE_FONT_SIZE, "color": TEXT_COLOUR},
        "title": {"font": {"size": TITLE_FONT_SIZE}, "x": 0, "xanchor": "left"},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "xaxis": {**_AXIS, "showgrid": False},
        "yaxis": {**_AXIS, "showgrid": True, "gridcolor": "#e0e0e0"},
        "legend": {
            "font": {"size": LEGEND_FONT_SIZE},
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            # Pinned to the foot of the figure, so rotated period labels and the x-axis
            # title push the plot up rather than run into the legend.
            "yref": "container",
            "y": 0,
            "yanchor": "bottom",
        },
        "hoverlabel": {"font": {"size": LEGEND_FONT_SIZE}},
        "margin": {"l": 80, "r": 40, "t": 110, "b": 20},
        "colorway": ["#1f4e79", "#e46c0a", "#3aa655", "#490092", "#767676"],
    }
)
"""The Plotly template registered as ``"vrp"``: fonts of 16px and more, plain axes."""


def register_template() -> None:
    """Register :data:`VRP_TEMPLATE` under :data:`TEMPLATE_NAME` (done on import).

    It is not made the default: figures opt in through :func:`apply_layout`.
    """
    pio.templates[TEMPLATE_NAME] = VRP_TEMPLATE


register_template()


def apply_layout(
    fig: go.Figure,
    *,
    title: str,
    y_title: str,
    percent: bool = False,
    count: bool = False,
    x_title: str | None = None,
) -> go.Figure:
    """Give a figure the product's look: the ``vrp`` template, a title and axis titles.

    ``percent`` fixes the y-axis to 0–100 with a % suffix (values are on a 0–100 scale).
    ``count`` shows whole-number ticks only, with a step of 1 when the values span less
    than 10 so that no tick label repeats. Returns the same figure.
    """
    if percent and count:
        raise ValueError("a chart shows either percentages or counts, not both")
    fig.update_layout(template=TEMPLATE_NAME, title={"text": title})
    fig.update_yaxes(title_text=y_title)
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if percent:
        fig.update_yaxes(range=[0, 100], ticksuffix="%", autorange=False)
    if count:
        fig.update_yaxes(tickformat=",d")
        span = _y_span(fig)
        if span is None or span < 10:
            fig.update_yaxes(tick0=0, dtick=1)
    return fig


def _y_span(fig: go.Figure) -> float | None:
    """The range of the finite y values of all traces, or None when there are none."""
    ys: list[float] = []
    for trace in fig.data:
        values = getattr(trace, "y", None)
        if values is None:
            continue
        ys.extend(
            float(y)
            for y in values
            if isinstance(y, Real) and not isinstance(y, bool) and math.isfinite(y)
        )
    return max(ys) - min(ys) if ys else None


def note_empty(fig: go.Figure, text: str) -> go.Figure:
    """Write ``text`` across the middle of a chart that has nothing to show, so that an
    empty chart says why rather than showing bare axes. Returns the same figure."""
    fig.add_annotation(
        text=text,
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font={"size": TICK_FONT_SIZE},
    )
    return fig


def plain_label(text: object) -> str:
    """``text`` for a Plotly label or hover text, shown as typed.

    Plotly reads ``<a href>``, ``<b>``, ``<br>`` and other tags in chart text, so a data
    source named ``<a href="…">Reset</a>`` would be a live link on the chart; its ``<``,
    ``>`` and ``&`` become entities, which Plotly shows as the characters.
    """
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
