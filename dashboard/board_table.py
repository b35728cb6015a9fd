"""The table of measures as the board reads it on a shared screen.

Seven columns — code, measure, figure, change, RAG, SPC and the chair's commentary —
in a plain HTML table that is never wider than the page: long text wraps, and printing
keeps its rows whole. Each code is a link to the measure's page that opens in the same
tab (a screen-share of one tab shows it). Every other column of
``reporting.overview_table`` stays on the measure page and in the downloads, which
keep every column.

Everything a partner or a user wrote is escaped for HTML here (:func:`html_text`),
so a commentary of ``<b>`` or ``[link](…)`` reads as typed.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from dashboard.downloads import measures_downloads
from vrp_metrics import reporting
from vrp_metrics.reporting import rag_cell_styles

BOARD_COLUMNS: dict[str, str] = {
    "measure_code": "Code",
    "title": "Measure",
    "value_text": "Figure",
    "change_text": "Change",
    "status_text": "RAG",
    "variation_label": "SPC",
    "commentary": "Commentary",
}
"""The columns on screen (column of ``overview_table`` → heading)."""

COLUMN_WIDTHS: dict[str, int] = {
    "measure_code": 10,
    "title": 23,
    "value_text": 11,
    "change_text": 11,
    "status_text": 15,
    "variation_label": 12,
    "commentary": 18,
}
"""Each column's share of the table's width, in per cent."""

_CELL_CLASS = {
    "value_text": "vrp-number",
    "change_text": "vrp-number",
    "commentary": "vrp-commentary",
}

# HTML's own characters, and those an HTML block of Streamlit's Markdown could still act
# on (its ":material/…:" icons, maths, emphasis, links, headings), become entities.
_ENTITIES = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"':$@\\`*_~[]()|#!{}=+-"})


def html_text(value: object) -> str:
    """A value as HTML text that shows as typed: every character that could mean
    something written as an entity, its line breaks kept as ``<br>`` (a blank line would
    end the HTML block and start Markdown)."""
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    escaped = text.translate(_ENTITIES)
    return "<br>".join(escaped.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def with_commentary(table: pd.DataFrame, commentary: pd.DataFrame) -> pd.DataFrame:
    """``table`` with a ``commentary`` column: the latest commentary text on each
    measure for the table's period (empty where there is none)."""
    texts = [
        (entry or {}).get("body", "")
        for entry in (
            reporting.latest_commentary(commentary, code, period)
            for code, period in zip(table["measure_code"], table["period"], strict=True)
        )
    ]
    return table.assign(commentary=texts)


def board_html(
    table: pd.DataFrame, *, caption: str, columns: Mapping[str, str] = BOARD_COLUMNS
) -> str:
    """The table (``with_commentary(overview_table(...))``) as one line of HTML: a
    caption, a heading row, and per measure a row whose code links to its page."""
    head = "".join(f'<th scope="col">{html_text(h)}</th>' for h in columns.values())
    widths = "".join(f'<col style="width: {COLUMN_WIDTHS.get(c, 10)}%">' for c in columns)
    rows = []
    for row in table.to_dict("records"):
        cells = []
        for column in columns:
            text = html_text(row.get(column, ""))
            css = _CELL_CLASS.get(column, "")
            style = rag_cell_styles([row["status_text"]])[0] if column == "status_text" else ""
            if column == "measure_code":
                text = f'<a href="{html.escape(row["link"], quote=True)}" target="_self">{text}</a>'
                cells.append(f'<th scope="row">{text}</th>')
                continue
            attributes = (f' class="{css}"' if css else "") + (f' style="{style}"' if style else "")
            cells.append(f"<td{attributes}>{text or '—'}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<div class="vrp-board"><table><caption>{html_text(caption)}</caption>'
        f"<colgroup>{widths}</colgroup>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def board_table(
    table: pd.DataFrame, commentary: pd.DataFrame, *, caption: str, download: str, key: str
) -> pd.DataFrame:
    """The board's table of measures on screen, and every column in the downloads.
    Returns the table with its commentary text."""
    shown = with_commentary(table, commentary)
    st.markdown(board_html(shown, caption=caption), unsafe_allow_html=True)
    measures_downloads(shown, name=download, key=key)
    return shown
