"""Reading an Excel return (``.xlsx``): its first visible sheet, within the limits.

An ``.xlsx`` file is a zip archive of XML parts. First the archive's own list of parts
is checked: what they unpack to, how tightly they are packed, the size of each part
read whole. Python's zip reader never unpacks more than a part's listed size, so the
listed sizes can be trusted. Then, before openpyxl reads any sheet or text, the hidden
sheets are asked whether they hold data (refused: that is how a stale figure is loaded
instead of the one on screen) and the return's sheet is scanned as bytes
(``sheet_scan``), so that a workbook of three million rows is refused after its first
100,001 rows of data without ever being parsed. Only then does openpyxl (read-only)
read the return's rows.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree

from vrp_metrics.returns.headers import column_letter
from vrp_metrics.returns.limits import (
    COMPRESSION_CHECKED_FROM,
    MAX_COLUMNS,
    MAX_COMPRESSION_RATIO,
    MAX_PART_BYTES,
    MAX_SHARED_TEXT_BYTES,
    MAX_UNPACKED_BYTES,
    MAX_UNPACKED_MB,
    megabytes,
)
from vrp_metrics.returns.reading import UnreadableFile
from vrp_metrics.returns.sheet_scan import (
    Uncalculated,
    refuse_data_on_hidden_sheet,
    scan_return_sheet,
)

CANNOT_OPEN = (
    "The file cannot be opened as an Excel workbook (.xlsx): it may be damaged, "
    "password-protected or another kind of file. Save it again from Excel as .xlsx, or as "
    '"CSV UTF-8".'
)
SAVE_AGAIN = 'save it again from Excel as .xlsx, or as "CSV UTF-8"'

_WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_SHARED_STRINGS_TYPE = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
)
# Parts openpyxl reads whole from fixed places, whatever the manifest says they are.
_FIXED_PARTS = {
    "[Content_Types].xml",
    "_rels/.rels",
    "xl/styles.xml",
    "xl/theme/theme1.xml",
    "docProps/core.xml",
    "docProps/custom.xml",
}


@dataclass
class ReturnSheet:
    """The cells of a workbook's return sheet, as openpyxl gives them."""

    title: str
    rows: list[tuple[object, ...]]
    uncalculated: list[Uncalculated] = field(default_factory=list)


def read_return_sheet(raw: bytes) -> ReturnSheet:
    """The first visible worksheet of a workbook, once every limit has been checked."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UnreadableFile(CANNOT_OPEN) from exc
    with archive:
        try:
            _check_parts(archive)
            return _read(raw, archive)
        except (zipfile.BadZipFile, EOFError, ElementTree.ParseError) as exc:
            # A part whose bytes do not match its listed size or checksum, or broken XML.
            raise UnreadableFile(CANNOT_OPEN) from exc


def _read(raw: bytes, archive: zipfile.ZipFile) -> ReturnSheet:
    """Find the sheets, check the hidden ones and scan the return sheet, then read its
    rows with openpyxl (read-only).

    openpyxl's ``load_workbook`` is not used: in read-only mode it looks in every sheet
    for the sheet's size, and a sheet whose size is not written (some programs leave it
    out) is parsed whole to find it, before anything here could look at it. Its reader is
    used step by step instead, for the return sheet alone, and the size is not asked
    for: every row is read whatever the size says.
    """
    # openpyxl is imported here so that reading CSV does not pay for it.
    from openpyxl.reader.excel import ExcelReader

    try:
        reader = ExcelReader(io.BytesIO(raw), read_only=True, data_only=True)
        reader.read_manifest()
        reader.read_workbook()
        sheets = [
            (sheet.name, sheet.state or "visible", relation.target)
            for sheet, relation in reader.parser.find_sheets()
            if relation.target in reader.valid_files and "chartsheet" not in relation.Type
        ]
    except Exception as exc:  # missing parts, broken XML: all say the same to users
        raise UnreadableFile(CANNOT_OPEN) from exc
    try:
        visible = [(title, path) for title, state, path in sheets if state == "visible"]
        if not visible:
            raise UnreadableFile(
                "The workbook has no visible worksheet: put the return on its first sheet."
            )
        title, path = visible[0]
        for name, state, part in sheets:
            if state != "visible":
                refuse_data_on_hidden_sheet(archive, name, state, part, title)
        uncalculated = scan_return_sheet(archive, path, title)
        rows = _rows(_sheet(reader, title, path))
    except UnreadableFile:
        raise
    except Exception as exc:  # a damaged sheet can fail in many ways inside openpyxl
        raise UnreadableFile(
            f"The sheet '{title}' of the workbook cannot be read ({type(exc).__name__}): "
            f"{SAVE_AGAIN}."
        ) from exc
    finally:
        reader.archive.close()
    return ReturnSheet(title, rows, uncalculated)


def _sheet(reader: Any, title: str, path: str) -> Any:
    """openpyxl's read-only sheet of the return, with the workbook's texts and styles
    (which say which numbers are dates), and without the look for its size."""
    from openpyxl.styles.stylesheet import apply_stylesheet
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class WholeSheet(ReadOnlyWorksheet):
        def _get_size(self) -> None:
            """Every row is read, so the size the sheet gives (or its absence) is not
            looked for."""

    reader.read_strings()
    apply_stylesheet(reader.archive, reader.wb)
    return WholeSheet(reader.wb, title, path, reader.shared_strings)


# -- the archive's parts ---------------------------------------------------------------


def _check_parts(archive: zipfile.ZipFile) -> None:
    """What the parts unpack to, all together and each alone, and how tightly each is
    packed, from the archive's list of parts (nothing is unpacked but the manifest)."""
    parts = archive.infolist()
    total = sum(part.file_size for part in parts)
    if total > MAX_UNPACKED_BYTES:
        raise UnreadableFile(
            f"The workbook unpacks to {megabytes(total)}, more than the {MAX_UNPACKED_MB} MB "
            f"a return may take (an .xlsx file is packed): it holds far more than a return. "
            f"Keep only the return in the workbook, or send it as CSV."
        )
    for part in parts:
        if part.file_size >= COMPRESSION_CHECKED_FROM and part.file_size > (
            MAX_COMPRESSION_RATIO * max(part.compress_size, 1)
        ):
            ratio = part.file_size / max(part.compress_size, 1)
            raise UnreadableFile(
                f"The workbook's part {part.filename} unpacks to {ratio:,.0f} times its "
                f"packed size (Excel's own pack 5 to 15 times): this is not a workbook as "
                f"Excel saves it; {SAVE_AGAIN}."
            )
    manifest = _manifest(archive)
    for part in parts:
        name, kind = part.filename, manifest.get(part.filename)
        if name.endswith(".rels") or name in _FIXED_PARTS or kind != _WORKSHEET_TYPE:
            if kind == _SHARED_STRINGS_TYPE:
                most, what = MAX_SHARED_TEXT_BYTES, "its table of texts"
            elif name.endswith((".xml", ".rels")) or kind is not None:
                most, what = MAX_PART_BYTES, "the part"
            else:
                continue  # pictures and other parts that are not read
            if part.file_size > most:
                raise UnreadableFile(
                    f"The workbook's {what} {name} unpacks to {megabytes(part.file_size)}, "
                    f"more than the {megabytes(most)} any return needs: {SAVE_AGAIN}."
                )


def _manifest(archive: zipfile.ZipFile) -> dict[str, str]:
    """The content type of each part the manifest (``[Content_Types].xml``) names."""
    try:
        info = archive.getinfo("[Content_Types].xml")
    except KeyError as exc:
        raise UnreadableFile(CANNOT_OPEN) from exc
    if info.file_size > MAX_PART_BYTES:
        raise UnreadableFile(
            f"The workbook's list of parts unpacks to {megabytes(info.file_size)}: {SAVE_AGAIN}."
        )
    root = ElementTree.fromstring(archive.read(info))
    return {
        node.get("PartName", "").lstrip("/"): node.get("ContentType", "")
        for node in root
        if node.tag.endswith("Override")
    }


# -- reading the rows ----------------------------------------------------------------------


def _rows(sheet: Any) -> list[tuple[object, ...]]:
    """The sheet's rows as openpyxl reads them, each cut to the columns a return may have.

    A row wider than that holds only empty cells beyond it (the scan has refused any
    value there that it could place; this catches cells written without a reference).
    """
    rows = []
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if len(row) > MAX_COLUMNS:
            beyond = row[MAX_COLUMNS:]
            if beyond.count(None) != len(beyond):
                position = MAX_COLUMNS + next(i for i, v in enumerate(beyond) if v is not None)
                letters = column_letter(position)
                raise UnreadableFile(
                    f"Row {number} has a value in column {letters} (column {position + 1:,}): "
                    f"a return has at most {MAX_COLUMNS} columns (A to "
                    f"{column_letter(MAX_COLUMNS - 1)}).",
                    row=number,
                    column=letters,
                )
            row = row[:MAX_COLUMNS]
        rows.append(row)
    return rows


def cell_text(value: object) -> str | None:
    """A cell's value as the text a partner would have typed in a CSV.

    Dates that Excel stores as date-times become ``yyyy-mm-dd``: a time of day in the cell
    (a reading entered as "01/08/2024 13:30") is not part of any return's columns, and the
    partner sees a date. Whole numbers stored as floats (``12.0``) become ``12``.
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        # Excel keeps 15 significant digits; more would show binary noise (0.30000000000000004).
        return f"{value:.15g}"
    return str(value)
