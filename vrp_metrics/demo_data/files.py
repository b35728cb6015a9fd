"""Writing the returns so that the same rows always give the same bytes: CSV in UTF-8
with ``\\n`` line endings and fixed number formatting, XLSX with fixed document
properties and zip entry timestamps."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.xml.functions import tostring

from vrp_metrics.demo_data.window import Cell, Row

# Fixed workbook properties so that a regenerated workbook is identical.
_XLSX_TIMESTAMP = dt.datetime(2026, 1, 1)
_ZIP_DATE_TIME = (2026, 1, 1, 0, 0, 0)
_CORE_PROPERTIES = "docProps/core.xml"


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Row]) -> int:
    """Write UTF-8 CSV with ``\\n`` line endings; return the number of data rows."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_csv_text(value) for value in row])
            count += 1
    return count


def write_xlsx(path: Path, sheet: str, columns: Sequence[str], rows: Sequence[Row]) -> int:
    """Write one sheet with dates as real Excel date cells; return the data-row count.

    openpyxl stamps the document properties and zip entries with the time of saving;
    both are fixed here so that the same rows give the same bytes.
    """
    workbook = Workbook()
    workbook.properties.creator = "VRP performance dashboard demo data generator"
    workbook.properties.title = f"{path.stem} (synthetic demonstration data)"
    workbook.properties.created = _XLSX_TIMESTAMP
    workbook.properties.modified = _XLSX_TIMESTAMP
    worksheet = workbook.active
    worksheet.title = sheet
    worksheet.append(list(columns))
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        worksheet.append(list(row))
    for column in worksheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, dt.date):
                cell.number_format = "dd/mm/yyyy"
    for letter, width in zip("ABCDEFG", (18, 26, 20, 14, 10, 10, 30), strict=False):
        worksheet.column_dimensions[letter].width = width

    buffer = io.BytesIO()
    workbook.save(buffer)
    # Saving stamps "modified" with the current time: write the fixed properties back.
    workbook.properties.modified = _XLSX_TIMESTAMP
    core = tostring(workbook.properties.to_tree())
    _write_zip_with_fixed_times(buffer.getvalue(), path, replace={_CORE_PROPERTIES: core})
    return len(rows)


def _write_zip_with_fixed_times(data: bytes, path: Path, *, replace: dict[str, bytes]) -> None:
    """Copy a zip archive with every entry dated ``_ZIP_DATE_TIME``, replacing some entries."""
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=_ZIP_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, replace.get(entry.filename, source.read(entry.filename)))
