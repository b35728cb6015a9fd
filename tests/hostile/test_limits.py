"""Files beyond the plausibility rules and the limits (DESIGN §3): each is refused with
its clean error (row, column, value, words), and the command line's ``load`` writes
nothing from it.

The small files are committed under ``tests/hostile/files/limits_*`` (written by
``write_limits_files.py``); the big ones — a workbook of three million rows, a CSV of
200,000 columns, a workbook that unpacks to 400 MB — are written here, with the same
functions as ``benchmarks/hostile_limits.py``, which measures their time and memory.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from benchmarks.hostile_limits import (
    comment_row,
    long_comment,
    single_cells,
    write_wide_csv,
    write_xlsx,
)
from tests.returns.conftest import CATALOGUE, TODAY
from vrp_metrics.catalogue import Catalogue
from vrp_metrics.cli import main
from vrp_metrics.returns import ValidationReport, sheet_scan, validate_file
from vrp_metrics.returns.limits import MAX_FILE_BYTES
from vrp_metrics.store import Store

FILES = Path(__file__).resolve().parent / "files"
GOOD = "measure_code,period,value\n1.1.1.e,2024/25 Q2,12\n"

NOT_SAVED = (
    "but no saved value: the workbook was written by a program and never opened in Excel, "
    "so the value is not in the file. Open the workbook in Excel and save it, or type the "
    "value in."
)
BEFORE = "is before 2015/16, the earliest period the dashboard takes: give a period from "
NOT_EARLIER = (
    "is before 1 April 2015, the start of 2015/16, the earliest period the dashboard takes: "
    "check the year."
)
HIDDEN = (
    "holds data (cell A1): a return is read from its first visible sheet ('Return') only, "
    "and figures on a hidden sheet are how a stale figure gets loaded instead of the one "
    "on screen."
)

# file → every error as (row, column, value, message); "…" ends a message's start.
CORPUS: dict[str, list[tuple[int | None, str | None, str | None, str]]] = {
    "limits_mean_change_1e308.csv": [
        (
            2,
            "value",
            "1e308",
            "'1e308' is outside ±10, the widest an average change in score can be (the A&E "
            "Navigators pain scale runs from 0 to 10): check the figure.",
        )
    ],
    "limits_count_inf.csv": [
        (
            3,
            "value",
            "inf",
            "'inf' is not a finite number: value is a count, a whole number from 0 to 100,000,000.",
        )
    ],
    "limits_count_1e309.csv": [(2, "value", "1e309", "'1e309' is not a finite number: …")],
    "limits_denominator_2_to_53_plus_1.csv": [
        (
            2,
            "denominator",
            "9007199254740993",
            "'9007199254740993' is more than 100,000,000, the most denominator may be: check "
            "the figure (denominator is a whole number from 1 to 100,000,000).",
        )
    ],
    "limits_cohort_nan.csv": [(2, "cohort_size", "nan", "'nan' is not a finite number: …")],
    "limits_period_1900.csv": [(2, "period", "1900/01 Q1", f"1900/01 Q1 {BEFORE}2015/16 Q1 …")],
    "limits_period_0024.csv": [(2, "period", "0024/25 Q1", f"0024/25 Q1 {BEFORE}2015/16 Q1 …")],
    "limits_period_0001.csv": [(2, "period", "0001/02 Q1", f"0001/02 Q1 {BEFORE}2015/16 Q1 …")],
    "limits_reading_date_0001.csv": [
        (3, "reading_date", "0001-01-01", f"'0001-01-01' {NOT_EARLIER}")
    ],
    "limits_reading_date_0202.csv": [
        (2, "reading_date", "01/04/0202", f"'01/04/0202' {NOT_EARLIER}")
    ],
    "limits_harm_score_1e308.csv": [
        (
            2,
            "score",
            "1e308",
            "'1e308' is more than 100,000,000, more than any RESET Crime Harm Index score can "
            "be: check the figure.",
        )
    ],
    "limits_columns_60.csv": [
        (1, None, None, "Row 1 has 60 columns: a return has at most 50. Delete the columns …")
    ],
    "limits_comment_2001.csv": [
        (
            2,
            "comment",
            "a" * 40 + "…",
            "This cell holds 2,001 characters: a cell holds at most 2,000. …",
        )
    ],
    "limits_comment_2001.xlsx": [
        (
            2,
            "comment",
            "b" * 40 + "…",
            "This cell holds 2,001 characters: a cell holds at most 2,000. …",
        )
    ],
    "limits_hidden_sheet.xlsx": [
        (None, None, None, f"The workbook's hidden sheet 'Old' {HIDDEN} Delete the sheet 'Old' …")
    ],
    "limits_very_hidden_sheet.xlsx": [
        (None, None, None, f"The workbook's very hidden sheet 'Workings' {HIDDEN} …")
    ],
    "limits_formula_without_value.xlsx": [
        (3, "value", "=C2+1", f"This cell holds a formula (=C2+1) {NOT_SAVED}"),
        (3, "comment", '=A2&" again"', f'This cell holds a formula (=A2&" again") {NOT_SAVED}'),
    ],
    "limits_value_in_column_ba.xlsx": [
        (
            2,
            "BA",
            None,
            "Row 2 has a value in column BA (column 53): a return has at most 50 columns (A to "
            "AX). …",
        )
    ],
    "limits_packed_comment.xlsx": [
        (
            None,
            None,
            None,
            "The workbook's part xl/sharedStrings.xml unpacks to 1,026 times its packed size "
            "(Excel's own pack 5 to 15 times): this is not a workbook as Excel saves it; …",
        )
    ],
}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.model_validate(CATALOGUE)


@pytest.fixture(scope="module")
def catalogue_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The returns tests' small catalogue, as a file for the command line."""
    lines = []
    for table, entries in CATALOGUE.items():
        for entry in entries:
            lines.append(f"[[{table}]]")
            lines += [f"{key} = {json.dumps(value)}" for key, value in entry.items()]
    path = tmp_path_factory.mktemp("catalogue") / "catalogue.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def loaded_db(tmp_path_factory: pytest.TempPathFactory, catalogue_file: Path) -> Path:
    """A store holding one good batch (shared: every test checks that it stays so)."""
    folder = tmp_path_factory.mktemp("store")
    good, db = folder / "good.csv", folder / "store.duckdb"
    good.write_text(GOOD)
    assert main(["--catalogue", str(catalogue_file), "load", "--db", str(db), str(good)]) == 0
    return db


@pytest.fixture
def refused(
    catalogue: Catalogue, catalogue_file: Path, loaded_db: Path, capsys: pytest.CaptureFixture
) -> Callable[[Path], ValidationReport]:
    """Validate a file, check that ``load`` refuses it and leaves the store as it was,
    and give the report."""

    def check(path: Path) -> ValidationReport:
        report = validate_file(path, catalogue, today=TODAY)
        assert not report.ok and report.data is None
        args = ["--catalogue", str(catalogue_file), "load", "--db", str(loaded_db), str(path)]
        assert main(args) == 1
        assert f"nothing was loaded from {path}" in capsys.readouterr().err
        with Store(loaded_db, read_only=True) as store:
            assert store.batches()["file_name"].tolist() == ["good.csv"]
        return report

    return check


def assert_errors(report: ValidationReport, expected: list) -> None:
    found = [(e.row, e.column, e.value, e.message) for e in report.errors]
    assert len(found) == len(expected), found
    for (row, column, value, message), want in zip(found, expected, strict=True):
        assert (row, column, value) == want[:3]
        if want[3].endswith("…"):
            assert message.startswith(want[3][:-1]), message
        else:
            assert message == want[3]


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_a_committed_file_beyond_the_limits_is_refused_and_loads_nothing(refused, name):
    assert_errors(refused(FILES / name), CORPUS[name])


def test_every_committed_limits_file_is_tried():
    assert sorted(path.name for path in FILES.glob("limits_*")) == sorted(CORPUS)


# -- big files, written here ----------------------------------------------------------


def test_a_workbook_of_three_million_rows_is_refused_on_its_row_count(tmp_path, refused):
    """One cell a row (120 MB unpacked, within the size limit): the rows are counted
    as the sheet is scanned, and the scan stops after 100,001 rows of data."""
    path = write_xlsx(tmp_path / "rows.xlsx", single_cells(3_000_000))
    assert_errors(
        refused(path),
        [
            (
                None,
                None,
                None,
                "The sheet 'Return' has more than 100,000 rows of data: an Excel return has at "
                'most 100,000 (below the header row). Send a return this big as CSV ("CSV '
                'UTF-8" in Excel), or split it into several files.',
            )
        ],
    )


def test_the_row_limit_counts_rows_of_data_below_the_header(tmp_path, catalogue, monkeypatch):
    """With a limit of 3 (instead of 100,000): 3 rows of data and formatted empty rows
    are read; a fourth row of data is refused."""
    monkeypatch.setattr(sheet_scan, "MAX_XLSX_ROWS", 3)
    empty = b'<row r="%d" s="1" customFormat="1"/><row r="%d"><c r="C%d" s="1"/></row>'
    rows = [next(single_cells(0)), *[_cells(n, "5") for n in (2, 3, 4)]]
    rows += [empty % (n, n + 1, n + 1) for n in range(5, 100, 2)]
    path = write_xlsx(tmp_path / "three.xlsx", rows)
    assert validate_file(path, catalogue, today=TODAY).rows == 3
    path = write_xlsx(tmp_path / "four.xlsx", [*rows, _cells(200, "5")])
    [error] = validate_file(path, catalogue, today=TODAY).errors
    assert error.message.startswith("The sheet 'Return' has more than 3 rows of data")


def test_a_csv_of_200000_columns_is_refused_on_its_header(tmp_path, refused):
    path = write_wide_csv(tmp_path / "wide.csv", 200_000)
    assert_errors(
        refused(path),
        [(1, None, None, "Row 1 has 200,003 columns: a return has at most 50. …")],
    )


def test_a_workbook_unpacking_to_400_mb_is_refused_before_it_is_opened(tmp_path, refused):
    """The issue's 412 KB workbook whose comment was 419,430,400 characters long."""
    path = write_xlsx(
        tmp_path / "comment.xlsx", comment_row(), shared_strings=long_comment(419_430_400)
    )
    assert_errors(
        refused(path),
        [
            (
                None,
                None,
                None,
                "The workbook unpacks to 400.0 MB, more than the 200 MB a return may take (an "
                ".xlsx file is packed): …",
            )
        ],
    )


def test_a_file_over_100_mb_is_refused_before_it_is_read(tmp_path, refused):
    path = tmp_path / "huge.csv"
    with path.open("wb") as file:
        file.write(GOOD.encode())
        file.truncate(MAX_FILE_BYTES + 1)  # a sparse file: nothing is written to disk
    assert_errors(
        refused(path),
        [
            (
                None,
                None,
                None,
                "The file is 100.0 MB: a return may be at most 100 MB. Split it into several "
                "files (a year each, say) and load each of them.",
            )
        ],
    )


def test_an_upload_over_100_mb_is_refused(catalogue):
    report = validate_file(("huge.csv", b"x" * (MAX_FILE_BYTES + 1)), catalogue, today=TODAY)
    assert [e.message[:30] for e in report.errors] == ["The file is 100.0 MB: a return"]


# -- the sheet scan, case by case ------------------------------------------------------


def _cells(row: int, *values: str) -> bytes:
    """A row of numbers (or a formula, written ``=…``), with cell references."""
    cells = b"".join(
        b'<c r="%s%d"><f>%s</f></c>' % (bytes([65 + i]), row, v[1:].encode())
        if v.startswith("=")
        else b'<c r="%s%d"><v>%s</v></c>' % (bytes([65 + i]), row, v.encode())
        for i, v in enumerate(values)
    )
    return b'<row r="%d">%s</row>' % (row, cells)


def test_a_row_too_long_to_hold_fifty_cells_of_2000_characters_is_refused(tmp_path, refused):
    long_text = os.urandom(1_600_000).hex()  # 3.2 MB that packs no tighter than text does
    rows = [
        next(comment_row()),
        b'<row r="2"><c r="D2" t="inlineStr"><is><t>%s</t></is></c></row>' % long_text.encode(),
    ]
    assert_errors(
        refused(write_xlsx(tmp_path / "long.xlsx", rows)),
        [
            (
                2,
                None,
                None,
                "Row 2 of the sheet 'Return' takes more than 2.0 MB: a return has at most 50 "
                "columns of at most 2,000 characters each.",
            )
        ],
    )


def test_more_than_10000_formulas_without_a_value_make_one_error(tmp_path, refused):
    rows = [next(single_cells(0))] + [_cells(n, "1", "2", "=A1+1") for n in range(2, 10_003)]
    assert_errors(
        refused(write_xlsx(tmp_path / "formulas.xlsx", rows)),
        [
            (
                None,
                None,
                None,
                "The sheet 'Return' holds 10,001 formulas without a saved value (the first in "
                "C2): the workbook was written by a program and never opened in Excel. …",
            )
        ],
    )


def test_a_value_beyond_column_50_is_refused_even_without_cell_references(tmp_path, refused):
    """Cells may leave out their reference: openpyxl places them in order, and the row
    it reads is checked instead."""
    row = b'<row r="2">' + b"<c><v>1</v></c>" * 50 + b"<c/>" * 2 + b"<c><v>9</v></c></row>"
    assert_errors(
        refused(write_xlsx(tmp_path / "wide.xlsx", [next(single_cells(0)), row])),
        [(2, "BA", None, "Row 2 has a value in column BA (column 53): a return has at most …")],
    )


def test_the_scan_reads_a_sheet_whose_elements_carry_a_prefix(tmp_path, refused):
    """Some programs write ``<x:row>``; a value in column AY is found all the same."""
    rows = [
        b'<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>measure_code</x:t></x:is></x:c>'
        b"</x:row>",
        b'<x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c><x:c r="AY2"><x:v>2</x:v></x:c></x:row>',
    ]
    assert_errors(
        refused(write_xlsx(tmp_path / "prefixed.xlsx", rows, prefix="x")),
        [(2, "AY", None, "Row 2 has a value in column AY (column 51): …")],
    )


def test_formatting_beyond_column_50_and_an_empty_hidden_sheet_are_accepted(tmp_path, catalogue):
    """Only values count: an empty cell formatted in column BA, and a hidden sheet with
    nothing on it, change nothing. The return is read from the first visible sheet."""
    workbook = openpyxl.Workbook()
    workbook.active.title = "Notes"
    workbook.active.sheet_state = "hidden"
    sheet = workbook.create_sheet("Return")
    sheet.append(["measure_code", "period", "value"])
    sheet.append(["1.1.1.e", "2024/25 Q4", 487])
    sheet["BA5"].font = openpyxl.styles.Font(bold=True)
    workbook.create_sheet("Guidance").append(["Fill in the value column."])
    path = tmp_path / "return.xlsx"
    workbook.save(path)
    report = validate_file(path, catalogue, today=TODAY)
    assert report.ok, report.errors
    assert report.data["value"].tolist() == [487.0]


def test_a_formula_with_its_value_saved_is_read_as_the_value(tmp_path, catalogue):
    """As Excel saves a formula: ``<f>`` and its value ``<v>``."""
    header = next(comment_row())
    row = (
        b'<row r="2"><c r="A2" t="inlineStr"><is><t>1.1.1.e</t></is></c><c r="B2" '
        b't="inlineStr"><is><t>2024/25 Q4</t></is></c><c r="C2"><f>2+3</f><v>5</v></c></row>'
    )
    report = validate_file(write_xlsx(tmp_path / "f.xlsx", [header, row]), catalogue, today=TODAY)
    assert report.ok, report.errors
    assert report.data["value"].tolist() == [5.0]
