"""The XmR chart builder and its table, from hand-made result tables; and the chart theme."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from vrp_metrics.charts.spc_chart import TABLE_COLUMNS, spc_table, xmr_figure
from vrp_metrics.charts.theme import (
    RAG_STYLE,
    SPC_POINT_STYLE,
    TEMPLATE_NAME,
    apply_layout,
)
from vrp_metrics.spc import xmr

LABELS = [f"2023/24 Q{q}" for q in range(1, 5)] + [f"2024/25 Q{q}" for q in range(1, 5)]


def points_table(point_types: list[str], **columns: list) -> pd.DataFrame:
    """A result table as xmr() returns it, with one group and fixed limits."""
    n = len(point_types)
    table = pd.DataFrame(
        {
            "value": [10.0, 12.0, 17.0, 4.0, 11.0, 12.0, 10.0, 12.0][:n],
            "group": [0] * n,
            "mean": [11.0] * n,
            "lpl": [5.68] * n,
            "upl": [16.32] * n,
            "near_lpl": [7.45] * n,
            "near_upl": [14.55] * n,
            "point_type": point_types,
        }
    )
    for name, values in columns.items():
        table[name] = pd.Series(values, dtype=object)
    return table


MIXED = points_table(
    [
        "common_cause",
        "common_cause",
        "special_cause_improvement",
        "special_cause_concern",
        "common_cause",
        "common_cause",
        "common_cause",
        "common_cause",
    ],
    signal=[None, None, "outside", "outside", None, None, None, None],
    direction=[None, None, "high", "low", None, None, None, None],
)


def trace(fig: go.Figure, name: str) -> go.Scatter:
    matches = [t for t in fig.data if t.name == name]
    assert matches, f"no trace named {name!r} in {[t.name for t in fig.data]}"
    return matches[0]


def names(fig: go.Figure) -> set[str]:
    return {t.name for t in fig.data if t.showlegend is not False}


def test_legend_names_every_line_and_point_type_in_words() -> None:
    fig = xmr_figure(MIXED, labels=LABELS, title="Young people reached", y_title="People")
    assert names(fig) == {
        "Process limits",
        "Mean",
        "Common cause",
        "Special cause – improvement",
        "Special cause – concern",
    }


def test_points_take_the_mdc_colour_and_their_own_shape() -> None:
    fig = xmr_figure(MIXED, labels=LABELS, title="t", y_title="y")
    improvement = trace(fig, "Special cause – improvement")
    concern = trace(fig, "Special cause – concern")
    common = trace(fig, "Common cause")
    assert improvement.marker.color == "#00b0f0"
    assert concern.marker.color == "#e46c0a"
    assert common.marker.color == "#a6a6a6"
    assert len({improvement.marker.symbol, concern.marker.symbol, common.marker.symbol}) == 3
    assert list(improvement.x) == ["2023/24 Q3"] and list(improvement.y) == [17.0]
    assert list(concern.x) == ["2023/24 Q4"] and list(concern.y) == [4.0]
    assert len(common.x) == 6
    assert improvement.customdata[0] == (
        "Special cause – improvement: above the upper process limit"
    )


def test_neutral_high_and_low_share_one_legend_entry() -> None:
    table = points_table(
        ["special_cause_neutral_high", "special_cause_neutral_low", "common_cause"]
    )
    fig = xmr_figure(table, labels=LABELS[:3], title="t", y_title="y")
    neutral = trace(fig, "Special cause – neutral")
    assert neutral.marker.color == SPC_POINT_STYLE["special_cause_neutral"].colour == "#490092"
    assert len(neutral.x) == 2


def test_target_line_is_drawn_and_labelled_only_with_a_target() -> None:
    fig = xmr_figure(MIXED, labels=LABELS, title="t", y_title="y", target=15)
    target = trace(fig, "Target")
    assert list(target.x) == [LABELS[0], LABELS[-1]]
    assert list(target.y) == [15.0, 15.0]
    assert [a.text for a in fig.layout.annotations] == ["Target"]
    fig = xmr_figure(MIXED, labels=LABELS, title="t", y_title="y")
    assert "Target" not in names(fig)


def test_limits_are_dashed_and_near_limit_lines_are_optional() -> None:
    fig = xmr_figure(MIXED, labels=LABELS, title="t", y_title="y")
    limits = [t for t in fig.data if t.name == "Process limits"]
    assert len(limits) == 2
    assert {t.line.dash for t in limits} == {"dash"}
    assert {tuple(t.y) for t in limits} == {(16.32,) * 8, (5.68,) * 8}
    assert "Near-limit lines" not in {t.name for t in fig.data}
    fig = xmr_figure(MIXED, labels=LABELS, title="t", y_title="y", show_near_limits=True)
    near = [t for t in fig.data if t.name == "Near-limit lines"]
    assert {tuple(t.y) for t in near} == {(14.55,) * 8, (7.45,) * 8}


def test_lines_break_at_a_rebase() -> None:
    table = points_table(["common_cause"] * 6)
    table["group"] = [0, 0, 0, 1, 1, 1]
    table.loc[3:, "mean"] = 20.0
    fig = xmr_figure(table, labels=LABELS[:6], title="t", y_title="y")
    mean = trace(fig, "Mean")
    assert list(mean.y) == [11.0, 11.0, 11.0, None, 20.0, 20.0, 20.0]


def test_percent_axis_runs_from_0_to_100() -> None:
    fig = xmr_figure(MIXED, labels=LABELS, title="t", y_title="% positive", percent=True)
    assert tuple(fig.layout.yaxis.range) == (0, 100)
    assert fig.layout.yaxis.ticksuffix == "%"
    assert fig.layout.yaxis.title.text == "% positive"


def test_count_axis_has_whole_number_ticks() -> None:
    fig = xmr_figure(MIXED, labels=LABELS, title="t", y_title="Offences", count=True)
    assert fig.layout.yaxis.tickformat == ",d"


def test_chart_uses_the_large_print_template() -> None:
    fig = xmr_figure(MIXED, labels=LABELS, title="Young people reached", y_title="People")
    assert fig.layout.template == pio.templates[TEMPLATE_NAME]
    assert fig.layout.template.layout.font.size >= 16
    assert fig.layout.title.text == "Young people reached"
    assert fig.layout.xaxis.title.text == "Quarter"
    assert list(fig.layout.xaxis.categoryarray) == LABELS


def test_short_series_are_explained_under_the_title() -> None:
    trial = points_table(["common_cause"] * 8)
    fig = xmr_figure(trial, labels=LABELS, title="t", y_title="y")
    assert fig.layout.title.subtitle.text == "8 quarters: limits are trial limits"

    run_chart = points_table(["common_cause"] * 5)
    run_chart[["lpl", "upl", "near_lpl", "near_upl"]] = math.nan
    fig = xmr_figure(run_chart, labels=LABELS[:5], title="t", y_title="y")
    assert "Process limits" not in {t.name for t in fig.data}
    assert fig.layout.title.subtitle.text.startswith("5 quarters: too few for process limits")


def test_builder_refuses_a_table_it_cannot_draw() -> None:
    with pytest.raises(ValueError, match="one label per point"):
        xmr_figure(MIXED, labels=LABELS[:3], title="t", y_title="y")
    with pytest.raises(ValueError, match="lacks column"):
        xmr_figure(MIXED.drop(columns="upl"), labels=LABELS, title="t", y_title="y")
    with pytest.raises(ValueError, match="unique"):
        xmr_figure(MIXED, labels=[LABELS[0]] * 8, title="t", y_title="y")


def test_table_gives_the_chart_numbers_and_the_signal_in_words() -> None:
    table = spc_table(MIXED, LABELS)
    assert (
        tuple(table.columns)
        == TABLE_COLUMNS
        == (
            "Period",
            "Value",
            "Mean",
            "Lower limit",
            "Upper limit",
            "Signal",
        )
    )
    assert table["Period"].tolist() == LABELS
    assert table.loc[2, "Value"] == 17.0
    assert table.loc[2, "Upper limit"] == 16.3  # rounded to one decimal place
    assert table.loc[0, "Signal"] == "Common cause"
    assert table.loc[3, "Signal"] == "Special cause – concern: below the lower process limit"


def test_table_and_chart_read_a_real_result_table() -> None:
    result = xmr([10, 12] * 6 + [11, 15, 12, 15], fix_after_n_points=12)
    labels = [f"Q{i}" for i in range(16)]
    assert len(xmr_figure(result.points, labels=labels, title="t", y_title="y").data) > 0
    signals = spc_table(result.points, labels)["Signal"].tolist()
    assert signals[-1] == (
        "Special cause – improvement: 2 of 3 values in a row close to the upper limit"
    )


# --- theme -----------------------------------------------------------------------------


def test_rag_styles_pair_each_colour_with_a_word_and_a_distinct_shape() -> None:
    assert set(RAG_STYLE) == {"green", "amber", "red", "grey"}
    assert [s.label for s in RAG_STYLE.values()] == ["Green", "Amber", "Red", "Not rated"]
    assert len({s.symbol for s in RAG_STYLE.values()}) == 4
    assert len({s.marker for s in RAG_STYLE.values()}) == 4
    assert len({s.colour for s in RAG_STYLE.values()}) == 4


def test_apply_layout_steps_small_counts_by_one() -> None:
    fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 3]))
    apply_layout(fig, title="Returns", y_title="Files", count=True)
    assert fig.layout.yaxis.dtick == 1
    with pytest.raises(ValueError, match="either percentages or counts"):
        apply_layout(fig, title="t", y_title="y", percent=True, count=True)
