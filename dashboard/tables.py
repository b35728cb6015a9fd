"""Tables shared by several pages: the table of measures with its RAG tints, plain tables
whose long text wraps, and the grid of returns received."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from vrp_metrics.charts.theme import RAG_STYLE
from vrp_metrics.charts.trend import LINE_COLOUR

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


def _tint(colour: str, share: float = 0.3) -> str:
    """A light tint of a hex colour (``share`` of it on white), for cell backgrounds."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - share * (255 - c)):02x}" for c in rgb)


_RAG_TINTS = {
    style.symbol: f"background-color: {_tint(style.colour)}" for style in RAG_STYLE.values()
}


def _rag_tint(column: pd.Series) -> list[str]:
    """A light RAG background behind each RAG cell; its words and symbol carry the meaning."""
    return [_RAG_TINTS.get(str(text)[:1], "") for text in column]


def measures_table(table: pd.DataFrame, *, key: str | None = None) -> None:
    """The table of measures (``reporting.overview_table``), every row visible."""
    st.dataframe(
        table.style.apply(_rag_tint, subset=["rag_text"]),
        column_order=list(MEASURES_COLUMNS),
        column_config=MEASURES_COLUMNS,
        hide_index=True,
        height="content",
        key=key,
    )


def completeness_words(completeness: pd.DataFrame) -> pd.DataFrame:
    """Providers × periods (newest first) in words: "✓ 3 of 3", "✗ 2 of 3 (missing 1)";
    empty where nothing is owed (e.g. a quarterly provider in a year column)."""
    if completeness.empty:
        return pd.DataFrame(columns=["provider"])

    def words(expected: int, received: int) -> str:
        if received >= expected:
            return f"✓ {received} of {expected}"
        return f"✗ {received} of {expected} (missing {expected - received})"

    frame = completeness.assign(
        text=[
            words(int(e), int(r))
            for e, r in zip(completeness["expected"], completeness["received"], strict=True)
        ],
        # a year column goes after the last quarter of its year (which starts 9 months in)
        order=completeness["period_start"]
        + pd.to_timedelta([0 if " Q" in p else 360 for p in completeness["period"]], unit="D"),
    )
    columns = frame.sort_values("order", ascending=False)["period"].drop_duplicates().tolist()
    table = frame.pivot(index="provider", columns="period", values="text")
    table = table.reindex(columns=columns).fillna("").reset_index()
    table.columns.name = None
    return table


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
    shown = frame[list(headings)].astype("string").fillna("")
    for column in nowrap:
        shown[column] = shown[column].str.replace(" ", "\N{NO-BREAK SPACE}", regex=False)
    st.table(shown.rename(columns=dict(headings)), hide_index=True)
