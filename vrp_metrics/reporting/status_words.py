"""A figure's RAG status with its basis, in words: the one place these words are made.

Every place that shows a status — the tables of measures, the tiles of counts, the
measure page, the downloads — takes its words from here, so a status never appears as
a colour (or a bare word) without what it rests on (DESIGN.md §4, "Basis"):

- ``status_words``: "Amber: no significant change over 14 quarters", "Green: special-cause
  improvement (SPC, 9 quarters)", "Red: 22% worse than the same quarter last year",
  "Green: 96.0% against a target of 90.0%", "Not rated: no figure yet";
- ``status_text``: the same after the status's symbol ("◆ Amber: …"), for table cells;
- ``period_statement``: one sentence with the period, the value and the basis;
- ``rag_basis_text``: the rule behind the status, for the measure page.

The decision itself is :mod:`vrp_metrics.rag`'s; these functions only read its columns
(``rag``, ``rag_basis``, ``spc_point_type``, ``spc_points``, …) from a figure's row.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from vrp_metrics import periods, rag, spc
from vrp_metrics.catalogue import Catalogue, CompareTo, Kind, Measure, Polarity
from vrp_metrics.charts.theme import RAG_STYLE
from vrp_metrics.reporting.formatting import (
    PERCENT_KINDS,
    format_basis,
    format_change,
    format_value,
    rag_text,
)

BASIS_TEXT: dict[str, str] = {
    "target": "against a target",
    "spc": "on SPC",
    "comparator": "against the comparator period",
}
"""Each basis in a few words, for counts of statuses ("5 on SPC")."""

SPC_WORDS: dict[str, str] = {
    "special_cause_improvement": "special-cause improvement",
    "special_cause_concern": "special-cause concern",
}


def _number(value: Any) -> float | None:
    if value is None or value is pd.NA:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _quarters(n: Any) -> str:
    count = int(n) if _number(n) is not None else 0
    return "1 quarter" if count == 1 else f"{count} quarters"


def _is_quarter(figure: Mapping[str, Any]) -> bool:
    ptype = figure.get("period_type")
    if isinstance(ptype, str):
        return ptype == "quarter"
    return periods.is_quarter(periods.parse_period(str(figure["period"])))


def comparator_words(figure: Mapping[str, Any], measure: Measure) -> str:
    """The comparator period in words: "the previous quarter", "the same quarter last
    year" or "the previous financial year"."""
    if not _is_quarter(figure):
        return "the previous financial year"
    if measure.compare_to is CompareTo.same_period_last_year:
        return "the same quarter last year"
    return "the previous quarter"


def _change_size(figure: Mapping[str, Any], kind: Kind) -> str:
    """How big the change on the comparator is: percentage points for a percentage,
    points for a score change, and for a count a share of the comparator ("22%")."""
    change = abs(_number(figure.get("change")) or 0.0)
    comparator = _number(figure.get("comparator_value")) or 0.0
    if kind in PERCENT_KINDS:
        return f"{change:,.1f} pp"
    if kind is Kind.mean_change:
        return f"{change:,.2f} points"
    if comparator == 0:
        return f"{change:,.0f}"
    share = 100 * change / abs(comparator)
    return f"{share:,.1f}%" if share < 1 else f"{share:,.0f}%"


def _rated_words(figure: Mapping[str, Any], measure: Measure) -> str:
    """What a rated figure's status rests on, after "Green: "."""
    status, basis, kind = figure["rag"], figure["rag_basis"], Kind(measure.kind)
    if basis == "target":
        words = (
            f"{format_value(figure['value'], kind)} against a target of "
            f"{format_value(figure['target'], kind)}"
        )
        return f"{words} (within {measure.target_tolerance:.0%})" if status == "amber" else words
    if basis == "spc":
        points = _quarters(figure.get("spc_points"))
        point_type = str(figure.get("spc_point_type"))
        if point_type in SPC_WORDS:
            return f"{SPC_WORDS[point_type]} (SPC, {points})"
        return f"no significant change over {points}"
    comparator = comparator_words(figure, measure)
    if status == "amber":
        if (_number(figure.get("change")) or 0.0) == 0:
            return f"no change on {comparator}"
        return f"within {measure.change_tolerance:.0%} of {comparator}"
    way = "better" if status == "green" else "worse"
    return f"{_change_size(figure, kind)} {way} than {comparator}"


def _not_rated_words(figure: Mapping[str, Any], measure: Measure) -> str:
    """Why a figure is not rated, after "Not rated: "."""
    basis = figure.get("rag_basis")
    if basis == rag.PART_YEAR:
        quarters = _number(figure.get("quarters"))
        if quarters is not None and quarters < 4:
            return f"part year ({int(quarters)} of 4 quarters so far)"
        return "the year before is a part year"
    if basis == rag.NO_COMPARATOR:
        return f"no figure for {comparator_words(figure, measure)} to compare with"
    if basis == rag.NO_TARGET:
        return "the catalogue rates it against a target, and this period has none"
    if basis == rag.SPC_QUARTERS_ONLY:
        return "the catalogue rates it on SPC, which rates quarters, not financial years"
    if basis == rag.SPC_TOO_FEW:
        return (
            f"the catalogue rates it on SPC, which needs {spc.MINIMUM_POINTS_FOR_LIMITS} "
            f"quarters; {_quarters(figure.get('spc_points'))} so far"
        )
    if basis == rag.SPC_NO_VARIATION:
        return "the catalogue rates it on SPC, and its values do not vary, so there are no limits"
    if basis == rag.SPC_UNAVAILABLE:
        return "the catalogue rates it on SPC, and a figure is out of the range SPC can work with"
    return "no figure yet"


def status_words(figure: Mapping[str, Any], measure: Measure) -> str:
    """The status and its basis: "Amber: no significant change over 14 quarters"."""
    label = RAG_STYLE.get(str(figure.get("rag")), RAG_STYLE["grey"]).label
    if figure.get("rag") in ("green", "amber", "red") and figure.get("rag_basis") in rag.BASES:
        return f"{label}: {_rated_words(figure, measure)}"
    return f"{RAG_STYLE['grey'].label}: {_not_rated_words(figure, measure)}"


def status_text(figure: Mapping[str, Any], measure: Measure) -> str:
    """:func:`status_words` after the status's symbol, e.g. "◆ Amber: no significant
    change over 14 quarters" (the symbol lets a table tint the cell)."""
    symbol = RAG_STYLE.get(str(figure.get("rag")), RAG_STYLE["grey"]).symbol
    return f"{symbol} {status_words(figure, measure)}"


def status_texts(figures: pd.DataFrame, catalogue: Catalogue) -> list[str]:
    """:func:`status_text` of every row of a figures frame, in order."""
    return [
        status_text(row, catalogue.measure(str(row["measure_code"])))
        for row in figures.to_dict("records")
    ]


def basis_counts_text(frame: pd.DataFrame, status: str) -> str:
    """What the figures of one status rest on, e.g. "5 on SPC, 2 against a target"; for
    ``grey``, "not rated"; empty when there are none. ``frame`` has ``rag`` and ``basis``."""
    rows = frame[frame["rag"] == status]
    if rows.empty or "basis" not in rows.columns:
        return ""
    if status == "grey":
        return "not rated: no figure, or nothing to rate it against"
    counts = rows["basis"].value_counts()
    return ", ".join(f"{int(counts[b])} {BASIS_TEXT[b]}" for b in rag.BASES if b in counts)


def no_figure_reason(
    period: str, measure: Measure | None = None, today: dt.date | None = None
) -> str:
    """Why a measure has no figure for a period, as far as can be told without the store."""
    if periods.parse_period(period).end_time.date() >= (today or dt.date.today()):
        return f"{period} has not ended yet, so its figures are not due."
    if measure is not None and measure.from_readings:
        return (
            "no participant had a reading in it other than their first (an empty cohort), "
            "or the readings have not arrived."
        )
    return "its return or readings have not arrived."


def period_statement(
    figure: Mapping[str, object], kind: Kind | str, measure: Measure | None = None
) -> str:
    """One sentence on a measure's figure for its period, RAG first, e.g.
    "● Green in 2026/27 Q2: 63.9% (39 / 61), +4.3 pp on 2026/27 Q1 (59.6%)." or
    "◆ Amber in 2026/27 Q2: 407 — no significant change over 14 quarters (SPC)."

    ``figure`` is a row of the figures frame (a measure without a figure has
    ``rag_basis`` "no value"). The sentence says what the rating rests on: the target,
    SPC, the comparator period, or why there is none.
    """
    head = f"{rag_text(figure['rag'])} in {figure['period']}"
    basis = figure["rag_basis"]
    if basis == rag.NO_VALUE:
        return f"{head}: no figure yet — {no_figure_reason(str(figure['period']), measure)}"
    value = format_value(figure["value"], kind)
    support = format_basis(kind, figure["numerator"], figure["denominator"], figure["cohort_size"])
    value = f"{value} ({support})" if support else value
    if basis == rag.PART_YEAR:
        return f"{head}: {value} so far — the year is not complete, so it is not rated."
    if basis == "target":
        return f"{head}: {value} against a target of {format_value(figure['target'], kind)}."
    if basis == rag.NO_COMPARATOR:
        return f"{head}: {value} — no figure for its comparator period, so it is not rated."
    if basis == "spc" and measure is not None:
        words = _rated_words(figure, measure)
        return f"{head}: {value} — {words}{'' if '(SPC' in words else ' (SPC)'}."
    if basis in rag.NOT_RATED and measure is not None:
        return f"{head}: {value} — {_not_rated_words(figure, measure)}."
    change = format_change(figure["change"], kind)
    change = change if change[0] in "+-" else "no change"
    return (
        f"{head}: {value}, {change} on {figure['comparator_period']} "
        f"({format_value(figure['comparator_value'], kind)})."
    )


def rag_basis_text(figure: Mapping[str, Any], measure: Measure) -> str:
    """Why the figure has its RAG status: the rule applied, in plain words."""
    kind, basis = measure.kind, figure["rag_basis"]
    better = "higher" if measure.polarity == Polarity.higher else "lower"
    fixed = " (the basis the catalogue sets for this measure)" if measure.rating else ""
    if basis == rag.NO_VALUE:
        return "Not rated: there is no figure for this period."
    if basis == rag.PART_YEAR:
        return (
            "Not rated: the financial year is not complete (or is compared with one that is "
            "not), and a part year's count cannot be judged against a whole year."
        )
    if basis == "target":
        target = format_value(figure["target"], kind)
        return (
            f"Rated against the target of {target} ({better} is better){fixed}: green when "
            f"it meets the target, amber when it misses by no more than "
            f"{measure.target_tolerance:.0%}, red otherwise."
        )
    if basis == "spc":
        return (
            f"Rated on SPC{fixed}: this quarter's point on the control chart as it stood "
            f"then, from the {_quarters(figure.get('spc_points'))} of its current group up "
            "to this one. Special-cause improvement is green, special-cause concern red, "
            "and common cause — no significant change — amber."
        )
    if basis in (
        rag.NO_TARGET,
        rag.SPC_QUARTERS_ONLY,
        rag.SPC_TOO_FEW,
        rag.SPC_NO_VARIATION,
        rag.SPC_UNAVAILABLE,
    ):
        return f"Not rated: {_not_rated_words(figure, measure)}."
    comparator = figure.get("comparator_period")
    if not isinstance(comparator, str):
        comparator = comparator_period(measure, str(figure["period"]))
    if basis == rag.NO_COMPARATOR:
        return f"Not rated: there is no figure for {comparator} to compare it with."
    return (
        f"Rated against {comparator} ({format_value(figure['comparator_value'], kind)}; "
        f"{better} is better){fixed}: a change of more than {measure.change_tolerance:.0%} "
        "the good way is green, the bad way red, anything smaller amber."
    )


def comparator_period(measure: Measure, period: str) -> str:
    """The period a figure is compared with when it is rated against its comparator."""
    parsed = periods.parse_period(period)
    if periods.is_quarter(parsed) and measure.compare_to == CompareTo.previous_period:
        return periods.format_period(periods.previous(parsed))
    return periods.format_period(periods.same_period_last_year(parsed))
