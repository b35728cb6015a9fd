"""Outcome readings: one test per rule, each with a small bad file, and the clean rows of
good CSV and Excel files."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from vrp_metrics.returns import ReturnKind

HEADER = "participant_ref,scale,area,reading_date,score\n"
DATE_FORMS = "dd/mm/yyyy (such as 31/03/2025) or yyyy-mm-dd (such as 2025-03-31)"
STAR = "RESET Outcomes Star"
STAR_AREAS = (
    "Meaningful use of time, Emotional and mental health, Social networks and relationships "
    "or Offending"
)


@pytest.fixture
def readings(write_csv, validate):
    """Validate an outcome readings return made of HEADER and the given data rows."""

    def run(rows: str):
        return validate(write_csv("readings.csv", HEADER + rows))

    return run


def expected_clean_rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "participant_ref": pd.Series(["RS-001", "RS-001", "1017", "1017", "CH-9"], dtype="str"),
            "scale": pd.Series(
                [
                    STAR,
                    STAR,
                    "A&E Navigators pain scale",
                    "A&E Navigators pain scale",
                    "RESET Crime Harm Index",
                ],
                dtype="str",
            ),
            "area": pd.Series(
                [
                    "Meaningful use of time",
                    "Meaningful use of time",
                    "Mental health pain scale",
                    "Mental health pain scale",
                    "Crime Harm Index",
                ],
                dtype="str",
            ),
            "reading_date": pd.to_datetime(
                ["2024-04-01", "2024-07-15", "2024-06-03", "2024-09-03", "2024-05-01"]
            ).astype("datetime64[us]"),
            "score": [4.0, 6.0, 8.0, 5.0, 12.5],
            "source_row": pd.Series([2, 3, 4, 5, 6], dtype="int64"),
        }
    )


GOOD = HEADER + (
    f"RS-001,{STAR},Meaningful use of time,01/04/2024,4\n"
    "  RS-001 ,reset  outcomes star,MEANINGFUL USE OF TIME,2024-07-15,6\n"
    "1017,A&E Navigators pain scale,,03/06/2024,8\n"
    "1017,a&e navigators pain scale,mental health pain scale,2024-09-03,5.0\n"
    "CH-9,RESET Crime Harm Index,,1/5/2024,12.5\n"
)


def test_a_good_readings_return_gives_canonical_names_and_dates(write_csv, validate):
    report = validate(write_csv("readings.csv", GOOD))
    assert report.ok, report.errors
    assert report.kind is ReturnKind.readings
    pd.testing.assert_frame_equal(report.data, expected_clean_rows())


def test_an_excel_readings_return_reads_date_cells_and_number_cells(write_xlsx, validate):
    rows = [
        ["Participant Ref", "Scale", "Area", "Reading Date", "Score"],
        ["RS-001", STAR, "Meaningful use of time", dt.datetime(2024, 4, 1), 4],
        ["RS-001", STAR, "Meaningful use of time", dt.date(2024, 7, 15), 6.0],
        [1017, "A&E Navigators pain scale", None, "03/06/2024", 8],
        # a date cell with a time of day: the reading is on that date
        [1017.0, "A&E Navigators pain scale", None, dt.datetime(2024, 9, 3, 13, 30), "5"],
        ["CH-9", "RESET Crime Harm Index", None, "2024-05-01", 12.5],
    ]
    report = validate(write_xlsx("readings.xlsx", rows))
    assert report.ok, report.errors
    pd.testing.assert_frame_equal(report.data, expected_clean_rows())


def test_excel_cells_are_reported_as_the_partner_sees_them(write_xlsx, validate):
    rows = [
        ["participant_ref", "scale", "area", "reading_date", "score"],
        ["RS-001", STAR, "Offending", dt.datetime(2030, 1, 1), 11.0],
    ]
    report = validate(write_xlsx("readings.xlsx", rows))
    assert [(e.row, e.column, e.value) for e in report.errors] == [
        (2, "reading_date", "2030-01-01"),
        (2, "score", "11"),
    ]


def test_participants_with_one_reading_give_one_summary_warning(readings):
    report = readings(
        f"A,{STAR},Offending,01/04/2024,4\n"
        f"A,{STAR},Offending,01/07/2024,5\n"
        f"A,{STAR},Meaningful use of time,01/07/2024,5\n"
        f"B,{STAR},Offending,01/04/2024,4\n"
        "C,RESET Crime Harm Index,,01/04/2024,0\n"
    )
    assert report.ok
    [warning] = report.warnings
    assert (warning.row, warning.column, warning.value) == (None, "participant_ref", None)
    assert warning.message.startswith(
        "3 participants have only one reading of a scale and area in this file."
    )
    assert "they count in no cohort until a later reading arrives" in warning.message


# -- one test per rule ----------------------------------------------------------------------


def test_a_missing_required_column_is_named(write_csv, validate):
    report = validate(
        write_csv(
            "readings.csv",
            f"participant_ref,scale,area,reading_date\nA,{STAR},Offending,01/04/2024\n",
        )
    )
    [error] = report.errors
    assert (error.row, error.column, error.value) == (None, "score", None)
    assert "The required column score is missing" in error.message


def test_an_empty_participant_ref_says_what_to_give(readings):
    [error] = readings(f" ,{STAR},Offending,01/04/2024,4\n").errors
    assert (error.row, error.column, error.value) == (2, "participant_ref", None)
    assert error.message == (
        "participant_ref is empty: give the participant's pseudonymous reference "
        "(at most 64 characters)."
    )


def test_a_participant_ref_longer_than_64_characters_is_refused(readings):
    ref = "X" * 65
    [error] = readings(f"{ref},{STAR},Offending,01/04/2024,4\n").errors
    assert (error.row, error.column, error.value) == (2, "participant_ref", ref)
    assert error.message == (
        "This reference is 65 characters long: use the participant's pseudonymous reference, "
        "at most 64 characters."
    )


def test_an_unknown_scale_lists_the_scales(readings):
    [error] = readings("A,Outcome Star,Offending,01/04/2024,4\n").errors
    assert (error.row, error.column, error.value) == (2, "scale", "Outcome Star")
    assert error.message == (
        "'Outcome Star' is not a scale in the catalogue: use RESET Outcomes Star, "
        "A&E Navigators pain scale or RESET Crime Harm Index."
    )


@pytest.mark.parametrize(
    ("row", "value", "expected"),
    [
        (
            f"A,{STAR},,01/04/2024,4",
            None,
            f"area is empty: {STAR} has several areas, so name one: {STAR_AREAS}.",
        ),
        (
            f"A,{STAR},Sleep,01/04/2024,4",
            "Sleep",
            f"'Sleep' is not an area of {STAR}: use {STAR_AREAS}.",
        ),
        (
            "A,A&E Navigators pain scale,Offending,01/04/2024,4",
            "Offending",
            "'Offending' is not an area of A&E Navigators pain scale: use Mental health pain "
            "scale, or leave area empty.",
        ),
    ],
)
def test_the_area_is_one_of_the_scale(readings, row, value, expected):
    [error] = readings(row + "\n").errors
    assert (error.row, error.column, error.value) == (2, "area", value)
    assert error.message == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "31/02/2025",
            f"'31/02/2025' is not a real date: give a date that exists, as {DATE_FORMS}.",
        ),
        (
            "2025-13-01",
            f"'2025-13-01' is not a real date: give a date that exists, as {DATE_FORMS}.",
        ),
        ("2025/03/31", f"'2025/03/31' is not a date: write it as {DATE_FORMS}."),
        ("01/05/24", f"'01/05/24' is not a date: write it as {DATE_FORMS}."),
        ("March 2025", f"'March 2025' is not a date: write it as {DATE_FORMS}."),
    ],
)
def test_a_reading_date_is_a_real_date_in_an_accepted_form(readings, value, expected):
    [error] = readings(f"A,{STAR},Offending,{value},4\n").errors
    assert (error.row, error.column, error.value) == (2, "reading_date", value)
    assert error.message == expected


def test_a_reading_date_after_today_is_refused(readings):
    report = readings(f"A,{STAR},Offending,15/05/2025,4\nA,{STAR},Offending,16/05/2025,5\n")
    [error] = report.errors
    assert (error.row, error.column, error.value) == (3, "reading_date", "16/05/2025")
    assert error.message == (
        "'16/05/2025' is in the future: a reading date must be on or before today (15/05/2025)."
    )


@pytest.mark.parametrize(
    ("scale", "area", "score", "expected"),
    [
        (
            STAR,
            "Offending",
            "high",
            f"'high' is not a number: a {STAR} score is a whole number from 1 to 10.",
        ),
        (
            STAR,
            "Offending",
            "11",
            f"'11' is outside the range of {STAR}: give a whole number from 1 to 10.",
        ),
        (
            STAR,
            "Offending",
            "0",
            f"'0' is outside the range of {STAR}: give a whole number from 1 to 10.",
        ),
        (
            STAR,
            "Offending",
            "6.5",
            f"'6.5' is not a whole number: a {STAR} score is a whole number from 1 to 10.",
        ),
        (
            "RESET Crime Harm Index",
            "",
            "-0.5",
            "'-0.5' is outside the range of RESET Crime Harm Index: give a number of at least 0.",
        ),
    ],
)
def test_a_score_fits_its_scale(readings, scale, area, score, expected):
    [error] = readings(f"A,{scale},{area},01/04/2024,{score}\n").errors
    assert (error.row, error.column, error.value) == (2, "score", score)
    assert error.message == expected


def test_a_reading_given_twice_names_the_first_row(readings):
    report = readings(
        f"A,{STAR},Offending,01/04/2024,4\n"
        f"A,{STAR},Offending,01/07/2024,5\n"
        f"A,{STAR.upper()},offending,2024-04-01,6\n"
    )
    [error] = report.errors
    assert (error.row, error.column) == (4, "participant_ref, scale, area, reading_date")
    assert error.value == f"A, {STAR}, Offending, 01/04/2024"
    assert error.message == (
        "This reading repeats row 2 (the same participant_ref, scale, area, reading_date): "
        "give each reading once."
    )


@pytest.mark.parametrize(
    ("value", "row"),
    [("0001-01-01", 3), ("01/04/0202", 3), ("31/03/2015", 3)],
)
def test_a_reading_date_before_the_earliest_period_is_refused(readings, value, row):
    """1 April 2015, the first day of 2015/16, is accepted; the day before is not."""
    report = readings(f"A,{STAR},Offending,01/04/2015,4\nA,{STAR},Offending,{value},5\n")
    [error] = report.errors
    assert (error.row, error.column, error.value) == (row, "reading_date", value)
    assert error.message == (
        f"'{value}' is before 1 April 2015, the start of 2015/16, the earliest period the "
        "dashboard takes: check the year."
    )


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (
            "1e308",
            "'1e308' is more than 100,000,000, more than any RESET Crime Harm Index score can "
            "be: check the figure.",
        ),
        (
            "1e309",
            "'1e309' is not a finite number: a RESET Crime Harm Index score is a number of at "
            "least 0.",
        ),
        (
            "inf",
            "'inf' is not a finite number: a RESET Crime Harm Index score is a number of at "
            "least 0.",
        ),
        (
            "nan",
            "'nan' is not a finite number: a RESET Crime Harm Index score is a number of at "
            "least 0.",
        ),
    ],
)
def test_a_crime_harm_index_score_is_finite_and_at_most_a_hundred_million(
    readings, score, expected
):
    """The Crime Harm Index has no maximum of its own: 100,000,000 stands in for one."""
    report = readings(
        "A,RESET Crime Harm Index,,01/04/2024,100000000\n"
        f"A,RESET Crime Harm Index,,01/07/2024,{score}\n"
    )
    [error] = report.errors
    assert (error.row, error.column, error.value) == (3, "score", score)
    assert error.message == expected


def test_a_score_that_is_not_finite_is_one_error_on_a_scale_with_a_range(readings):
    [error] = readings(f"A,{STAR},Offending,01/04/2024,-inf\n").errors
    assert error.message == (
        f"'-inf' is not a finite number: a {STAR} score is a whole number from 1 to 10."
    )
