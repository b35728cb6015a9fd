"""One measure's part of a pack: its figure in words, its chart as the app draws it, the
chart's numbers and alt text — from the same frames and figures as the pages.

The chart is the measure page's SPC chart where the page draws one (a quarterly measure
with enough quarters for limits), else the trend chart of the group and objective pages.
For a publication the figures frame has been through
:func:`vrp_metrics.disclosure.protect_figures`: a withheld point is not in the chart (its
number is not in the file at all) and its table cells read ``[c]``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from vrp_metrics.catalogue import Catalogue, Kind, Measure, Polarity
from vrp_metrics.charts.trend import trend_figure
from vrp_metrics.disclosure import WITHHELD, shown
from vrp_metrics.measure_detail import spc_figure, spc_for_measure
from vrp_metrics.reporting import (
    MISSING,
    format_value,
    measure_series,
    spc_words,
)

NUMBERS_COLUMNS: tuple[str, ...] = ("Period", "Value", "Based on", "RAG", "Change")
NUMBERS_ON_PAGE = 8
"""The latest periods whose numbers sit under a chart on a PDF page (every period's
are in a table after it when there are more)."""
NUMBERS_ON_SLIDE = 4
"""The latest periods whose numbers sit under a chart on a slide (every period's are in
the slide's notes)."""


@dataclass
class MeasureSection:
    """A measure's slide or page. Every text is ready to print; numbers that a
    publication withholds already read ``[c]``."""

    code: str
    title: str
    working_group: str
    group_name: str
    provider: str
    data_source: str
    period: str
    value_text: str
    support_label: str
    support_text: str
    change_text: str
    comparator_text: str
    rag: str
    rag_text: str
    statement: str
    spc_text: str
    commentary: str
    commentary_by: str
    latest_returned: str
    chart_kind: str
    chart: go.Figure | None
    chart_alt: str
    numbers: pd.DataFrame
    notes: list[str] = field(default_factory=list)

    def facts(self) -> list[tuple[str, str]]:
        """The figure's facts as (label, text) rows of a table, in reading order."""
        rows = [
            ("Figure", self.value_text),
            (self.support_label, self.support_text) if self.support_label else None,
            ("Change", self.change_text),
            ("Comparator", self.comparator_text),
            ("RAG", self.rag_text),
            ("SPC", self.spc_text),
            ("Data source", self.data_source),
            ("Latest period returned", self.latest_returned),
        ]
        return [row for row in rows if row is not None]


def _support(kind: Kind) -> str:
    if kind in (Kind.percentage, Kind.tracker_green_pct):
        return "Numerator / denominator"
    if kind is Kind.pct_improved:
        return "Improved / cohort n"
    if kind is Kind.mean_change:
        return "Cohort n"
    return ""


def _basis_text(kind: Kind, row: Mapping[str, Any]) -> str:
    """What the figure rests on as the app writes it (``31 / 42``, ``n = 57``; its
    ``based_on`` column), with ``[c]`` for withheld numbers."""
    withheld = row.get("withheld", frozenset())
    if kind is Kind.mean_change and "cohort_size" in withheld:
        return f"n = {WITHHELD}"
    if kind not in (Kind.count, Kind.mean_change) and {"numerator", "denominator"} & withheld:
        return f"{WITHHELD} / {WITHHELD}"
    text = row.get("based_on")
    return str(text) if isinstance(text, str) and text else MISSING


def _statement(row: Mapping[str, Any], kind: Kind) -> str:
    """The app's sentence on the figure, or, where numbers are withheld, one in its
    words that says ``[c]`` for them."""
    withheld = row.get("withheld", frozenset())
    if not withheld:
        return str(row["statement"])
    head = f"{row['rag_text']} in {row['period']}"
    support = _basis_text(kind, row) if kind is not Kind.count else ""
    value = shown(str(row["value_text"]), "value", withheld)
    value = f"{value} ({support})" if support and support != MISSING else value
    if row["rag_basis"] == "target":
        return f"{head}: {value} against a target of {format_value(row['target'], kind)}."
    if row["rag_basis"] == "comparator":
        change = shown(str(row["change_text"]), "change", withheld)
        comparator = shown(str(row["comparator_text"]), "comparator_value", withheld)
        return f"{head}: {value}, {change} on {row['comparator_period']} ({comparator})."
    return f"{head}: {value}."


def _numbers(raw: pd.DataFrame, withheld: Mapping[str, frozenset], kind: Kind) -> pd.DataFrame:
    """The chart's numbers, one row per period, all text; ``raw`` is the
    series before withholding (so that a withheld period keeps its row, reading [c])."""
    rows = []
    for row in raw.to_dict("records"):
        gone = withheld.get(str(row["period"]), frozenset())
        row = {**row, "withheld": gone}
        rows.append(
            {
                "Period": str(row["period"]),
                "Value": shown(str(row["value_text"]), "value", gone),
                "Based on": _basis_text(kind, row) if kind is not Kind.count else MISSING,
                "RAG": str(row["rag_text"]),
                "Change": shown(str(row["change_text"]), "change", gone),
            }
        )
    return pd.DataFrame(rows, columns=list(NUMBERS_COLUMNS))


def _direction(values: list[float], measure: Measure) -> str:
    """How the latest point moved from the one before, and whether that is good."""
    if len(values) < 2:
        return "only one period so far"
    last, before = values[-1], values[-2]
    if last == before:
        return "unchanged on the period before"
    up = last > before
    good = up == (measure.polarity is Polarity.higher)
    return f"{'up' if up else 'down'} on the period before ({'better' if good else 'worse'})"


def chart_alt(chart_kind: str, measure: Measure, series: pd.DataFrame, withheld_points: int) -> str:
    """What a chart shows, for a screen reader: the measure, the periods, the latest
    value and its direction — from the chart's own data (so nothing withheld)."""
    name = f"{chart_kind} of {measure.code} {measure.title}"
    if series.empty:
        return f"{name}: no figures to show yet."
    values = series["value"].astype(float).tolist()
    first, last = str(series["period"].iloc[0]), str(series["period"].iloc[-1])
    latest = format_value(values[-1], measure.kind)
    text = (
        f"{name}, {first} to {last}: latest value {latest} in {last}, "
        f"{_direction(values, measure)}."
    )
    if withheld_points:
        text += f" {withheld_points} period(s) withheld as {WITHHELD} are not shown."
    return text


def _chart(
    figures: pd.DataFrame, catalogue: Catalogue, measure: Measure, period: str
) -> tuple[str, go.Figure | None, pd.DataFrame, list[str]]:
    """The chart the app draws for the measure: SPC where the measure page has one."""
    series = measure_series(figures, catalogue, measure.code, period)
    result, labels, notes = spc_for_measure(figures, catalogue, measure.code, period)
    if result is not None:
        return "SPC chart (XmR)", spc_figure(result, labels, measure), series, list(notes)
    if series.empty:
        return "Trend chart", None, series, []
    last = str(series["period"].iloc[-1])
    title = f"{measure.code}: {'quarterly' if ' Q' in last else 'yearly'} figures to {last}"
    figure = trend_figure(
        series, title=title, unit=measure.unit, kind=measure.kind, target=measure.target
    )
    return "Trend chart", figure, series, []


def measure_section(
    row: Mapping[str, Any],
    figures: pd.DataFrame,
    raw_figures: pd.DataFrame | None,
    catalogue: Catalogue,
    commentary: Mapping[str, Any] | None,
    latest_returned: str,
) -> MeasureSection:
    """A measure's section from its row of ``reporting.overview_table`` (with the
    ``withheld`` column), the figures the pack reads (``figures``) and, for a
    publication, as they were before withholding (``raw_figures``: which periods the
    table of numbers lists, a withheld one reading [c]); None for an internal pack."""
    measure = catalogue.measure(str(row["measure_code"]))
    kind = Kind(measure.kind)
    period = str(row["period"])
    withheld = row.get("withheld", frozenset())
    chart_kind, chart, series, notes = _chart(figures, catalogue, measure, period)
    # Internal packs withhold nothing: their series is the chart's own.
    raw = (
        series
        if raw_figures is None
        else measure_series(raw_figures, catalogue, measure.code, period)
    )
    gone = figures[(figures["measure_code"] == measure.code)].set_index("period")["withheld"]
    gone_by_period = {str(p): w for p, w in gone.items() if w}
    hidden = len(set(raw["period"].astype(str)) - set(series["period"].astype(str)))
    if hidden:
        notes.append(f"{hidden} period(s) withheld as {WITHHELD} are left out of the chart.")
    labels, _ = spc_words(row)
    comparator = shown(str(row["comparator_text"]), "comparator_value", withheld)
    comparator_period = row["comparator_period_text"]
    return MeasureSection(
        code=measure.code,
        title=measure.title,
        working_group=measure.working_group,
        group_name=str(row["working_group_name"]),
        provider=measure.provider,
        data_source=measure.data_source,
        period=period,
        value_text=shown(str(row["value_text"]), "value", withheld),
        support_label=_support(kind),
        support_text=_basis_text(kind, row),
        change_text=shown(str(row["change_text"]), "change", withheld),
        comparator_text=(
            f"{comparator} in {comparator_period}" if comparator_period != MISSING else MISSING
        ),
        rag=str(row["rag"]),
        rag_text=str(row["rag_text"]),
        statement=_statement(row, kind),
        spc_text=labels,
        commentary=str(commentary["body"]) if commentary else "",
        commentary_by=(
            f"{commentary['author']}, {pd.Timestamp(commentary['written_at']):%d %B %Y}"
            if commentary
            else ""
        ),
        latest_returned=latest_returned,
        chart_kind=chart_kind,
        chart=chart,
        chart_alt=chart_alt(chart_kind, measure, series, hidden),
        numbers=_numbers(raw, gone_by_period, kind),
        notes=notes,
    )
