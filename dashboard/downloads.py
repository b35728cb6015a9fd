"""Our own CSV and Excel downloads of a table, formula-safe (``vrp_metrics.exports``),
each one written to the audit log.

Streamlit's table toolbar has a CSV download of its own that writes each cell as it is:
a data source named ``=HYPERLINK(…)`` would reach the reader's spreadsheet as a live
formula. So the toolbar's download (and copying cells) is off for every table
(``client.disableDataExport`` in .streamlit/config.toml) and these buttons replace it.

A click on one of them appends an ``export`` entry to the audit log (DESIGN §7): who
(:func:`acting_user`), which file — its name says the table, the period and the format —
and how many rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from dashboard import auth, state
from dashboard.errors import log_failure
from vrp_metrics import exports, periods
from vrp_metrics.access import ActingUser, Action, may

# Column types that are pictures or links in the grid, not figures to take away.
_NOT_EXPORTED = frozenset({"link", "line_chart", "bar_chart", "area_chart", "image"})

FORMATS: tuple[tuple[str, Any, str, str], ...] = (
    ("CSV", exports.csv_bytes, "csv", exports.CSV_MIME),
    ("Excel", exports.xlsx_bytes, "xlsx", exports.XLSX_MIME),
)
"""Each download's label, writer, file extension and media type."""

MEASURE_COLUMNS: dict[str, str] = {
    "measure_code": "Code",
    "title": "Measure",
    "working_group_name": "Group",
    "provider": "Provider",
    "period": "Period",
    "value": "Value",
    "value_text": "Value as shown",
    "based_on": "Based on",
    "comparator_value": "Comparator",
    "comparator_period": "Comparator period",
    "change": "Change",
    "change_text": "Change as shown",
    "target": "Target",
    "rag": "RAG",
    "rag_text": "RAG as shown",
    "basis": "Basis",
    "status_text": "Status",
    "rag_basis": "Rated on",
    "variation_label": "SPC variation",
    "assurance_label": "SPC assurance",
    "source_text": "Source",
    "commentary": "Commentary",
}
"""The columns of a table of measures (``reporting.overview_table``) in its downloads,
under their headings: each figure as a number (value, comparator, change, target) beside
the words the screen shows, so that a spreadsheet can sum and sort them. A column the
table does not have is left out."""


def acting_user() -> ActingUser:
    """Who is downloading: the signed-in person (in local mode, the person at this
    computer)."""
    return auth.current_user()


def export_frame(frame: pd.DataFrame | Styler, columns: Mapping[str, Any]) -> pd.DataFrame:
    """The columns a grid shows (``columns``: column → ``st.column_config`` entry or
    heading), in that order, under their headings; sparklines and links left out."""
    data = frame.data if isinstance(frame, Styler) else frame
    headings: dict[str, str] = {}
    for column, config in columns.items():
        if config is None or column not in data.columns:
            continue
        if isinstance(config, str):
            headings[column] = config
            continue
        if config.get("type_config", {}).get("type") in _NOT_EXPORTED:
            continue
        headings[column] = config.get("label") or column
    return data[list(headings)].rename(columns=headings)


def _slug(word: str) -> str:
    """A period as ``2026-27-Q2`` (``2026-27`` for a year); other words in lower case,
    with a hyphen for each run of characters that are not letters, digits or dots."""
    period = periods.try_parse_period(word)
    if period is not None:
        return periods.format_period(period).replace("/", "-").replace(" ", "-")
    return re.sub(r"[^0-9a-z.]+", "-", word.casefold()).strip("-.")


def file_stem(*words: str) -> str:
    """A download's file name without extension, safe on every system, saying what it
    holds and for which period: ``file_stem("vrp overview", "2026/27 Q2")`` is
    ``vrp-overview-2026-27-Q2``."""
    return "-".join(slug for slug in map(_slug, words) if slug) or "table"


def dated_stem(*words: str) -> str:
    """:func:`file_stem` for a table that covers no one period (every batch, every
    quarter of the tracker): its words and today's date, ``vrp-batches-as-at-2026-12-02``."""
    return file_stem(*words, "as at", dt.date.today().isoformat())


def record_export(file_name: str, rows: int) -> None:
    """Append an ``export`` entry for the download of ``file_name`` (``rows`` rows).

    Called when a download button is clicked; the file is already on its way to the
    reader, so a store that cannot take the entry just now is logged and said, not
    raised.
    """
    try:
        state.store().record(
            acting_user(),
            Action.EXPORT,
            file_name,
            detail=f"{rows:,} row{'' if rows == 1 else 's'}",
        )
    except Exception:  # noqa: BLE001 - a failed entry must not break the page
        reference = log_failure(f"Recording the download of {file_name}")
        st.toast(
            f"The download could not be written to the audit log (reference {reference}).",
            icon=":material/error:",
        )


def table_downloads(table: pd.DataFrame, *, name: str, key: str, what: str = "the table") -> None:
    """Two buttons under a table: "Download {what} (CSV)" and "(Excel)".

    The files are made only when a button is pressed, so a page with many tables pays
    nothing for them; each press is an audit entry (:func:`record_export`). ``name`` is
    the file name without extension (:func:`file_stem`); ``key`` makes the buttons unique
    on the page. Nobody whose role does not allow downloads sees them.
    """
    if not may(acting_user(), Action.EXPORT):
        return
    buttons = st.container(horizontal=True)
    for label, make, extension, mime in FORMATS:
        file_name = f"{name}.{extension}"
        buttons.download_button(
            f"Download {what} ({label})",
            data=lambda make=make: make(table),
            file_name=file_name,
            mime=mime,
            on_click=record_export,
            args=(file_name, len(table)),
            icon=":material/download:",
            type="tertiary",
            key=f"download-{key}-{extension}",
        )


def measures_downloads(
    table: pd.DataFrame, *, name: str, key: str, what: str = "the table"
) -> None:
    """The downloads of a table of measures (``reporting.overview_table``, with a
    ``commentary`` column where there is one): every column of :data:`MEASURE_COLUMNS`."""
    table_downloads(export_frame(table, MEASURE_COLUMNS), name=name, key=key, what=what)
