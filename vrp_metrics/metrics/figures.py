"""Every measure's figures, computed in SQL (``figures.sql``) from the rows in force.

The rules are DESIGN.md §4; ``docs/methodology.md`` says them in plain words.
"""

from __future__ import annotations

import pandas as pd

from vrp_metrics import periods
from vrp_metrics.catalogue import Catalogue, Frequency, Kind
from vrp_metrics.rag import rate_figures
from vrp_metrics.records.codes import crest_listed_frame, record_group_frame, record_measure_frame
from vrp_metrics.sqlfiles import sql_file, with_effective
from vrp_metrics.store import Store

#: The columns of the ``measures`` command (DESIGN.md §5), in order.
CLI_COLUMNS = [
    "measure_code",
    "period",
    "value",
    "numerator",
    "denominator",
    "cohort_size",
    "rag",
    "basis",
]

#: Every column of the figures frame.
FIGURE_COLUMNS = [
    "measure_code",
    "period",
    "period_type",
    "period_start",
    "value",
    "numerator",
    "denominator",
    "cohort_size",
    "rag",
    "basis",
    "rag_basis",
    "spc_point_type",
    "spc_points",
    "target",
    "comparator_start",
    "comparator_value",
    "change",
    "source",
    "batch_ids",
    "quarters",
]


def catalogue_frame(catalogue: Catalogue) -> pd.DataFrame:
    """The catalogue's measures as one table for the SQL rules."""
    rows = []
    for m in catalogue.measures:
        scale = catalogue.scale(m.scale) if m.scale else None
        rows.append(
            {
                "measure_code": m.code,
                "kind": str(m.kind),
                "polarity": str(m.polarity),
                "frequency": str(m.frequency),
                "year_aggregation": str(m.year_aggregation),
                "scale": m.scale,
                "area": m.area or (scale.single_area if scale else None),
                "scale_direction": str(scale.good_direction) if scale else None,
                "target": m.target if m.frequency == Frequency.quarterly else None,
                "year_target": m.effective_year_target,
                "target_tolerance": m.target_tolerance,
                "change_tolerance": m.change_tolerance,
                "compare_to": str(m.compare_to),
                "working_group": m.working_group,
                "provider": m.provider,
            }
        )
    frame = pd.DataFrame(rows)
    for column in ("target", "year_target", "target_tolerance", "change_tolerance"):
        frame[column] = frame[column].astype("float64")
    return frame


def measure_figures(
    store: Store,
    catalogue: Catalogue,
    *,
    as_at_batch: int | None = None,
    records: bool = False,
) -> pd.DataFrame:
    """One row per measure and period with data: quarters, and financial years.

    ``as_at_batch`` reads the figures as they stood just after that batch was loaded.
    Values are unrounded; percentages are on a 0–100 scale. With ``records``, the
    working groups' attendance (``ATT.<GROUP>``) and Crest readiness (``CREST.<GROUP>``)
    figures follow the catalogue's measures (DESIGN §9).
    """
    as_at = store.revision_of_batch(as_at_batch) if as_at_batch is not None else None
    cur = store.cursor()
    try:
        return figures_on(cur, catalogue, as_at=as_at, records=records)
    finally:
        cur.close()


def _figures_query() -> str:
    """figures.sql with the in-force CTEs and the record figures' CTEs before it."""
    return with_effective("records/quarter_figures.sql") + ",\n" + sql_file("metrics/figures.sql")


def figures_on(
    cur, catalogue: Catalogue, *, as_at: int | None = None, records: bool = False
) -> pd.DataFrame:
    """The figures as a given cursor sees them (used for previews inside a transaction)."""
    measures = pd.concat(
        [catalogue_frame(catalogue), record_measure_frame(catalogue)], ignore_index=True
    )
    cur.register("catalogue_measure", measures)
    cur.register("record_group", record_group_frame(catalogue))
    cur.register("crest_listed", crest_listed_frame(catalogue))
    try:
        frame = cur.execute(_figures_query(), {"as_at": as_at}).df()
    finally:
        for name in ("catalogue_measure", "record_group", "crest_listed"):
            cur.unregister(name)
    if not records:
        frame = frame[frame["measure_code"].isin({m.code for m in catalogue.measures})]
        frame = frame.reset_index(drop=True)
    frame = rate_figures(frame, catalogue)
    frame["comparator_period"] = [
        periods.format_period(periods.from_start(start, quarterly=ptype == "quarter"))
        if pd.notna(start)
        else None
        for start, ptype in zip(frame["comparator_start"], frame["period_type"], strict=True)
    ]
    for column in ("numerator", "denominator", "cohort_size", "quarters"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _applicable(catalogue: Catalogue, period: pd.Period) -> list[str]:
    """The measures that report for a period: quarterly ones for a quarter, all for a year."""
    if periods.is_quarter(period):
        return [m.code for m in catalogue.measures if m.frequency == Frequency.quarterly]
    return [m.code for m in catalogue.measures]


def figures_for_period(figures: pd.DataFrame, catalogue: Catalogue, period: str) -> pd.DataFrame:
    """Every measure that reports for ``period``, with its figure or ``grey`` when missing."""
    parsed = periods.parse_period(period)
    label = periods.format_period(parsed)
    codes = _applicable(catalogue, parsed)
    present = figures[figures["period"] == label].set_index("measure_code")
    frame = present.reindex(codes).reset_index().rename(columns={"index": "measure_code"})
    frame["period"] = label
    frame["period_type"] = "quarter" if periods.is_quarter(parsed) else "year"
    frame["rag"] = frame["rag"].fillna("grey")
    frame["rag_basis"] = frame["rag_basis"].fillna("no value")
    # Record figures (ATT., CREST.) come only where there is one: a quarter with no
    # meetings has no attendance figure (DESIGN §9).
    records = figures[(figures["period"] == label) & ~figures["measure_code"].isin(codes)]
    if not records.empty:
        frame = pd.concat([frame, records], ignore_index=True)
    return frame


def default_listing(figures: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Every quarter with data for quarterly measures, and years for annual ones."""
    annual = {m.code for m in catalogue.measures if m.frequency == Frequency.annual}
    is_annual = figures["measure_code"].isin(annual)
    keep = (is_annual & (figures["period_type"] == "year")) | (
        ~is_annual & (figures["period_type"] == "quarter")
    )
    return figures[keep]


def latest_quarter(figures: pd.DataFrame) -> str | None:
    """The latest quarter that has any figure, as a label."""
    quarters = figures[figures["period_type"] == "quarter"]
    if quarters.empty:
        return None
    return str(quarters.loc[quarters["period_start"].idxmax(), "period"])


def kind_of(catalogue: Catalogue, code: str) -> Kind:
    return catalogue.measure(code).kind
