"""The publication rule for small numbers (DESIGN §8), worked by hand at 0, 1, 7 and 8."""

from __future__ import annotations

import pandas as pd
import pytest

from vrp_metrics import disclosure
from vrp_metrics.catalogue import Measure

WITHHELD = disclosure.WITHHELD


def measure(kind: str, *, counts_people: bool = False) -> Measure:
    return Measure(
        code="5.1.3.a",
        title="t",
        description="d",
        working_group="IEO",
        provider="p",
        data_source="s",
        kind=kind,
        polarity="higher",
        counts_people=counts_people,
    )


@pytest.mark.parametrize(
    ("people", "withheld"),
    [(0, False), (1, True), (7, True), (8, False), (None, False), (float("nan"), False)],
)
def test_a_number_of_people_is_small_from_one_to_seven(people, withheld):
    assert disclosure.is_small(people) is withheld


@pytest.mark.parametrize(
    ("count", "withheld"), [(0, set()), (1, {"value"}), (7, {"value"}), (8, set())]
)
def test_a_count_of_people_from_one_to_seven_is_withheld_and_zero_is_shown(count, withheld):
    fields = disclosure.withheld_fields(measure("count", counts_people=True), {"value": count})
    assert fields == withheld


def test_a_count_of_things_other_than_people_is_never_withheld():
    # 3 training sessions describe no one.
    assert disclosure.withheld_fields(measure("count"), {"value": 3}) == set()


@pytest.mark.parametrize(
    ("numerator", "denominator", "withheld"),
    [
        (0, 7, {"value", "numerator", "denominator"}),  # 0.0% of 7 people
        (1, 1, {"value", "numerator", "denominator"}),  # 100% of 1 person
        (7, 8, set()),  # 87.5% of 8 people: shown
        (0, 0, set()),  # no one asked: zero is shown
    ],
)
def test_a_percentage_of_one_to_seven_people_is_withheld_with_its_numbers(
    numerator, denominator, withheld
):
    figure = {"value": 50.0, "numerator": numerator, "denominator": denominator}
    assert disclosure.withheld_fields(measure("percentage"), figure) == withheld


@pytest.mark.parametrize(
    ("cohort", "withheld"),
    [(1, {"value", "cohort_size"}), (7, {"value", "cohort_size"}), (8, set())],
)
def test_a_mean_change_over_a_cohort_of_one_to_seven_is_withheld_with_its_cohort(cohort, withheld):
    figure = {"value": 1.25, "numerator": None, "denominator": None, "cohort_size": cohort}
    assert disclosure.withheld_fields(measure("mean_change"), figure) == withheld


def test_a_pct_improved_withholds_improved_cohort_and_value_together():
    figure = {"value": 40.0, "numerator": 2, "denominator": 5, "cohort_size": 5}
    assert disclosure.withheld_fields(measure("pct_improved"), figure) == set(disclosure.FIELDS)


def test_the_data_tracker_percentage_counts_sources_not_people():
    figure = {"value": 50.0, "numerator": 2, "denominator": 4}
    assert disclosure.withheld_fields(measure("tracker_green_pct"), figure) == set()


class _OneMeasure:
    def __init__(self, m: Measure) -> None:
        self.m = m

    def measure(self, code: str) -> Measure:
        return self.m


def test_protecting_figures_blanks_the_numbers_and_the_change_that_would_give_them_back():
    # Q1 8 people (shown), Q2 7 (withheld), Q3 9 (shown, but its change of +2 on Q2
    # would give Q2's 7 back, so the change and comparator are withheld with it).
    starts = pd.to_datetime(["2024-04-01", "2024-07-01", "2024-10-01"])
    figures = pd.DataFrame(
        {
            "measure_code": ["5.1.3.a"] * 3,
            "period": ["2024/25 Q1", "2024/25 Q2", "2024/25 Q3"],
            "period_type": ["quarter"] * 3,
            "period_start": starts,
            "value": [8.0, 7.0, 9.0],
            "numerator": pd.array([None] * 3, dtype="Int64"),
            "denominator": pd.array([None] * 3, dtype="Int64"),
            "cohort_size": pd.array([None] * 3, dtype="Int64"),
            "comparator_start": [pd.NaT, starts[0], starts[1]],
            "comparator_value": [None, 8.0, 7.0],
            "change": [None, -1.0, 2.0],
        }
    )
    protected = disclosure.protect_figures(
        figures,
        _OneMeasure(measure("count", counts_people=True)),  # type: ignore[arg-type]
    )
    assert protected["value"].tolist()[0] == 8.0
    assert pd.isna(protected["value"].iloc[1]) and pd.isna(protected["change"].iloc[1])
    assert protected["value"].iloc[2] == 9.0
    assert pd.isna(protected["comparator_value"].iloc[2]) and pd.isna(protected["change"].iloc[2])
    assert protected["withheld"].tolist() == [
        frozenset(),
        frozenset({"value", "change"}),
        frozenset({"comparator_value", "change"}),
    ]
    numbers = protected[["value", "comparator_value", "change"]].to_numpy(dtype=float).ravel()
    assert 7.0 not in numbers.tolist()


def test_the_note_says_what_the_mark_means():
    assert disclosure.NOTE.startswith(WITHHELD)
    assert "fewer than 8 people" in disclosure.NOTE and "Zero is shown" in disclosure.NOTE


def test_a_year_made_of_a_withheld_quarter_is_withheld_too():
    # 2024/25 Q1–Q4: 26, 23, 8, 7 young people; the year's 64 less 26, 23 and 8 is 7.
    starts = pd.to_datetime(["2024-04-01", "2024-07-01", "2024-10-01", "2025-01-01", "2024-04-01"])
    figures = pd.DataFrame(
        {
            "measure_code": ["5.1.3.a"] * 5,
            "period": ["2024/25 Q1", "2024/25 Q2", "2024/25 Q3", "2024/25 Q4", "2024/25"],
            "period_type": ["quarter"] * 4 + ["year"],
            "period_start": starts,
            "value": [26.0, 23.0, 8.0, 7.0, 64.0],
            "numerator": pd.array([None] * 5, dtype="Int64"),
            "denominator": pd.array([None] * 5, dtype="Int64"),
            "cohort_size": pd.array([None] * 5, dtype="Int64"),
            "comparator_start": [pd.NaT] * 5,
            "comparator_value": [None] * 5,
            "change": [None] * 5,
        }
    )
    protected = disclosure.protect_figures(
        figures,
        _OneMeasure(measure("count", counts_people=True)),  # type: ignore[arg-type]
    )
    assert protected["value"].isna().tolist() == [False, False, False, True, True]
