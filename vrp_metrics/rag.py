"""The RAG status of every figure, and the basis it rests on (DESIGN.md §4, "RAG", "Basis").

This is the one place the status is decided. A quarterly figure is rated on the first
basis that applies:

1. **target**, when the measure has one;
2. **SPC**, when the measure's current SPC group had process limits at that quarter (the
   chart as it stood then, :func:`vrp_metrics.spc.points_as_they_stood`): special-cause
   improvement is green, special-cause concern red, common cause amber;
3. **comparator**: the change on the comparator period, within tolerance amber, beyond
   it green the good way and red the bad way.

A financial-year figure uses (1) or (3). The catalogue may fix the basis (``rating``);
a fixed basis that cannot apply leaves the figure grey, and ``rag_basis`` says why.
``docs/methodology.md`` says all this in plain words; the words shown with each status
come from :mod:`vrp_metrics.reporting.status_words`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from vrp_metrics import spc
from vrp_metrics.catalogue import Catalogue, Frequency, Measure, Rating

BASES: tuple[str, ...] = tuple(r.value for r in Rating)
"""The bases a status can rest on, in the order they are tried: ``basis`` is one of these,
or ``None`` for a figure that is not rated (grey)."""

# ``rag_basis``: the basis a status rests on, or why a figure is not rated.
NO_VALUE = "no value"
PART_YEAR = "part year"
NO_COMPARATOR = "no comparator"
NO_TARGET = "no target"
"""The catalogue fixes the target as the basis, but the period type has no target (a
summed count's financial year)."""
SPC_QUARTERS_ONLY = "spc quarters only"
"""The catalogue fixes SPC as the basis, and this is a financial-year figure."""
SPC_TOO_FEW = "spc too few"
SPC_NO_VARIATION = "spc no variation"
SPC_UNAVAILABLE = "spc unavailable"

NOT_RATED: tuple[str, ...] = (
    NO_VALUE,
    PART_YEAR,
    NO_COMPARATOR,
    NO_TARGET,
    SPC_QUARTERS_ONLY,
    SPC_TOO_FEW,
    SPC_NO_VARIATION,
    SPC_UNAVAILABLE,
)
"""Every ``rag_basis`` of a grey figure."""

SPC_RAG: dict[str, str] = {
    "special_cause_improvement": "green",
    "special_cause_concern": "red",
    "common_cause": "amber",
}
"""A quarter's SPC point type (on the chart as it stood then) as a RAG status."""

RATED_COLUMNS: tuple[str, ...] = (
    "rag",
    "rag_basis",
    "basis",
    "spc_point_type",
    "spc_points",
)
"""The columns :func:`rate_figures` adds: the status, why (:data:`NOT_RATED` or one of
:data:`BASES`), the basis (``None`` when grey), and for a quarter the SPC point type at
that quarter and the points of its SPC group up to it (``<NA>`` where SPC was not read)."""

_EDGE = 1e-9
"""Each edge allows this much of its size for floating-point rounding, so a value exactly
on an edge is rated as the edge says (100 × (1 − 0.57) is 43.000…01)."""


def target_rag(value: float, target: float, tolerance: float, *, higher: bool) -> str:
    """Against a target: green when met, amber when missed by at most ``tolerance`` of it."""
    slack = tolerance * abs(target) + _EDGE * max(1.0, abs(target))
    if higher:
        if value >= target:
            return "green"
        return "amber" if value >= target - slack else "red"
    if value <= target:
        return "green"
    return "amber" if value <= target + slack else "red"


def comparator_rag(value: float, comparator: float, tolerance: float, *, higher: bool) -> str:
    """Against the comparator period: amber within ``tolerance`` of it, else green the good
    way and red the bad way (with a comparator of 0, any move is beyond tolerance)."""
    change = value - comparator
    if abs(change) <= tolerance * abs(comparator) + _EDGE * max(1.0, abs(comparator)):
        return "amber"
    return "green" if (change > 0) == higher else "red"


def spc_rag(point_type: str) -> str:
    """Improvement green, concern red, common cause amber ("no significant change")."""
    return SPC_RAG[point_type]


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _flag(value: Any) -> bool:
    """A yes/no column that may be missing (``NaN`` after a merge): missing is no."""
    return not _missing(value) and bool(value)


@dataclass(frozen=True)
class RecordRating:
    """What the rules read of a working-group record figure (``ATT.DAWG``,
    ``CREST.IEO``: DESIGN §9), which has no catalogue entry: a quarterly percentage with no
    target, rated on its comparator (the previous quarter)."""

    frequency: Frequency = Frequency.quarterly
    rating: Rating | None = Rating.comparator
    target: float | None = None


def rated_as(catalogue: Catalogue, code: str) -> Measure | RecordRating:
    """The catalogue's measure, or for a record figure its :class:`RecordRating`."""
    return catalogue.measure(code) if catalogue.has_measure(code) else RecordRating()


def _needs_spc(measure: Measure | RecordRating) -> bool:
    if measure.frequency is not Frequency.quarterly:
        return False
    if measure.rating is None:
        return measure.target is None
    return measure.rating is Rating.spc


def spc_as_it_stood(figures: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """For each quarter of the measures that may be rated on SPC, the point as the chart
    stood at it. Columns: measure_code, period_start, spc_points, spc_limits,
    spc_point_type, spc_unavailable."""
    quarters = figures[(figures["period_type"] == "quarter") & figures["value"].notna()]
    frames = []
    for code, rows in quarters.groupby("measure_code", sort=False):
        measure = rated_as(catalogue, str(code))
        if not isinstance(measure, Measure) or not _needs_spc(measure):
            continue
        rows = rows.sort_values("period_start").reset_index(drop=True)
        stood = spc.points_as_they_stood(
            rows["value"].to_numpy(dtype=float),
            improvement=measure.improvement,  # type: ignore[arg-type]
            rebase_at=spc.rebase_positions(measure, rows["period_start"]),
        )
        frames.append(
            pd.DataFrame(
                {
                    "measure_code": code,
                    "period_start": rows["period_start"],
                    "spc_points": stood["group_points"],
                    "spc_limits": stood["limits"],
                    "spc_point_type": stood["point_type"],
                    "spc_unavailable": stood["unavailable"],
                }
            )
        )
    columns = [
        "measure_code",
        "period_start",
        "spc_points",
        "spc_limits",
        "spc_point_type",
        "spc_unavailable",
    ]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


def rate(figure: dict[str, Any], measure: Measure | RecordRating) -> tuple[str, str, str | None]:
    """``(rag, rag_basis, basis)`` of one figure (a row of the figures frame with the
    columns of :func:`spc_as_it_stood`)."""
    if _missing(figure["value"]):
        return "grey", NO_VALUE, None
    value = float(figure["value"])
    summed_year = bool(figure["summed_year"])
    if summed_year and not _missing(figure["quarters"]) and figure["quarters"] < 4:
        return "grey", PART_YEAR, None
    higher = figure["polarity"] == "higher"
    quarter = figure["period_type"] == "quarter"
    fixed = measure.rating is not None
    for basis in [measure.rating] if fixed else list(Rating):
        if basis is Rating.target:
            if not _missing(figure["target"]):
                tolerance = float(figure["target_tolerance"])
                return (
                    target_rag(value, float(figure["target"]), tolerance, higher=higher),
                    ("target"),
                    "target",
                )
            if fixed:
                return "grey", NO_TARGET, None
        elif basis is Rating.spc:
            if quarter and _flag(figure.get("spc_limits")):
                return spc_rag(str(figure["spc_point_type"])), "spc", "spc"
            if fixed:
                return "grey", _why_no_spc(figure, quarter=quarter), None
        else:
            comparator_quarters = figure["comparator_quarters"]
            if summed_year and not _missing(comparator_quarters) and comparator_quarters < 4:
                return "grey", PART_YEAR, None
            if _missing(figure["comparator_value"]):
                return "grey", NO_COMPARATOR, None
            tolerance = float(figure["change_tolerance"])
            comparator = float(figure["comparator_value"])
            return (
                comparator_rag(value, comparator, tolerance, higher=higher),
                ("comparator"),
                "comparator",
            )
    raise AssertionError("the comparator rule always decides")  # pragma: no cover


def _why_no_spc(figure: dict[str, Any], *, quarter: bool) -> str:
    if not quarter:
        return SPC_QUARTERS_ONLY
    if _flag(figure.get("spc_unavailable")):
        return SPC_UNAVAILABLE
    points = figure.get("spc_points")
    if not _missing(points) and points >= spc.MINIMUM_POINTS_FOR_LIMITS:
        return SPC_NO_VARIATION
    return SPC_TOO_FEW


def rate_figures(figures: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """The figures frame (as ``metrics/figures.sql`` gives it) with :data:`RATED_COLUMNS`;
    a figure that is not rated because it is a part year has no ``change`` either."""
    stood = spc_as_it_stood(figures, catalogue)
    if stood.empty:
        frame = figures.assign(
            spc_points=None, spc_limits=None, spc_point_type=None, spc_unavailable=None
        )
    else:
        frame = figures.merge(stood, on=["measure_code", "period_start"], how="left")
    quarter = frame["period_type"] == "quarter"
    # SPC is read for quarters only; a year's row must not pick up its first quarter's.
    for column in ("spc_points", "spc_limits", "spc_point_type", "spc_unavailable"):
        frame[column] = frame[column].astype(object).where(quarter, None)
    rated = [
        rate(row, rated_as(catalogue, row["measure_code"])) for row in frame.to_dict("records")
    ]
    frame["rag"] = [r[0] for r in rated]
    frame["rag_basis"] = [r[1] for r in rated]
    frame["basis"] = [r[2] for r in rated]
    frame.loc[frame["rag_basis"] == PART_YEAR, "change"] = math.nan
    frame["spc_points"] = frame["spc_points"].astype("Int64")
    frame["spc_point_type"] = frame["spc_point_type"].where(frame["spc_point_type"].notna(), None)
    return frame.drop(columns=["spc_limits", "spc_unavailable"])
