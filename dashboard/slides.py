"""The presentation view's screens: large type, one thing at a time, and next /
previous buttons whose screen number lives in the address (``?step=3``), so a link
reopens the same screen."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import board
from dashboard.board_table import board_html, html_text, with_commentary
from dashboard.downloads import file_stem
from dashboard.tables import numbers, trend_chart
from dashboard.widgets import empty_state
from vrp_metrics import presentation, reporting
from vrp_metrics.catalogue import Catalogue
from vrp_metrics.charts.trend import trend_table
from vrp_metrics.reporting import escape_markdown

STEP_KEY = "step"
SCOPE_SEEN = "presentation_scope_seen"
"""Session key of the scope last shown: a new scope starts again at its summary."""

SLIDE_KEY = "vrp-slide"
"""The container of the screen's content (Streamlit gives it the class ``st-key-…``)."""

LARGE_TYPE = """
[data-testid="stMainBlockContainer"] { padding-top: 1.5rem; }
[data-testid="stMainBlockContainer"] h1 { font-size: 1.75rem; padding: 0; }
[data-testid="stMainBlockContainer"] [data-testid="stAlertContainer"] p { font-size: 0.8rem; }
.st-key-vrp-slide h2 { padding-top: 0.5rem; }
.st-key-vrp-slide :is(p, li, td, th, caption) { font-size: 1.3rem; }
.st-key-vrp-slide h2 { font-size: 2rem; }
.st-key-vrp-slide .vrp-board :is(td, th, caption) { font-size: 1.1rem; }
.vrp-figure p { font-size: 2.4rem !important; font-weight: 700; line-height: 1.2; margin: 0; }
"""


def toolbar() -> tuple[st.delta_generator.DeltaGenerator, st.delta_generator.DeltaGenerator]:
    """A row for the scope on the left and the screen controls on the right."""
    scope, buttons = st.columns([3, 2], vertical_alignment="bottom")
    return scope, buttons.container(horizontal=True, vertical_alignment="center")


def slide() -> st.delta_generator.DeltaGenerator:
    """The container the screen's content goes in (large type)."""
    return st.container(key=SLIDE_KEY)


def large_type() -> None:
    """Bigger text for a room reading a shared screen from a distance."""
    st.html(f"<style>{LARGE_TYPE}</style>")


def current_step(count: int, scope: str) -> int:
    """The screen to show (1 to ``count``), from ``?step=``; 1 for a new scope. An
    address whose step is not a screen of this scope says so and shows the nearest."""
    wanted = st.query_params.get(STEP_KEY, "1")
    if st.session_state.get(SCOPE_SEEN, scope) != scope:
        wanted = "1"
    st.session_state[SCOPE_SEEN] = scope
    try:
        step = int(wanted)
    except ValueError:
        step = 0
    if not 1 <= step <= count:
        shown = 1 if step < 1 else count
        quoted = escape_markdown(wanted if len(wanted) <= 20 else f"{wanted[:20]}…")
        st.warning(
            f"No screen {quoted} in this presentation (it has {count}): showing screen {shown}.",
            icon=":material/warning:",
        )
        step = shown
    st.query_params[STEP_KEY] = str(step)
    return step


def _go(step: int) -> None:
    st.query_params[STEP_KEY] = str(step)


def controls(row: st.delta_generator.DeltaGenerator, step: int, labels: list[str]) -> None:
    """Previous, where we are ("Screen 3 of 21: …") and Next, in ``row``."""
    row.button(
        "Previous",
        icon=":material/arrow_back:",
        disabled=step <= 1,
        on_click=_go,
        args=(step - 1,),
        key="previous-screen",
    )
    row.markdown(f"Screen {step} of {len(labels)}", help=escape_markdown(labels[step - 1]))
    row.button(
        "Next",
        icon=":material/arrow_forward:",
        icon_position="right",
        type="primary",
        disabled=step >= len(labels),
        on_click=_go,
        args=(step + 1,),
        key="next-screen",
    )


def summary(
    catalogue: Catalogue, scope: str, table: pd.DataFrame, period_frame: pd.DataFrame
) -> None:
    """The scope's RAG counts in tiles, and how many exceptions follow."""
    if scope == presentation.SVRP:
        board.objective_counts(reporting.rag_counts(period_frame, catalogue, by="objective"))
    else:
        group = presentation.scope_group(catalogue, scope)
        board.rag_counts_row(reporting.rag_counts(table, catalogue, by="working_group"), group)
    found = len(presentation.exceptions(table))
    reporting_ = "1 measure reports" if len(table) == 1 else f"{len(table)} measures report"
    exceptions_ = "1 is an exception" if found == 1 else f"{found} are exceptions"
    st.markdown(f"{reporting_} for this period; {exceptions_} (red, or an SPC concern).")


def exceptions(table: pd.DataFrame, commentary: pd.DataFrame, period: str) -> None:
    """The measures rated red or showing an SPC concern, with their commentary."""
    rows = presentation.exceptions(table)
    if rows.empty:
        st.success(f"No measure is rated red or shows an SPC concern in {period}.")
        return
    st.markdown(
        board_html(
            with_commentary(rows, commentary),
            caption=f"Rated red or an SPC concern in {period}",
        ),
        unsafe_allow_html=True,
    )


def measure(
    catalogue: Catalogue,
    row: dict,
    series: pd.DataFrame,
    commentary: pd.DataFrame,
) -> None:
    """One measure large: its chart beside its figure, status and the commentary."""
    measure = catalogue.measure(row["measure_code"])
    chart, words = st.columns([3, 2], gap="large")
    with words:
        st.markdown(
            f'<div class="vrp-figure"><p>{html_text(row["value_text"])}</p></div>',
            unsafe_allow_html=True,
        )
        st.markdown(f"**{escape_markdown(row['status_text'])}** · {row['statement']}")
        labels, _ = reporting.spc_words(row)
        st.markdown(f"**SPC:** {labels}")
        entry = reporting.latest_commentary(commentary, measure.code, row["period"])
        st.markdown("**Commentary**")
        if entry is None:
            st.markdown(f"No commentary on {measure.code} for {row['period']} yet.")
        else:
            st.text(str(entry["body"]))
            st.caption(escape_markdown(reporting.written_by(entry)))
    with chart:
        if series.empty:
            empty_state(f"No figures for {measure.code} up to {row['period']} yet.")
            return
        last = str(series["period"].iloc[-1])
        trend_chart(
            series, measure, title=f"{measure.code} to {last}", key="present-trend", height=420
        )
        with st.expander(f"Numbers behind the chart: {measure.code}"):
            numbers(trend_table(series), download=file_stem(measure.code, "figures to", last))
    st.page_link(
        "pages/measure.py",
        label=f"Open {measure.code} in full: SPC chart, returns and history",
        icon=":material/show_chart:",
        query_params={"measure": measure.code, "period": row["period"]},
    )
