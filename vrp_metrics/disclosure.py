"""The publication rule for small numbers (DESIGN §8).

A pack or export made **for publication** shows ``[c]`` in place of any figure about
fewer than 8 people, so that no one can be recognised from it:

- a count of people (catalogue ``counts_people = true``) from 1 to 7;
- a percentage, mean change or % improved whose denominator or cohort size is from 1 to
  7 — together with that numerator, denominator and cohort size.

Zero is shown (no one is described by it). The data tracker's percentage counts data
sources, not people, and is never withheld. A change or comparator that would give a
withheld figure back (the change is the value minus the comparator) is withheld with it.

:func:`protect_figures` applies the rule to the figures frame: withheld numbers become
missing, so nothing downstream (tables, chart data, alt text) can show them, and the
``withheld`` column names what was withheld so that text can say ``[c]`` there.
Internal packs and exports (the default) show everything.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from vrp_metrics.catalogue import Catalogue, Kind, Measure

WITHHELD = "[c]"
"""What a publication shows in place of a withheld figure."""

FEWEST_PEOPLE = 8
"""A figure about fewer people than this (and more than none) is withheld."""

NOTE = (
    f"{WITHHELD} marks a figure about fewer than {FEWEST_PEOPLE} people (from 1 to "
    f"{FEWEST_PEOPLE - 1}), withheld so that no one can be identified from it; the "
    "numerator, denominator or cohort size behind such a figure, and its change, are "
    "withheld with it. Zero is shown."
)
"""The note every publication carries, saying what [c] means."""

FIELDS: tuple[str, ...] = ("value", "numerator", "denominator", "cohort_size")
"""The numbers of a figure that the rule may withhold."""

DERIVED: tuple[str, ...] = ("comparator_value", "change")
"""Numbers that give a withheld figure back: the comparator's value and the change."""

_RATES = frozenset({Kind.percentage, Kind.mean_change, Kind.pct_improved})


def _number(value: object) -> float | None:
    if value is None or value is pd.NA:
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def is_small(people: object) -> bool:
    """Whether a number of people is from 1 to 7 (zero and missing are not)."""
    number = _number(people)
    return number is not None and 0 < number < FEWEST_PEOPLE


def withheld_fields(measure: Measure, figure: Mapping[str, object]) -> frozenset[str]:
    """Which of :data:`FIELDS` a publication withholds for one figure of ``measure``.

    ``figure`` has ``value``, ``numerator``, ``denominator`` and ``cohort_size`` (a row
    of the figures frame). A count withholds its value when it counts people and is
    from 1 to 7; a percentage, mean change or % improved withholds every number it has
    when its denominator or cohort size is from 1 to 7.
    """
    kind = Kind(measure.kind)
    if kind is Kind.count:
        small = measure.counts_people and is_small(figure.get("value"))
        return frozenset({"value"}) if small else frozenset()
    if kind in _RATES and (
        is_small(figure.get("denominator")) or is_small(figure.get("cohort_size"))
    ):
        return frozenset(field for field in FIELDS if _number(figure.get(field)) is not None)
    return frozenset()


def _day(value: object) -> pd.Timestamp | None:
    """A period's start as one comparable type (dates and timestamps alike)."""
    return None if value is None or pd.isna(value) else pd.Timestamp(value)  # type: ignore[arg-type]


def _with_years(frame: pd.DataFrame, own: list[frozenset[str]]) -> list[frozenset[str]]:
    """A year's figure is withheld with its numbers when one of its quarters is: the year
    is made of its quarters, so the year less the quarters shown would give it back."""
    quarters = [
        (code, _day(start))
        for code, ptype, start, fields in zip(
            frame["measure_code"], frame["period_type"], frame["period_start"], own, strict=True
        )
        if ptype == "quarter" and "value" in fields
    ]
    if not quarters:
        return own
    result = []
    for code, ptype, start, fields, row in zip(
        frame["measure_code"],
        frame["period_type"],
        frame["period_start"],
        own,
        frame[list(FIELDS)].to_dict("records"),
        strict=True,
    ):
        begins = _day(start)
        if ptype == "year" and begins is not None:
            ends = begins + pd.DateOffset(years=1)
            if any(c == code and q is not None and begins <= q < ends for c, q in quarters):
                present = {f for f in FIELDS if _number(row[f]) is not None}
                fields = frozenset(fields | present)
        result.append(fields)
    return result


def protect_figures(figures: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """The figures frame for publication: every withheld number made missing, and a
    ``withheld`` column (a frozenset of column names) saying which were.

    Besides the figure's own numbers, its ``change`` and ``comparator_value`` are
    withheld when its value or its comparator period's value is (either would give the
    other back), and a financial year's numbers are withheld when one of its quarters is
    (the year less the other quarters would give that quarter back). RAG ratings stay:
    they say which way a figure moved, not its size.
    """
    frame = figures.copy()
    own = [
        withheld_fields(catalogue.measure(code), row)
        for code, row in zip(frame["measure_code"], frame.to_dict("records"), strict=True)
    ]
    own = _with_years(frame, own)
    value_withheld = {
        (code, ptype, _day(start))
        for code, ptype, start, fields in zip(
            frame["measure_code"], frame["period_type"], frame["period_start"], own, strict=True
        )
        if "value" in fields
    }
    withheld = []
    for code, ptype, comparator, fields in zip(
        frame["measure_code"], frame["period_type"], frame["comparator_start"], own, strict=True
    ):
        comparator_gone = (code, ptype, _day(comparator)) in value_withheld
        extra = set()
        if comparator_gone:
            extra |= set(DERIVED)
        if "value" in fields:
            extra.add("change")
        withheld.append(frozenset(fields | extra))
    frame["withheld"] = withheld
    for column in (*FIELDS, *DERIVED):
        mask = pd.Series([column in w for w in withheld], index=frame.index)
        if mask.any():
            frame[column] = frame[column].mask(mask)
    return frame


def no_withholding(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures frame for an internal pack: as it is, with an empty ``withheld``."""
    return figures.assign(withheld=[frozenset()] * len(figures))


def shown(text: str, field: str, withheld: object) -> str:
    """``text``, or :data:`WITHHELD` when ``field`` is among the ``withheld`` fields."""
    return WITHHELD if isinstance(withheld, frozenset | set) and field in withheld else text
