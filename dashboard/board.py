"""The board's pages: RAG counts, the missing returns, a measure's trend with its numbers,
and the lists of a working group."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.downloads import file_stem
from dashboard.tables import trend_chart, trend_numbers
from dashboard.widgets import empty_state
from vrp_metrics import reporting
from vrp_metrics.catalogue import CodedText, Measure

RAG_ORDER = ("green", "amber", "red", "grey")
CHARTS_AT_ONCE = 4
"""Trend charts a page draws straight away; each later one waits for its button."""


class ChartBudget:
    """How many more trend charts this page run draws straight away.

    A page of many measures (IEO has 19) would otherwise build and draw every chart
    before the first can be seen. Measures past the budget keep their heading, rating,
    SPC words and the numbers behind the chart; their chart is drawn when asked for.
    """

    def __init__(self, charts: float = CHARTS_AT_ONCE) -> None:
        self.left = charts

    def take(self) -> bool:
        """Whether the next chart is drawn now (and, if so, one fewer is left)."""
        if self.left <= 0:
            return False
        self.left -= 1
        return True


def chart_budget(count: int, *, key: str) -> ChartBudget:
    """The charts to draw straight away: the first few, or all once the reader asks."""
    if count <= CHARTS_AT_ONCE:
        return ChartBudget(count)
    every = st.toggle(
        f"Draw all {count} charts at once",
        key=key,
        help=f"The first {CHARTS_AT_ONCE} charts are drawn straight away; each later one "
        "has a button, and its numbers are under it.",
    )
    return ChartBudget(count if every else CHARTS_AT_ONCE)


def rag_counts_row(
    counts: pd.DataFrame | Mapping[str, Any],
    key: str | None = None,
    *,
    columns: list | None = None,
) -> None:
    """Four metrics: how many measures are Green, Amber, Red and Not rated, in words,
    each with what its measures' statuses rest on ("5 on SPC, 2 against a target").

    ``counts`` is one row of ``reporting.rag_counts``, or the whole frame and the
    objective or working group code (``key``) whose row to show; ``columns`` are four
    containers to put the metrics in.
    """
    row = reporting.counts_of(counts, key) if isinstance(counts, pd.DataFrame) else counts
    for column, rag in zip(columns or st.columns(len(RAG_ORDER)), RAG_ORDER, strict=True):
        column.metric(reporting.rag_text(rag), int(row[rag]), border=True)
        # Every tile has a line under it, so that the tiles stay level.
        column.caption(row.get(f"{rag}_basis") or "none")


def objective_counts(counts: pd.DataFrame) -> None:
    """Each strategic objective with its working group, and its row of RAG counts."""
    for row in counts.to_dict("records"):
        # The name above its four tiles: beside them, at 1024 pixels wide, the tiles
        # were too narrow for "○ Not rated" and a two-digit count.
        with st.container(border=True):
            st.markdown(f"**{row['objective']} {row['objective_title']}**")
            measures = "1 measure" if row["total"] == 1 else f"{row['total']} measures"
            st.caption(f"{row['working_group_name']} working group · {measures}")
            rag_counts_row(row)


def missing_returns(notes: pd.DataFrame, period: str) -> None:
    """The returns still owed for a period, one warning per provider and return."""
    if notes.empty:
        st.success(f"All expected returns for {period} are in.", icon=":material/task_alt:")
        return
    for note in notes.to_dict("records"):
        st.warning(f"{note['message']}  \nWaiting for it: {note['measures']}.")


def measure_trend(
    table: pd.DataFrame,
    series: pd.DataFrame,
    measure: Measure,
    *,
    heading: str = "####",
    budget: ChartBudget | None = None,
) -> bool:
    """A measure's heading, its rating in words, its trend chart and the chart's numbers.

    ``table`` is ``reporting.overview_table`` for the period. With a ``budget`` spent,
    the chart waits for a button. Returns whether the measure reports for the period (an
    annual measure does not report for a quarter).
    """
    st.markdown(f"{heading} {measure.code} {measure.title}")
    row = reporting.measure_row(table, measure.code)
    if row is None:
        empty_state(
            f"{measure.code} is an annual measure: choose a financial year in the sidebar "
            "to see it."
        )
        return False
    source = f" · {row['source_text']}" if row["source_text"] else ""
    st.markdown(f"**{row['statement']}**{source}")
    labels, meanings = reporting.spc_words(row)
    st.caption(f"SPC: {labels}", help=meanings)
    if series.empty:
        empty_state(
            f"No figures for {measure.code} up to {row['period']} yet. They appear once "
            f"{measure.provider} sends {reporting.awaited_return(measure)} (Upload returns page)."
        )
        return True
    last = str(series["period"].iloc[-1])
    title = f"{measure.code}: {'quarterly' if ' Q' in last else 'yearly'} figures to {last}"
    if budget is None or budget.take():
        trend_chart(series, measure, title=title, key=f"trend-{measure.code}")
    else:
        _chart_on_request(series, measure, title)
    with st.expander(f"Numbers behind the chart: {measure.code}"):
        trend_numbers(series, download=file_stem(measure.code, "figures to", last))
        st.caption(measure.description)
    st.page_link(
        "pages/measure.py",
        label=f"More on {measure.code}: SPC chart, returns and history",
        icon=":material/show_chart:",
        query_params={"measure": measure.code, "period": row["period"]},
    )
    return True


@st.fragment
def _chart_on_request(series: pd.DataFrame, measure: Measure, title: str) -> None:
    """A button that draws the chart (rerunning only this part of the page); once drawn,
    the chart stays for the session."""
    shown = f"trend-shown-{measure.code}"
    if st.session_state.get(shown) or st.button(
        f"Draw the chart of {measure.code}",
        key=f"trend-draw-{measure.code}",
        icon=":material/show_chart:",
    ):
        st.session_state[shown] = True
        trend_chart(series, measure, title=title, key=f"trend-{measure.code}")


def coded_list(items: list[CodedText], empty: str) -> None:
    """ToC activities or Crest Advisory recommendations as a list, each with its number."""
    if not items:
        st.caption(empty)
        return
    st.markdown(
        "\n".join(
            f"- **{item.code}** {item.text}" if item.code else f"- {item.text}" for item in items
        )
    )
