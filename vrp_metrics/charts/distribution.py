"""Charts of a readings-derived measure's cohort: how scores changed, and cohort sizes.

Built from :func:`vrp_metrics.measure_detail.change_distribution` and
:func:`vrp_metrics.measure_detail.cohort_sizes`; no queries and no statistics here.
Improvement, no change and worsening are told apart by colour, by bar pattern and by
the legend's words, never by colour alone; every bar is labelled with its number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd
import plotly.graph_objects as go

from vrp_metrics.charts.theme import (
    MARKER_OUTLINE,
    SPC_POINT_STYLE,
    TEXT_COLOUR,
    TICK_FONT_SIZE,
    apply_layout,
    note_empty,
)
from vrp_metrics.charts.trend import LINE_COLOUR, wrap_title

Direction = Literal["up", "down"]
Outcome = Literal["improved", "no change", "worse"]

DISTRIBUTION_REQUIRED: tuple[str, ...] = ("change", "change_from", "change_to", "participants")
COHORT_REQUIRED: tuple[str, ...] = ("period", "cohort_size")
HISTOGRAM_TABLE_COLUMNS: tuple[str, ...] = ("Change in score", "Participants", "Meaning")
COHORT_TABLE_COLUMNS: tuple[str, ...] = ("Quarter", "Cohort size (participants)")


@dataclass(frozen=True)
class BarStyle:
    """How a bar of the histogram is drawn: its colour, fill pattern and legend word."""

    colour: str
    pattern: str
    label: str


# The Making Data Count improvement and concern colours, so that "better" and "worse"
# read the same here as on the SPC chart; each also has its own fill pattern.
OUTCOME_STYLE: dict[Outcome, BarStyle] = {
    "improved": BarStyle(SPC_POINT_STYLE["special_cause_improvement"].colour, "", "Improved"),
    "no change": BarStyle("#bfbfbf", ".", "No change"),
    "worse": BarStyle(SPC_POINT_STYLE["special_cause_concern"].colour, "/", "Worse"),
}


def outcome(change_from: float, change_to: float, scale_direction: Direction) -> Outcome:
    """Whether a bar's changes are improvements, no change or worsening on the scale."""
    if scale_direction not in ("up", "down"):
        raise ValueError(f"scale_direction must be 'up' or 'down'; got {scale_direction!r}")
    if change_from == 0 and change_to == 0:
        return "no change"
    rising = change_from >= 0 and change_to > 0
    return "improved" if rising == (scale_direction == "up") else "worse"


def _outcomes(distribution: pd.DataFrame, scale_direction: Direction) -> list[Outcome]:
    missing = [c for c in DISTRIBUTION_REQUIRED if c not in distribution.columns]
    if missing:
        raise ValueError(
            f"the distribution lacks column(s) {missing}: use measure_detail.change_distribution"
        )
    return [
        outcome(a, b, scale_direction)
        for a, b in zip(distribution["change_from"], distribution["change_to"], strict=True)
    ]


def _direction_words(scale_direction: Direction) -> str:
    return "a fall is an improvement" if scale_direction == "down" else "a rise is an improvement"


def outcome_label(key: Outcome, scale_direction: Direction) -> str:
    """An outcome in words with the way the score moved, e.g. "Improved (score fell)"."""
    if key == "no change":
        return OUTCOME_STYLE[key].label
    fell = (key == "improved") == (scale_direction == "down")
    return f"{OUTCOME_STYLE[key].label} (score {'fell' if fell else 'rose'})"


def change_histogram(
    distribution: pd.DataFrame, *, scale_direction: Direction, title: str
) -> go.Figure:
    """Bars of how many participants had each change in score since their first reading.

    ``distribution`` is :func:`~vrp_metrics.measure_detail.change_distribution`'s frame;
    ``scale_direction`` is the scale's good direction (``up`` or ``down``). One bar
    trace per outcome present — "Improved (score fell)", "No change", "Worse (score
    rose)" for a falling-is-good scale — each with its
    colour and pattern; each bar is labelled with its count. An empty distribution gives
    a chart that says so.
    """
    outcomes = _outcomes(distribution, scale_direction)
    x = distribution["change"].astype(str).tolist()
    fig = go.Figure()
    for key, style in OUTCOME_STYLE.items():
        rows = [i for i, o in enumerate(outcomes) if o == key]
        if not rows:
            continue
        label = outcome_label(key, scale_direction)
        counts = [int(distribution["participants"].iloc[i]) for i in rows]
        fig.add_trace(
            go.Bar(
                x=[x[i] for i in rows],
                y=counts,
                name=label,
                marker={
                    "color": style.colour,
                    "line": {"color": MARKER_OUTLINE, "width": 1},
                    "pattern": {"shape": style.pattern, "fgcolor": MARKER_OUTLINE},
                },
                text=[str(c) for c in counts],
                textposition="outside",
                textfont={"size": TICK_FONT_SIZE, "color": TEXT_COLOUR},
                cliponaxis=False,
                hovertemplate=f"Change %{{x}}: %{{y}} participant(s)<extra>{label}</extra>",
            )
        )
    apply_layout(
        fig,
        title=wrap_title(title),
        y_title="Participants (number)",
        count=True,
        x_title=f"Change since first reading (points; {_direction_words(scale_direction)})",
    )
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=x)
    fig.update_yaxes(rangemode="tozero")
    fig.update_layout(barmode="overlay", bargap=0.15, legend_title_text="Score change:")
    if not x:
        note_empty(fig, "No cohort for this period: no reading in it after a participant's first")
    return fig


def histogram_table(distribution: pd.DataFrame, *, scale_direction: Direction) -> pd.DataFrame:
    """The histogram's numbers: each change (or range), its participants and its meaning."""
    outcomes = _outcomes(distribution, scale_direction)
    return pd.DataFrame(
        {
            "Change in score": distribution["change"].astype(str).tolist(),
            "Participants": distribution["participants"].astype("int64").tolist(),
            "Meaning": [OUTCOME_STYLE[o].label for o in outcomes],
        },
        columns=list(HISTOGRAM_TABLE_COLUMNS),
    )


def _check_cohorts(cohorts: pd.DataFrame) -> None:
    missing = [c for c in COHORT_REQUIRED if c not in cohorts.columns]
    if missing:
        raise ValueError(f"the cohorts lack column(s) {missing}: use measure_detail.cohort_sizes")


def cohort_size_figure(cohorts: pd.DataFrame, *, title: str) -> go.Figure:
    """Bars of the cohort size (participants with a follow-up reading) per quarter.

    ``cohorts`` has one row per quarter, oldest first, with ``period`` and
    ``cohort_size`` (:func:`~vrp_metrics.measure_detail.cohort_sizes`). Each bar is
    labelled with its number.
    """
    _check_cohorts(cohorts)
    x = cohorts["period"].astype(str).tolist()
    sizes = [int(n) for n in cohorts["cohort_size"]]
    fig = go.Figure(
        go.Bar(
            x=x,
            y=sizes,
            name="Cohort size",
            marker={"color": LINE_COLOUR, "line": {"color": MARKER_OUTLINE, "width": 1}},
            text=[str(n) for n in sizes],
            textposition="outside",
            textfont={"size": TICK_FONT_SIZE, "color": TEXT_COLOUR},
            cliponaxis=False,
            hovertemplate="%{x}: %{y} participant(s)<extra></extra>",
        )
    )
    apply_layout(
        fig, title=wrap_title(title), y_title="Participants (number)", count=True, x_title="Quarter"
    )
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=x)
    fig.update_yaxes(rangemode="tozero")
    fig.update_layout(showlegend=False)
    if not x:
        note_empty(fig, "No cohort in any quarter yet")
    return fig


def cohort_table(cohorts: pd.DataFrame) -> pd.DataFrame:
    """The cohort chart's numbers, one row per quarter."""
    _check_cohorts(cohorts)
    return pd.DataFrame(
        {
            "Quarter": cohorts["period"].astype(str).tolist(),
            "Cohort size (participants)": cohorts["cohort_size"].astype("int64").tolist(),
        },
        columns=list(COHORT_TABLE_COLUMNS),
    )
