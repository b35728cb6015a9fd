"""Every CSV, Excel and JSON file the product writes (DESIGN §8: spreadsheet safety).

Files we write carry text that partners and users typed — data source names, file
names, who loaded a batch, the values quoted in a validation report. A spreadsheet
reads a cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return,
which it skips before looking) as a formula, so such text could run a formula on the
reader's computer (the OWASP "CSV injection"). So:

- CSV: a text cell starting with one of :data:`FORMULA_STARTS` gets a leading ``'``.
- Excel: every text cell is stored as text (never a formula), with Excel's own
  "quote prefix" on those that start like a formula, so editing the cell keeps it text.
- Numbers stay numbers, negative ones included; only text is ever changed.
- JSON is strict: a missing or non-finite number is ``null``, never ``NaN`` or
  ``Infinity`` (which strict JSON readers refuse).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula (OWASP)."""

LIST_SEPARATOR = "; "
"""How a list (e.g. the batches a batch replaced) is written in one cell: "1; 4"."""

# Characters an .xlsx file cannot hold (XML 1.0 forbids the control characters other
# than tab, line feed and carriage return); openpyxl refuses a cell holding one.
_NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

SHEET_NAME_LIMIT = 31
"""Excel's longest sheet name."""


def safe_text(text: str) -> str:
    """``text`` as a CSV cell: a leading ``'`` when it starts like a formula."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _missing(value: object) -> bool:
    """None, NaN, NaT, pandas NA, or a non-finite number (no spreadsheet holds one)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float | np.floating):
        return not math.isfinite(value)
    return False


def _plain(value: object) -> object:
    """A cell's value as plain Python: None when missing, a list joined into text,
    numpy numbers as Python numbers, timestamps as datetimes."""
    if isinstance(value, list | tuple | np.ndarray):
        return LIST_SEPARATOR.join(str(_plain(item)) for item in value)
    if _missing(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


# -- CSV ----------------------------------------------------------------------------------


def _csv_cell(value: object) -> object:
    plain = _plain(value)
    return safe_text(plain) if isinstance(plain, str) else plain


def _csv_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its text made formula-safe and non-finite numbers blank.

    Numeric and date columns are left to pandas, which writes them as it always has
    (full precision); only text-like columns are read cell by cell.
    """
    ready = frame.copy()
    ready.columns = [safe_text(str(c)) for c in ready.columns]
    for position in range(ready.shape[1]):
        column = ready.iloc[:, position]
        if pd.api.types.is_float_dtype(column.dtype):
            ready.isetitem(position, column.where(np.isfinite(column)))
        elif not (
            pd.api.types.is_numeric_dtype(column.dtype)
            or pd.api.types.is_datetime64_any_dtype(column.dtype)
        ):
            ready.isetitem(position, column.map(_csv_cell).astype(object))
    return ready


def csv_text(frame: pd.DataFrame, *, lineterminator: str = "\n") -> str:
    """``frame`` (without its index) as formula-safe CSV text, e.g. for standard output."""
    return _csv_ready(frame).to_csv(index=False, lineterminator=lineterminator)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as a formula-safe CSV file: UTF-8 with a byte-order mark and CRLF line
    ends, so that Excel opens it with every character right."""
    return csv_text(frame, lineterminator="\r\n").encode("utf-8-sig")


# -- Excel --------------------------------------------------------------------------------


def write_cell(sheet: Any, row: int, column: int, value: object) -> Any:
    """Put ``value`` in an openpyxl ``sheet`` at (``row``, ``column``), 1-based, safely.

    Text is stored as text, never a formula; text that starts like a formula also gets
    Excel's quote prefix (as if typed with a leading ``'``). Returns the cell.
    """
    plain = _plain(value)
    if isinstance(plain, dt.datetime) and plain.tzinfo is not None:
        plain = plain.astimezone(dt.UTC).replace(tzinfo=None)  # Excel has no time zones
    if isinstance(plain, str):
        text = _NOT_IN_XLSX.sub("\N{REPLACEMENT CHARACTER}", plain)
        cell = sheet.cell(row=row, column=column)
        cell.value = text
        cell.data_type = "s"  # openpyxl reads "=…" as a formula unless told otherwise
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
        return cell
    if plain is not None and not isinstance(plain, bool | int | float | dt.date | dt.time):
        plain = str(plain)
        return write_cell(sheet, row, column, plain)
    return sheet.cell(row=row, column=column, value=plain)


def write_rows(sheet: Any, rows: Iterable[Sequence[object]], *, first_row: int = 1) -> int:
    """Write ``rows`` into an openpyxl ``sheet`` from ``first_row`` down, safely
    (:func:`write_cell`); an empty row stays a blank line and an empty string leaves its
    cell empty. Returns the number of the row after the last one written."""
    row = first_row
    for values in rows:
        for column, value in enumerate(values, start=1):
            if not (isinstance(value, str) and value == ""):
                write_cell(sheet, row, column, value)
        row += 1
    return row


def _sheet_title(name: str) -> str:
    """A valid sheet name: no ``[]:*?/\\`` and at most 31 characters."""
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", name).strip() or "Sheet"
    return cleaned[:SHEET_NAME_LIMIT]


def _write_frame(sheet: Any, frame: pd.DataFrame) -> None:
    from openpyxl.styles import Font

    for column, heading in enumerate(frame.columns, start=1):
        write_cell(sheet, 1, column, str(heading)).font = Font(bold=True)
    for row, values in enumerate(frame.itertuples(index=False, name=None), start=2):
        for column, value in enumerate(values, start=1):
            write_cell(sheet, row, column, value)
    sheet.freeze_panes = "A2"
    for column, heading in enumerate(frame.columns, start=1):
        longest = max([len(str(heading)), *(len(str(v)) for v in frame.iloc[:, column - 1])])
        letter = sheet.cell(row=1, column=column).column_letter
        sheet.column_dimensions[letter].width = min(max(longest + 2, 10), 60)


def xlsx_bytes(frames: pd.DataFrame | Mapping[str, pd.DataFrame]) -> bytes:
    """One frame, or several by sheet name, as an Excel workbook: bold headers, the
    header row frozen, text stored as text (:func:`write_cell`), numbers as numbers."""
    # openpyxl is imported here so that what only writes CSV does not pay for it.
    from openpyxl import Workbook

    sheets = {"Data": frames} if isinstance(frames, pd.DataFrame) else dict(frames)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, frame in sheets.items():
        _write_frame(workbook.create_sheet(_sheet_title(name)), frame)
    if not workbook.worksheets:
        workbook.create_sheet("Data")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# -- JSON ---------------------------------------------------------------------------------


def _json_value(value: object) -> object:
    """A value strict JSON can hold: non-finite and missing numbers become None."""
    if isinstance(value, Mapping):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple | np.ndarray):
        return [_json_value(v) for v in value]
    if _missing(value):
        return None
    if isinstance(value, np.generic):
        return _json_value(value.item())
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.isoformat(timespec="milliseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str | bool | int | float):
        return value
    return str(value)


def json_records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """The rows of ``frame`` as plain values for :func:`json_text`; floats in full
    (``json.dumps`` writes every digit, where pandas' ``to_json`` keeps 15)."""
    columns: Sequence[str] = [str(c) for c in frame.columns]
    return [
        dict(zip(columns, values, strict=True))
        for values in frame.itertuples(index=False, name=None)
    ]


def json_text(data: object, *, indent: int | None = 2) -> str:
    """``data`` as strict JSON: ``null`` for a missing or non-finite number, never
    ``NaN`` or ``Infinity``."""
    return json.dumps(_json_value(data), indent=indent, allow_nan=False, ensure_ascii=False)
