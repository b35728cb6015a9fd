"""Every file the product writes is formula-safe (DESIGN §8) and its JSON strict.

The hostile cells are OWASP's CSV-injection examples; each is read back as a spreadsheet
program or a strict JSON reader would read it: CSV with the csv module, Excel with
openpyxl from the real .xlsx bytes.
"""

from __future__ import annotations

import csv
import io
import json
import math

import openpyxl
import pandas as pd
import pytest

from vrp_metrics import exports

# OWASP's examples, and the tab and carriage-return prefixes that spreadsheets skip.
HOSTILE = [
    '=1+2";=1+2',
    "@SUM(A1)",
    "-2+3",
    "+1",
    "\t=1+2",
    "\r=1+2",
    '=HYPERLINK("http://x","y")',
    "=cmd|' -C calc'!A0",
]
HARMLESS = ["Police recorded crime", "5.1.2.c", "1+2=3", "a-b", ""]


def hostile_frame() -> pd.DataFrame:
    """A text column of every hostile and harmless value, beside numbers (a negative one,
    a missing one, an infinite one), a whole-number column and a list column."""
    texts = HOSTILE + HARMLESS
    n = len(texts)
    return pd.DataFrame(
        {
            "text": texts,
            "value": [-2.0, 1.5, math.nan, math.inf, *([-0.25] * (n - 4))],
            "count": pd.array([-2, *range(1, n)], dtype="Int64"),
            "replaced": [[1, 4], *([[]] * (n - 1))],
        }
    )


def read_csv_cells(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def test_a_csv_text_cell_that_starts_like_a_formula_gets_a_leading_quote() -> None:
    data = exports.csv_bytes(hostile_frame())
    assert data.startswith(b"\xef\xbb\xbf")  # a byte-order mark, so Excel reads UTF-8
    rows = read_csv_cells(data)
    assert rows[0] == ["text", "value", "count", "replaced"]
    texts = [row[0] for row in rows[1:]]
    assert texts == [f"'{t}" for t in HOSTILE] + HARMLESS
    # The quote is inside the cell: the OWASP example stays one quoted cell.
    assert b'"\'=1+2"";=1+2"' in data
    # Numbers stay numbers: a negative one is not prefixed; missing and infinite are blank.
    assert [row[1] for row in rows[1:5]] == ["-2.0", "1.5", "", ""]
    assert [row[2] for row in rows[1:3]] == ["-2", "1"]
    assert rows[1][3] == "1; 4" and rows[2][3] == ""


def test_csv_text_keeps_plain_line_ends_for_standard_output() -> None:
    text = exports.csv_text(pd.DataFrame({"who": ["@ann", "Bob"], "n": [1, -1]}))
    assert text == "who,n\n'@ann,1\nBob,-1\n"


def test_an_excel_text_cell_is_stored_as_text_and_never_a_formula() -> None:
    data = exports.xlsx_bytes(hostile_frame())
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[1]] == ["text", "value", "count", "replaced"]
    for row, text in enumerate(HOSTILE, start=2):
        cell = sheet.cell(row=row, column=1)
        # openpyxl reads a stored formula back as data_type "f"; text is "s", as written
        # (the standard library's XML reader turns a carriage return into a line feed, as
        # Excel does; lxml, which openpyxl uses once python-pptx has installed it, keeps it).
        assert cell.data_type == "s", row
        assert cell.value in (text, text.replace("\r", "\n")), row
        assert cell.quotePrefix  # editing the cell in Excel keeps it text
    assert sheet.cell(row=len(HOSTILE) + 2, column=1).value == "Police recorded crime"
    assert not sheet.cell(row=len(HOSTILE) + 2, column=1).quotePrefix
    # Numbers stay numbers, a negative one too; missing and infinite are empty cells.
    values = [sheet.cell(row=r, column=2) for r in range(2, 6)]
    assert [(c.data_type, c.value) for c in values[:2]] == [("n", -2), ("n", 1.5)]
    assert [c.value for c in values[2:]] == [None, None]
    assert (sheet["C2"].data_type, sheet["C2"].value) == ("n", -2)
    assert sheet["D2"].value == "1; 4"


def test_no_formula_is_stored_anywhere_in_the_workbook() -> None:
    import zipfile

    data = exports.xlsx_bytes({"Errors": hostile_frame(), "Other: [sheet]": hostile_frame()})
    with zipfile.ZipFile(io.BytesIO(data)) as workbook:
        sheets = [n for n in workbook.namelist() if n.startswith("xl/worksheets/")]
        assert len(sheets) == 2
        assert all(b"<f>" not in workbook.read(name) for name in sheets)
    names = openpyxl.load_workbook(io.BytesIO(data)).sheetnames
    assert names == ["Errors", "Other   sheet"]  # Excel forbids : [ ] in a sheet name


def test_characters_an_xlsx_cannot_hold_are_replaced_not_fatal() -> None:
    data = exports.xlsx_bytes(pd.DataFrame({"text": ["bell\x07 here", "tab\tand\nline"]}))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["A2"].value == "bell\N{REPLACEMENT CHARACTER} here"
    assert sheet["A3"].value == "tab\tand\nline"


def test_dates_are_written_as_dates() -> None:
    when = pd.Timestamp("2026-05-03 14:10")
    frame = pd.DataFrame({"loaded_at": [when], "at": [when.tz_localize("Europe/London")]})
    sheet = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(frame))).active
    assert sheet["A2"].value == when.to_pydatetime()
    assert sheet["B2"].value == pd.Timestamp("2026-05-03 13:10").to_pydatetime()  # UTC
    assert exports.csv_text(frame[["loaded_at"]]) == "loaded_at\n2026-05-03 14:10:00\n"


def strict_loads(text: str) -> object:
    """json.loads that refuses NaN and Infinity, as strict JSON readers do."""

    def refuse(constant: str) -> None:
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def test_json_is_strict_null_for_every_missing_or_non_finite_number() -> None:
    frame = pd.DataFrame(
        {
            "value": [math.inf, -math.inf, math.nan, 1e308, 0.1 + 0.2],
            "n": pd.array([1, None, 3, 4, 5], dtype="Int64"),
            "at": [pd.Timestamp("2026-05-03 14:10"), pd.NaT, pd.NaT, pd.NaT, pd.NaT],
        }
    )
    rows = strict_loads(exports.json_text(exports.json_records(frame)))
    assert [r["value"] for r in rows] == [None, None, None, 1e308, 0.30000000000000004]
    assert [r["n"] for r in rows] == [1, None, 3, 4, 5]
    assert rows[0]["at"] == "2026-05-03T14:10:00.000" and rows[1]["at"] is None
    assert strict_loads(exports.json_text({"nested": [float("nan"), {"x": math.inf}]})) == {
        "nested": [None, {"x": None}]
    }


@pytest.mark.parametrize("text", HOSTILE)
def test_safe_text_is_the_one_rule(text: str) -> None:
    assert exports.safe_text(text) == f"'{text}"
    assert exports.safe_text(f"x{text}") == f"x{text}"
