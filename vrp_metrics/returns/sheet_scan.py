"""Scanning a sheet's XML as bytes, before any XML parser sees it (DESIGN §3, limits).

A sheet is read from the workbook's zip archive a megabyte at a time and looked at a
block of whole rows at a time, with byte searches that cost about a second for 100 MB:
how many rows hold data, whether a value lies beyond the 50th column, whether a row is
too long to hold cells of 2,000 characters, which formulas have no saved value. The scan
stops at the first limit broken, so its memory is a few megabytes whatever the sheet.
A hidden sheet is only asked whether it holds any value or formula at all.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.sax.saxutils import unescape

from vrp_metrics.returns.headers import column_letter
from vrp_metrics.returns.limits import (
    MAX_COLUMNS,
    MAX_ROW_XML_BYTES,
    MAX_XLSX_ROWS,
    megabytes,
)
from vrp_metrics.returns.reading import UnreadableFile

MAX_LISTED_FORMULAS = 10_000
"""Formulas without a saved value reported cell by cell; more make one file-level error."""

_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Uncalculated:
    """A formula cell without a saved value: openpyxl reads it as empty."""

    row: int
    column: int
    """Position from 0 (column A)."""
    formula: str
    """The formula as written (``=SUM(B2:B4)``), or "" for a copy of a shared formula."""


class _Tags:
    """The byte patterns of a sheet's XML, with the namespace prefix its writer chose
    (Excel writes ``<row>``, some programs ``<x:row>``)."""

    def __init__(self, head: bytes) -> None:
        found = re.search(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet[\s>]", head)
        prefix = found[1] + b":" if found and found[1] else b""
        p = re.escape(prefix)
        self.sheet_data = b"<" + prefix + b"sheetData"
        self.sheet_data_end = b"</" + prefix + b"sheetData>"
        self.row = b"<" + prefix + b"row"
        self.cell_end = b"</" + prefix + b"c>"
        self.value_end = b"</" + prefix + b"v>"
        self.inline = b"<" + prefix + b"is>"
        self.formula_start = b"<" + prefix + b"f"
        self.cell_start = b"<" + prefix + b"c"
        self.cell_open = re.compile(rb"<" + p + rb"c[\s>]")
        self.formula = re.compile(rb"<" + p + rb"f([\s>/])")
        # A saved value, even an empty one (<v></v>: a formula giving ""); openpyxl and
        # other programs write <v/> or <v /> for a formula never calculated.
        self.value = re.compile(rb"<" + p + rb"v(?:\s[^>/]*)?>")
        self.data = re.compile(rb"<" + p + rb"(?:v|is|f)[\s>/]")


# A cell reference (r="AY12") beyond column 50 (AX): three letters, two letters from B,
# or AY and AZ. Only r="…" attributes of cells hold letters followed by digits.
_BEYOND_WIDTH = re.compile(rb'r="((?:[A-Z]{3}|[B-Z][A-Z]|A[YZ])([0-9]+))"')
_REFERENCE = re.compile(rb'\sr="([A-Z]{1,3})([0-9]+)"')
_ROW_NUMBER = re.compile(rb'\sr="([0-9]+)"')


def _chunks(archive: zipfile.ZipFile, path: str) -> Iterator[bytes]:
    with archive.open(path) as part:
        while chunk := part.read(_CHUNK):
            yield chunk


def column_number(letters: str) -> int:
    """``A`` → 1, ``AX`` → 50."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


@dataclass
class _SheetScan:
    """What the scan of the return sheet has found so far."""

    title: str
    tags: _Tags
    rows_with_data: int = 0
    uncalculated: list[Uncalculated] = field(default_factory=list)
    uncalculated_count: int = 0

    def rows(self, block: bytes) -> None:
        """Count the rows with a value or a formula in ``block`` (whole rows)."""
        tags = self.tags
        for row in block.split(tags.row)[1:]:
            if tags.value_end in row or tags.inline in row or tags.formula.search(row):
                self.rows_with_data += 1
        if self.rows_with_data > MAX_XLSX_ROWS + 1:  # + 1: the header row
            raise UnreadableFile(
                f"The sheet '{self.title}' has more than {MAX_XLSX_ROWS:,} rows of data: an "
                f"Excel return has at most {MAX_XLSX_ROWS:,} (below the header row). Send a "
                f'return this big as CSV ("CSV UTF-8" in Excel), or split it into several '
                f"files."
            )

    def width(self, block: bytes) -> None:
        """Refuse a cell with a value beyond the last column a return may have."""
        for found in _BEYOND_WIDTH.finditer(block):
            tag = block.rfind(b"<", 0, found.start())
            if not self.tags.cell_open.match(block, tag):
                continue  # not a cell's reference
            end = block.find(b">", found.end())
            after = end + 1
            while block[after : after + 1].isspace():
                after += 1
            if block[end - 1 : end] == b"/" or block.startswith(self.tags.cell_end, after):
                continue  # an empty cell (only formatted)
            letters = found[1].rstrip(b"0123456789").decode()
            row = int(found[2])
            raise UnreadableFile(
                f"Row {row} has a value in column {letters} (column "
                f"{column_number(letters):,}): a return has at most {MAX_COLUMNS} columns "
                f"(A to {column_letter(MAX_COLUMNS - 1)}). Delete the columns after the "
                f"return's own, or copy its columns to a new workbook.",
                row=row,
                column=letters,
            )

    def formulas(self, block: bytes) -> None:
        """Note each formula cell in ``block`` (whole rows) that has no saved value."""
        tags = self.tags
        if tags.formula_start not in block:
            return
        for found in tags.formula.finditer(block):
            cell_end = block.find(tags.cell_end, found.end())
            if tags.value.search(block, found.end(), len(block) if cell_end < 0 else cell_end):
                continue
            self.uncalculated_count += 1
            if self.uncalculated_count > MAX_LISTED_FORMULAS:
                continue
            reference = _reference_before(tags, block, found.start())
            if reference is None:
                raise UnreadableFile(_UNCALCULATED_NOWHERE.format(sheet=self.title))
            opened = block.find(b">", found.start()) + 1
            formula = ""
            if block[opened - 2 : opened - 1] != b"/":  # <f …/> copies a shared formula
                text = block[opened : block.find(b"<", opened)]
                formula = "=" + unescape(text.decode("utf-8", "replace"))
            self.uncalculated.append(Uncalculated(reference[1], reference[0] - 1, formula))

    def finish(self) -> list[Uncalculated]:
        if self.uncalculated_count > MAX_LISTED_FORMULAS:
            first = self.uncalculated[0]
            where = f"{column_letter(first.column)}{first.row}"
            raise UnreadableFile(
                f"The sheet '{self.title}' holds {self.uncalculated_count:,} formulas without "
                f"a saved value (the first in {where}): "
                f"the workbook was written by a program and never opened in Excel. Open it in "
                f"Excel and save it, so that each formula's value is saved with it.",
            )
        return self.uncalculated


_UNCALCULATED_NOWHERE = (
    "The sheet '{sheet}' holds formulas without a saved value: the workbook was written by "
    "a program and never opened in Excel. Open it in Excel and save it, so that each "
    "formula's value is saved with it."
)


def _reference_before(tags: _Tags, block: bytes, at: int) -> tuple[int, int] | None:
    """The (column number, row) of the cell whose tag opens last before ``at``, from its
    ``r`` attribute; ``None`` when the cell has none (or starts in an earlier block)."""
    start = block.rfind(tags.cell_start, 0, at)
    found = _REFERENCE.search(block, start, at) if start >= 0 else None
    return None if found is None else (column_number(found[1].decode()), int(found[2]))


def scan_return_sheet(archive: zipfile.ZipFile, path: str, title: str) -> list[Uncalculated]:
    """Scan the return sheet's rows a block of whole rows at a time: its rows of data,
    its width, and its formulas without a saved value (which it returns, to report)."""
    scan: _SheetScan | None = None
    buffer = b""
    inside = False
    for chunk in _chunks(archive, path):
        if scan is None:
            scan = _SheetScan(title, _Tags(chunk))
        tags = scan.tags
        buffer += chunk
        if not inside:
            start = buffer.find(tags.sheet_data)
            if start < 0:
                buffer = buffer[-len(tags.sheet_data) :]
                continue
            opened = buffer.find(b">", start)
            if opened < 0:
                continue  # the tag goes on in the next chunk
            if buffer[opened - 1 : opened] == b"/":
                return []  # <sheetData/>: no rows at all
            inside, buffer = True, buffer[start:]
        end = buffer.find(tags.sheet_data_end)
        if end >= 0:
            _scan_block(scan, buffer[:end])
            return scan.finish()
        # Everything before the last row's start is whole rows; that row may go on.
        last = buffer.rfind(tags.row)
        if last > 0:
            _scan_block(scan, buffer[:last])
            buffer = buffer[last:]
        if len(buffer) > MAX_ROW_XML_BYTES:
            found = _ROW_NUMBER.search(buffer, 0, 200)
            which = f"Row {int(found[1])}" if found else "A row"
            raise UnreadableFile(
                f"{which} of the sheet '{title}' takes more than "
                f"{megabytes(MAX_ROW_XML_BYTES)}: a return has at most {MAX_COLUMNS} columns "
                f"of at most 2,000 characters each.",
                row=int(found[1]) if found else None,
            )
    if scan is not None and inside:
        _scan_block(scan, buffer)  # no end of the sheet's data: openpyxl will say more
        return scan.finish()
    return []


def _scan_block(scan: _SheetScan, block: bytes) -> None:
    scan.width(block)
    scan.rows(block)
    scan.formulas(block)


def refuse_data_on_hidden_sheet(
    archive: zipfile.ZipFile, title: str, state: str, path: str, shown: str
) -> None:
    """Refuse the workbook if a hidden sheet holds a value or a formula."""
    state = "very hidden" if state == "veryHidden" else "hidden"
    tail, tags = b"", None
    for chunk in _chunks(archive, path):
        tags = tags or _Tags(chunk)
        block = tail + chunk
        found = tags.data.search(block)
        if found:
            cell = _reference_before(tags, block, found.start())
            where = f" (cell {column_letter(cell[0] - 1)}{cell[1]})" if cell else ""
            raise UnreadableFile(
                f"The workbook's {state} sheet '{title}' holds data{where}: a return is read "
                f"from its first visible sheet ('{shown}') only, and figures on a hidden sheet "
                f"are how a stale figure gets loaded instead of the one on screen. Delete the "
                f"sheet '{title}' (or unhide it, if it is meant to be seen) and save again."
            )
        tail = block[-16:]  # a tag cut in two at the end of a chunk
