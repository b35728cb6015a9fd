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


@dataclass(frozen=True)
class Coded:
    """A column as one integer code per row and the distinct values the codes stand for:
    row i holds ``values[codes[i]]``, and code -1 means the cell is missing.

    Returns repeat a handful of values (scales, areas, dates, participants) across many
    rows, so a column is coded once per return and then parsed, tested and keyed by its
    distinct values: comparing integer codes is much faster than comparing text.
    """

    codes: np.ndarray
    """int64, one per row; -1 where missing."""
    values: pd.Series | pd.DataFrame
    """The distinct values, in code order (a DataFrame of combinations for ``joint``)."""

    @classmethod
    def of(cls, column: pd.Series) -> Coded:
        codes, uniques = pd.factorize(column)
        return cls(codes.astype("int64", copy=False), pd.Series(uniques, dtype=column.dtype))

    @classmethod
    def joint(cls, parts: dict[str, Coded], *, missing_too: bool = False) -> Coded:
        """Rows equal in every part share a code; ``values`` has a column per part. A row
        with a missing part gets -1, unless ``missing_too`` (then missing is a value)."""
        codes, count = _renumber(*_combined(list(parts.values()), missing_too=missing_too))
        rows = np.flatnonzero(codes >= 0)
        first = np.empty(count, dtype="int64")
        # Assigning from the last row back leaves each code's first row in place.
        first[codes[rows[::-1]]] = rows[::-1]
        values = pd.DataFrame({name: part.at(first) for name, part in parts.items()})
        return cls(codes, values)

    def at(self, rows: np.ndarray) -> pd.Series:
        """The values of the rows at the given positions (NaN where missing)."""
        return self._take(self.codes[rows]).reset_index(drop=True)

    def spread(self, index: pd.Index) -> pd.Series:
        """One value per row (NaN where missing), indexed like the return's rows."""
        return self._take(self.codes).set_axis(index)

    def _take(self, codes: np.ndarray) -> pd.Series:
        # One extra missing entry at the end, which code -1 takes.
        padded = self.values.reset_index(drop=True).reindex(range(len(self.values) + 1))
        return padded.take(codes)

    def parse(self, parse: Callable[[Any], pd.Series]) -> Coded:
        """``parse`` applied once to the distinct values (it returns one entry for each, in
        order). Values that parse alike then share a code, so that keys compare parsed
        values; a value that parses to missing gets -1."""
        parsed = parse(self.values).reset_index(drop=True)
        codes, uniques = pd.factorize(parsed)
        recode = np.append(codes.astype("int64"), -1)  # a missing row stays missing
        return Coded(recode[self.codes], pd.Series(uniques, dtype=parsed.dtype))

    def rows_where(self, test: Callable[[Any], pd.Series]) -> np.ndarray:
        """Whether each row's value passes ``test`` (run once on the distinct values);
        False where missing."""
        passed = np.asarray(test(self.values).fillna(False), dtype=bool)
        return np.append(passed, False)[self.codes]

    def rows_alike(self) -> np.ndarray:
        """How many rows hold each row's value; 0 where missing."""
        given = self.codes >= 0
        counts = np.bincount(self.codes[given], minlength=len(self.values))
        return np.where(given, np.append(counts, 0)[self.codes], 0)


def key_of(*parts: Coded) -> np.ndarray:
    """An int64 per row, equal for rows equal in every part; -1 where a part is missing."""
    return _combined(list(parts), missing_too=False)[0]


def _combined(parts: list[Coded], *, missing_too: bool) -> tuple[np.ndarray, int]:
    """The parts' codes combined by arithmetic into one int64 per row, and a bound that
    every combined code is below; -1 where a part is missing, unless ``missing_too``."""
    length = len(parts[0].codes)
    key = np.zeros(length, dtype="int64")
    bound = 1
    missing = np.zeros(length, dtype=bool)
    for part in parts:
        size = len(part.values) + 1  # + 1: missing (-1) becomes 0
        if bound * size >= 2**62:
            key, bound = _renumber(key, bound)  # keep the product inside int64
        key = key * size + part.codes + 1
        bound *= size
        missing |= part.codes < 0
    if not missing_too:
        key[missing] = -1
    return key, bound


def _renumber(key: np.ndarray, bound: int) -> tuple[np.ndarray, int]:
    """``key`` (values below ``bound``, -1 for missing) renumbered 0…n-1 over its n
    distinct values, -1 kept; and n."""
    if bound <= 4 * len(key) + 1024:
        # A table with a slot per possible value is faster than hashing the values;
        # slot 0 is for missing, so every key shifts up by one.
        slot = key + 1
        seen = np.zeros(bound + 1, dtype=bool)
        seen[slot] = True
        seen[0] = False
        number = np.cumsum(seen, dtype="int64") - 1
        number[0] = -1
        return number[slot], int(number[-1]) + 1
    given = key >= 0
    renumbered = np.full(len(key), -1, dtype="int64")
    codes, uniques = pd.factorize(key[given])
    renumbered[given] = codes
    return renumbered, len(uniques)


def by_unique(data: pd.Series | pd.DataFrame, parse: Callable[[Any], Parsed]) -> Parsed:
    """``parse`` applied to each distinct value (or row) of ``data`` once, spread back to
    every row.

    ``parse`` gets the distinct values (a Series, or a DataFrame of distinct rows) and
    returns one entry (a Series value or a DataFrame row) for each, in order. A missing
    cell in a Series gives a missing entry.
    """
    if isinstance(data, pd.Series):
        coded = Coded.of(data)
    else:
        parts = {column: Coded.of(data[column]) for column in data.columns}
        coded = Coded.joint(parts, missing_too=True)
    return Coded(coded.codes, parse(coded.values)).spread(data.index)


def row_key(*columns: pd.Series) -> pd.Series:
    """An integer per row, equal for rows equal in every one of ``columns``; -1 for a row
    with a missing cell. Comparing rows by this key is much faster than by their text."""
    return pd.Series(key_of(*(Coded.of(column) for column in columns)), index=columns[0].index)


def _to_number(text: pd.Series) -> pd.Series:
    number = pd.to_numeric(text, errors="coerce").astype("float64")
    return number.where(np.isfinite(number))


def _non_finite(text: pd.Series) -> pd.Series:
    """Whether each text is a number a computer holds but no figure can be: ``inf``,
    ``-Infinity``, ``nan``, or beyond the largest float (``1e309``)."""
    number = pd.to_numeric(text, errors="coerce").astype("float64")
    nan = text.str.fullmatch(r"\s*[+-]?nan\s*", case=False).fillna(False).astype(bool)
    return pd.Series(np.isinf(number.to_numpy()), index=text.index) | nan


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
        self._coded: dict[str, Coded] = {}
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

    def coded(self, column: str) -> Coded:
        """The column's cells as codes of its distinct texts (worked out once)."""
        if column not in self._coded:
            self._coded[column] = Coded.of(self.text(column))
        return self._coded[column]

    def number(self, column: str) -> pd.Series:
        """The column as float64: NaN where empty, not a number, or infinite."""
        if column not in self._numbers:
            self._numbers[column] = self.coded(column).parse(_to_number).spread(self.rows)
        return self._numbers[column]

    def not_number(self, column: str) -> pd.Series:
        """Empty, not a number, or not finite (see ``non_finite``)."""
        return self.given(column) & self.number(column).isna()

    def non_finite(self, column: str) -> pd.Series:
        """Whether the column holds ``inf``, ``nan`` or a number too large for a float."""
        return pd.Series(self.coded(column).rows_where(_non_finite), index=self.rows)

    def whole(self, column: str) -> pd.Series:
        """Whether the column holds a whole number (``12`` or ``12.0``)."""
        number = self.number(column)
        # Beyond 2**53 a float no longer holds every whole number exactly.
        return (number == np.floor(number)) & (number.abs() <= 2**53)

    def date(self, column: str) -> Coded:
        """The column as dates written ``yyyy-mm-dd`` or ``dd/mm/yyyy`` (missing
        otherwise), coded by date."""
        return self.coded(column).parse(_to_date)

    @cached_property
    def period(self) -> pd.DataFrame:
        """The ``period`` column parsed: ``label`` (canonical, NaN when it does not parse),
        ``quarter`` (nullable boolean), ``start`` and ``end`` (datetime64) per row."""
        return by_unique(self.text("period"), _to_period)

    def flag(
        self,
        mask: pd.Series | np.ndarray,
        column: str | None,
        message: str | RowTexts,
        *,
        values: RowTexts | None = None,
        warning: bool = False,
    ) -> list[Flag]:
        """The rows where ``mask`` holds, as a flag (or nothing when no row is flagged)."""
        flagged = mask.fillna(False).to_numpy(dtype=bool) if isinstance(mask, pd.Series) else mask
        if not flagged.any():
            return []
        return [Flag(column, message, self.frame.index[flagged], values, warning)]

    def cells(self, column: str) -> RowTexts:
        """A row-text builder giving the cell of ``column`` in each row."""
        return lambda rows: _texts(self.text(column), rows)


def _texts(series: pd.Series, rows: pd.Index) -> list[str | None]:
    return [None if pd.isna(v) else str(v) for v in series.loc[rows]]
