"""Measure returns: one test per rule, each with a small bad file, and the clean rows of
a good one."""

from __future__ import annotations

import copy
import re
from enum import StrEnum

import pandas as pd
import pytest

from tests.returns.conftest import CATALOGUE
from vrp_metrics.catalogue import Catalogue, Frequency, Kind
from vrp_metrics.returns import ReturnKind, validate_file

HEADER = "measure_code,period,value,numerator,denominator,cohort_size,comment\n"
QUARTERS = "2024/25 Q1, 2024-25 Q1, Q1 2024/25 or FY2024/25 Q1"
YEARS = "2024/25, 2024-25 or FY2024/25"


@pytest.fixture
def measure_return(write_csv, validate):
    """Validate a measure return made of HEADER and the given data rows."""

    def run(rows: str):
        return validate(write_csv("measures.csv", HEADER + rows))

    return run


GOOD = HEADER + (
    "1.1.1.e,2024/25 Q1,12,,,,\n"
    '1.1.1.e,Q2 2024/25,7,,,,"Op Sentinel, phase 2"\n'
    "2.2.2.a,2024-25 Q1,,3,4,,\n"
    "4.3.1.c,FY2024/25,250,,,,annual survey\n"
    "5.1.1.a,2024/25 Q4,-1.25,,,8,\n"
    "5.1.1.b,2024/25 Q4,,5,8,,\n"
)


def expected_clean_rows(comment: str = "Op Sentinel, phase 2") -> pd.DataFrame:
    na = pd.NA
    return pd.DataFrame(
        {
            "measure_code": pd.Series(
                ["1.1.1.e", "1.1.1.e", "2.2.2.a", "4.3.1.c", "5.1.1.a", "5.1.1.b"], dtype="str"
            ),
            "period": pd.Series(
                ["2024/25 Q1", "2024/25 Q2", "2024/25 Q1", "2024/25", "2024/25 Q4", "2024/25 Q4"],
                dtype="str",
            ),
            "period_start": pd.to_datetime(
                ["2024-04-01", "2024-07-01", "2024-04-01", "2024-04-01", "2025-01-01", "2025-01-01"]
            ).astype("datetime64[us]"),
            "period_type": pd.Series(
                ["quarter", "quarter", "quarter", "year", "quarter", "quarter"], dtype="str"
            ),
            "value": [12.0, 7.0, 75.0, 250.0, -1.25, 62.5],
            "numerator": pd.array([na, na, 3, na, na, 5], dtype="Int64"),
            "denominator": pd.array([na, na, 4, na, na, 8], dtype="Int64"),
            "cohort_size": pd.array([na, na, na, na, 8, na], dtype="Int64"),
            "comment": pd.Series([None, comment, None, "annual survey", None, None], dtype="str"),
            "source_row": pd.Series([2, 3, 4, 5, 6, 7], dtype="int64"),
        }
    )


# -- good files ---------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_a_good_measure_return_gives_its_clean_rows(write_csv, validate, encoding):
    report = validate(write_csv("measures.csv", GOOD, encoding))
    assert report.ok, report.errors
    assert report.kind is ReturnKind.measure
    assert report.rows == 6
    assert report.warnings == []
    pd.testing.assert_frame_equal(report.data, expected_clean_rows())


def test_a_windows_1252_return_keeps_its_pound_signs_and_accents(write_csv, validate):
    comment = "Café outreach, £5k budget"
    text = GOOD.replace("Op Sentinel, phase 2", comment)
    report = validate(write_csv("measures.csv", text, "cp1252"))
    assert report.ok, report.errors
    pd.testing.assert_frame_equal(report.data, expected_clean_rows(comment))


def test_an_excel_measure_return_reads_numbers_as_typed(write_xlsx, validate):
    rows = [
        ["Measure Code", "Period", "Value", "Numerator", "Denominator", "Cohort Size", "Comment"],
        ["1.1.1.e", "2024/25 Q1", 12, None, None, None, None],
        ["1.1.1.e", "Q2 2024/25", 7.0, None, None, None, "Op Sentinel, phase 2"],
        ["2.2.2.a", "2024-25 Q1", None, 3, 4.0, None, None],
        ["4.3.1.c", "FY2024/25", 250, None, None, None, "annual survey"],
        ["5.1.1.a", "2024/25 Q4", -1.25, None, None, 8, None],
        ["5.1.1.b", "2024/25 Q4", None, 5, 8, None, None],
    ]
    report = validate(write_xlsx("measures.xlsx", rows))
    assert report.ok, report.errors
    pd.testing.assert_frame_equal(report.data, expected_clean_rows())


def test_a_quarter_not_yet_ended_is_a_warning_only(measure_return):
    report = measure_return("1.1.1.e,2025/26 Q1,4,,,,\n")
    assert report.ok
    [warning] = report.warnings
    assert (warning.row, warning.column, warning.value) == (2, "period", "2025/26 Q1")
    assert warning.message.startswith("2025/26 Q1 has not ended yet (it ends on 30 June 2025)")


def test_a_period_not_yet_started_is_an_error(measure_return):
    report = measure_return("1.1.1.e,2025/26 Q2,4,,,,\n4.3.1.c,2026/27,5,,,,\n")
    assert [(e.row, e.column, e.value, e.message) for e in report.errors] == [
        (
            2,
            "period",
            "2025/26 Q2",
            "2025/26 Q2 has not started yet (it starts on 1 July 2025): give a period that "
            "has started, such as the current one or an earlier one.",
        ),
        (
            3,
            "period",
            "2026/27",
            "2026/27 has not started yet (it starts on 1 April 2026): give a period that "
            "has started, such as the current one or an earlier one.",
        ),
    ]
    assert report.warnings == [] and report.data is None


# -- one test per rule ----------------------------------------------------------------------


def test_a_missing_required_column_is_named_with_the_columns_needed(write_csv, validate):
    report = validate(write_csv("measures.csv", "measure_code,value\n1.1.1.e,5\n"))
    [error] = report.errors
    assert (error.row, error.column, error.value) == (None, "period", None)
    assert "The required column period is missing" in error.message
    assert "a measure return has the columns measure_code, period" in error.message


def test_an_empty_required_cell_says_what_to_give(measure_return):
    [error] = measure_return(",2024/25 Q1,5,,,,\n").errors
    assert (error.row, error.column, error.value) == (2, "measure_code", None)
    assert error.message == (
        "measure_code is empty: give the code of a measure in the catalogue, such as 1.1.1.e."
    )


def test_an_unknown_measure_code_lists_the_codes_accepted(measure_return):
    [error] = measure_return("1.1.1.e,2024/25 Q1,5,,,,\n9.9.9.z,2024/25 Q1,5,,,,\n").errors
    assert (error.row, error.column, error.value) == (3, "measure_code", "9.9.9.z")
    assert error.message == (
        "'9.9.9.z' is not a measure code in the catalogue: use one of 1.1.1.e, 2.2.2.a, "
        "4.3.1.c, 5.1.1.a, 5.1.1.b or 5.1.2.c."
    )


def test_the_data_tracker_measure_is_sent_as_a_tracker_return(measure_return):
    [error] = measure_return("3.1.1.a,2024/25 Q1,80,,,,\n").errors
    assert (error.row, error.column, error.value) == (2, "measure_code", "3.1.1.a")
    assert "send a data tracker return instead" in error.message


def catalogue_after_a_reload(catalogue: Catalogue) -> Catalogue:
    """The catalogue as the dashboard may hold it after Streamlit reloaded the catalogue
    module in development: its enum members come from the earlier import, so they are
    equal to the current ones but not the same objects."""
    earlier = {
        enum: StrEnum(enum.__name__, [(member.name, member.value) for member in enum])
        for enum in (Kind, Frequency)
    }
    measures = [
        m.model_copy(
            update={"kind": earlier[Kind](m.kind), "frequency": earlier[Frequency](m.frequency)}
        )
        for m in catalogue.measures
    ]
    return Catalogue.model_construct(**{**dict(catalogue), "measures": measures})


@pytest.mark.parametrize("reloaded", [False, True], ids=["catalogue", "catalogue after a reload"])
def test_an_unknown_code_is_offered_only_codes_a_measure_return_accepts(
    write_csv, catalogue, today, reloaded
):
    """The data tracker's measure is not offered: its figures come from data tracker
    returns, and a measure return giving its code is told so."""
    if reloaded:
        catalogue = catalogue_after_a_reload(catalogue)

    def errors(rows: str) -> list:
        path = write_csv("measures.csv", HEADER + rows)
        return validate_file(path, catalogue, today=today).errors

    [unknown] = errors("9.9.9.z,2024/25 Q1,5,,,,\n")
    offered = re.findall(r"\d+\.\d+\.\d+\.[a-z]", unknown.message.partition("use one of")[2])
    assert offered == ["1.1.1.e", "2.2.2.a", "4.3.1.c", "5.1.1.a", "5.1.1.b", "5.1.2.c"]
    rows = "".join(f"{code},2024/25 Q1,,,,,\n" for code in [*offered, "3.1.1.a"])
    refused = [e for e in errors(rows) if e.column == "measure_code"]
    assert [e.value for e in refused] == ["3.1.1.a"]
    assert "Partnership Data Tracker" in refused[0].message
    assert "send a data tracker return instead" in refused[0].message


def test_an_annual_measure_is_read_as_annual_after_a_reload(write_csv, catalogue, today):
    path = write_csv("measures.csv", HEADER + "4.3.1.c,2024/25,250,,,,\n4.3.1.c,2024/25 Q1,9,,,,\n")
    [error] = validate_file(path, catalogue_after_a_reload(catalogue), today=today).errors
    assert (error.row, error.column) == (3, "period")
    assert "this measure is annual" in error.message


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "1.1.1.e,2024/25 Q5,3,,,,",
            f"'2024/25 Q5' is not a period: use a quarter such as {QUARTERS} "
            f"(this measure is quarterly).",
        ),
        (
            "4.3.1.c,2024/2025,3,,,,",
            f"'2024/2025' is not a period: use a financial year such as {YEARS} "
            f"(this measure is annual).",
        ),
    ],
)
def test_a_period_that_does_not_parse_says_which_forms_to_use(measure_return, row, expected):
    [error] = measure_return(row + "\n").errors
    assert (error.row, error.column, error.value) == (2, "period", row.split(",")[1])
    assert error.message == expected


@pytest.mark.parametrize(
    ("row", "needed"),
    [
        ("1.1.1.e,2024/25,3,,,,", f"this measure is quarterly: use a quarter such as {QUARTERS}"),
        (
            "4.3.1.c,2024/25 Q3,3,,,,",
            f"this measure is annual: use a financial year such as {YEARS}",
        ),
    ],
)
def test_the_period_fits_how_often_the_measure_is_reported(measure_return, row, needed):
    [error] = measure_return(row + "\n").errors
    assert (error.row, error.column, error.value) == (2, "period", row.split(",")[1])
    assert error.message.endswith(needed + ".")


@pytest.mark.parametrize(
    ("row", "column", "value", "needed"),
    [
        ("2.2.2.a,2024/25 Q1,75,3,4,,", "value", "75", "give numerator and denominator"),
        ("1.1.1.e,2024/25 Q1,5,1,,,", "numerator", "1", "give value (a whole number of 0 or more)"),
        (
            "5.1.1.a,2024/25 Q1,1.5,,9,4,",
            "denominator",
            "9",
            "give value (any number) and cohort_size",
        ),
        (
            "1.1.1.e,2024/25 Q1,5,,,8,",
            "cohort_size",
            "8",
            "leave numerator, denominator and cohort_size",
        ),
    ],
)
def test_a_figure_in_a_column_the_measure_does_not_take_names_the_columns_it_needs(
    measure_return, row, column, value, needed
):
    [error] = measure_return(row + "\n").errors
    assert (error.row, error.column, error.value) == (2, column, value)
    assert error.message.startswith(f"'{value}' is not expected in {column}: this measure is")
    assert needed in error.message


@pytest.mark.parametrize("value", ["-3", "2.5", "ten", ""])
def test_a_count_is_a_whole_number_of_zero_or_more(measure_return, value):
    [error] = measure_return(f"1.1.1.e,2024/25 Q1,{value},,,,\n").errors
    assert (error.row, error.column, error.value) == (2, "value", value or None)
    if value:
        assert error.message == (
            f"'{value}' is not a whole number of 0 or more, which this measure (a count) needs."
        )
    else:
        assert error.message.startswith("value is empty: this measure is a count, so give value")


@pytest.mark.parametrize(
    ("value", "cohort_size", "column", "bad", "valid"),
    [
        ("abc", "8", "value", "abc", "give a number such as 1.5 or -0.25"),
        ("", "8", "value", None, "give value (any number)"),
        ("1.5", "0", "cohort_size", "0", "is not a whole number greater than 0"),
        ("1.5", "2.5", "cohort_size", "2.5", "is not a whole number greater than 0"),
        ("1.5", "", "cohort_size", None, "cohort_size (a whole number greater than 0)"),
    ],
)
def test_an_average_change_needs_a_number_and_a_cohort_size(
    measure_return, value, cohort_size, column, bad, valid
):
    [error] = measure_return(f"5.1.1.a,2024/25 Q1,{value},,,{cohort_size},\n").errors
    assert (error.row, error.column, error.value) == (2, column, bad)
    assert valid in error.message


@pytest.mark.parametrize(
    ("numerator", "denominator", "column", "bad", "valid"),
    [
        (
            "6",
            "4",
            "numerator",
            "6",
            "'6' is more than the denominator 4: the numerator must be "
            "between 0 and the denominator.",
        ),
        ("-1", "4", "numerator", "-1", "is not a whole number of 0 or more"),
        ("1.5", "4", "numerator", "1.5", "is not a whole number of 0 or more"),
        ("0", "0", "denominator", "0", "is not a whole number greater than 0"),
        ("", "4", "numerator", None, "give numerator and denominator (whole numbers"),
        ("3", "", "denominator", None, "give numerator and denominator (whole numbers"),
    ],
)
def test_a_percentage_needs_whole_numerator_and_denominator(
    measure_return, numerator, denominator, column, bad, valid
):
    [error] = measure_return(f"5.1.1.b,2024/25 Q1,,{numerator},{denominator},,\n").errors
    assert (error.row, error.column, error.value) == (2, column, bad)
    assert valid in error.message


def test_a_measure_and_period_given_twice_names_the_first_row(measure_return):
    report = measure_return(
        "1.1.1.e,2024/25 Q1,5,,,,\n"
        "2.2.2.a,2024/25 Q1,,1,2,,\n"
        "1.1.1.e,2024-25 Q1,6,,,,\n"
        "1.1.1.E,Q1 2024/25,7,,,,\n"
    )
    assert [(e.row, e.column, e.value) for e in report.errors] == [
        (4, "measure_code, period", "1.1.1.e, 2024/25 Q1"),
        (5, "measure_code, period", "1.1.1.e, 2024/25 Q1"),
    ]
    assert report.errors[1].message == (
        "Measure 1.1.1.e for 2024/25 Q1 is already given in row 2: give each measure and period "
        "once."
    )


# -- plausibility ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "column", "value", "message"),
    [
        (
            "1.1.1.e,2024/25 Q1,1e308,,,,",
            "value",
            "1e308",
            "'1e308' is more than 100,000,000, the most value may be: check the figure "
            "(value is a count, a whole number from 0 to 100,000,000).",
        ),
        (
            "1.1.1.e,2024/25 Q1,100000001,,,,",
            "value",
            "100000001",
            "'100000001' is more than 100,000,000, the most value may be: check the figure "
            "(value is a count, a whole number from 0 to 100,000,000).",
        ),
        (
            "1.1.1.e,2024/25 Q1,inf,,,,",
            "value",
            "inf",
            "'inf' is not a finite number: value is a count, a whole number from 0 to 100,000,000.",
        ),
        (
            "1.1.1.e,2024/25 Q1,1e309,,,,",
            "value",
            "1e309",
            "'1e309' is not a finite number: value is a count, a whole number from 0 to "
            "100,000,000.",
        ),
        (
            "2.2.2.a,2024/25 Q1,,5,9007199254740993,,",
            "denominator",
            "9007199254740993",
            "'9007199254740993' is more than 100,000,000, the most denominator may be: check "
            "the figure (denominator is a whole number from 1 to 100,000,000).",
        ),
        (
            "2.2.2.a,2024/25 Q1,,nan,5,,",
            "numerator",
            "nan",
            "'nan' is not a finite number: numerator is a whole number from 0 to 100,000,000.",
        ),
        (
            "5.1.1.a,2024/25 Q1,1.5,,,-Infinity,",
            "cohort_size",
            "-Infinity",
            "'-Infinity' is not a finite number: cohort_size is a number of participants, "
            "from 1 to 100,000,000.",
        ),
        (
            "5.1.1.a,2024/25 Q1,NaN,,,5,",
            "value",
            "NaN",
            "'NaN' is not a finite number: this measure is an average change in score, so give "
            "a number such as 1.5 or -0.25.",
        ),
    ],
)
def test_a_figure_is_finite_and_at_most_a_hundred_million(
    measure_return, row, column, value, message
):
    """One error per bad cell: an implausible figure is not also "not a whole number"."""
    [error] = measure_return(row + "\n").errors
    assert (error.row, error.column, error.value) == (2, column, value)
    assert error.message == message


def test_a_hundred_million_itself_is_accepted(measure_return):
    report = measure_return(
        "1.1.1.e,2024/25 Q1,100000000,,,,\n2.2.2.a,2024/25 Q1,,99999999,100000000,,\n"
    )
    assert report.ok, report.errors
    assert report.data["denominator"].tolist() == [pd.NA, 100_000_000]


@pytest.mark.parametrize(
    ("row", "ok", "message"),
    [
        # The Outcomes Star runs from 1 to 10: no average change exceeds 9 either way.
        ("5.1.1.a,2024/25 Q1,9,,,5,", True, None),
        ("5.1.1.a,2024/25 Q1,-9,,,5,", True, None),
        (
            "5.1.1.a,2024/25 Q1,9.5,,,5,",
            False,
            "'9.5' is outside ±9, the widest an average change in score can be (the RESET "
            "Outcomes Star runs from 1 to 10): check the figure.",
        ),
        (
            "5.1.1.a,2024/25 Q1,-12,,,5,",
            False,
            "'-12' is outside ±9, the widest an average change in score can be (the RESET "
            "Outcomes Star runs from 1 to 10): check the figure.",
        ),
        # The pain scale runs from 0 to 10: ± 10.
        ("5.1.2.c,2024/25 Q1,-10,,,5,", True, None),
        (
            "5.1.2.c,2024/25 Q1,1e308,,,5,",
            False,
            "'1e308' is outside ±10, the widest an average change in score can be (the A&E "
            "Navigators pain scale runs from 0 to 10): check the figure.",
        ),
    ],
)
def test_an_average_change_lies_within_the_range_of_its_scale(measure_return, row, ok, message):
    report = measure_return(row + "\n")
    assert report.ok is ok
    if not ok:
        [error] = report.errors
        assert (error.row, error.column) == (2, "value")
        assert error.message == message


def test_a_scale_without_a_maximum_bounds_its_average_change_at_a_hundred_million(write_csv, today):
    """The Crime Harm Index has no maximum: its changes are bounded by the largest
    figure a return may hold, 100,000,000 − 0."""
    data = copy.deepcopy(CATALOGUE)
    data["measures"].append(
        {
            "code": "5.1.1.c",
            "title": "harm",
            "description": "average change in Crime Harm Index",
            "working_group": "IEO",
            "provider": "Constabulary",
            "data_source": "test data",
            "kind": "mean_change",
            "polarity": "lower",
            "scale": "RESET Crime Harm Index",
        }
    )
    catalogue = Catalogue.model_validate(data)
    rows = "5.1.1.c,2024/25 Q1,-100000000,,,3,\n5.1.1.c,2024/25 Q2,1e308,,,3,\n"
    report = validate_file(write_csv("harm.csv", HEADER + rows), catalogue, today=today)
    [error] = report.errors
    assert (error.row, error.column, error.value) == (3, "value", "1e308")
    assert error.message == (
        "'1e308' is outside ±100,000,000, the widest an average change in score can be (a "
        "RESET Crime Harm Index score is at least 0, and no figure in a return is more than "
        "100,000,000): check the figure."
    )


@pytest.mark.parametrize(
    ("period", "label", "from_"),
    [
        ("1900/01 Q1", "1900/01 Q1", "2015/16 Q1"),
        ("0024/25 Q1", "0024/25 Q1", "2015/16 Q1"),
        ("0001/02 Q1", "0001/02 Q1", "2015/16 Q1"),
        ("2014-15 Q4", "2014/15 Q4", "2015/16 Q1"),
    ],
)
def test_a_period_before_the_earliest_is_refused(measure_return, period, label, from_):
    [error] = measure_return(f"1.1.1.e,{period},5,,,,\n").errors
    assert (error.row, error.column, error.value) == (2, "period", period)
    assert error.message == (
        f"{label} is before 2015/16, the earliest period the dashboard takes: give a period "
        f"from {from_} on (check the year)."
    )


def test_the_earliest_period_itself_is_accepted_and_a_year_is_told_the_year(measure_return):
    report = measure_return("1.1.1.e,2015/16 Q1,5,,,,\n4.3.1.c,2014/15,5,,,,\n")
    [error] = report.errors
    assert (error.row, error.value) == (3, "2014/15")
    assert error.message.endswith("give a period from 2015/16 on (check the year).")


def test_the_catalogue_may_move_the_earliest_period(write_csv, today):
    catalogue = Catalogue.model_validate({**CATALOGUE, "earliest_period": "2019/20"})
    rows = "1.1.1.e,2019/20 Q1,5,,,,\n1.1.1.e,2018/19 Q4,5,,,,\n"
    report = validate_file(write_csv("m.csv", HEADER + rows), catalogue, today=today)
    [error] = report.errors
    assert (error.row, error.value) == (3, "2018/19 Q4")
    assert "before 2019/20" in error.message
