"""Tables and charts shared by several pages: a measure's trend chart, a chart's
numbers, plain tables whose long text wraps, and the
grid of returns received.

Every scrolling table (grid) has our formula-safe CSV and Excel downloads under it
(``dashboard.downloads``), in place of the grid's own. Plain tables (``st.table``) read
their cells as Markdown, so :func:`wrapped_table` escapes every cell.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler

from dashboard.downloads import dated_stem, export_frame, table_downloads
from vrp_metrics.catalogue import Measure
from vrp_metrics.charts.trend import trend_figure, trend_table
from vrp_metrics.completeness import completeness_words
from vrp_metrics.reporting import escape_markdown, series_numbers, text_table


def fitting_height(rows: int, most: int) -> int:
    """The height in pixels of a table showing ``rows`` rows, scrolling beyond ``most``."""
    return min(most, 38 + 35 * rows)


def column_table(
    frame: pd.DataFrame | Styler,
    columns: Mapping[str, Any],
    *,
    download: str | None,
    height: int | str = "auto",
    key: str | None = None,
) -> None:
    """``frame``'s columns named in ``columns`` (column → ``st.column_config``), in that
    order, without the index; with the same columns to download as ``download``.csv and
    .xlsx (none when ``download`` is None, where another table offers them)."""
    st.dataframe(
        frame,
        column_order=list(columns),
        column_config=columns,
        hide_index=True,
        height=height,
        key=key,
    )
    if download:
        table_downloads(export_frame(frame, columns), name=download, key=key or download)


def trend_chart(
    series: pd.DataFrame,
    measure: Measure,
    *,
    title: str,
    key: str,
    theme: Literal["streamlit"] | None = None,
    height: int | None = None,
) -> None:
    """A measure's trend chart (``charts.trend.trend_figure``) with its unit and target;
    ``theme=None`` keeps the dashboard's own chart look; ``height`` in pixels."""
    figure = _trend_figure(series, title, measure.unit, str(measure.kind), measure.target)
    if height is not None:  # on a copy: the cached figure is shared
        figure = go.Figure(figure).update_layout(height=height)
    st.plotly_chart(figure, key=key, theme=theme)


@st.cache_resource(show_spinner=False, max_entries=512)
def _trend_figure(
    series: pd.DataFrame, title: str, unit: str, kind: str, target: float | None
) -> Any:
    """The chart, built once for the same numbers and words (Plotly checks every property
    as a figure is built: about a third of a second a chart on a busy machine); it is
    only read afterwards."""
    return trend_figure(series, title=title, unit=unit, kind=kind, target=target)


def numbers(
    table: pd.DataFrame,
    *,
    download: str,
    column_config: Mapping[str, Any] | None = None,
    width: int | Literal["stretch", "content"] = "stretch",
) -> None:
    """A chart's numbers (or any short table), every row visible, without the index;
    to download as ``download``.csv and .xlsx."""
    st.dataframe(table, column_config=column_config, hide_index=True, height="content", width=width)
    table_downloads(table, name=download, key=download, what="the numbers")


def trend_numbers(series: pd.DataFrame, *, download: str) -> None:
    """The numbers behind a trend chart (``charts.trend.trend_table`` of a measure's
    ``series``), every row visible; to download as ``download``.csv and .xlsx with each
    figure as a number (``reporting.series_numbers``)."""
    st.dataframe(trend_table(series), hide_index=True, height="content")
    table_downloads(series_numbers(series), name=download, key=download, what="the numbers")


def numbers_behind(label: str, table: pd.DataFrame, *, download: str) -> None:
    """A chart's numbers in an expander under it, for those who want the figures."""
    with st.expander(label):
        numbers(table, download=download)


def spc_numbers(table: pd.DataFrame, *, download: str) -> None:
    """The numbers behind an SPC chart (``charts.spc_chart.spc_table``) in an expander:
    value, mean and limits to one decimal place alike, each signal in full (wrapped);
    to download as ``download``.csv and .xlsx, in full precision."""
    numbers = ("Value", "Mean", "Lower limit", "Upper limit")
    shown = table.assign(
        **{
            column: table[column].map(lambda v: "" if pd.isna(v) else f"{v:,.1f}")
            for column in numbers
        }
    )
    with st.expander("The numbers behind the SPC chart"):
        wrapped_table(
            shown, {column: column for column in shown.columns}, nowrap=("Period", *numbers)
        )
        table_downloads(table, name=download, key=download, what="the numbers")


def figures_and_sources(table: pd.DataFrame) -> None:
    """The numbers behind a measure's trend chart and where each came from
    (``measure_detail.figures_table``), in a plain table whose text wraps: values,
    comparators, sources and batch files read in full at any width, where a scrolling
    table cut them short."""
    wrapped_table(
        table,
        {column: column for column in table.columns},
        nowrap=("Period", "Value", "Change"),
    )


def completeness_grid(completeness: pd.DataFrame) -> None:
    """Expected vs received returns per provider and period, in words, newest first."""
    config = {"provider": st.column_config.TextColumn("Provider", pinned=True)}
    numbers(
        completeness_words(completeness),
        download=dated_stem("vrp returns received"),
        column_config=config,
    )


def wrapped_table(
    frame: pd.DataFrame,
    headings: Mapping[str, str],
    *,
    nowrap: tuple[str, ...] = (),
    download: str | None = None,
) -> None:
    """Columns of ``frame`` under the given headings, in a plain table whose long text
    wraps (for barriers, actions and messages that must be read in full); the ``nowrap``
    columns (e.g. "◆ Amber") are kept on one line. With ``download``, the same columns
    under the same headings download as ``download``.csv and .xlsx.

    ``st.table`` reads each cell as Markdown: every cell and heading is escaped, so that
    a barrier of ``![t](http://…)`` shows as typed instead of fetching a picture.
    """
    shown = text_table(frame, headings, nowrap=nowrap).map(escape_markdown)
    st.table(shown.rename(columns=escape_markdown), hide_index=True)
    if download:
        table_downloads(export_frame(frame, headings), name=download, key=download)
