"""What the three working-group record returns share (DESIGN §3): the group, dates, member
agencies and closed lists of words, each checked by a small rule made for the column.

Records are small files (a meeting has a row per member agency; a group has tens of
actions), but they go through the same registry, limits and personal-data rules as
every other return.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cached_property

import pandas as pd

from vrp_metrics.membership import agency_key
from vrp_metrics.returns.checks import Context, Flag, Rule, by_unique, one_of, row_key, rule
from vrp_metrics.returns.shared_rules import long_date, repeats

DATE_FORMS = "dd/mm/yyyy (such as 31/03/2025) or yyyy-mm-dd (such as 2025-03-31)"


def _words_key(texts: pd.Series) -> pd.Series:
    """Words compared case-insensitively, with runs of spaces (and - or _) counted as one."""
    return texts.str.casefold().str.replace(r"[\s_\-]+", " ", regex=True).str.strip()


class RecordReturn(Context):
    """A record return: its group, dates and agencies parsed once for its rules."""

    @cached_property
    def group(self) -> pd.Series:
        """Each row's working-group code as the catalogue spells it; NaN when unknown."""
        codes = {g.code.casefold(): g.code for g in self.catalogue.working_groups}
        return by_unique(
            self.text("group"), lambda t: t.str.strip().str.casefold().map(codes).astype("str")
        )

    def day(self, column: str) -> pd.Series:
        """The column as one date per row (NaT where empty or not a date)."""
        return self.date(column).spread(self.rows)

    def word(self, column: str, words: dict[str, str]) -> pd.Series:
        """The column mapped through a closed list of words (NaN when not one of them)."""
        return by_unique(self.text(column), lambda t: _words_key(t).map(words).astype("str"))

    def agency(self, column: str, on: str | None = None) -> pd.Series:
        """The membership's spelling of each row's agency in the row's group (on the date
        in column ``on``, if given); NaN when it is not a member then."""
        catalogue = self.catalogue
        frame = pd.DataFrame({"group": self.group, "agency": self.text(column)})
        if on is not None:
            frame["on"] = self.day(on)

        def look_up(rows: pd.DataFrame) -> pd.Series:
            found = []
            for row in rows.itertuples(index=False):
                member = (
                    None
                    if pd.isna(row.group) or pd.isna(row.agency)
                    else catalogue.member(row.group, row.agency)
                )
                when = getattr(row, "on", None)
                if member is not None and when is not None and not pd.isna(when):
                    member = member if member.member_on(when.date()) else None
                found.append(None if member is None else member.agency)
            return pd.Series(found, dtype="str")

        return by_unique(frame, look_up)


@rule("group is not a working group")
def group_is_a_group(context: RecordReturn) -> list[Flag]:
    codes = [g.code for g in context.catalogue.working_groups]
    return context.flag(
        context.given("group") & context.group.isna(),
        "group",
        f"'{{value}}' is not a working group: use {one_of(codes)}.",
    )


def date_rules(column: str, *, what: str) -> tuple[Rule, ...]:
    """A date column's rules: a real date, not in the future, not before the earliest
    period. ``what`` names the date in messages ("the meeting date")."""

    @rule(f"{column} is not a date")
    def is_a_date(context: RecordReturn) -> list[Flag]:
        bad = context.given(column) & context.day(column).isna()
        shaped = context.text(column).str.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{1,2}-\d{1,2}")
        shaped = shaped.fillna(False).astype(bool)
        return context.flag(
            bad & shaped,
            column,
            f"'{{value}}' is not a real date: give a date that exists, as {DATE_FORMS}.",
        ) + context.flag(
            bad & ~shaped, column, f"'{{value}}' is not a date: write it as {DATE_FORMS}."
        )

    @rule(f"{column} is in the future")
    def not_future(context: RecordReturn) -> list[Flag]:
        today = pd.Timestamp(context.today)
        return context.flag(
            context.day(column).gt(today),
            column,
            f"'{{value}}' is in the future: {what} must be on or before today ({today:%d/%m/%Y}).",
        )

    return (is_a_date, not_future, not_too_early(column))


def not_too_early(column: str) -> Rule:
    @rule(f"{column} is before the earliest period")
    def check(context: RecordReturn) -> list[Flag]:
        earliest = pd.Timestamp(context.catalogue.earliest_start)
        return context.flag(
            context.day(column).lt(earliest),
            column,
            f"'{{value}}' is before {long_date(earliest)}, the start of "
            f"{context.catalogue.earliest_period}, the earliest period the dashboard takes: "
            f"check the year.",
        )

    return check


def word_rule(column: str, words: dict[str, str], shown: list[str]) -> Rule:
    """A column that holds one of a closed list of words, in any case."""

    @rule(f"{column} is not {one_of(shown)}")
    def check(context: RecordReturn) -> list[Flag]:
        return context.flag(
            context.given(column) & context.word(column, words).isna(),
            column,
            f"'{{value}}' is not one of the choices: use {one_of(shown)} (in any case).",
        )

    return check


def member_rule(column: str, *, on: str | None = None) -> Rule:
    """A column that names an agency of the row's group (a member on the date in ``on``)."""

    @rule(f"{column} is not an agency of the group's membership")
    def check(context: RecordReturn) -> list[Flag]:
        bad = context.given(column) & context.group.notna() & context.agency(column, on).isna()
        if on is not None:
            bad &= context.day(on).notna()

        def message(rows: pd.Index) -> list[str]:
            texts = []
            for group, agency, when in zip(
                context.group[rows],
                context.text(column)[rows],
                context.day(on)[rows] if on else [None] * len(rows),
                strict=True,
            ):
                day: dt.date | None = None if when is None else when.date()
                members = [m.agency for m in context.catalogue.members_of(group, day)]
                ever = context.catalogue.member(group, agency)
                if ever is not None and day is not None:
                    left = (
                        f" (it left on {long_date(pd.Timestamp(ever.left))})" if ever.left else ""
                    )
                    texts.append(
                        f"{ever.agency} was not a member of {group} on {long_date(when)}{left}: "
                        f"list only the agencies that were members then."
                    )
                elif members:
                    texts.append(
                        f"'{agency}' is not an agency of {group}'s membership: use "
                        f"{one_of(members)}."
                    )
                else:
                    texts.append(
                        f"{group} has no membership listed: add its agencies to "
                        f"data/membership.toml first."
                    )
            return texts

        return context.flag(bad, column, message)

    return check


def once_rule(
    columns: list[str], key: Callable[[RecordReturn], list[pd.Series]], what: str
) -> Rule:
    """Rows whose ``key`` repeats an earlier row's are refused: ``what`` says what repeats."""
    shown = ", ".join(columns)

    @rule(f"{what} is given more than once")
    def check(context: RecordReturn) -> list[Flag]:
        repeated, first = repeats(row_key(*key(context)))

        def values(rows: pd.Index) -> list[str]:
            return [", ".join(str(context.text(c)[row]) for c in columns) for row in rows]

        def message(rows: pd.Index) -> list[str]:
            return [
                f"This row repeats row {f} (the same {shown}): give {what} once."
                for f in first[rows]
            ]

        return context.flag(repeated, shown, message, values=values)

    return check


def key_text(series: pd.Series) -> pd.Series:
    """Text compared without regard to case or runs of spaces, for keys."""
    return by_unique(series, lambda t: t.map(agency_key, na_action="ignore").astype("str"))
