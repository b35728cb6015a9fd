"""Measure detail: one measure's definition, its figure for the period, its trend, its
cohort (for measures from outcome readings) and its SPC chart."""

import streamlit as st

from dashboard import frame, freshness, state, tables, widgets
from dashboard.commentary import show_commentary
from dashboard.downloads import file_stem, table_downloads
from vrp_metrics import measure_detail
from vrp_metrics.catalogue import Frequency
from vrp_metrics.charts import distribution
from vrp_metrics.charts.spc_chart import spc_table
from vrp_metrics.reporting import awaited_return

MEASURE_KEY = "measure"

frame.require("pages/measure.py")
period = widgets.need_period()
catalogue = state.catalogue()
figures = state.figures()
store = state.store()

# The chosen measure lives in the URL, so a pasted link opens the same measure.
code = widgets.query_select(
    "Measure",
    measure_detail.measure_choices(catalogue),
    key=MEASURE_KEY,
    help="Measures in working-group order (TVRP, DAWG, Engagement, IEO). Type to search.",
)
measure = catalogue.measure(code)
figure = measure_detail.period_figure(figures, catalogue, code, period)

st.title(f"{code} {measure.title}")
about, now = st.columns([3, 2], gap="large")
facts = measure_detail.measure_facts(catalogue, code)
about.markdown("\n".join(f"- **{label}:** {text}" for label, text in facts))
with now, st.container(border=True):
    st.subheader(f"Figure for {figure.period}")
    st.markdown(f"#### {figure.statement}")
    st.markdown(figure.basis_text)
    if figure.source_text:
        st.markdown(f"**Source used:** {figure.source_text}")
    if figure.note:
        st.caption(figure.note)
    st.markdown(freshness.latest_period_line(code))
    show_commentary(state.commentary(measure_code=code, period=figure.period), code, figure.period)

st.header("Trend")
series = state.measure_series(code, period)
if series.empty:
    widgets.empty_state(
        f"No figures for {code} up to {figure.period} yet. They appear once "
        f"{measure.provider} sends {awaited_return(measure)} (Upload returns page)."
    )
else:
    annual = measure.frequency == Frequency.annual
    tables.trend_chart(
        series,
        measure,
        title=f"{code} by {'financial year' if annual else 'quarter'}, to {figure.period}",
        key="measure-trend",
    )
    st.markdown("**The numbers behind the chart, and where each came from**")
    tables.figures_and_sources(state.figures_table(code, period))
    table_downloads(
        measure_detail.figures_numbers(figures, store, catalogue, code, period),
        name=file_stem(code, "figures to", figure.period),
        key="measure-figures",
        what="the figures",
    )
    if not annual:
        st.markdown("**Financial years**")
        tables.numbers(
            measure_detail.year_table(figures, catalogue, code, period),
            download=file_stem(code, "financial years to", period),
            width="content",
        )
        st.caption(measure_detail.year_rule(measure))

if measure.from_readings:
    direction = catalogue.scale(measure.scale).good_direction.value
    st.header("Cohort")
    cohorts = measure_detail.cohort_sizes(figures, code, period)
    st.plotly_chart(
        distribution.cohort_size_figure(cohorts, title=f"{code} cohort size by quarter"),
        key="measure-cohort",
        theme=None,
    )
    st.caption(
        "The cohort of a quarter: participants with a reading in it that is not their first."
    )
    tables.numbers_behind(
        "The numbers behind the cohort chart",
        distribution.cohort_table(cohorts),
        download=file_stem(code, "cohort sizes to", period),
    )

    st.subheader(f"Change in score, {figure.period}")
    spread = measure_detail.change_distribution(state.score_changes(code, figure.period))
    st.plotly_chart(
        distribution.change_histogram(
            spread, scale_direction=direction, title=f"{code} change in score, {figure.period}"
        ),
        key="measure-distribution",
        theme=None,
    )
    st.caption(measure_detail.distribution_note(figure, spread))
    tables.numbers_behind(
        "The numbers behind the score-change chart",
        distribution.histogram_table(spread, scale_direction=direction),
        download=file_stem(code, "change in score", figure.period),
    )

st.header("Statistical process control (SPC)")
result, labels, notes = state.spc_for_measure(code, period)
if result is None:
    widgets.empty_state(" ".join(notes))
else:
    statements = measure_detail.spc_statements(result, measure)
    for column, statement in zip(st.columns(len(statements)), statements, strict=True):
        column.container(border=True, height="stretch").markdown(
            f"**{statement.heading}**  \n{statement.text}"
        )
    for note in notes:
        st.markdown(f":material/info: {note}")
    near = st.toggle(
        "Show near-limit lines",
        help="Dotted lines two thirds of the way from the mean to each process limit; "
        "two of three points beyond one is a signal.",
    )
    st.plotly_chart(
        measure_detail.spc_figure(result, labels, measure, show_near_limits=near),
        key="measure-spc",
        theme=None,
    )
    tables.spc_numbers(spc_table(result.points, labels), download=file_stem(code, "spc to", period))
st.page_link(
    "pages/methodology.py",
    label="How the figures, RAG and SPC charts are worked out",
    icon=":material/menu_book:",
)
