"""What every rule works with: the return's cells, parsed in bulk, and the way a rule
says which rows break it.

A rule is a small named function ``rule(context) -> list[Flag]``. It looks at whole
columns at once (no loop over rows) and flags the rows that break it; turning flags into
the report's problems, and capping how many are listed, happens once in ``rules.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar, Protocol, TypeVar

import numpy as np
import pandas as pd

from vrp_metrics import periods
from vrp_metrics.catalogue import Catalogue
from vrp_metrics.returns.headers import ColumnSpec

Parsed = TypeVar("Parsed", pd.Series, pd.DataFrame)

RowTexts = Callable[[pd.Index], Sequence[str | None]]
"""Builds one text per flagged row, given the rows (only for rows that get listed)."""


@dataclass(frozen=True)
class Flag:
    """Rows that break a rule in one column, or (``rows=None``) a problem with a whole
    column or the whole file."""

    column: str | None
    message: str | RowTexts
    """A text in which ``{value}`` stands for the cell, or a builder of one text per row."""
    rows: pd.Index | None = None
    values: RowTexts | None = None
    """The value to report per row; by default the cell's text in ``column``."""
    warning: bool = False


class Rule(Protocol):
    """A named check of a return; ``problem`` says, in users' words, what it catches."""

    problem: str
    __name__: str

    def __call__(self, context: Any, /) -> list[Flag]: ...


def rule(problem: str) -> Callable[[Callable[[Any], list[Flag]]], Rule]:
    """Mark a function as a rule. ``problem`` completes "…and 1,234 more rows where …"
    when more rows break the rule than the report lists."""

    def mark(check: Callable[[Any], list[Flag]]) -> Rule:
        check.problem = problem  # type: ignore[attr-defined]
        return check  # type: ignore[return-value]

    return mark


def one_of(options: Sequence[str]) -> str:
    """``["a", "b", "c"]`` → ``"a, b or c"``."""
    options = list(options)
    if len(options) <= 1:
        return "".join(options)
    return f"{', '.join(options[:-1])} or {options[-1]}"


def by_unique(data: pd.Series | pd.DataFrame, parse: Callable[[Any], Parsed]) -> Parsed:
    """``parse`` applied to each distinct value (or row) of ``data`` once, spread back to
    every row.

    Returns repeat a handful of values (periods, scales, dates) across many rows, so
    parsing the distinct values is much faster than parsing every cell. ``parse`` gets the
    distinct values (a Series, or a DataFrame of distinct rows) and returns one entry (a
    Series value or a DataFrame row) for each, in order. A missing cell in a Series gives a
    missing entry.
    """
    if isinstance(data, pd.Series):
        codes, uniques = pd.factorize(data)
        distinct: pd.Series | pd.DataFrame = pd.Series(uniques, dtype=data.dtype)
    else:
        key = _key(*(data[column] for column in data.columns), missing_too=True)
        codes, uniques = pd.factorize(key)
        first = np.empty(len(uniques), dtype="int64")
        # Assigning from the last row back leaves each code's first row in place.
        first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)
        distinct = data.iloc[first].reset_index(drop=True)
    parsed = parse(distinct)
    # One extra missing entry at the end: factorize codes a missing cell as -1.
    padded = parsed.reset_index(drop=True).reindex(range(len(distinct) + 1))
    return padded.take(codes).set_axis(data.index)


def _key(*columns: pd.Series, missing_too: bool) -> np.ndarray:
    """An int64 per row, equal for rows equal in every column; -1 for a row with a missing
    cell, unless ``missing_too`` (then missing counts as a value of its own)."""
    length = len(columns[0])
    key = np.zeros(length, dtype="int64")
    bound = 1
    missing = np.zeros(length, dtype=bool)
    for column in columns:
        codes, uniques = pd.factorize(column)
        missing |= codes < 0
        if bound * (len(uniques) + 1) >= 2**62:
            # Renumber the key so far 0…n-1 to keep the product inside int64.
            key = pd.factorize(key)[0].astype("int64")
            bound = int(key.max(initial=0)) + 1
        key = key * (len(uniques) + 1) + codes + 1
        bound *= len(uniques) + 1
    if not missing_too:
        key[missing] = -1
    return key


def row_key(*columns: pd.Series) -> pd.Series:
    """An integer per row, equal for rows equal in every one of ``columns``; -1 for a row
    with a missing cell. Comparing rows by this key is much faster than by their text."""
    return pd.Series(_key(*columns, missing_too=False), index=columns[0].index)


def _to_number(text: pd.Series) -> pd.Series:
    number = pd.to_numeric(text, errors="coerce").astype("float64")
    return number.where(np.isfinite(number))


def _to_date(text: pd.Series) -> pd.Series:
    iso = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    british = pd.to_datetime(text, format="%d/%m/%Y", errors="coerce")
    return iso.fillna(british).astype("datetime64[us]")


def _to_period(texts: pd.Series) -> pd.DataFrame:
    parsed = [periods.try_parse_period(text) for text in texts]
    return pd.DataFrame(
        {
            "label": pd.Series(
                [None if p is None else periods.format_period(p) for p in parsed], dtype="str"
            ),
            "quarter": pd.Series(
                [None if p is None else periods.is_quarter(p) for p in parsed], dtype="boolean"
            ),
            "start": pd.Series(
                [None if p is None else p.start_time for p in parsed], dtype="datetime64[us]"
            ),
            "end": pd.Series(
                [None if p is None else pd.Timestamp(periods.end_date(p)) for p in parsed],
                dtype="datetime64[us]",
            ),
        }
    )


class Context:
    """A return's cells and the parsed forms the rules share (each parsed once).

    Each kind of return has a subclass naming its columns and adding its parsed forms.
    """

    spec: ClassVar[ColumnSpec]

    def __init__(
        self,
        file: str,
        frame: pd.DataFrame,
        present: frozenset[str],
        catalogue: Catalogue,
        today: dt.date,
    ) -> None:
        self.file = file
        self.frame = frame
        """Canonical columns as text; the index is the spreadsheet row number."""
        self.present = present
        """The canonical columns the file has (a column it lacks reads as empty)."""
        self.catalogue = catalogue
        self.today = today
        self._numbers: dict[str, pd.Series] = {}

    @property
    def empty_hints(self) -> dict[str, str]:
        """What to put in a required cell left empty, by column."""
        return {}

    @property
    def rows(self) -> pd.Index:
        return self.frame.index

    def text(self, column: str) -> pd.Series:
        if column in self.frame:
            return self.frame[column]
        return pd.Series(np.nan, index=self.frame.index, dtype="str")

    def given(self, column: str) -> pd.Series:
        return self.text(column).notna()

    def number(self, column: str) -> pd.Series:
        """The column as float64: NaN where empty, not a number, or infinite."""
        if column not in self._numbers:
            self._numbers[column] = by_unique(self.text(column), _to_number)
        return self._numbers[column]

    def not_number(self, column: str) -> pd.Series:
        return self.given(column) & self.number(column).isna()

    def whole(self, column: str) -> pd.Series:
        """Whether the column holds a whole number (``12`` or ``12.0``)."""
        number = self.number(column)
        # Beyond 2**53 a float no longer holds every whole number exactly.
        return (number == np.floor(number)) & (number.abs() <= 2**53)

    def date(self, column: str) -> pd.Series:
        """The column as dates written ``yyyy-mm-dd`` or ``dd/mm/yyyy``; NaT otherwise."""
        return by_unique(self.text(column), _to_date)

    @cached_property
    def period(self) -> pd.DataFrame:
        """The ``period`` column parsed: ``label`` (canonical, NaN when it does not parse),
        ``quarter`` (nullable boolean), ``start`` and ``end`` (datetime64) per row."""
        return by_unique(self.text("period"), _to_period)

    def flag(
        self,
        mask: pd.Series,
        column: str | None,
        message: str | RowTexts,
        *,
        values: RowTexts | None = None,
        warning: bool = False,
    ) -> list[Flag]:
        """The rows where ``mask`` holds, as a flag (or nothing when no row is flagged)."""
        flagged = mask.fillna(False).to_numpy(dtype=bool)
        if not flagged.any():
            return []
        return [Flag(column, message, self.frame.index[flagged], values, warning)]

    def cells(self, column: str) -> RowTexts:
        """A row-text builder giving the cell of ``column`` in each row."""
        return lambda rows: _texts(self.text(column), rows)


def _texts(series: pd.Series, rows: pd.Index) -> list[str | None]:
    return [None if pd.isna(v) else str(v) for v in series.loc[rows]]
