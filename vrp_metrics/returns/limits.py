"""The limits a partner return keeps within (DESIGN §3, "Plausibility and limits").

One place for every figure, so that the upload page, the command line and the checks
agree. The size limits are checked before a file is parsed, so that a small file that
unpacks into a huge one (or a CSV with a header of 200,000 columns) is refused in a
moment and without the memory it would take to read it.

The figures are far beyond any real return: a quarter's measure return has a few dozen
rows and a data tracker return a few hundred; the largest returns are outcome readings,
and ten years of every provider's readings — 1,000,000 rows, the benchmark case — make
a 63 MB CSV. An Excel sheet cannot hold more than 1,048,576 rows anyway.
"""

from __future__ import annotations

MAX_FILE_MB = 100
"""The largest file accepted, in megabytes as Streamlit counts them (MiB): the value for
the upload page's ``max_upload_size`` (or ``server.maxUploadSize``) as well."""

MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024

MAX_COLUMNS = 50
"""Columns of a return, counting every column with a header or a value (a return has at
most seven of its own)."""

MAX_CELL_CHARACTERS = 2_000
"""Characters in one cell, header or value (a comment is a few sentences)."""

MAX_FIGURE = 100_000_000
"""The largest count, numerator, denominator or cohort size; it also stands in for the
maximum of a scale that has none (the Crime Harm Index), so that a score or a change in
score is never beyond it. Below 2**53, every whole number up to it is held exactly."""

MAX_XLSX_ROWS = 100_000
"""Rows with data on an Excel return's sheet, not counting the header row: a hundred
times the readings a provider returns in a year. Reading a workbook is slow (openpyxl
reads 2,000 to 10,000 rows a second, the fewer the more texts are stored in the cells
themselves), so bigger returns are sent as CSV, which has no row limit other than the
file size."""

MAX_UNPACKED_MB = 200
"""What an ``.xlsx`` file (a zip archive) may unpack to, all its parts together, in MiB."""

MAX_UNPACKED_BYTES = MAX_UNPACKED_MB * 1024 * 1024

MAX_SHARED_TEXT_BYTES = 50 * 1024 * 1024
"""The workbook's table of texts (``xl/sharedStrings.xml``), read whole when the
workbook is opened: 50 MiB holds a million distinct texts of 50 characters."""

MAX_PART_BYTES = 10 * 1024 * 1024
"""Any other part that is read whole when a workbook is opened (styles, the list of
sheets, …): Excel's own are a few kilobytes."""

MAX_COMPRESSION_RATIO = 100
"""How many times smaller than its unpacked size a part of 1 MiB or more may be packed.
Sheets saved by Excel pack 5 to 15 times; a "zip bomb" packs a thousand times."""

COMPRESSION_CHECKED_FROM = 1024 * 1024
"""The unpacked size from which a part's compression ratio is checked: small parts of
repeated text (styles, a one-row sheet) pack tightly and cost nothing to unpack."""

MAX_ROW_XML_BYTES = 2 * 1024 * 1024
"""The most one sheet row's XML may take: 50 cells of 2,000 characters each, written
with the longest escapes (10 bytes a character), is 1 MiB."""


def megabytes(size: int) -> str:
    """``1.5 MB`` (MiB, as the limits are given), for messages."""
    return f"{size / 1024 / 1024:,.1f} MB"
