"""Tables shared by several pages: the table of measures with its RAG tints, plain tables
whose long text wraps, and the grid of returns received."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from vrp_metrics.charts.trend import LINE_COLOUR
from vrp_metrics.completeness import completeness_words
from vrp_metrics.reporting import rag_cell_styles, text_table

MEASURES_COLUMNS = {
    "link": st.column_config.LinkColumn(
        "Code",
        display_text=r"measure=([^&]+)",
        help="Open the measure page for this measure and period",
        pinned=True,
    ),
    "title": st.column_config.TextColumn("Measure", width="large"),
    "rag_text": st.column_config.TextColumn(
        "RAG", help="Against the target, or else against the comparator period"
    ),
    "value_text": st.column_config.TextColumn("Value", alignment="right", width=110),
    "change_text": st.column_config.TextColumn(
        "Change",
        alignment="right",
        width=110,
        help="Against the comparator period; pp = percentage points",
    ),
    "trend": st.column_config.LineChartColumn(
        "Last 8 quarters",
        help="Oldest on the left (years for an annual measure)",
        color=LINE_COLOUR,
    ),
    "basis": st.column_config.TextColumn(
        "Based on", help="Numerator / denominator for a percentage; n = cohort size"
    ),
    "comparator_text": st.column_config.TextColumn("Comparator", alignment="right", width=110),
    "comparator_period": st.column_config.TextColumn("Comparator period"),
    "variation_label": st.column_config.TextColumn(
        "SPC variation", width=210, help="The Making Data Count variation icon, in words"
    ),
    "assurance_label": st.column_config.TextColumn(
        "SPC assurance", width=210, help="The Making Data Count assurance icon, in words"
    ),
    "working_group_name": st.column_config.TextColumn("Group"),
    "provider": st.column_config.TextColumn("Provider"),
    "source_text": st.column_config.TextColumn(
        "Source", help="Where the figure came from: a partner return, readings or the tracker"
    ),
    "has_commentary": st.column_config.CheckboxColumn("Commentary"),
}


def measures_table(table: pd.DataFrame, *, key: str | None = None) -> None:
    """The table of measures (``reporting.overview_table``), every row visible."""
    st.dataframe(
        table.style.apply(rag_cell_styles, subset=["rag_text"]),
        column_order=list(MEASURES_COLUMNS),
        column_config=MEASURES_COLUMNS,
        hide_index=True,
        height="content",
        key=key,
    )


def completeness_grid(completeness: pd.DataFrame) -> None:
    """Expected vs received returns per provider and period, in words, newest first."""
    table = completeness_words(completeness)
    config = {"provider": st.column_config.TextColumn("Provider", pinned=True)}
    st.dataframe(table, column_config=config, hide_index=True, height="content")


def wrapped_table(
    frame: pd.DataFrame, headings: Mapping[str, str], *, nowrap: tuple[str, ...] = ()
) -> None:
    """Columns of ``frame`` under the given headings, in a plain table whose long text
    wraps (for barriers, actions and messages that must be read in full); the ``nowrap``
    columns (e.g. "◆ Amber") are kept on one line."""
    st.table(text_table(frame, headings, nowrap=nowrap), hide_index=True)
