"""The trend chart and its table, from a hand-made series frame."""

from __future__ import annotations

import pandas as pd
import pytest

from vrp_metrics.charts.theme import RAG_STYLE, SPC_LINE_COLOURS
from vrp_metrics.charts.trend import (
    LINE_COLOUR,
    TABLE_COLUMNS,
    labelled_points,
    tick_labels,
    trend_figure,
    trend_table,
    y_axis_title,
)


def series(values: list[float], rags: list[str]) -> pd.DataFrame:
    """A measure_series-shaped frame of quarters from 2024/25 Q1, as text and numbers."""
    labels = [f"2024/25 Q{q}" for q in range(1, 5)] + [f"2025/26 Q{q}" for q in range(1, 5)]
    labels = labels[: len(values)]
    return pd.DataFrame(
        {
            "period": labels,
            "value": values,
            "value_text": [f"{v:.1f}%" for v in values],
            "based_on": [f"{round(v)} / 100" for v in values],
            "rag": rags,
            "rag_text": [f"{RAG_STYLE[r].symbol} {RAG_STYLE[r].label}" for r in rags],
            "comparator_period": [None, *labels[:-1]],
            "comparator_text": ["—", *(f"{v:.1f}%" for v in values[:-1])],
            "change_text": [
                "—",
                *(f"{b - a:+.1f} pp" for a, b in zip(values[:-1], values[1:], strict=True)),
            ],
        }
    )


PERCENT = series([50.0, 60.0, 58.0, 40.0, 41.0], ["grey", "green", "amber", "red", "amber"])


def traces(fig):
    return {trace.name: trace for trace in fig.data}


def test_each_rag_status_has_its_own_trace_named_in_words_with_its_shape_and_colour():
    fig = trend_figure(PERCENT, title="2.2.2.a", unit="%", kind="percentage")
    by_name = traces(fig)
    assert set(by_name) == {"Value", "Green", "Amber", "Red", "Not rated"}
    for rag in ("green", "amber", "red", "grey"):
        style = RAG_STYLE[rag]
        trace = by_name[style.label]
        assert trace.marker.symbol == style.marker
        assert trace.marker.color == style.colour
        assert trace.showlegend is not False
    amber = by_name["Amber"]
    assert list(amber.x) == ["2024/25 Q3", "2025/26 Q1"]
    assert list(amber.y) == [58.0, 41.0]
    assert list(amber.text) == ["58.0%", "41.0%"]  # every point is labelled with its value
    assert "markers" in amber.mode and "text" in amber.mode
    assert fig.layout.legend.title.text == "RAG rating:"


def test_the_line_joins_every_value_and_stays_out_of_the_legend():
    line = traces(trend_figure(PERCENT, title="t", unit="%", kind="percentage"))["Value"]
    assert list(line.y) == [50.0, 60.0, 58.0, 40.0, 41.0]
    assert line.mode == "lines" and line.showlegend is False
    assert line.line.color == LINE_COLOUR


def test_only_the_statuses_present_get_a_trace():
    fig = trend_figure(series([1.0, 2.0], ["grey", "green"]), title="t", unit="", kind="count")
    assert [t.name for t in fig.data] == ["Value", "Green", "Not rated"]


def test_percentages_use_a_fixed_0_to_100_axis_with_the_unit_in_its_title():
    fig = trend_figure(PERCENT, title="t", unit="%", kind="pct_improved")
    assert tuple(fig.layout.yaxis.range) == (0, 100)
    assert fig.layout.yaxis.ticksuffix == "%"
    assert fig.layout.yaxis.title.text == "Percentage of the cohort (%)"


def test_counts_have_whole_number_ticks_from_zero():
    counts = series([407.0, 412.0, 392.0], ["grey", "amber", "green"])
    fig = trend_figure(counts, title="t", unit="", kind="count")
    assert fig.layout.yaxis.tickformat == ",d"
    assert fig.layout.yaxis.rangemode == "tozero"
    assert fig.layout.yaxis.title.text == "Number"
    assert list(traces(fig)["Green"].text) == ["392"]


def test_average_changes_keep_zero_in_view_and_sign_their_labels():
    means = series([-1.25, -0.4, 0.42], ["grey", "red", "red"])
    fig = trend_figure(means, title="t", unit="points", kind="mean_change")
    assert fig.layout.yaxis.rangemode == "tozero"
    assert fig.layout.yaxis.zeroline is True
    assert fig.layout.yaxis.title.text == "Average change in score (points)"
    assert list(traces(fig)["Red"].text) == ["-0.40", "+0.42"]


def test_a_target_is_a_dashed_line_named_target_and_labelled():
    fig = trend_figure(PERCENT, title="t", unit="%", kind="percentage", target=55.0)
    target = traces(fig)["Target"]
    assert target.line.dash == "dash"
    assert target.line.color == SPC_LINE_COLOURS["target"]
    assert list(target.y) == [55.0] * 5
    assert list(target.x) == list(PERCENT["period"])
    assert [a.text for a in fig.layout.annotations] == ["Target 55.0%"]


def test_no_target_no_target_line():
    fig = trend_figure(PERCENT, title="t", unit="%", kind="percentage")
    assert "Target" not in traces(fig)


def test_the_title_wraps_and_the_quarters_read_level_with_the_year_under_each_q1():
    title = "5.1.5.b Young people reached from schools in hotspot areas and priority schools"
    fig = trend_figure(PERCENT, title=title, unit="%", kind="percentage")
    assert "<br>" in fig.layout.title.text
    assert fig.layout.title.text.replace("<br>", " ") == title
    assert list(fig.layout.xaxis.categoryarray) == list(PERCENT["period"])
    assert list(fig.layout.xaxis.ticktext) == ["Q1<br>2024/25", "Q2", "Q3", "Q4", "Q1<br>2025/26"]
    assert fig.layout.xaxis.tickangle == 0
    assert fig.layout.xaxis.title.text == "Quarter"


def test_tick_labels_name_the_year_of_the_first_quarter_and_show_years_whole():
    assert tick_labels(["2024/25 Q3", "2024/25 Q4", "2025/26 Q1"]) == [
        "Q3<br>2024/25",
        "Q4",
        "Q1<br>2025/26",
    ]
    assert tick_labels(["2023/24", "2024/25"]) == ["2023/24", "2024/25"]


def test_a_yearly_series_has_financial_years_on_its_axis():
    years = series([1836.0, 2235.0], ["grey", "green"]).assign(period=["2023/24", "2024/25"])
    fig = trend_figure(years, title="4.3.1.c", unit="", kind="count")
    assert fig.layout.xaxis.title.text == "Financial year"


def test_an_empty_series_gives_a_chart_that_says_so():
    fig = trend_figure(PERCENT.iloc[0:0], title="t", unit="%", kind="percentage")
    assert [t.name for t in fig.data] == ["Value"]
    assert [a.text for a in fig.layout.annotations] == ["No figures for this measure yet"]


def test_a_frame_without_the_needed_columns_is_refused():
    with pytest.raises(ValueError, match="lacks column"):
        trend_figure(PERCENT.drop(columns="rag"), title="t", unit="%", kind="percentage")


def test_y_axis_titles_name_the_quantity_and_the_unit():
    assert y_axis_title("tracker_green_pct", "%") == "Percentage of data sources (%)"
    assert y_axis_title("count", "") == "Number"


def test_the_table_has_the_chart_numbers_in_words():
    table = trend_table(PERCENT)
    assert list(table.columns) == list(TABLE_COLUMNS)
    assert table.iloc[0].tolist() == ["2024/25 Q1", "50.0%", "50 / 100", "○ Not rated", "—", "—"]
    assert table.iloc[3].tolist() == [
        "2024/25 Q4",
        "40.0%",
        "40 / 100",
        "■ Red",
        "58.0% in 2024/25 Q3",
        "-18.0 pp",
    ]
    assert len(table) == len(PERCENT)


def test_a_long_series_labels_every_other_point_back_from_the_latest():
    # 7 points or fewer: all labelled. 14 quarters: ceil(14 / 7) = 2, so the latest
    # (position 13) and every second before it (11, 9, ..., 1) — 7 labels.
    assert labelled_points(5) == {0, 1, 2, 3, 4}
    assert labelled_points(7) == set(range(7))
    assert labelled_points(14) == {1, 3, 5, 7, 9, 11, 13}
    # 15 points: ceil(15 / 7) = 3 -> positions 14, 11, 8, 5, 2.
    assert labelled_points(15) == {2, 5, 8, 11, 14}
    fourteen = pd.DataFrame(
        {
            "period": [f"20{y}/{y + 1} Q{q}" for y in range(22, 26) for q in range(1, 5)][:14],
            "value": [float(v) for v in range(40, 54)],
            "rag": ["green"] * 14,
        }
    )
    fig = trend_figure(fourteen, title="t", unit="%", kind="percentage")
    labels = list(traces(fig)["Green"].text)
    assert labels[-1] == "53.0%" and labels[-2] == ""
    assert sum(1 for label in labels if label) == 7
