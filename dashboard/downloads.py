"""Our own CSV and Excel downloads of a table, formula-safe (``vrp_metrics.exports``).

Streamlit's table toolbar has a CSV download of its own that writes each cell as it is:
a data source named ``=HYPERLINK(…)`` would reach the reader's spreadsheet as a live
formula. So the toolbar's download (and copying cells) is off for every table
(``client.disableDataExport`` in .streamlit/config.toml) and these buttons replace it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from vrp_metrics import exports

# Column types that are pictures or links in the grid, not figures to take away.
_NOT_EXPORTED = frozenset({"link", "line_chart", "bar_chart", "area_chart", "image"})


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


def file_stem(*words: str) -> str:
    """A download's file name without extension, safe on every system:
    ``file_stem("vrp measures", "2025/26 Q1")`` is ``vrp_measures_2025-26_q1``."""
    text = " ".join(words).casefold().replace("/", "-")
    return re.sub(r"[^0-9a-z-]+", "_", text).strip("_") or "table"


def table_downloads(table: pd.DataFrame, *, name: str, key: str, what: str = "the table") -> None:
    """Two buttons under a table: "Download {what} (CSV)" and "(Excel)".

    The files are made only when a button is pressed, so a page with many tables pays
    nothing for them. ``name`` is the file name without extension (:func:`file_stem`);
    ``key`` makes the buttons unique on the page.
    """
    buttons = st.container(horizontal=True)
    for label, make, extension, mime in (
        ("CSV", exports.csv_bytes, "csv", exports.CSV_MIME),
        ("Excel", exports.xlsx_bytes, "xlsx", exports.XLSX_MIME),
    ):
        buttons.download_button(
            f"Download {what} ({label})",
            data=lambda make=make: make(table),
            file_name=f"{name}.{extension}",
            mime=mime,
            on_click="ignore",
            icon=":material/download:",
            type="tertiary",
            key=f"download-{key}-{extension}",
        )
