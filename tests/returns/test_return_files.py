"""Reading return files: encodings, headers, blank rows, the kind of return, and files
that cannot be read at all (a clear file-level error, never an exception)."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pandas as pd
import pytest

from vrp_metrics.returns import ReturnKind
from vrp_metrics.returns.reading import _parse_csv

READINGS = (
    "participant_ref,scale,area,reading_date,score,{header}\n"
    "A,RESET Crime Harm Index,,01/04/2024,3,x\n"
)


@pytest.mark.parametrize(
    "headers",
    [
        "measure_code,period,value",
        "Measure Code,Period,Value",
        " measure-code , PERIOD , Value ",
        "MEASURE_CODE,Period,VALUE",
        "Measure  _-Code,period,value",
    ],
)
def test_headers_match_whatever_their_case_spacing_or_separators(write_csv, validate, headers):
    report = validate(write_csv("measures.csv", f"{headers}\n1.1.1.e,2024/25 Q1,12\n"))
    assert report.ok, report.errors
    assert report.kind is ReturnKind.measure
    assert report.data["measure_code"].tolist() == ["1.1.1.e"]


def test_blank_rows_are_ignored_and_row_numbers_kept(write_csv, validate):
    text = (
        "measure_code,period,value\n"
        "\n"
        "1.1.1.e,2024/25 Q1,12\n"
        ",,\n"
        "  ,  , \n"
        "1.1.1.e,2024/25 Q2,-1\n"
        "\r\n"
    )
    report = validate(write_csv("measures.csv", text))
    assert report.rows == 2
    [error] = report.errors
    assert (error.row, error.column, error.value) == (6, "value", "-1")


def test_blank_excel_rows_are_ignored_and_row_numbers_kept(write_xlsx, validate):
    rows = [
        ["measure_code", "period", "value"],
        [None, None, None],
        ["1.1.1.e", "2024/25 Q1", 12],
        ["", " ", None],
        ["1.1.1.e", "2024/25 Q2", -1],
    ]
    report = validate(write_xlsx("measures.xlsx", rows))
    assert report.rows == 2
    [error] = report.errors
    assert (error.row, error.column, error.value) == (5, "value", "-1")


def test_the_fast_and_the_careful_csv_readers_agree():
    raw = (
        b'measure_code,period,value,comment\n1.1.1.e,2024/25 Q1,12,"one, two"\n'
        b'1.1.1.e, 2024/25 Q2 ,,"said ""hello""\nover two lines"\n'
        b',,,\n1.1.1.e,2024/25 Q3,NA,""\n'
    )
    fast = _parse_csv(raw, "utf-8-sig", fast=True)
    careful = _parse_csv(raw, "utf-8-sig", fast=False)
    pd.testing.assert_frame_equal(fast, careful, check_column_type=False)
    assert careful.iloc[2, 3] == 'said "hello"\nover two lines'
    assert careful.iloc[4, 2] == "NA"


def test_an_unknown_extra_column_is_a_warning_naming_it(write_csv, validate):
    report = validate(
        write_csv("measures.csv", "measure_code,period,value,Notes\n1.1.1.e,2024/25 Q1,1,x\n")
    )
    assert report.ok
    [warning] = report.warnings
    assert (warning.row, warning.column, warning.value) == (None, "Notes", None)
    assert warning.message.startswith(
        "The column 'Notes' is not part of a measure return, so it is ignored"
    )


def test_a_column_without_a_header_but_with_values_is_a_warning(write_csv, validate):
    report = validate(
        write_csv("measures.csv", "measure_code,period,value,\n1.1.1.e,2024/25 Q1,1,x\n")
    )
    assert report.ok
    [warning] = report.warnings
    assert (warning.column, warning.message) == (
        "D",
        "Column D has values but no header, so it is ignored.",
    )


def test_a_column_given_twice_is_an_error(write_csv, validate):
    report = validate(
        write_csv("measures.csv", "measure_code,period,Value,value\n1.1.1.e,2024/25 Q1,1,2\n")
    )
    [error] = report.errors
    assert (error.row, error.column) == (None, "value")
    assert error.message == "The column value appears twice (columns C and D): keep only one."


@pytest.mark.parametrize(
    ("header", "what"),
    [
        ("Date of Birth", "a date of birth"),
        ("DOB", "a date of birth"),
        ("Postcode", "a postcode"),
        ("NHS Number", "an NHS number"),
        ("NHS No.", "an NHS number"),
        ("Email", "an email address"),
        ("E-mail address", "an email address"),
        ("First Name", "a name"),
        ("Surname", "a name"),
        ("Full name", "a name"),
        ("Address Line 1", "an address"),
        ("Telephone", "a phone number"),
        ("Mobile", "a phone number"),
        # a word in front, or a qualifier after, still says what the column holds
        ("Home Postcode", "a postcode"),
        ("Postcode of residence", "a postcode"),
        ("Client DOB", "a date of birth"),
        ("Date of birth (dd/mm/yyyy)", "a date of birth"),
        ("Parent Email", "an email address"),
        ("Email address 1", "an email address"),
        ("Young Person's Name", "a name"),
        ("YP Name", "a name"),
        ("Child's name", "a name"),
        ("First Name(s)", "a name"),
        ("Client Full Name", "a name"),
        ("Parent/Carer Name", "a name"),
        ("Phone 2", "a phone number"),
        # "name of …" says whose name follows; National Insurance and pupil numbers
        ("Name of young person", "a name"),
        ("Name of child", "a name"),
        ("NI Number", "a National Insurance number"),
        ("NI No.", "a National Insurance number"),
        ("National Insurance", "a National Insurance number"),
        ("National Insurance number", "a National Insurance number"),
        ("NINO", "a National Insurance number"),
        ("UPN", "a pupil number (UPN)"),
        ("Unique Pupil Number", "a pupil number (UPN)"),
        ("Pupil number", "a pupil number (UPN)"),
    ],
)
def test_a_personal_identifier_column_rejects_the_file(write_csv, validate, header, what):
    text = READINGS.format(header=header)
    report = validate(write_csv("readings.csv", text))
    assert not report.ok
    assert report.data is None
    [error] = report.errors
    assert (error.row, error.column, error.value) == (None, header, None)
    assert error.message.startswith(
        f"The column '{header}' looks like {what}: returns must not carry personal identifiers."
    )


@pytest.mark.parametrize(
    "header",
    [
        "username",
        "agency_name",
        "Scale name",
        "Contact",
        "Team name",
        "NHS Trust",
        "Telephony",
        # words that only contain "ni", "upn" or "name"
        "Unit",
        "Minor",
        "Initiative",
        "Number of sessions",
        "Pupil count",
        "Renamed",
    ],
)
def test_headers_that_only_resemble_identifiers_are_just_unknown_columns(
    write_csv, validate, header
):
    text = READINGS.format(header=header)
    report = validate(write_csv("readings.csv", text))
    assert report.errors == []
    assert [w.column for w in report.warnings] == [header, "participant_ref"]


def test_a_file_with_several_problems_reports_them_all(write_csv, validate):
    text = (
        "measure_code,period,value,numerator,denominator,Email\n"
        "1.1.1.e,2024/25 Q1,12,,,\n"
        "9.9.9.z,2024/25 Q1,1,,,\n"
        "1.1.1.e,2024/25 Q5,1.5,,,\n"
        "2.2.2.a,2024/25 Q1,,5,4,\n"
        "1.1.1.e,2024/25 Q1,3,,,\n"
    )
    report = validate(write_csv("measures.csv", text))
    assert [(e.row, e.column, e.value) for e in report.errors] == [
        (None, "Email", None),
        (3, "measure_code", "9.9.9.z"),
        (4, "period", "2024/25 Q5"),
        (4, "value", "1.5"),
        (5, "numerator", "5"),
        (6, "measure_code, period", "1.1.1.e, 2024/25 Q1"),
    ]
    assert report.file.endswith("measures.csv")
    assert {e.file for e in report.errors} == {report.file}


# -- files that cannot be read ----------------------------------------------------------------


def the_file_error(report) -> str:
    """The one file-level error of a report that could not read its file."""
    assert not report.ok
    assert report.data is None
    [error] = report.errors
    assert (error.column, error.value) == (None, None)
    return error.message


@pytest.mark.parametrize("content", [b"", b"   \r\n\r\n"])
def test_an_empty_file_is_a_file_level_error(validate, content):
    message = the_file_error(validate(("empty.csv", content)))
    assert message.startswith("The file is empty")


def test_binary_garbage_is_a_file_level_error(validate):
    message = the_file_error(validate(("return.csv", bytes(range(256)) * 4)))
    assert message.startswith("The file is not text, so it cannot be read as CSV")


def test_unknown_headers_are_a_file_level_error_listing_each_kind(write_csv, validate):
    report = validate(write_csv("return.csv", "Team,Count\nNorth,4\n"))
    assert report.kind is None
    message = the_file_error(report)
    assert message.startswith("The column headers ('Team', 'Count') do not match any return:")
    assert "a measure return has measure_code, period" in message
    assert "an outcome readings return has participant_ref, scale, reading_date, score" in message
    assert "a data tracker return has data_source, agency, period, rag_status" in message


def test_a_semicolon_separated_file_gets_a_hint(write_csv, validate):
    message = the_file_error(
        validate(write_csv("measures.csv", "measure_code;period;value\n1.1.1.e;2024/25 Q1;4\n"))
    )
    assert "separated by semicolons" in message


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("return.docx", "This is a .docx file: returns are accepted as .csv or .xlsx"),
        ("return.txt", "This is a .txt file: returns are accepted as .csv or .xlsx"),
        ("return", "This is a file without an extension: returns are accepted as .csv or .xlsx"),
        ("return.xls", ".xls files are not accepted: save the return as an Excel workbook (.xlsx)"),
    ],
)
def test_a_file_of_another_kind_is_a_file_level_error(validate, name, expected):
    message = the_file_error(validate((name, b"measure_code,period,value\n1.1.1.e,2024/25 Q1,4\n")))
    assert message.startswith(expected)


def test_a_corrupt_workbook_is_a_file_level_error(validate):
    no_workbook = io.BytesIO()
    with zipfile.ZipFile(no_workbook, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not really a workbook")
    for content in (b"PK\x03\x04 truncated", no_workbook.getvalue(), b"plain text"):
        message = the_file_error(validate(("return.xlsx", content)))
        assert message.startswith("The file cannot be opened as an Excel workbook (.xlsx)")


def test_a_workbook_with_a_damaged_sheet_is_a_file_level_error(write_xlsx, validate):
    good = zipfile.ZipFile(write_xlsx("good.xlsx", [["measure_code", "period", "value"]]))
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as archive:
        for item in good.infolist():
            data = good.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            archive.writestr(item, data)
    message = the_file_error(validate(("return.xlsx", damaged.getvalue())))
    assert message.startswith("The sheet 'Sheet' of the workbook cannot be read")


def test_an_empty_workbook_is_a_file_level_error(tmp_path, validate):
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    message = the_file_error(validate(path))
    assert message == "The sheet 'Sheet' of the workbook is empty: it needs a header row."


def test_a_workbook_named_csv_is_a_file_level_error(write_xlsx, validate):
    content = write_xlsx("measures.xlsx", [["measure_code", "period", "value"]]).read_bytes()
    message = the_file_error(validate(("measures.csv", content)))
    assert message.startswith("The file is named .csv but is an Excel workbook")


def test_a_utf16_file_is_a_file_level_error(validate):
    content = "measure_code,period,value\n1.1.1.e,2024/25 Q1,4\n".encode("utf-16")
    assert 'save it as "CSV UTF-8" instead' in the_file_error(validate(("m.csv", content)))


def test_a_missing_file_is_a_file_level_error(tmp_path, validate):
    report = validate(tmp_path / "nowhere.csv")
    assert the_file_error(report).startswith("The file cannot be opened")
    assert report.sha256 == ""


@pytest.mark.parametrize(
    "content",
    [
        # the last column's quote is never closed: no row may vanish into that one cell
        b'measure_code,period,value,comment\n5.1.3.a,2024/25 Q1,12,"Includes ""drop-in\n'
        b"5.1.3.a,2024/25 Q2,20,\n5.1.3.a,2024/25 Q3,30,\n",
        b'data_source,agency,period,rag_status,barrier,next_action\nS1,Police,2024/25 Q3,G,,"Chase'
        b"\nS2,Police,2024/25 Q3,R,,\nS3,Health,2024/25 Q3,R,,\n",
    ],
)
def test_a_quoted_value_never_closed_names_its_row(validate, content):
    report = validate(("return.csv", content))
    [error] = report.errors
    assert (error.row, report.data) == (2, None)
    assert error.message == (
        'A quoted value that starts in row 2 is never closed: check the quote marks (") in '
        "that row."
    )


def test_a_row_with_more_cells_than_headers_names_the_row(validate):
    content = b"measure_code,period,value\n1.1.1.e,2024/25 Q1,4\n\n1.1.1.e,2024/25 Q2,1,000\n"
    report = validate(("measures.csv", content))
    [error] = report.errors
    assert error.row == 4
    assert error.message.startswith("Row 4 has 4 cells but the header row has 3: put quotes")


def test_a_file_with_headers_and_no_rows_is_an_error(validate):
    report = validate(("measures.csv", b"measure_code,period,value\n\n"))
    assert report.kind is ReturnKind.measure
    assert the_file_error(report) == "The file has column headers but no data rows."


@pytest.mark.parametrize(
    "content",
    [
        b",,\nmeasure_code,period,value\n1.1.1.e,2024/25 Q1,4\n",
        b"\n\nmeasure_code,period,value\n1.1.1.e,2024/25 Q1,4\n",
        b"\xef\xbb\xbf\r\nmeasure_code,period,value\r\n1.1.1.e,2024/25 Q1,4\r\n",
    ],
)
def test_an_empty_first_row_is_an_error(validate, content):
    message = the_file_error(validate(("measures.csv", content)))
    assert message == "Row 1 is empty: the first row must hold the column headers."
