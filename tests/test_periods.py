"""Financial-year periods (1 April - 31 March): the label forms of DESIGN.md §3 and the
period arithmetic the metrics and RAG rules rely on."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pandas as pd
import pytest

from vrp_metrics import periods
from vrp_metrics.periods import PeriodError


def p(label: str) -> pd.Period:
    return periods.parse_period(label)


def labels(items: list[pd.Period]) -> list[str]:
    return [periods.format_period(item) for item in items]


# -- parsing ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "label",
    [
        "2024/25 Q1",
        "2024-25 Q1",
        "Q1 2024/25",
        "FY2024/25 Q1",
        # any case, and extra or surrounding spaces
        "fy2024/25 q1",
        "q1 2024-25",
        "  2024/25   Q1  ",
        "Q1\t2024/25",
        "FY 2024/25 Q1",
        "2024 / 25 Q1",
    ],
)
def test_quarter_label_forms(label: str) -> None:
    period = p(label)
    assert periods.is_quarter(period)
    assert periods.format_period(period) == "2024/25 Q1"


@pytest.mark.parametrize(
    "label", ["2024/25", "2024-25", "FY2024/25", "fy2024/25", " 2024/25 ", "FY 2024-25"]
)
def test_year_label_forms(label: str) -> None:
    period = p(label)
    assert not periods.is_quarter(period)
    assert periods.format_period(period) == "2024/25"


@pytest.mark.parametrize(
    ("label", "canonical"),
    [
        ("2024-25 Q4", "2024/25 Q4"),
        ("Q2 FY2023/24", "2023/24 Q2"),
        ("fy2025-26 q3", "2025/26 Q3"),
        ("FY2023-24", "2023/24"),
        # the financial year across the turn of the century keeps two digits
        ("1999/00 Q2", "1999/00 Q2"),
        ("2009-10", "2009/10"),
    ],
)
def test_canonical_form(label: str, canonical: str) -> None:
    assert periods.canonical(label) == canonical


@pytest.mark.parametrize(
    "label",
    [
        "2024/26 Q1",  # the second year must follow the first
        "2024/24",
        "2024/25 Q5",
        "Q0 2024/25",
        "2024/25 Q",
        "2024",
        "2024 Q1",
        "2024/2025",
        "Q1",
        "24/25 Q1",
        "2024/25Q1",
        "",
        "   ",
        "202/03 Q1",  # a year of three digits, or of five
        "20245/46 Q1",
        "٢٠٢٤/٢٥ Q1",  # 2024/25 in Arabic-Indic digits
        "0000/01 Q1",  # before year 1: no date can hold it
        "9999/00 Q4",  # ends after year 9999
        "9999/00",
    ],
)
def test_rejected_labels(label: str) -> None:
    assert periods.try_parse_period(label) is None
    with pytest.raises(PeriodError):
        periods.parse_period(label)


@pytest.mark.parametrize("value", [None, 2024, 2024.25, pd.NA])
def test_non_text_is_not_a_period(value: object) -> None:
    assert periods.try_parse_period(value) is None


def test_the_rejection_message_names_the_label_and_the_accepted_forms() -> None:
    with pytest.raises(PeriodError) as raised:
        periods.parse_period("2024/26 Q1")
    message = str(raised.value)
    assert "'2024/26 Q1'" in message
    assert "2024/25 Q1" in message
    assert "FY2024/25" in message


def test_parse_none_raises_a_period_error() -> None:
    with pytest.raises(PeriodError):
        periods.parse_period(None)  # type: ignore[arg-type]


# -- dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "start", "end"),
    [
        ("2024/25 Q1", dt.date(2024, 4, 1), dt.date(2024, 6, 30)),
        ("2024/25 Q2", dt.date(2024, 7, 1), dt.date(2024, 9, 30)),
        ("2024/25 Q3", dt.date(2024, 10, 1), dt.date(2024, 12, 31)),
        ("2024/25 Q4", dt.date(2025, 1, 1), dt.date(2025, 3, 31)),
        ("2024/25", dt.date(2024, 4, 1), dt.date(2025, 3, 31)),
        ("2023/24 Q4", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),  # a leap year's Q4
    ],
)
def test_start_and_end_dates(label: str, start: dt.date, end: dt.date) -> None:
    assert periods.start_date(p(label)) == start
    assert periods.end_date(p(label)) == end


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (dt.date(2025, 3, 31), "2024/25 Q4"),
        (dt.date(2025, 4, 1), "2025/26 Q1"),
        (dt.date(2024, 6, 30), "2024/25 Q1"),
        (dt.date(2024, 7, 1), "2024/25 Q2"),
        (dt.date(2024, 12, 31), "2024/25 Q3"),
        (dt.date(2025, 1, 1), "2024/25 Q4"),
        (pd.Timestamp("2025-03-31 23:59:59"), "2024/25 Q4"),
        ("2024-04-01", "2024/25 Q1"),
    ],
)
def test_quarter_of_a_date(day: dt.date | pd.Timestamp | str, quarter: str) -> None:
    assert periods.format_period(periods.quarter_of(day)) == quarter


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (dt.date(2025, 3, 31), "2024/25"),
        (dt.date(2025, 4, 1), "2025/26"),
        (dt.date(2024, 4, 1), "2024/25"),
        (pd.Timestamp("2025-01-15"), "2024/25"),
    ],
)
def test_financial_year_of_a_date(day: dt.date | pd.Timestamp, year: str) -> None:
    assert periods.format_period(periods.financial_year_of(day)) == year


@pytest.mark.parametrize(
    ("quarter", "year"),
    [("2024/25 Q1", "2024/25"), ("2024/25 Q4", "2024/25"), ("2025/26 Q1", "2025/26")],
)
def test_financial_year_of_a_quarter(quarter: str, year: str) -> None:
    assert periods.format_period(periods.financial_year_of(p(quarter))) == year


def test_from_start_reads_back_a_stored_start_date() -> None:
    start = dt.date(2024, 4, 1)
    assert periods.format_period(periods.from_start(start, quarterly=True)) == "2024/25 Q1"
    assert periods.format_period(periods.from_start(start, quarterly=False)) == "2024/25"
    for label in ("2024/25 Q3", "2023/24"):
        period = p(label)
        again = periods.from_start(periods.start_date(period), quarterly=periods.is_quarter(period))
        assert again == period


# -- arithmetic -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "before"),
    [
        ("2024/25 Q2", "2024/25 Q1"),
        ("2024/25 Q1", "2023/24 Q4"),  # Q1 follows the previous year's Q4
        ("2024/25", "2023/24"),
    ],
)
def test_previous(label: str, before: str) -> None:
    assert periods.format_period(periods.previous(p(label))) == before


@pytest.mark.parametrize(
    ("label", "last_year"),
    [
        ("2024/25 Q1", "2023/24 Q1"),
        ("2024/25 Q4", "2023/24 Q4"),
        ("2024/25", "2023/24"),
    ],
)
def test_same_period_last_year(label: str, last_year: str) -> None:
    assert periods.format_period(periods.same_period_last_year(p(label))) == last_year


def test_quarters_of_a_year_in_order() -> None:
    assert labels(periods.quarters_of(p("2024/25"))) == [
        "2024/25 Q1",
        "2024/25 Q2",
        "2024/25 Q3",
        "2024/25 Q4",
    ]


def test_quarters_of_a_year_cover_it_without_gaps() -> None:
    year = p("2024/25")
    quarters = periods.quarters_of(year)
    assert periods.start_date(quarters[0]) == periods.start_date(year)
    assert periods.end_date(quarters[-1]) == periods.end_date(year)
    for earlier, later in pairwise(quarters):
        assert periods.end_date(earlier) + dt.timedelta(days=1) == periods.start_date(later)


def test_period_range_of_quarters_crosses_the_year_end() -> None:
    assert labels(periods.period_range(p("2023/24 Q3"), p("2024/25 Q2"))) == [
        "2023/24 Q3",
        "2023/24 Q4",
        "2024/25 Q1",
        "2024/25 Q2",
    ]


def test_period_range_of_years() -> None:
    assert labels(periods.period_range(p("2022/23"), p("2024/25"))) == [
        "2022/23",
        "2023/24",
        "2024/25",
    ]


def test_period_range_of_one_period() -> None:
    assert labels(periods.period_range(p("2024/25 Q1"), p("2024/25 Q1"))) == ["2024/25 Q1"]


def test_quarter_and_year_constructors() -> None:
    assert periods.quarter(2024, 1) == p("2024/25 Q1")
    assert periods.year(2024) == p("2024/25")
    assert periods.fy_start_year(p("2024/25 Q4")) == 2024
    assert periods.fy_start_year(p("2024/25")) == 2024


@pytest.mark.parametrize(
    ("label", "canonical", "start"),
    [
        ("0001/02 Q1", "0001/02 Q1", dt.date(1, 4, 1)),
        ("0024/25 Q1", "0024/25 Q1", dt.date(24, 4, 1)),
        ("1900/01 Q1", "1900/01 Q1", dt.date(1900, 4, 1)),
        ("9998/99 Q4", "9998/99 Q4", dt.date(9999, 1, 1)),
    ],
)
def test_a_year_far_away_keeps_its_four_digits(label: str, canonical: str, start: dt.date) -> None:
    """Year 1 was shown as "1/02 Q1", which no longer read back as a period; whether such
    a year is accepted in a return is the catalogue's earliest period's business."""
    period = periods.parse_period(label)
    assert periods.format_period(period) == canonical
    assert periods.canonical(canonical) == canonical
    assert periods.start_date(period) == start
