"""Small layout pieces every page shares: the demo banner, empty states, RAG words."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import state
from vrp_metrics import reporting
from vrp_metrics.catalogue import CodedText, Measure
from vrp_metrics.charts.theme import RAG_STYLE
from vrp_metrics.charts.trend import LINE_COLOUR, trend_figure, trend_table
from vrp_metrics.store import Store, StoreError

DEMO_TEXT = (
    "**Synthetic demonstration data.** Every figure on this page is made up by the "
    "dashboard's demo generator: no real people, no real partner returns."
)


def demo_banner() -> None:
    """A banner on every page while the figures shown are the synthetic demo data."""
    if state.showing_demo_data():
        st.info(DEMO_TEXT, icon=":material/science:")


def empty_state(message: str) -> None:
    """Say what is missing and what to do, instead of a blank area."""
    st.info(message, icon=":material/info:")


def need_period() -> str:
    """The chosen period, or an explanation and a stop when there is no data at all."""
    period = state.selected_period()
    if period is None:
        empty_state("There are no figures yet. Upload partner returns on the Upload returns page.")
        st.stop()
    return period


# --- The board's pages: RAG counts, the measures table, a measure's trend ---------------

RAG_ORDER = ("green", "amber", "red", "grey")
COMMENTARY_AUTHOR = "commentary_author"
"""Session key of the name last used to save a commentary, offered in every form."""
COMMENTARY_SAVED = "commentary_saved"


def query_choice(
    label: str, options: Mapping[str, str], *, key: str, help: str | None = None
) -> str:
    """A segmented control over ``options`` (code → label) whose code lives in the URL.

    ``?{key}=CODE`` chooses on arrival (an unknown code falls back to the first), and
    the choice is written back so the address can be shared.
    """
    codes = list(options)
    if st.session_state.get(key) not in codes:
        wanted = st.query_params.get(key)
        st.session_state[key] = wanted if wanted in codes else codes[0]
    chosen = st.segmented_control(
        label, codes, required=True, format_func=options.__getitem__, key=key, help=help
    )
    st.query_params[key] = chosen
    return chosen


def rag_counts_row(
    counts: pd.DataFrame | Mapping[str, Any],
    key: str | None = None,
    *,
    columns: list | None = None,
) -> None:
    """Four metrics: how many measures are Green, Amber, Red and Not rated, in words.

    ``counts`` is one row of ``reporting.rag_counts``, or the whole frame and the
    objective or working group code (``key``) whose row to show; ``columns`` are four
    containers to put the metrics in.
    """
    row = counts
    if isinstance(counts, pd.DataFrame):
        wanted = (counts["objective"] == key) | (counts["working_group"] == key)
        row = counts[wanted].iloc[0].to_dict()
    for column, rag in zip(columns or st.columns(len(RAG_ORDER)), RAG_ORDER, strict=True):
        column.metric(reporting.rag_text(rag), int(row[rag]), border=True)


def objective_counts(counts: pd.DataFrame) -> None:
    """Each strategic objective with its working group, and its row of RAG counts."""
    for row in counts.to_dict("records"):
        with st.container(border=True):
            name, *rags = st.columns([3, 1, 1, 1, 1], vertical_alignment="center")
            name.markdown(f"**{row['objective']} {row['objective_title']}**")
            measures = "1 measure" if row["total"] == 1 else f"{row['total']} measures"
            name.caption(f"{row['working_group_name']} working group · {measures}")
            rag_counts_row(row, columns=rags)


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


def missing_returns(notes: pd.DataFrame, period: str) -> None:
    """The returns still owed for a period, one warning per provider and return."""
    if notes.empty:
        st.success(f"All expected returns for {period} are in.", icon=":material/task_alt:")
        return
    for note in notes.to_dict("records"):
        st.warning(f"{note['message']}  \nWaiting for it: {note['measures']}.")


def measure_trend(
    table: pd.DataFrame, series: pd.DataFrame, measure: Measure, *, heading: str = "####"
) -> bool:
    """A measure's heading, its rating in words, its trend chart and the chart's numbers.

    ``table`` is ``reporting.overview_table`` for the period. Returns whether the measure
    reports for the period (an annual measure does not report for a quarter).
    """
    st.markdown(f"{heading} {measure.code} {measure.title}")
    rows = table[table["measure_code"] == measure.code]
    if rows.empty:
        empty_state(
            f"{measure.code} is an annual measure: choose a financial year in the sidebar "
            "to see it."
        )
        return False
    row = rows.iloc[0]
    source = f" · {row['source_text']}" if row["source_text"] else ""
    st.markdown(f"**{row['statement']}**{source}")
    spc = dict.fromkeys([row["variation_label"], row["assurance_label"]])  # once if the same
    st.caption(
        f"SPC: {' · '.join(spc)}",
        help="\n\n".join(dict.fromkeys([row["variation_text"], row["assurance_text"]])),
    )
    if series.empty:
        empty_state(
            f"No figures for {measure.code} up to {row['period']} yet. They appear once "
            f"{measure.provider} sends a return (Upload returns page)."
        )
        return True
    last = str(series["period"].iloc[-1])
    st.plotly_chart(
        trend_figure(
            series,
            title=f"{measure.code}: {'quarterly' if ' Q' in last else 'yearly'} figures to {last}",
            unit=measure.unit,
            kind=measure.kind,
            target=measure.target,
        ),
        key=f"trend-{measure.code}",
        theme=None,
    )
    with st.expander(f"Numbers behind the chart: {measure.code}"):
        st.dataframe(trend_table(series), hide_index=True, height="content")
        st.caption(measure.description)
    st.page_link(
        "pages/measure.py",
        label=f"More on {measure.code}: SPC chart, returns and history",
        icon=":material/show_chart:",
        query_params={"measure": measure.code, "period": row["period"]},
    )
    return True


def show_commentary(commentary: pd.DataFrame, code: str, period: str) -> dict | None:
    """The latest commentary on a measure for a period, with who wrote it and when."""
    found = commentary[(commentary["measure_code"] == code) & (commentary["period"] == period)]
    if found.empty:
        st.caption(f"No commentary on {code} for {period} yet.")
        return None
    entry = found.iloc[-1].to_dict()
    quoted = "\n".join(f"> {line}" for line in str(entry["body"]).splitlines())
    st.markdown(f"**Commentary for {period}**\n\n{quoted}")
    written = pd.Timestamp(entry["written_at"]).strftime("%d %B %Y at %H:%M")
    st.caption(f"Written by {entry['author']} on {written}")
    return entry


def commentary_form(store: Store, code: str, period: str, entry: Mapping | None) -> None:
    """A form to write or edit the chair's commentary; saving stores a new version."""
    if st.session_state.get(COMMENTARY_SAVED) == (code, period):
        st.success(f"Commentary on {code} for {period} saved.", icon=":material/check:")
        del st.session_state[COMMENTARY_SAVED]
    current = str(entry["body"]) if entry else ""
    remembered = st.session_state.get(COMMENTARY_AUTHOR, "")
    version = hashlib.sha1(f"{current}|{remembered}".encode()).hexdigest()[:8]
    label = "Edit the commentary" if entry else "Write a commentary"
    with st.expander(f"{label} on {code} for {period}"), st.form(f"commentary-{code}"):
        author = st.text_input("Your name", value=remembered, key=f"author-{code}-{version}")
        body = st.text_area(
            "Commentary",
            value=current,
            key=f"body-{code}-{period}-{version}",
            help="A few sentences for the SVRP: what the figure shows and what is being done. "
            "Saving an empty text removes the commentary.",
        )
        saved = st.form_submit_button("Save commentary", type="primary")
    if not saved:
        return
    if not author.strip():
        st.error("Enter your name so that readers know who wrote the commentary, then save.")
        return
    try:
        store.add_commentary(code, period, body, author=author.strip())
    except StoreError as exc:
        st.error(f"The commentary was not saved: {exc}")
        return
    st.session_state[COMMENTARY_AUTHOR] = author.strip()
    st.session_state[COMMENTARY_SAVED] = (code, period)
    st.rerun()


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
