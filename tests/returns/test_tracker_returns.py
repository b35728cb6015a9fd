"""Data tracker returns: one test per rule, each with a small bad file, and the clean
rows of a good one."""

from __future__ import annotations

import pandas as pd
import pytest

from vrp_metrics.returns import ReturnKind

HEADER = "data_source,agency,period,rag_status,barrier,next_action\n"
QUARTERS = "2024/25 Q1, 2024-25 Q1, Q1 2024/25 or FY2024/25 Q1"


@pytest.fixture
def tracker(write_csv, validate):
    """Validate a data tracker return made of HEADER and the given data rows."""

    def run(rows: str):
        return validate(write_csv("tracker.csv", HEADER + rows))

    return run


def test_a_good_tracker_return_gives_its_clean_rows(tracker):
    report = tracker(
        "Police recorded crime,Constabulary,2024/25 Q3,Green,,\n"
        "A&E attendances, Health ,2024-25 Q3,a,Data sharing agreement pending,Chase IG lead\n"
        "Police recorded crime,Constabulary,Q4 2024/25,r,,\n"
    )
    assert report.ok, report.errors
    assert report.kind is ReturnKind.tracker
    expected = pd.DataFrame(
        {
            "data_source": pd.Series(
                ["Police recorded crime", "A&E attendances", "Police recorded crime"], dtype="str"
            ),
            "agency": pd.Series(["Constabulary", "Health", "Constabulary"], dtype="str"),
            "period": pd.Series(["2024/25 Q3", "2024/25 Q3", "2024/25 Q4"], dtype="str"),
            "period_start": pd.to_datetime(["2024-10-01", "2024-10-01", "2025-01-01"]).astype(
                "datetime64[us]"
            ),
            "rag_status": pd.Series(["green", "amber", "red"], dtype="str"),
            "barrier": pd.Series([None, "Data sharing agreement pending", None], dtype="str"),
            "next_action": pd.Series([None, "Chase IG lead", None], dtype="str"),
            "source_row": pd.Series([2, 3, 4], dtype="int64"),
        }
    )
    pd.testing.assert_frame_equal(report.data, expected)


def test_a_tracker_quarter_not_yet_ended_is_a_warning_only(tracker):
    report = tracker("Police recorded crime,Constabulary,2025/26 Q1,G,,\n")
    assert report.ok
    [warning] = report.warnings
    assert (warning.row, warning.column, warning.value) == (2, "period", "2025/26 Q1")
    assert "has not ended yet" in warning.message


def test_a_tracker_quarter_not_yet_started_is_an_error(tracker):
    [error] = tracker("Police recorded crime,Constabulary,2025/26 Q2,G,,\n").errors
    assert (error.row, error.column, error.value) == (2, "period", "2025/26 Q2")
    assert error.message.startswith("2025/26 Q2 has not started yet (it starts on 1 July 2025)")


def test_a_missing_required_column_is_named(write_csv, validate):
    report = validate(write_csv("tracker.csv", "data_source,period,rag_status\nX,2024/25 Q1,G\n"))
    [error] = report.errors
    assert (error.row, error.column, error.value) == (None, "agency", None)
    assert error.message.startswith("The required column agency is missing: a data tracker")


def test_an_empty_data_source_says_what_to_give(tracker):
    report = tracker(
        "Police recorded crime,Constabulary,2024/25 Q1,G,,\n  ,Health,2024/25 Q1,A,,\n"
    )
    [error] = report.errors
    assert (error.row, error.column, error.value) == (3, "data_source", None)
    assert error.message == "data_source is empty: name the data source."
    assert report.data is None


def test_an_empty_agency_says_what_to_give(tracker):
    [error] = tracker("Police recorded crime,,2024/25 Q1,G,,\n").errors
    assert (error.row, error.column, error.value) == (2, "agency", None)
    assert error.message == "agency is empty: name the agency that holds the data source."


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (
            "2024/25",
            f"'2024/25' is a financial year, but the data tracker is returned "
            f"quarterly: use a quarter such as {QUARTERS}.",
        ),
        ("Q3", f"'Q3' is not a period: use a quarter such as {QUARTERS}."),
    ],
)
def test_a_tracker_period_is_a_quarter(tracker, period, expected):
    [error] = tracker(f"Police recorded crime,Constabulary,{period},G,,\n").errors
    assert (error.row, error.column, error.value) == (2, "period", period)
    assert error.message == expected


def test_a_rag_status_is_red_amber_or_green(tracker):
    [error] = tracker("Police recorded crime,Constabulary,2024/25 Q1,Blue,,\n").errors
    assert (error.row, error.column, error.value) == (2, "rag_status", "Blue")
    assert error.message == (
        "'Blue' is not a RAG status: use Red, Amber or Green (or R, A or G), in any case."
    )


def test_a_data_source_listed_twice_in_a_quarter_names_the_first_row(tracker):
    report = tracker(
        "Police recorded crime,Constabulary,2024/25 Q1,G,,\n"
        "Police recorded crime,Constabulary,2024/25 Q2,G,,\n"
        " police  RECORDED crime ,Constabulary,2024-25 Q1,A,,\n"
    )
    [error] = report.errors
    assert (error.row, error.column) == (4, "data_source, period")
    assert error.value == "police  RECORDED crime, 2024/25 Q1"
    assert error.message == (
        "Data source 'police  RECORDED crime' is already listed for 2024/25 Q1 in row 2: list "
        "each data source once per quarter."
    )


def test_a_tracker_quarter_before_the_earliest_period_is_refused(tracker):
    report = tracker(
        "Police recorded crime,Constabulary,2015/16 Q1,G,,\n"
        "Police recorded crime,Constabulary,1900/01 Q1,G,,\n"
    )
    [error] = report.errors
    assert (error.row, error.column, error.value) == (3, "period", "1900/01 Q1")
    assert error.message == (
        "1900/01 Q1 is before 2015/16, the earliest period the dashboard takes: give a period "
        "from 2015/16 Q1 on (check the year)."
    )
