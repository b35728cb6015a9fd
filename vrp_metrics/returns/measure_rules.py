"""Measure returns: aggregate figures, one row per measure and period (DESIGN §3)."""

from __future__ import annotations

from functools import cached_property

import numpy as np
import pandas as pd

from vrp_metrics.catalogue import Catalogue, Frequency, Kind
from vrp_metrics.periods import VALID_QUARTER_FORMS, VALID_YEAR_FORMS
from vrp_metrics.returns.checks import Context, Flag, by_unique, one_of, row_key, rule
from vrp_metrics.returns.headers import COLUMNS
from vrp_metrics.returns.limits import MAX_FIGURE
from vrp_metrics.returns.report import ReturnKind
from vrp_metrics.returns.shared_rules import (
    period_has_ended,
    period_has_started,
    period_not_too_early,
    repeats,
    required_cells_filled,
    required_columns_present,
)

_RATIO_KINDS = (Kind.percentage.value, Kind.pct_improved.value)
_MOST = f"{MAX_FIGURE:,}"

# What each kind of measure is, and which columns it takes, in a partner's words.
_WHAT = {
    Kind.count.value: "a count",
    Kind.mean_change.value: "an average change in score",
    Kind.percentage.value: "a percentage",
    Kind.pct_improved.value: "a percentage of a cohort",
}
_RATIO_NEEDS = (
    "give numerator and denominator (whole numbers, 0 ≤ numerator ≤ denominator, "
    "denominator greater than 0) and leave value and cohort_size empty: the value is worked "
    "out as 100 × numerator ÷ denominator"
)
_NEEDS = {
    Kind.count.value: "give value (a whole number of 0 or more) and leave numerator, "
    "denominator and cohort_size empty",
    Kind.mean_change.value: "give value (any number) and cohort_size (a whole number greater "
    "than 0), and leave numerator and denominator empty",
    Kind.percentage.value: _RATIO_NEEDS,
    Kind.pct_improved.value: _RATIO_NEEDS,
}


def _needs(kind: str) -> str:
    return f"this measure is {_WHAT[kind]}, so {_NEEDS[kind]}"


class MeasureReturn(Context):
    spec = COLUMNS[ReturnKind.measure]

    @property
    def empty_hints(self) -> dict[str, str]:
        return {
            "measure_code": "give the code of a measure in the catalogue, such as 1.1.1.e",
            "period": f"give a quarter such as {VALID_QUARTER_FORMS} (or, for an annual "
            f"measure, a financial year such as {VALID_YEAR_FORMS})",
        }

    @cached_property
    def code(self) -> pd.Series:
        """The measure code as the catalogue writes it (codes end in a lower-case letter)."""
        return self.text("measure_code").str.lower()

    @cached_property
    def kind(self) -> pd.Series:
        """The kind of each row's measure (text), NaN when the code is not in the catalogue."""
        kinds = {m.code: m.kind.value for m in self.catalogue.measures}
        return by_unique(self.code, lambda codes: codes.map(kinds).astype("str"))

    @cached_property
    def annual(self) -> pd.Series:
        """Whether each row's measure is annual (nullable: NA when the code is unknown)."""
        annual = {m.code: m.frequency == Frequency.annual for m in self.catalogue.measures}
        return by_unique(self.code, lambda codes: codes.map(annual).astype("boolean"))

    def is_kind(self, *kinds: str) -> pd.Series:
        return self.kind.isin(kinds)


@rule("the measure code is not in the catalogue")
def measure_code_in_catalogue(context: MeasureReturn) -> list[Flag]:
    # Compared by value: a catalogue cached across a reload of the catalogue module (as
    # Streamlit does in development) holds enum members that are equal, not identical.
    codes = [m.code for m in context.catalogue.measures if m.kind != Kind.tracker_green_pct]
    unknown = context.given("measure_code") & context.kind.isna()
    return context.flag(
        unknown,
        "measure_code",
        f"'{{value}}' is not a measure code in the catalogue: use one of {one_of(codes)}.",
    )


@rule("the measure comes from data tracker returns")
def measure_not_from_tracker(context: MeasureReturn) -> list[Flag]:
    return context.flag(
        context.is_kind(Kind.tracker_green_pct.value),
        "measure_code",
        "'{value}' is worked out from the Partnership Data Tracker, so it is not accepted in "
        "a measure return: send a data tracker return instead (columns data_source, agency, "
        "period and rag_status).",
    )


@rule("the period is not a quarter or financial year")
def period_is_a_period(context: MeasureReturn) -> list[Flag]:
    bad = context.given("period") & context.period["label"].isna()
    annual = context.annual
    quarter_text = f"use a quarter such as {VALID_QUARTER_FORMS}"
    year_text = f"use a financial year such as {VALID_YEAR_FORMS}"
    return (
        context.flag(
            bad & annual.eq(False).fillna(False),
            "period",
            f"'{{value}}' is not a period: {quarter_text} (this measure is quarterly).",
        )
        + context.flag(
            bad & annual.fillna(False),
            "period",
            f"'{{value}}' is not a period: {year_text} (this measure is annual).",
        )
        + context.flag(
            bad & annual.isna(),
            "period",
            f"'{{value}}' is not a period: {quarter_text}, or for an annual measure {year_text}.",
        )
    )


@rule("the period does not fit how often the measure is reported")
def period_fits_frequency(context: MeasureReturn) -> list[Flag]:
    quarter = context.period["quarter"]
    annual = context.annual
    return context.flag(
        (annual.eq(False) & quarter.eq(False)).fillna(False),
        "period",
        f"'{{value}}' is a financial year, but this measure is quarterly: use a quarter such "
        f"as {VALID_QUARTER_FORMS}.",
    ) + context.flag(
        (annual.eq(True) & quarter.eq(True)).fillna(False),
        "period",
        f"'{{value}}' is a quarter, but this measure is annual: use a financial year such as "
        f"{VALID_YEAR_FORMS}.",
    )


@rule("a column is filled in that this kind of measure does not take")
def columns_fit_kind(context: MeasureReturn) -> list[Flag]:
    """Each kind of measure takes its own columns; a figure in another column is a
    sign that the row is not what the partner thinks it is."""
    unwanted = {
        "value": _RATIO_KINDS,
        "numerator": (Kind.count.value, Kind.mean_change.value),
        "denominator": (Kind.count.value, Kind.mean_change.value),
        "cohort_size": (Kind.count.value, *_RATIO_KINDS),
    }
    flags: list[Flag] = []
    for column, kinds in unwanted.items():
        for kind in kinds:
            flags += context.flag(
                context.given(column) & context.is_kind(kind),
                column,
                f"'{{value}}' is not expected in {column}: {_needs(kind)}.",
            )
    return flags


def _missing(context: MeasureReturn, kinds: tuple[str, ...], column: str) -> list[Flag]:
    flags: list[Flag] = []
    for kind in kinds:
        flags += context.flag(
            context.is_kind(kind) & ~context.given(column),
            column,
            f"{column} is empty: {_needs(kind)}.",
        )
    return flags


def _implausible(context: MeasureReturn, applies: pd.Series, column: str, what: str) -> list[Flag]:
    """``column`` in the rows where it ``applies`` is not a finite number or is more than
    ``MAX_FIGURE``; ``what`` says what the column holds, for the message."""
    return context.flag(
        applies & context.non_finite(column),
        column,
        f"'{{value}}' is not a finite number: {column} is {what}.",
    ) + context.flag(
        applies & context.number(column).gt(MAX_FIGURE),
        column,
        f"'{{value}}' is more than {MAX_FIGURE:,}, the most {column} may be: check the "
        f"figure ({column} is {what}).",
    )


def _whole_within(context: MeasureReturn, column: str, least: int) -> pd.Series:
    """Whether the column holds a whole number from ``least`` to ``MAX_FIGURE``."""
    number = context.number(column)
    return context.whole(column) & number.ge(least) & number.le(MAX_FIGURE)


def _otherwise_bad(context: MeasureReturn, column: str, least: int) -> pd.Series:
    """Given, not a whole number from ``least`` up, and not already an implausible one."""
    implausible = context.non_finite(column) | context.number(column).gt(MAX_FIGURE)
    return context.given(column) & ~implausible & ~_whole_within(context, column, least)


@rule("a count's value is not a whole number from 0 to 100,000,000")
def count_value(context: MeasureReturn) -> list[Flag]:
    count = context.is_kind(Kind.count.value)
    return (
        _missing(context, (Kind.count.value,), "value")
        + _implausible(context, count, "value", f"a count, a whole number from 0 to {_MOST}")
        + context.flag(
            count & _otherwise_bad(context, "value", 0),
            "value",
            "'{value}' is not a whole number of 0 or more, which this measure (a count) needs.",
        )
    )


def change_limits(catalogue: Catalogue) -> dict[str, tuple[float, str]]:
    """The widest change in score of each mean_change measure, by code, with the reason
    in words: ± (maximum − minimum) of the measure's scale.

    A scale without a maximum (the Crime Harm Index, "any number ≥ 0") is taken to end
    at ``MAX_FIGURE``, the largest figure a return may hold, and one without a minimum
    to start at 0; a mean_change measure without a scale may change by ± ``MAX_FIGURE``.
    """
    scales = {scale.name: scale for scale in catalogue.scales}
    most = f"no figure in a return is more than {_MOST}"
    limits: dict[str, tuple[float, str]] = {}
    for measure in catalogue.measures:
        if measure.kind != Kind.mean_change:
            continue
        scale = scales.get(measure.scale or "")
        if scale is None:
            limits[measure.code] = (MAX_FIGURE, most)
            continue
        low = scale.minimum if scale.minimum is not None else 0
        if scale.maximum is not None:
            reason = f"the {scale.name} runs from {low:g} to {scale.maximum:g}"
            limits[measure.code] = (scale.maximum - low, reason)
        else:
            reason = f"a {scale.name} score is at least {low:g}, and {most}"
            limits[measure.code] = (MAX_FIGURE - low, reason)
    return limits


@rule("an average change's value or cohort_size is not valid")
def mean_change_value(context: MeasureReturn) -> list[Flag]:
    mean = context.is_kind(Kind.mean_change.value)
    value = context.number("value")
    limits = change_limits(context.catalogue)
    limit = by_unique(
        context.code,
        lambda codes: pd.Series([limits.get(c, (np.nan, ""))[0] for c in codes], dtype="float64"),
    )
    outside = mean & value.abs().gt(limit).fillna(False)

    def too_far(rows: pd.Index) -> list[str]:
        return [
            f"'{text}' is outside ±{limits[code][0]:,.15g}, the widest an average change in "
            f"score can be ({limits[code][1]}): check the figure."
            for text, code in zip(context.text("value")[rows], context.code[rows], strict=True)
        ]

    return (
        _missing(context, (Kind.mean_change.value,), "value")
        + context.flag(
            mean & context.non_finite("value"),
            "value",
            "'{value}' is not a finite number: this measure is an average change in score, "
            "so give a number such as 1.5 or -0.25.",
        )
        + context.flag(
            mean & context.not_number("value") & ~context.non_finite("value"),
            "value",
            "'{value}' is not a number: this measure is an average change in score, so give "
            "a number such as 1.5 or -0.25.",
        )
        + context.flag(outside, "value", too_far)
        + _missing(context, (Kind.mean_change.value,), "cohort_size")
        + _implausible(context, mean, "cohort_size", f"a number of participants, from 1 to {_MOST}")
        + context.flag(
            mean & _otherwise_bad(context, "cohort_size", 1),
            "cohort_size",
            "'{value}' is not a whole number greater than 0: cohort_size is the number of "
            "participants the average change is taken over.",
        )
    )


@rule("a numerator or denominator is not valid")
def numerator_and_denominator(context: MeasureReturn) -> list[Flag]:
    ratio = context.is_kind(*_RATIO_KINDS)
    numerator, denominator = context.number("numerator"), context.number("denominator")
    good_numerator = _whole_within(context, "numerator", 0)
    good_denominator = _whole_within(context, "denominator", 1)
    over = ratio & good_numerator & good_denominator & (numerator > denominator)

    def too_big(rows: pd.Index) -> list[str]:
        return [
            f"'{n:g}' is more than the denominator {d:g}: the numerator must be between 0 and "
            f"the denominator."
            for n, d in zip(numerator[rows], denominator[rows], strict=True)
        ]

    return (
        _missing(context, _RATIO_KINDS, "numerator")
        + _implausible(context, ratio, "numerator", f"a whole number from 0 to {_MOST}")
        + context.flag(
            ratio & _otherwise_bad(context, "numerator", 0),
            "numerator",
            "'{value}' is not a whole number of 0 or more, which numerator needs (and no more "
            "than the denominator).",
        )
        + _missing(context, _RATIO_KINDS, "denominator")
        + _implausible(context, ratio, "denominator", f"a whole number from 1 to {_MOST}")
        + context.flag(
            ratio & _otherwise_bad(context, "denominator", 1),
            "denominator",
            "'{value}' is not a whole number greater than 0, which denominator needs.",
        )
        + context.flag(over, "numerator", too_big)
    )


@rule("a measure and period are given more than once")
def measure_and_period_once(context: MeasureReturn) -> list[Flag]:
    code, label = context.code, context.period["label"]
    repeated, first = repeats(row_key(code.where(context.kind.notna()), label))

    def values(rows: pd.Index) -> list[str]:
        return [f"{c}, {p}" for c, p in zip(code[rows], label[rows], strict=True)]

    def message(rows: pd.Index) -> list[str]:
        return [
            f"Measure {c} for {p} is already given in row {f}: give each measure and period once."
            for c, p, f in zip(code[rows], label[rows], first[rows], strict=True)
        ]

    return context.flag(repeated, "measure_code, period", message, values=values)


RULES = (
    required_columns_present,
    required_cells_filled,
    measure_code_in_catalogue,
    measure_not_from_tracker,
    period_is_a_period,
    period_fits_frequency,
    columns_fit_kind,
    count_value,
    mean_change_value,
    numerator_and_denominator,
    measure_and_period_once,
    period_not_too_early,
    period_has_started,
    period_has_ended,
)


def clean_frame(context: MeasureReturn) -> pd.DataFrame:
    """The rows of a valid measure return, typed for loading.

    For percentage and pct_improved rows ``value`` is 100 × numerator ÷ denominator.
    """
    ratio = context.is_kind(*_RATIO_KINDS)
    numerator, denominator = context.number("numerator"), context.number("denominator")
    value = context.number("value").where(~ratio, 100 * numerator / denominator)
    period = context.period
    return pd.DataFrame(
        {
            "measure_code": context.code.astype("str"),
            "period": period["label"].astype("str"),
            "period_start": period["start"].astype("datetime64[us]"),
            "period_type": period["quarter"].map({True: "quarter", False: "year"}).astype("str"),
            "value": value.astype("float64"),
            "numerator": numerator.astype("Int64"),
            "denominator": denominator.astype("Int64"),
            "cohort_size": context.number("cohort_size").astype("Int64"),
            "comment": context.text("comment").astype("str"),
            "source_row": context.rows.to_numpy(dtype="int64"),
        }
    ).reset_index(drop=True)
