"""The board's overview: RAG counts, the table of every measure, the returns still owed."""

from __future__ import annotations

from typing import Any, Literal
from urllib.parse import quote, urlencode

import pandas as pd

from vrp_metrics import periods
from vrp_metrics.catalogue import Catalogue, Measure
from vrp_metrics.metrics import figures_for_period
from vrp_metrics.reporting.formatting import (
    format_basis,
    format_change,
    format_value,
    period_text,
    rag_text,
    source_text,
)
from vrp_metrics.reporting.series import measure_series
from vrp_metrics.reporting.spc_status import spc_icons
from vrp_metrics.reporting.status_words import (
    basis_counts_text,
    period_statement,
    status_text,
)

RAG_COLUMNS: tuple[str, ...] = ("green", "amber", "red", "grey")
COUNT_COLUMNS: tuple[str, ...] = (
    "objective",
    "objective_title",
    "working_group",
    "working_group_name",
    *RAG_COLUMNS,
    "total",
    *(f"{rag}_basis" for rag in RAG_COLUMNS),
)
SPARKLINE_LENGTH = 8
MEASURE_PAGE = "measure"
"""The measure page's URL path, relative to the app (no leading slash, so that a
dashboard served under a sub-path still links within itself)."""

OVERVIEW_COLUMNS: tuple[str, ...] = (
    "measure_code",
    "link",
    "title",
    "working_group",
    "working_group_name",
    "provider",
    "kind",
    "period",
    "value",
    "value_text",
    "based_on",
    "comparator_value",
    "comparator_text",
    "comparator_period",
    "comparator_period_text",
    "change",
    "change_text",
    "rag",
    "rag_text",
    "basis",
    "status_text",
    "rag_basis",
    "target",
    "statement",
    "variation_icon",
    "variation_label",
    "variation_text",
    "assurance_icon",
    "assurance_label",
    "assurance_text",
    "trend",
    "source",
    "source_text",
    "has_commentary",
)


def rag_counts(
    period_frame: pd.DataFrame,
    catalogue: Catalogue,
    by: Literal["working_group", "objective"] = "working_group",
) -> pd.DataFrame:
    """How many measures are green, amber, red and grey (not rated) in a period.

    ``period_frame`` is one period's figures with every applicable measure (as
    :func:`vrp_metrics.metrics.figures_for_period` gives). ``by="objective"`` gives one
    row per strategic objective (measures of the working group that delivers it);
    ``by="working_group"`` one row per working group that owns measures. All four RAG
    columns are always present, with ``total`` their sum; ``green_basis`` … ``grey_basis``
    say what each count rests on ("5 on SPC, 2 against a target").
    Columns: :data:`COUNT_COLUMNS`.
    """
    if by not in ("working_group", "objective"):
        raise ValueError(f"by must be 'working_group' or 'objective'; got {by!r}")
    group_of = {m.code: m.working_group for m in catalogue.measures}
    by_group = period_frame.assign(working_group=period_frame["measure_code"].map(group_of))
    if by == "objective":
        keys = [
            (so, catalogue.working_group(so.working_group)) for so in catalogue.strategic_objectives
        ]
    else:
        owners = {m.working_group for m in catalogue.measures}
        keys = [
            (catalogue.objective_of_group(g.code), g)
            for g in catalogue.working_groups
            if g.code in owners
        ]
    rows = []
    for objective, group in keys:
        rated = by_group[by_group["working_group"] == group.code]
        counts = {rag: int((rated["rag"] == rag).sum()) for rag in RAG_COLUMNS}
        rows.append(
            {
                "objective": objective.code if objective else None,
                "objective_title": objective.title if objective else None,
                "working_group": group.code,
                "working_group_name": group.short_name,
                **counts,
                "total": sum(counts.values()),
                **{f"{rag}_basis": basis_counts_text(rated, rag) for rag in RAG_COLUMNS},
            }
        )
    return pd.DataFrame(rows, columns=list(COUNT_COLUMNS))


def counts_of(counts: pd.DataFrame, key: str) -> dict[str, Any]:
    """The row of :func:`rag_counts` for a strategic objective or working group code."""
    wanted = (counts["objective"] == key) | (counts["working_group"] == key)
    return counts[wanted].iloc[0].to_dict()


def awaited_return(measure: Measure) -> str:
    """What a provider sends for a measure: "a return", or readings for one from readings."""
    return "outcome readings or a return" if measure.from_readings else "a return"


def measure_link(code: str, period: str, page: str = MEASURE_PAGE) -> str:
    """The measure page's address for a measure and period, e.g.
    ``measure?measure=5.1.2.c&period=2025%2F26%20Q1``."""
    return f"{page}?{urlencode({'measure': code, 'period': period}, quote_via=quote)}"


def overview_table(
    figures: pd.DataFrame,
    catalogue: Catalogue,
    period: str,
    commentary: pd.DataFrame | None = None,
    *,
    working_group: str | None = None,
) -> pd.DataFrame:
    """One row per measure that reports for ``period``, in catalogue order.

    Quarterly measures report for a quarter; every measure reports for a financial
    year. A measure with no figure is still listed, rated grey. ``working_group``
    keeps one group's measures. ``commentary`` is the store's commentary frame (any
    periods; only ``period`` counts) and sets ``has_commentary``.

    Raw columns (``value`` in the measure's unit — count, percentage on 0–100, or
    average score change in points — ``rag``, ``change``, ...) sit beside their text
    forms for display (``value_text`` "72.4%", ``based_on`` "31 / 42", ``change_text``
    "+4.3 pp", ``rag_text`` "● Green", ``comparator_period_text`` "2026/27 Q1", or
    :data:`~vrp_metrics.reporting.formatting.MISSING` where there is no comparator
    period). ``trend`` lists the last 8 values of the
    measure's own series (quarters, or years for an annual measure) up to the period,
    oldest first. ``basis`` is what the status rests on (``target``, ``spc``,
    ``comparator``, or None when not rated) and ``status_text`` says the status with its
    basis in words ("◆ Amber: no significant change over 14 quarters",
    :mod:`~vrp_metrics.reporting.status_words`). The SPC columns are those of
    :func:`spc_icons`; ``source_text`` says
    whether the figure came from a partner return, outcome readings or the data
    tracker; ``link`` is the measure page's address (:func:`measure_link`).
    Columns: :data:`OVERVIEW_COLUMNS`.
    """
    label = periods.canonical(period)
    frame = figures_for_period(figures, catalogue, label)
    if working_group is not None:
        frame = frame[
            frame["measure_code"].map(lambda c: catalogue.measure(c).working_group) == working_group
        ]
    frame = frame.merge(spc_icons(figures, catalogue, label), on="measure_code", how="left")
    written: set[str] = set()
    if commentary is not None and not commentary.empty:
        written = set(commentary.loc[commentary["period"] == label, "measure_code"])
    rows = []
    for figure in frame.itertuples(index=False):
        measure = catalogue.measure(figure.measure_code)
        kind = measure.kind
        series = measure_series(figures, catalogue, measure.code, label)
        rows.append(
            {
                "link": measure_link(measure.code, label),
                "title": measure.title,
                "working_group": measure.working_group,
                "working_group_name": catalogue.working_group(measure.working_group).short_name,
                "provider": measure.provider,
                "kind": str(kind),
                "value_text": format_value(figure.value, kind),
                "based_on": _so_far(figure)
                or format_basis(kind, figure.numerator, figure.denominator, figure.cohort_size),
                "comparator_text": format_value(figure.comparator_value, kind),
                "comparator_period_text": period_text(figure.comparator_period),
                "change_text": format_change(figure.change, kind),
                "rag_text": rag_text(figure.rag),
                "status_text": status_text(figure._asdict(), measure),
                "statement": period_statement(figure._asdict(), kind, measure),
                "trend": series["value"].tail(SPARKLINE_LENGTH).astype(float).tolist(),
                "source_text": source_text(figure.source),
                "has_commentary": measure.code in written,
            }
        )
    table = pd.concat(
        [frame.reset_index(drop=True), pd.DataFrame(rows, index=range(len(frame)))], axis=1
    )
    return table[list(OVERVIEW_COLUMNS)]


def _so_far(figure: Any) -> str:
    """What a part year's sum rests on ("2 of 4 quarters"): it is the year so far."""
    if figure.rag_basis == "part year" and pd.notna(figure.quarters) and figure.quarters < 4:
        return f"{int(figure.quarters)} of 4 quarters"
    return ""


def measure_row(table: pd.DataFrame, code: str) -> dict[str, Any] | None:
    """A measure's row of :func:`overview_table`, or None when it does not report for the
    table's period (an annual measure, for a quarter)."""
    rows = table[table["measure_code"] == code]
    return None if rows.empty else rows.iloc[0].to_dict()


def missing_return_notes(missing: pd.DataFrame) -> pd.DataFrame:
    """The returns still owed, one row per provider, kind of return and period.

    ``missing`` is :func:`vrp_metrics.completeness.missing_returns`'s frame. ``message``
    says what is missing and what to do ("No return from Artswork for 2026/27 Q2 yet —
    upload it on the Upload returns page."); ``measures`` lists the measures waiting
    for it ("5.1.5.a Young people reached; ..."). Columns: provider, return_name,
    period, measures, message.
    """
    columns = ["provider", "return_name", "period", "measures", "message"]
    if missing.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for (provider, return_name, period), owed in missing.groupby(
        ["provider", "return_name", "period"], sort=True
    ):
        what = "return" if return_name == "measure return" else return_name
        rows.append(
            {
                "provider": provider,
                "return_name": return_name,
                "period": period,
                "measures": "; ".join(
                    f"{code} {title}"
                    for code, title in zip(owed["measure_code"], owed["title"], strict=True)
                ),
                "message": f"No {what} from {provider} for {period} yet — upload it on the "
                "Upload returns page.",
            }
        )
    return pd.DataFrame(rows, columns=columns)
