"""The validation report: its JSON shape, its hash of the file, listing many problems, and
the time a million-row file takes."""

from __future__ import annotations

import hashlib
import json
import time

import numpy as np
import pandas as pd

from vrp_metrics.returns import ReturnKind, validate_files
from vrp_metrics.returns.rules import LISTED_PER_RULE


def test_to_dict_has_exactly_the_validate_json_shape(write_csv, validate):
    path = write_csv("measures.csv", "measure_code,period,value,Notes\n1.1.1.e,2024/25 Q9,4,x\n")
    report = validate(path)
    assert report.to_dict() == {
        "file": str(path),
        "kind": "measure",
        "ok": False,
        "rows": 1,
        "errors": [
            {
                "row": 2,
                "column": "period",
                "value": "2024/25 Q9",
                "message": "'2024/25 Q9' is not a period: use a quarter such as 2024/25 Q1, "
                "2024-25 Q1, Q1 2024/25 or FY2024/25 Q1 (this measure is quarterly).",
            }
        ],
        "warnings": [
            {
                "row": None,
                "column": "Notes",
                "value": None,
                "message": "The column 'Notes' is not part of a measure return, so it is "
                "ignored (the columns are measure_code, period, value, numerator, denominator, "
                "cohort_size, comment).",
            }
        ],
    }
    json.dumps(report.to_dict())


def test_an_unreadable_file_has_the_same_shape(validate):
    assert validate(("notes.txt", b"hello")).to_dict() == {
        "file": "notes.txt",
        "kind": None,
        "ok": False,
        "rows": 0,
        "errors": [
            {
                "row": None,
                "column": None,
                "value": None,
                "message": "This is a .txt file: returns are accepted as .csv or .xlsx (CSV "
                "UTF-8, or an Excel workbook whose first sheet holds the return).",
            }
        ],
        "warnings": [],
    }


def test_the_report_carries_the_hash_of_the_bytes_and_an_upload_matches_its_file(
    write_csv, validate
):
    path = write_csv("measures.csv", "measure_code,period,value\n1.1.1.e,2024/25 Q1,4\n")
    from_path = validate(path)
    from_upload = validate(("measures.csv", path.read_bytes()))
    assert from_path.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert from_upload.sha256 == from_path.sha256
    pd.testing.assert_frame_equal(from_upload.data, from_path.data)


def test_several_files_give_one_report_each_in_order(write_csv, catalogue, today):
    good = write_csv("measures.csv", "measure_code,period,value\n1.1.1.e,2024/25 Q1,4\n")
    reports = validate_files([good, ("notes.txt", b"x")], catalogue, today=today)
    assert [(r.file, r.ok, r.kind) for r in reports] == [
        (str(good), True, ReturnKind.measure),
        ("notes.txt", False, None),
    ]


def test_many_rows_with_one_problem_are_listed_up_to_a_limit_then_summed_up(write_csv, validate):
    bad_rows = LISTED_PER_RULE + 205
    rows = "".join(f"P{i},RESET Outcomes Star,Offending,01/04/2024,11\n" for i in range(bad_rows))
    report = validate(
        write_csv("readings.csv", "participant_ref,scale,area,reading_date,score\n" + rows)
    )
    assert not report.ok
    assert len(report.errors) == LISTED_PER_RULE + 1
    assert [e.row for e in report.errors[:-1]] == list(range(2, LISTED_PER_RULE + 2))
    summary = report.errors[-1]
    assert (summary.row, summary.column, summary.value) == (None, "score", None)
    # Rows 2 to 1,001 are listed above; the summary points at the first one that is not.
    assert summary.message == (
        "…and 205 more rows in column score where the score is not a number within the "
        "scale's range, as in row 1002 (only the first 1,000 are listed)."
    )


def test_a_million_row_readings_file_validates_whole(tmp_path, validate, capsys):
    """Prints the time rather than asserting it: machines differ."""
    rows = 1_000_000
    rng = np.random.default_rng(7)
    participant = np.arange(rows) // 4
    areas = np.array(["Meaningful use of time", "Emotional and mental health", "Offending"])
    # Each participant has four readings, 30 days apart: no reading repeats another.
    days = np.array(["01/04/2023", "01/05/2023", "31/05/2023", "30/06/2023"])
    frame = pd.DataFrame(
        {
            "participant_ref": "RS-" + pd.Series(participant).astype(str),
            "scale": "RESET Outcomes Star",
            "area": areas[participant % 3],
            "reading_date": days[np.arange(rows) % 4],
            "score": rng.integers(1, 11, rows),
        }
    )
    path = tmp_path / "readings.csv"
    frame.to_csv(path, index=False)

    start = time.perf_counter()
    report = validate(path)
    seconds = time.perf_counter() - start

    assert report.ok, report.errors[:3]
    assert len(report.data) == rows
    with capsys.disabled():
        size = path.stat().st_size / 1e6
        print(f"\n1,000,000-row readings CSV ({size:.0f} MB) validated in {seconds:.2f} s")
