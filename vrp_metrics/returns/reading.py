"""Reading a partner return (CSV or Excel) into a table of text cells.

Every cell is kept as text, trimmed, with empty cells as missing: the rules decide what
a cell means, so that "007" or "2024-25" reach them as the partner wrote them. The
table's index is the spreadsheet row number a user sees (the header is row 1), kept
through the blank rows that are dropped.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from vrp_metrics.returns.limits import (
    MAX_CELL_CHARACTERS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_FILE_MB,
    megabytes,
)

Source = str | Path | tuple[str, bytes]
"""A return as a path, or as a file name and its bytes (an upload)."""

ACCEPTED = ".csv or .xlsx"

_ZIP_SIGNATURE = b"PK\x03\x04"
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .doc and other old Office files


class UnreadableFile(Exception):
    """The file cannot be read as a return; the message says why and what to do."""

    def __init__(self, message: str, row: int | None = None, column: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.row = row
        self.column = column


@dataclass
class Table:
    """The cells of a return (an Excel return's first visible sheet), as text."""

    headers: list[str]
    """Header text of each column as written (trimmed), "" where a header cell is empty."""
    cells: pd.DataFrame
    """One column per position (0, 1, …), ``str`` dtype, trimmed, NaN for empty cells;
    blank rows dropped; the index is the spreadsheet row number."""
    uncalculated: list[Any] = field(default_factory=list)
    """An Excel return's formula cells that have no saved value (``workbook.Uncalculated``):
    they read as empty cells."""


def file_name(source: Source) -> str:
    """The name a return is reported under: the path as given, or the upload's name."""
    return source[0] if isinstance(source, tuple) else str(source)


def read_bytes(source: Source) -> bytes:
    """The file's bytes; a file over ``MAX_FILE_BYTES`` is refused before it is read."""
    if isinstance(source, tuple):
        _check_size(len(source[1]))
        return source[1]
    try:
        _check_size(Path(source).stat().st_size)
        return Path(source).read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"The file cannot be opened: {exc.strerror or exc}.") from exc


def _check_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(
            f"The file is {megabytes(size)}: a return may be at most {MAX_FILE_MB} MB. Split "
            f"it into several files (a year each, say) and load each of them."
        )


def read_table(name: str, raw: bytes) -> Table:
    """The table of a return, from its name (for the extension) and its bytes."""
    extension = Path(name).suffix.casefold()
    if extension == ".csv":
        return _read_csv(raw)
    if extension == ".xlsx":
        return _read_xlsx(raw)
    if extension in (".xls", ".xlsm", ".xlsb", ".ods"):
        raise UnreadableFile(
            f"{extension} files are not accepted: save the return as an Excel workbook "
            f"(.xlsx) or as CSV (.csv)."
        )
    shown = f"a {extension} file" if extension else "a file without an extension"
    raise UnreadableFile(
        f"This is {shown}: returns are accepted as {ACCEPTED} (CSV UTF-8, or an Excel "
        f"workbook whose first visible sheet holds the return)."
    )


# -- CSV -------------------------------------------------------------------------------


def _csv_encoding(raw: bytes) -> str:
    """The encoding to read a CSV with: UTF-8 (with or without BOM), else Windows-1252."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UnreadableFile(
            'The file is saved as UTF-16 ("Unicode text"): save it as "CSV UTF-8" instead.'
        )
    if raw.startswith(_ZIP_SIGNATURE):
        raise UnreadableFile(
            "The file is named .csv but is an Excel workbook or another zipped file: "
            'name it .xlsx, or save it from Excel as "CSV UTF-8".'
        )
    if raw.startswith(_OLE_SIGNATURE):
        raise UnreadableFile(
            "The file is named .csv but is an old-style Office file (such as .xls): "
            'save it from Excel as "CSV UTF-8" or as .xlsx.'
        )
    if b"\x00" in raw:
        raise UnreadableFile(
            "The file is not text, so it cannot be read as CSV: save the return from Excel "
            'as "CSV UTF-8", or upload the .xlsx workbook.'
        )
    if raw.isascii():
        return "utf-8-sig"  # ASCII is UTF-8: no need to decode the whole file to know
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    raise UnreadableFile(
        "The file's characters cannot be read as UTF-8 or Windows-1252 text: save it from "
        'Excel as "CSV UTF-8".'
    )


_EMPTY_FIRST_ROW = "Row 1 is empty: the first row must hold the column headers."

_FIELD_COUNT = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_OPEN_QUOTE = re.compile(r"inside string starting at row (\d+)")


def _read_csv(raw: bytes) -> Table:
    encoding = _csv_encoding(raw)
    # (Searching for a character that is not white space copies nothing; raw.strip() would
    # copy the whole file.)
    if re.search(rb"\S", raw) is None:
        raise UnreadableFile("The file is empty: it needs a header row and data rows.")
    if raw.removeprefix(codecs.BOM_UTF8)[:1] in (b"\n", b"\r"):
        raise UnreadableFile(_EMPTY_FIRST_ROW, row=1)
    _check_header_width(raw, encoding)
    # Blank lines at the end change no row number, so they need not rule out the fast
    # reader (the other one reads them as blank rows, dropped like any blank row). An odd
    # number of quote marks means a quoted value is never closed: the fast reader would
    # take the rest of the file into that one cell, the other one says where it starts.
    fast = (
        encoding == "utf-8-sig"
        and (b'"' not in raw or raw.count(b'"') % 2 == 0)  # (a search is faster than a count)
        and not _has_blank_line(raw, _end_of_text(raw))
    )
    frame = _parse_csv(raw, encoding, fast=fast)
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    return _table(frame)


_HEADER_BYTES = MAX_COLUMNS * (MAX_CELL_CHARACTERS * 4 + 3)
"""The longest header row within the limits: 50 cells of 2,000 four-byte characters,
quoted, with their commas."""


def _check_header_width(raw: bytes, encoding: str) -> None:
    """Refuse a header row of more than ``MAX_COLUMNS`` columns before the file is parsed:
    pandas makes a column for each, and 200,000 of them take minutes."""
    head = raw[: _HEADER_BYTES + 1].decode(encoding, errors="replace")
    try:
        header = next(csv.reader(io.StringIO(head)), [])
    except csv.Error:
        return  # pandas words the problem (an odd quote mark, say)
    complete = len(raw) <= _HEADER_BYTES or "\n" in head or "\r" in head
    if len(header) > MAX_COLUMNS:
        count = f"{len(header):,}" if complete else f"at least {len(header):,}"
        raise UnreadableFile(
            f"Row 1 has {count} columns: a return has at most {MAX_COLUMNS}. Delete the "
            f"columns after the return's own (empty ones too) and save the file again.",
            row=1,
        )


def _end_of_text(raw: bytes) -> int:
    """The length of the file without the line ends at its end."""
    end = len(raw)
    while end and raw[end - 1] in b"\r\n":
        end -= 1
    return end


def _parse_csv(raw: bytes, encoding: str, *, fast: bool) -> pd.DataFrame:
    """Every cell of a CSV as text, NaN for empty cells, blank lines kept as empty rows,
    so that position n of the frame is spreadsheet row n + 1.

    ``fast`` uses pandas' pyarrow engine, several times faster on big files, but it drops
    blank lines (losing the row numbers after them), so it is only for files without
    any; when it cannot read a file, the C engine reads it and words the error.
    """
    options = {"header": None, "dtype": str, "keep_default_na": False, "na_values": [""]}
    if fast:
        try:
            return pd.read_csv(io.BytesIO(raw), engine="pyarrow", encoding="utf-8", **options)
        except Exception:  # the C engine below reads it or says what is wrong
            pass
    try:
        return pd.read_csv(io.BytesIO(raw), skip_blank_lines=False, encoding=encoding, **options)
    except pd.errors.EmptyDataError as exc:
        raise UnreadableFile("The file is empty: it needs a header row and data rows.") from exc
    except pd.errors.ParserError as exc:
        raise _parser_problem(str(exc)) from exc
    except (UnicodeDecodeError, ValueError) as exc:
        raise UnreadableFile(f"The file cannot be read as CSV ({exc}).") from exc


_PIECE = 2**20
"""Bytes looked at in one go by ``_has_blank_line``: small enough for numpy's temporary
arrays to be reused from piece to piece, which is much faster than fresh memory for a
whole big file."""


def _has_blank_line(raw: bytes, end: int) -> bool:
    """Whether a line of the file before ``end`` is empty, or ends in a carriage return
    alone.

    Worked out on the bytes with numpy, a piece at a time: searching the bytes for each
    pair of line ends takes longer than reading the whole file. A line is blank when a
    newline follows the previous line's newline directly or through a carriage return
    (a carriage return not followed by a newline ends a line alone).
    """
    bom = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    data = np.frombuffer(raw, dtype=np.uint8, count=max(end - bom, 0), offset=bom)
    newline, carriage_return = ord("\n"), ord("\r")
    if not len(data):
        return False
    if data[0] in (newline, carriage_return) or data[-1] == carriage_return:
        return True
    has_carriage_returns = raw.find(b"\r", bom, end) >= 0
    for start in range(0, len(data) - 1, _PIECE):
        # Pairs of neighbouring bytes; the pieces overlap by one byte to see every pair.
        piece = data[start : start + _PIECE + 1]
        first, then = piece[:-1], piece[1:]
        if ((first == newline) & ((then == newline) | (then == carriage_return))).any():
            return True
        if has_carriage_returns and ((first == carriage_return) & (then != newline)).any():
            return True
    return False


def _parser_problem(error: str) -> UnreadableFile:
    if match := _FIELD_COUNT.search(error):
        expected, row, saw = match.groups()
        return UnreadableFile(
            f"Row {row} has {saw} cells but the header row has {expected}: put quotes round "
            f"values that contain commas, or give the extra column a header.",
            row=int(row),
        )
    if match := _OPEN_QUOTE.search(error):
        row = int(match[1]) + 1
        return UnreadableFile(
            f"A quoted value that starts in row {row} is never closed: check the quote "
            f'marks (") in that row.',
            row=row,
        )
    return UnreadableFile(f"The file cannot be read as CSV: {error}.")


# -- Excel -----------------------------------------------------------------------------


def _read_xlsx(raw: bytes) -> Table:
    # Imported here so that reading CSV does not pay for openpyxl.
    from vrp_metrics.returns.workbook import cell_text, read_return_sheet

    sheet = read_return_sheet(raw)
    if not sheet.rows:
        raise UnreadableFile(
            f"The sheet '{sheet.title}' of the workbook is empty: it needs a header row."
        )
    width = max(len(row) for row in sheet.rows)
    frame = pd.DataFrame(
        [[cell_text(value) for value in row] + [None] * (width - len(row)) for row in sheet.rows],
        index=pd.RangeIndex(1, len(sheet.rows) + 1),
        dtype="str",
    )
    table = _table(frame)
    table.uncalculated = sheet.uncalculated
    return table


# -- both --------------------------------------------------------------------------------


def _table(frame: pd.DataFrame) -> Table:
    """Trim every cell, put it in Unicode's composed form (NFC), make empty cells missing,
    split off the header row and drop blank rows, keeping the spreadsheet row numbers in
    the index.

    NFC makes "é" typed as one character and "é" typed as "e" and a combining accent
    (as macOS and some web forms send it) the same text, so that they compare equal.
    """
    frame = frame.set_axis(range(frame.shape[1]), axis=1)
    for column in frame.columns:
        text = _composed(frame[column].str.strip())
        blank = text == ""
        frame[column] = text.where(~blank) if blank.any() else text
    header_row = frame.iloc[0]
    headers = ["" if pd.isna(text) else str(text) for text in header_row]
    if not any(headers):
        raise UnreadableFile(_EMPTY_FIRST_ROW, row=1)
    cells = frame.iloc[1:]
    cells = cells[cells.notna().any(axis=1)]
    return Table(headers=headers, cells=cells)


def _composed(text: pd.Series) -> pd.Series:
    """``text`` in NFC. ASCII text is already in NFC, and most returns are ASCII through
    and through: that is seen from the column's bytes at once, in milliseconds for a
    million cells, and otherwise only the cells that are not ASCII are normalised."""
    if _ascii_bytes(text):
        return text
    # (isascii() says False for a missing cell.)
    other = ~text.str.isascii().to_numpy(dtype=bool) & text.notna().to_numpy()
    if not other.any():
        return text
    text = text.copy()
    text[other] = [unicodedata.normalize("NFC", cell) for cell in text[other]]
    return text


def _ascii_bytes(text: pd.Series) -> bool:
    """Whether the bytes behind a pyarrow-backed text column are all ASCII (``False``
    when they are not, or when the column is held otherwise: then look cell by cell)."""
    if not (isinstance(text.dtype, pd.StringDtype) and text.dtype.storage == "pyarrow"):
        return False
    for chunk in text.array.__arrow_array__().chunks:
        data = chunk.buffers()[2]  # every cell's UTF-8 bytes, one after another
        if data is not None and np.frombuffer(data, dtype=np.uint8).max(initial=0) >= 0x80:
            return False
    return True
