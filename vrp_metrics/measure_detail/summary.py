"""A measure in words and tables: its definition, its figure for a period with the rule
behind its RAG status, and the numbers behind its charts with where each came from."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from vrp_metrics import periods, spc
from vrp_metrics.catalogue import (
    Catalogue,
    CompareTo,
    Frequency,
    Kind,
    Measure,
    Polarity,
    Rating,
    YearAggregation,
)
from vrp_metrics.charts.trend import trend_table
from vrp_metrics.reporting.formatting import (
    MISSING,
    format_basis,
    format_change,
    format_value,
    rag_text,
    source_text,
)
from vrp_metrics.reporting.series import measure_series
from vrp_metrics.reporting.status_words import (
    period_statement,
    rag_basis_text,
    status_text,
    status_words,
)
from vrp_metrics.store import Store

KIND_TEXT: dict[Kind, str] = {
    Kind.count: "A count: a whole number each period",
    Kind.percentage: "A percentage: 100 × numerator ÷ denominator",
    Kind.mean_change: (
        "An average change in score: the mean, over the cohort, of each participant's latest "
        "score minus their first"
    ),
    Kind.pct_improved: (
        "A percentage of a cohort: those whose score moved the good way since their first "
        "reading, out of everyone in the cohort"
    ),
    Kind.tracker_green_pct: (
        "A percentage of data sources: those with a green status in the Partnership Data "
        "Tracker, out of all sources listed"
    ),
}
"""What each kind of measure counts, in words."""

POLARITY_TEXT: dict[Polarity, str] = {
    Polarity.higher: "Higher is better",
    Polarity.lower: "Lower is better",
}

COMPARATOR_TEXT: dict[CompareTo, str] = {
    CompareTo.previous_period: "the previous quarter",
    CompareTo.same_period_last_year: "the same quarter last year",
}

FIGURE_TABLE_COLUMNS: tuple[str, ...] = (
    "Period",
    "Value",
    "Based on",
    "Comparator",
    "Change",
    "RAG",
    "Source",
    "Batches",
)
YEAR_TABLE_COLUMNS: tuple[str, ...] = (
    "Financial year",
    "Value",
    "Based on",
    "Quarters",
    "RAG",
    "Change on the year before",
)
PROVENANCE_COLUMNS: tuple[str, ...] = ("period", "period_type", "batch_ids", "batches")


def measure_choices(catalogue: Catalogue) -> dict[str, str]:
    """Every measure as ``code — title``, by working group (catalogue order), then code."""
    order = {group.code: number for number, group in enumerate(catalogue.working_groups)}
    ranked = sorted(
        enumerate(catalogue.measures), key=lambda item: (order[item[1].working_group], item[0])
    )
    return {m.code: f"{m.code} — {m.title}" for _, m in ranked}


def target_text(measure: Measure) -> str:
    """The measure's target and its tolerance, or "No target" (:func:`rating_text` says
    what the status rests on then)."""
    kind = measure.kind
    tolerance = f"{measure.target_tolerance:.0%}"
    if measure.target is not None:
        per = "each financial year" if measure.frequency == Frequency.annual else "each quarter"
        text = (
            f"{format_value(measure.target, kind)} {per} "
            f"(amber when it misses by no more than {tolerance})"
        )
        year = measure.effective_year_target
        if measure.frequency == Frequency.quarterly and year is not None:
            text += f"; {format_value(year, kind)} for the financial year"
        return text
    return "No target"


def rating_text(measure: Measure) -> str:
    """What the measure's RAG status rests on (DESIGN.md §4, "Basis"), in a sentence."""
    compared = (
        "the previous financial year"
        if measure.frequency == Frequency.annual
        else COMPARATOR_TEXT[measure.compare_to]
    )
    comparator = (
        f"compared with {compared}: a change of more than {measure.change_tolerance:.0%} the "
        "good way is green, the bad way red, else amber"
    )
    spc_rule = (
        f"on SPC, the quarter's point on its control chart as it stood then (at least "
        f"{spc.MINIMUM_POINTS_FOR_LIMITS} quarters since the limits were set): special-cause "
        "improvement green, concern red, no significant change amber"
    )
    if measure.rating is Rating.target:
        return "Fixed by the catalogue: against the target."
    if measure.rating is Rating.spc:
        return (
            f"Fixed by the catalogue: {spc_rule}; not rated until the chart has limits, "
            "nor for a financial year."
        )
    if measure.rating is Rating.comparator:
        return f"Fixed by the catalogue: {comparator}."
    if measure.target is not None:
        return "Against the target."
    if measure.frequency == Frequency.annual:
        return f"Compared with {compared}: " + comparator.split(": ", 1)[1] + "."
    return f"Each quarter {spc_rule}; until then, and for a financial year, {comparator}."


def measure_facts(catalogue: Catalogue, code: str) -> list[tuple[str, str]]:
    """The measure's definition and rules as (label, text) pairs, in reading order."""
    measure = catalogue.measure(code)
    provider = next(p for p in catalogue.providers if p.name == measure.provider)
    group = catalogue.working_group(measure.working_group)
    facts = [
        ("Definition", measure.description),
        (
            "Success measure",
            f"{measure.success_measure_code} "
            f"{catalogue.success_measure(measure.success_measure_code).title}",
        ),
        ("Working group", group.name),
        ("Provider", provider.full_name),
        ("Data source", measure.data_source),
        ("Kind", KIND_TEXT[measure.kind]),
        ("Polarity", POLARITY_TEXT[measure.polarity]),
        ("Target", target_text(measure)),
        ("RAG basis", rating_text(measure)),
        (
            "Reported",
            "Once a financial year"
            if measure.frequency == Frequency.annual
            else "Every quarter, and by financial year",
        ),
    ]
    if measure.scale is not None:
        scale = catalogue.scale(measure.scale)
        area = measure.area or scale.single_area
        way = "falling" if scale.good_direction == "down" else "rising"
        facts.append(
            (
                "Score scale",
                f"{scale.name}, {area}: {scale.range_text()}; a {way} score is an improvement",
            )
        )
    return facts


@dataclass(frozen=True)
class PeriodFigure:
    """A measure's figure for one period, in words."""

    period: str
    """The period shown: the one chosen, or for an annual measure the year it falls in."""
    statement: str
    """RAG, value and comparison in one sentence (``reporting.period_statement``)."""
    rag: str
    rag_text: str
    basis_text: str
    """The rule the RAG status rests on, in words."""
    source: str | None
    """``return``, ``readings``, ``return+readings`` or ``tracker``; None without a figure."""
    source_text: str
    note: str | None = None
    status: str = ""
    """The status and its basis in a few words ("Amber: no significant change over 14
    quarters", ``reporting.status_words``)."""


def shown_period(catalogue: Catalogue, code: str, period: str) -> str:
    """The period a measure reports for: an annual measure's year for a quarter."""
    parsed = periods.parse_period(period)
    if catalogue.measure(code).frequency == Frequency.annual and periods.is_quarter(parsed):
        parsed = periods.financial_year_of(parsed)
    return periods.format_period(parsed)


def period_figure(
    figures: pd.DataFrame, catalogue: Catalogue, code: str, period: str
) -> PeriodFigure:
    """The measure's figure for ``period`` with its RAG status and its basis in words."""
    measure = catalogue.measure(code)
    label = shown_period(catalogue, code, period)
    rows = figures[(figures["measure_code"] == code) & (figures["period"] == label)]
    if rows.empty:
        figure = {"period": label, "rag": "grey", "rag_basis": "no value"}
    else:
        figure = rows.iloc[0].to_dict()
    note = None
    if label != periods.canonical(period):
        note = (
            f"{code} is reported once a financial year, so this is {label}, the year of {period}."
        )
    return PeriodFigure(
        period=label,
        statement=period_statement(figure, measure.kind, measure),
        rag=str(figure["rag"]),
        rag_text=rag_text(figure["rag"]),
        basis_text=rag_basis_text(figure, measure),
        source=figure.get("source") if isinstance(figure.get("source"), str) else None,
        source_text=source_text(figure.get("source")),
        note=note,
        status=status_words(figure, measure),
    )


def _batch_ids(value: object) -> list[int]:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    return sorted(int(b) for b in value)  # type: ignore[union-attr]


def figure_provenance(figures: pd.DataFrame, store: Store, code: str) -> pd.DataFrame:
    """Which batches (accepted files) each of a measure's figures came from.

    One row per period with a figure, oldest first, quarters before years. ``batches``
    names them for people: ``batch 7 — society_of_st_james_outcomes_star.csv``; a
    readings-derived figure lists every batch holding a reading it used (baselines
    included). Columns: :data:`PROVENANCE_COLUMNS`.
    """
    rows = figures[figures["measure_code"] == code].sort_values(["period_type", "period_start"])
    batches = store.batches()
    files = dict(zip(batches["batch_id"].astype(int), batches["file_name"], strict=True))
    ids = [_batch_ids(v) for v in rows["batch_ids"]]
    return pd.DataFrame(
        {
            "period": rows["period"].astype(str).to_numpy(),
            "period_type": rows["period_type"].astype(str).to_numpy(),
            "batch_ids": ids,
            "batches": [
                "; ".join(f"batch {b} — {files.get(b, 'file not recorded')}" for b in batch)
                for batch in ids
            ],
        },
        columns=list(PROVENANCE_COLUMNS),
    )


def figures_table(
    figures: pd.DataFrame,
    store: Store,
    catalogue: Catalogue,
    code: str,
    up_to_period: str | None = None,
) -> pd.DataFrame:
    """The numbers behind the trend chart, all as text, oldest first.

    The trend chart's own table (:func:`~vrp_metrics.charts.trend.trend_table`: the
    measure's series up to ``up_to_period``, what each value rests on, its comparator
    and change, its RAG status in words), with whether each value came from a partner
    return or from outcome readings, and the batches it came from.
    Columns: :data:`FIGURE_TABLE_COLUMNS`.
    """
    series = measure_series(figures, catalogue, code, up_to_period)
    provenance = figure_provenance(figures, store, code).set_index("period")["batches"]
    table = trend_table(series).assign(
        Source=series["source_text"].tolist(),
        Batches=[provenance.get(p, "") for p in series["period"].astype(str)],
    )
    return table[list(FIGURE_TABLE_COLUMNS)]


def year_table(
    figures: pd.DataFrame, catalogue: Catalogue, code: str, up_to_period: str | None = None
) -> pd.DataFrame:
    """A quarterly measure's financial-year figures, oldest first, all as text.

    Years up to the one ``up_to_period`` falls in. ``Quarters`` says how many quarters
    a year's figure is built from ("4 of 4"); a count's part year is not rated.
    Columns: :data:`YEAR_TABLE_COLUMNS`, without "Based on" for a count.
    """
    measure = catalogue.measure(code)
    kind = measure.kind
    rows = figures[(figures["measure_code"] == code) & (figures["period_type"] == "year")]
    if up_to_period is not None:
        year = periods.financial_year_of(periods.parse_period(up_to_period))
        rows = rows[rows["period_start"] <= pd.Timestamp(year.start_time)]
    rows = rows.sort_values("period_start")
    table = pd.DataFrame(
        {
            "Financial year": rows["period"].astype(str).tolist(),
            "Value": [format_value(v, kind) for v in rows["value"]],
            "Based on": [
                format_basis(kind, n, d, c)
                for n, d, c in zip(
                    rows["numerator"], rows["denominator"], rows["cohort_size"], strict=True
                )
            ],
            "Quarters": [MISSING if pd.isna(q) else f"{int(q)} of 4" for q in rows["quarters"]],
            "RAG": [status_text(row, measure) for row in rows.to_dict("records")],
            "Change on the year before": [format_change(c, kind) for c in rows["change"]],
        },
        columns=list(YEAR_TABLE_COLUMNS),
    )
    # A count rests on nothing further, so its "Based on" would be an empty column.
    return table.drop(columns="Based on") if kind == Kind.count else table


def year_rule(measure: Measure) -> str:
    """How a quarterly measure's financial-year figure is made, in one sentence."""
    if measure.kind is Kind.count:
        if measure.year_aggregation is YearAggregation.latest:
            return "A year's figure is its latest quarter's."
        return (
            "A count's year is the sum of its quarters; a part year is shown so far, with "
            "no change and no rating, as it cannot be set against a whole year."
        )
    if measure.kind is Kind.tracker_green_pct:
        return "A year's figure is its latest quarter with a data tracker return."
    if measure.from_readings:
        return (
            "A year's cohort: participants with a reading in the year that is not their "
            "first, each counted once, with their change to their latest reading in it."
        )
    if measure.kind is Kind.mean_change:
        return "A year's figure is the quarters' average changes weighted by cohort size."
    return (
        "A year's percentage pools the quarters' numerators and denominators (never an "
        "average of percentages)."
    )


def distribution_note(figure: PeriodFigure, distribution: pd.DataFrame) -> str:
    """What the distribution of score changes for a period rests on, in words.

    ``distribution`` is :func:`~vrp_metrics.measure_detail.change_distribution`'s frame.
    Says how many participants it counts, how a range of changes is bounded when changes
    are grouped, and, when the period's figure was taken from a partner's return rather
    than from the readings, that the two may differ.
    """
    participants = int(distribution["participants"].sum())
    people = "1 participant" if participants == 1 else f"{participants} participants"
    text = (
        f"{people} in the cohort of {figure.period}: each one's latest score on or before the "
        "period's end minus their first score. No participant references are shown."
    )
    if (distribution["change_from"] != distribution["change_to"]).any():
        text += (
            " Changes are grouped in ranges; each range includes its end farther from zero "
            "(-10 to -5 means from -10 up to, but not including, -5)."
        )
    if figure.source in ("return", "return+readings"):
        text += (
            " The figure for this period was taken from the partner's return, which takes "
            "precedence over the readings; the distribution is worked out from the readings, "
            "so the two may differ."
        )
    return text
