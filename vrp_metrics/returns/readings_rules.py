"""Outcome readings: pseudonymised scores, one row per reading (DESIGN §3)."""

from __future__ import annotations

from functools import cached_property

import numpy as np
import pandas as pd

from vrp_metrics.catalogue import Scale
from vrp_metrics.returns.checks import Coded, Context, Flag, key_of, one_of, rule
from vrp_metrics.returns.headers import COLUMNS
from vrp_metrics.returns.limits import MAX_FIGURE
from vrp_metrics.returns.report import ReturnKind
from vrp_metrics.returns.shared_rules import (
    long_date,
    repeats,
    required_cells_filled,
    required_columns_present,
)

MAX_REF_LENGTH = 64
DATE_FORMS = "dd/mm/yyyy (such as 31/03/2025) or yyyy-mm-dd (such as 2025-03-31)"


def _key(texts: pd.Series) -> pd.Series:
    """Names compared case-insensitively, with runs of spaces counted as one."""
    return texts.str.casefold().str.split().str.join(" ")


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


class ReadingsReturn(Context):
    spec = COLUMNS[ReturnKind.readings]

    @property
    def empty_hints(self) -> dict[str, str]:
        return {
            "participant_ref": "give the participant's pseudonymous reference "
            f"(at most {MAX_REF_LENGTH} characters)",
            "scale": f"give the name of a scale: {one_of(self._scale_names)}",
            "reading_date": f"give the date of the reading as {DATE_FORMS}",
            "score": "give the score the participant was given",
        }

    @property
    def _scale_names(self) -> list[str]:
        return [s.name for s in self.catalogue.scales]

    @cached_property
    def coded_scale(self) -> Coded:
        """The catalogue's name of each row's scale; missing when it is not a known scale."""
        names = {_name_key(s.name): s.name for s in self.catalogue.scales}
        return self.coded("scale").parse(lambda t: _key(t).map(names).astype("str"))

    @cached_property
    def scale(self) -> pd.Series:
        """``coded_scale`` as one name per row (for messages and the clean rows)."""
        return self.coded_scale.spread(self.rows)

    def rows_of(self, scale: Scale) -> np.ndarray:
        return self.coded_scale.rows_where(lambda names: names.eq(scale.name))

    @cached_property
    def coded_area(self) -> Coded:
        """The catalogue's name of each row's area; a blank area of a one-area scale is
        that area; missing when the area is missing or not an area of the row's scale."""
        areas = {(s.name, _name_key(a)): a for s in self.catalogue.scales for a in s.areas}
        single = {s.name: s.single_area for s in self.catalogue.scales}

        def look_up(pairs: pd.DataFrame) -> pd.Series:
            return pd.Series(
                [
                    single.get(scale) if pd.isna(area) else areas.get((scale, _name_key(area)))
                    for scale, area in zip(pairs["scale"], pairs["area"], strict=True)
                ],
                dtype="str",
            )

        pairs = {"scale": self.coded_scale, "area": self.coded("area")}
        return Coded.joint(pairs, missing_too=True).parse(look_up)

    @cached_property
    def area(self) -> pd.Series:
        """``coded_area`` as one name per row (for messages and the clean rows)."""
        return self.coded_area.spread(self.rows)

    @cached_property
    def participant(self) -> Coded:
        """The participant of each row, as one code per participant_ref, scale and area."""
        parts = {
            "participant_ref": self.coded("participant_ref"),
            "scale": self.coded_scale,
            "area": self.coded_area,
        }
        return Coded.joint(parts)

    @cached_property
    def readings_per_participant(self) -> np.ndarray:
        """How many readings of its participant, scale and area the file holds, per row."""
        return self.participant.rows_alike()

    @cached_property
    def coded_date(self) -> Coded:
        return self.date("reading_date")

    @cached_property
    def reading_date(self) -> pd.Series:
        """``coded_date`` as one date per row (for messages and the clean rows)."""
        return self.coded_date.spread(self.rows)


@rule("participant_ref is longer than 64 characters")
def participant_ref_length(context: ReadingsReturn) -> list[Flag]:
    refs = context.coded("participant_ref")
    return context.flag(
        refs.rows_where(lambda texts: texts.str.len().gt(MAX_REF_LENGTH)),
        "participant_ref",
        lambda rows: [
            f"This reference is {n} characters long: use the participant's pseudonymous "
            f"reference, at most {MAX_REF_LENGTH} characters."
            for n in context.text("participant_ref")[rows].str.len()
        ],
    )


@rule("the scale is not in the catalogue")
def scale_in_catalogue(context: ReadingsReturn) -> list[Flag]:
    return context.flag(
        context.given("scale") & (context.coded_scale.codes < 0),
        "scale",
        f"'{{value}}' is not a scale in the catalogue: use {one_of(context._scale_names)}.",
    )


@rule("the area is missing or not an area of the scale")
def area_of_scale(context: ReadingsReturn) -> list[Flag]:
    flags: list[Flag] = []
    unknown = context.coded_area.codes < 0
    for scale in context.catalogue.scales:
        rows = context.rows_of(scale) & unknown
        if scale.single_area is None:
            flags += context.flag(
                rows & ~context.given("area"),
                "area",
                f"area is empty: {scale.name} has several areas, so name one: "
                f"{one_of(scale.areas)}.",
            )
            valid = f"use {one_of(scale.areas)}"
        else:
            valid = f"use {scale.single_area}, or leave area empty"
        flags += context.flag(
            rows & context.given("area"),
            "area",
            f"'{{value}}' is not an area of {scale.name}: {valid}.",
        )
    return flags


@rule("reading_date is not a date")
def reading_date_is_a_date(context: ReadingsReturn) -> list[Flag]:
    bad = context.given("reading_date") & (context.coded_date.codes < 0)
    # Only the rows already found bad are looked at again, to word the message.
    shaped = context.text("reading_date")[bad].str.fullmatch(
        r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{1,2}-\d{1,2}"
    )
    shaped = shaped.reindex(context.rows, fill_value=False).astype(bool)
    return context.flag(
        bad & shaped,
        "reading_date",
        f"'{{value}}' is not a real date: give a date that exists, as {DATE_FORMS}.",
    ) + context.flag(
        bad & ~shaped,
        "reading_date",
        f"'{{value}}' is not a date: write it as {DATE_FORMS}.",
    )


@rule("reading_date is in the future")
def reading_date_not_future(context: ReadingsReturn) -> list[Flag]:
    today = pd.Timestamp(context.today)
    return context.flag(
        context.coded_date.rows_where(lambda days: days.gt(today)),
        "reading_date",
        f"'{{value}}' is in the future: a reading date must be on or before today "
        f"({today:%d/%m/%Y}).",
    )


@rule("reading_date is before the earliest period")
def reading_date_not_too_early(context: ReadingsReturn) -> list[Flag]:
    """A reading dated before the catalogue's earliest period is a mistyped year
    (``0001-01-01``, ``01/04/0202``): it would become the participant's baseline."""
    earliest = pd.Timestamp(context.catalogue.earliest_start)
    return context.flag(
        context.coded_date.rows_where(lambda days: days.lt(earliest)),
        "reading_date",
        f"'{{value}}' is before {long_date(earliest)}, the start of "
        f"{context.catalogue.earliest_period}, the earliest period the dashboard takes: "
        f"check the year.",
    )


@rule("the score is not a number within the scale's range")
def score_fits_scale(context: ReadingsReturn) -> list[Flag]:
    """A scale without a maximum (the Crime Harm Index) ends at ``MAX_FIGURE``, the
    largest figure a return may hold: a score beyond it is a slip, and would overflow
    the sums that make the figures."""
    score, non_finite = context.number("score"), context.non_finite("score")
    not_number = context.not_number("score") & ~non_finite
    flags = context.flag(
        not_number & (context.coded_scale.codes < 0),
        "score",
        "'{value}' is not a number: give the score as a number.",
    ) + context.flag(
        non_finite & (context.coded_scale.codes < 0),
        "score",
        "'{value}' is not a finite number: give the score as a number.",
    )
    for scale in context.catalogue.scales:
        rows = context.rows_of(scale)
        outside = pd.Series(False, index=context.rows)
        if scale.minimum is not None:
            outside |= score.lt(scale.minimum)
        if scale.maximum is not None:
            outside |= score.gt(scale.maximum)
        flags += context.flag(
            rows & not_number,
            "score",
            f"'{{value}}' is not a number: a {scale.name} score is {scale.range_text()}.",
        )
        flags += context.flag(
            rows & non_finite,
            "score",
            f"'{{value}}' is not a finite number: a {scale.name} score is {scale.range_text()}.",
        )
        flags += context.flag(
            rows & outside,
            "score",
            f"'{{value}}' is outside the range of {scale.name}: give {scale.range_text()}.",
        )
        if scale.maximum is None:
            beyond = score.gt(MAX_FIGURE) & ~outside
            flags += context.flag(
                rows & beyond,
                "score",
                f"'{{value}}' is more than {MAX_FIGURE:,}, more than any {scale.name} score "
                f"can be: check the figure.",
            )
            outside |= beyond
        if scale.whole_numbers:
            flags += context.flag(
                rows & score.notna() & ~outside & ~context.whole("score"),
                "score",
                f"'{{value}}' is not a whole number: a {scale.name} score is {scale.range_text()}.",
            )
    return flags


@rule("a reading is given more than once")
def reading_once(context: ReadingsReturn) -> list[Flag]:
    key = key_of(context.participant, context.coded_date)
    # Only a participant with more than one reading of a scale and area can repeat one.
    key[context.readings_per_participant < 2] = -1
    repeated, first = repeats(pd.Series(key, index=context.rows))
    columns = "participant_ref, scale, area, reading_date"

    def values(rows: pd.Index) -> list[str]:
        ref, scale, area = context.text("participant_ref"), context.scale, context.area
        return [
            f"{r}, {s}, {a}, {d:%d/%m/%Y}"
            for r, s, a, d in zip(
                ref[rows], scale[rows], area[rows], context.reading_date[rows], strict=True
            )
        ]

    def message(rows: pd.Index) -> list[str]:
        return [
            f"This reading repeats row {f} (the same {columns}): give each reading once."
            for f in first[rows]
        ]

    return context.flag(repeated, columns, message, values=values)


@rule("participants have only one reading")
def participants_with_one_reading(context: ReadingsReturn) -> list[Flag]:
    """A warning: a participant's first reading is their baseline, so one reading alone
    puts them in no cohort yet."""
    alone = context.readings_per_participant == 1
    if not alone.any():
        return []
    count = len(np.unique(context.coded("participant_ref").codes[alone]))
    people = "1 participant has" if count == 1 else f"{count:,} participants have"
    return [
        Flag(
            "participant_ref",
            f"{people} only one reading of a scale and area in this file. Unless an "
            f"earlier return holds an earlier reading, that reading is their baseline and "
            f"they count in no cohort until a later reading arrives.",
            warning=True,
        )
    ]


RULES = (
    required_columns_present,
    required_cells_filled,
    participant_ref_length,
    scale_in_catalogue,
    area_of_scale,
    reading_date_is_a_date,
    reading_date_not_future,
    reading_date_not_too_early,
    score_fits_scale,
    reading_once,
    participants_with_one_reading,
)


def clean_frame(context: ReadingsReturn) -> pd.DataFrame:
    """The rows of a valid readings return, typed for loading."""
    return pd.DataFrame(
        {
            "participant_ref": context.text("participant_ref").astype("str"),
            "scale": context.scale.astype("str"),
            "area": context.area.astype("str"),
            "reading_date": context.reading_date.astype("datetime64[us]"),
            "score": context.number("score").astype("float64"),
            "source_row": context.rows.to_numpy(dtype="int64"),
        }
    ).reset_index(drop=True)
