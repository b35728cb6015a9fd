"""One measure's figures over time, as the trend chart and its table read them."""

from __future__ import annotations

import pandas as pd

from vrp_metrics import periods
from vrp_metrics.catalogue import Catalogue, Frequency
from vrp_metrics.reporting.formatting import (
    format_basis,
    format_change,
    format_value,
    rag_text,
    source_text,
)
from vrp_metrics.reporting.status_words import status_text

SERIES_COLUMNS: tuple[str, ...] = (
    "measure_code",
    "period",
    "period_type",
    "period_start",
    "value",
    "value_text",
    "based_on",
    "rag",
    "rag_text",
    "basis",
    "status_text",
    "comparator_period",
    "comparator_value",
    "comparator_text",
    "change",
    "change_text",
    "source",
    "source_text",
    "numerator",
    "denominator",
    "cohort_size",
)


def period_options(figures: pd.DataFrame) -> list[str]:
    """The periods with figures, to choose from: quarters newest first, then financial
    years newest first."""
    quarters = figures[figures["period_type"] == "quarter"].sort_values(
        "period_start", ascending=False
    )
    years = figures[figures["period_type"] == "year"].sort_values("period_start", ascending=False)
    return list(dict.fromkeys(quarters["period"])) + list(dict.fromkeys(years["period"]))


def series_end(up_to_period: str) -> pd.Timestamp:
    """The start of the last quarter a series may reach: the quarter itself, or a year's Q4."""
    parsed = periods.parse_period(up_to_period)
    last = parsed if periods.is_quarter(parsed) else periods.quarters_of(parsed)[-1]
    return pd.Timestamp(last.start_time)


def quarter_rows(
    figures: pd.DataFrame, code: str, up_to_period: str | None = None, *, having: str = "value"
) -> pd.DataFrame:
    """A measure's quarter rows of the figures frame that have a ``having`` figure (the
    value, or e.g. the cohort size), oldest first, up to ``up_to_period`` (a quarter, or a
    financial year's last quarter)."""
    rows = figures[
        (figures["measure_code"] == code)
        & (figures["period_type"] == "quarter")
        & figures[having].notna()
    ]
    if up_to_period is not None:
        rows = rows[rows["period_start"] <= series_end(up_to_period)]
    return rows.sort_values("period_start")


def measure_series(
    figures: pd.DataFrame, catalogue: Catalogue, code: str, up_to_period: str | None = None
) -> pd.DataFrame:
    """A measure's quarterly series (annual measures: yearly), oldest first.

    Only periods with a figure are listed. ``up_to_period`` cuts the series after a
    quarter, or after the last quarter of a financial year (for an annual measure, after
    that year, or the year a quarter falls in). Columns: :data:`SERIES_COLUMNS` — the
    raw ``value`` (percentages on a 0–100 scale, counts, or average score changes in
    points), ``change`` and ``comparator_value`` in the same unit, and each formatted
    as text for tables (``value_text``, ``change_text``, ``comparator_text``), the
    ``based_on`` ("31 / 42", "n = 57"), ``rag`` with its ``rag_text`` ("● Green"), the
    ``basis`` it rests on and both in words (``status_text``, "◆ Amber: no significant
    change over 14 quarters"), and the ``source`` with its ``source_text``; the ``numerator``,
    ``denominator`` and ``cohort_size`` behind the value (as the ``measures`` command
    gives them).
    """
    measure = catalogue.measure(code)
    rows = figures[(figures["measure_code"] == code) & figures["value"].notna()]
    quarterly = measure.frequency == Frequency.quarterly
    rows = rows[rows["period_type"] == ("quarter" if quarterly else "year")]
    if up_to_period is not None:
        end = series_end(up_to_period)
        if not quarterly:
            end = pd.Timestamp(periods.financial_year_of(end).start_time)
        rows = rows[rows["period_start"] <= end]
    rows = rows.sort_values("period_start").reset_index(drop=True)
    kind = measure.kind
    series = rows.assign(
        value_text=[format_value(v, kind) for v in rows["value"]],
        based_on=[
            format_basis(kind, n, d, c)
            for n, d, c in zip(
                rows["numerator"], rows["denominator"], rows["cohort_size"], strict=True
            )
        ],
        rag_text=[rag_text(r) for r in rows["rag"]],
        status_text=[status_text(row, measure) for row in rows.to_dict("records")],
        comparator_text=[format_value(v, kind) for v in rows["comparator_value"]],
        change_text=[format_change(v, kind) for v in rows["change"]],
        source_text=[source_text(s) for s in rows["source"]],
    )
    return series[list(SERIES_COLUMNS)]
