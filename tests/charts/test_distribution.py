"""The score-change histogram and the cohort-size chart, from hand-made frames."""

from __future__ import annotations

import pandas as pd
import pytest

from vrp_metrics.charts.distribution import (
    COHORT_TABLE_COLUMNS,
    HISTOGRAM_TABLE_COLUMNS,
    OUTCOME_STYLE,
    change_histogram,
    cohort_size_figure,
    cohort_table,
    histogram_table,
    outcome,
)


def distribution(rows: list[tuple[str, float, float, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["change", "change_from", "change_to", "participants"])


PAIN = distribution(
    [("-2", -2, -2, 3), ("-1", -1, -1, 5), ("0", 0, 0, 2), ("+1", 1, 1, 1), ("+2", 2, 2, 0)]
)


def traces_by_name(fig) -> dict:
    return {trace.name: trace for trace in fig.data}


def test_a_fall_is_improvement_on_a_falling_is_good_scale() -> None:
    fig = change_histogram(PAIN, scale_direction="down", title="5.1.2.c change in score")
    traces = traces_by_name(fig)
    assert list(traces) == ["Improved (score fell)", "No change", "Worse (score rose)"]
    improved, same, worse = traces.values()
    assert list(improved.x) == ["-2", "-1"] and list(improved.y) == [3, 5]
    assert list(same.x) == ["0"] and list(same.y) == [2]
    assert list(worse.x) == ["+1", "+2"] and list(worse.y) == [1, 0]
    assert list(improved.text) == ["3", "5"]


def test_a_rise_is_improvement_on_a_rising_is_good_scale() -> None:
    fig = change_histogram(PAIN, scale_direction="up", title="5.1.1.a change in score")
    traces = traces_by_name(fig)
    assert list(traces["Improved (score rose)"].x) == ["+1", "+2"]
    assert list(traces["Worse (score fell)"].x) == ["-2", "-1"]


def test_outcomes_differ_by_colour_and_pattern_not_colour_alone() -> None:
    fig = change_histogram(PAIN, scale_direction="down", title="t")
    colours = {trace.marker.color for trace in fig.data}
    patterns = {trace.marker.pattern.shape for trace in fig.data}
    assert len(colours) == 3 and len(patterns) == 3
    assert {style.label for style in OUTCOME_STYLE.values()} == {"Improved", "No change", "Worse"}


def test_histogram_axes_name_their_units_and_keep_the_change_order() -> None:
    fig = change_histogram(PAIN, scale_direction="down", title="A title")
    layout = fig.layout
    assert layout.yaxis.title.text == "Participants (number)"
    assert layout.xaxis.title.text == (
        "Change since first reading (points; a fall is an improvement)"
    )
    assert list(layout.xaxis.categoryarray) == ["-2", "-1", "0", "+1", "+2"]
    assert layout.title.text == "A title"


def test_ranges_are_classed_by_the_side_of_zero_they_lie() -> None:
    ranges = distribution(
        [("-10 to -5", -10, -5, 2), ("-5 to 0", -5, 0, 4), ("0", 0, 0, 1), ("0 to +5", 0, 5, 3)]
    )
    traces = traces_by_name(change_histogram(ranges, scale_direction="down", title="t"))
    assert list(traces["Improved (score fell)"].x) == ["-10 to -5", "-5 to 0"]
    assert list(traces["Worse (score rose)"].x) == ["0 to +5"]
    assert outcome(0, 5, "up") == "improved"
    assert outcome(-5, 0, "up") == "worse"
    assert outcome(0, 0, "down") == "no change"


def test_an_empty_distribution_says_so() -> None:
    empty = distribution([])
    fig = change_histogram(empty, scale_direction="down", title="t")
    assert len(fig.data) == 0
    assert "No cohort for this period" in fig.layout.annotations[0].text


def test_histogram_table_has_the_chart_numbers() -> None:
    table = histogram_table(PAIN, scale_direction="down")
    assert list(table.columns) == list(HISTOGRAM_TABLE_COLUMNS)
    assert table.to_dict("records")[0] == {
        "Change in score": "-2",
        "Participants": 3,
        "Meaning": "Improved",
    }
    assert table["Meaning"].tolist() == ["Improved", "Improved", "No change", "Worse", "Worse"]


def test_bad_input_is_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match="change_distribution"):
        change_histogram(pd.DataFrame({"change": ["0"]}), scale_direction="down", title="t")
    with pytest.raises(ValueError, match="'up' or 'down'"):
        change_histogram(PAIN, scale_direction="sideways", title="t")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="cohort_sizes"):
        cohort_size_figure(pd.DataFrame({"period": ["2025/26 Q1"]}), title="t")


COHORTS = pd.DataFrame(
    {"period": ["2025/26 Q1", "2025/26 Q2", "2025/26 Q3"], "cohort_size": [4, 13, 9]}
)


def test_cohort_chart_is_one_labelled_bar_per_quarter() -> None:
    fig = cohort_size_figure(COHORTS, title="5.1.2.c cohort size by quarter")
    assert len(fig.data) == 1
    bars = fig.data[0]
    assert list(bars.x) == ["2025/26 Q1", "2025/26 Q2", "2025/26 Q3"]
    assert list(bars.y) == [4, 13, 9]
    assert list(bars.text) == ["4", "13", "9"]
    assert fig.layout.yaxis.title.text == "Participants (number)"
    assert fig.layout.xaxis.title.text == "Quarter"


def test_cohort_table_has_the_chart_numbers() -> None:
    table = cohort_table(COHORTS)
    assert list(table.columns) == list(COHORT_TABLE_COLUMNS)
    assert table["Cohort size (participants)"].tolist() == [4, 13, 9]


def test_an_empty_cohort_chart_says_so() -> None:
    fig = cohort_size_figure(COHORTS.iloc[0:0], title="t")
    assert "No cohort in any quarter yet" in fig.layout.annotations[0].text
