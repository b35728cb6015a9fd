"""Rules every kind of return shares about what its cells must not hold: personal
identifiers (DESIGN §3) and invisible characters.

Both look at each column's distinct values once (see ``Coded``), with patterns that
pyarrow runs in bulk (about 30 ms for the million-row readings return of the
benchmarks), and look closely, in Python, only at the few values that may hold
something. A column that is wholly NHS numbers is checked in bulk too; one with more
than ``CLOSE_LOOKS`` values to look at closely is refused as a whole, so that a file
made of a million addresses costs seconds, not minutes.

**Personal identifiers** (``identifiers.py`` says which) are looked for in every column
the file has, so that an NHS number typed into ``value`` is refused as one (a plausible
figure never looks like one). The error shows it masked, never in full, and the other
problems of that row quote it masked too (``without_identifiers``).

**Invisible characters** (zero-width and direction controls, ``vrp_metrics.text``):

- in a column that names or identifies something (participant_ref, scale, area,
  data_source, agency, codes, periods, …) they are an error: ``RS-001`` with a
  zero-width space is a second participant that looks like the first;
- in free text (a measure's comment, a tracker's barrier and next action) they are
  removed when the return is loaded, with a warning saying where. Text pasted from
  email or Teams often carries them unseen, and a comment is only read, never compared,
  so refusing the whole return for one would cost the partner a round trip for nothing
  a reader could see. Removing them also removes direction overrides, which could make
  a comment read differently from what was written.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from weakref import WeakKeyDictionary

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from vrp_metrics.returns import identifiers
from vrp_metrics.returns.checks import Coded, Context, Flag, rule
from vrp_metrics.returns.identifiers import Identifier, find_identifiers
from vrp_metrics.returns.report import Problem
from vrp_metrics.text import (
    INVISIBLE,
    INVISIBLE_PATTERN,
    describe_invisible,
    shown_visibly,
    strip_invisible,
)

PSEUDONYMOUS = "participant_ref"
"""The one column whose values are codes for people, so that a name in it is refused."""

CLOSE_LOOKS = 50_000
"""Distinct values of one column looked at closely, at most (about half a second's work).
A return has a handful: only a file made to be refused has more, and it is refused for
that, without the wait."""


@dataclass(frozen=True)
class _Found:
    """The rows of one column that hold an identifier."""

    coded: Coded
    kinds: tuple[str, ...]
    """The kinds looked for in the column."""
    rows: np.ndarray | None
    """Whether each row holds one; ``None`` when too many values may hold one for each
    to be looked at closely (``too_many`` says how many)."""
    too_many: int = 0

    def in_rows(self, context: Context, rows: pd.Index) -> list[list[Identifier]]:
        """The identifiers of each of ``rows``: worked out again for the few rows that a
        report shows, rather than kept for every value of a column that may have a
        million."""
        texts = self.coded.at(context.rows.get_indexer(rows)).tolist()
        return [_identifiers_in(text, self.kinds) for text in texts]


_FOUND: WeakKeyDictionary[Context, dict[str, _Found]] = WeakKeyDictionary()


def _found(context: Context) -> dict[str, _Found]:
    """The identifiers in each column of the return (looked for once per return)."""
    if context not in _FOUND:
        _FOUND[context] = {
            column: found
            for column in _columns(context)
            if (found := _find_in_column(context, column)) is not None
        }
    return _FOUND[context]


def _columns(context: Context) -> list[str]:
    return [column for column in context.spec.columns if column in context.present]


def _matching(values: pd.Series, pattern: re.Pattern[str], *, whole: bool = False) -> np.ndarray:
    """Whether each of ``values`` holds a match of ``pattern`` (or, with ``whole``, is
    one); False where missing.

    pyarrow's RE2 engine runs the pattern over all the values at once; the patterns are
    written for it (see ``identifiers.MAYBE``). Going to it directly skips pandas' own
    reading of the pattern on every call, which takes longer than the search itself.
    """
    regex = f"^(?:{pattern.pattern})$" if whole else pattern.pattern
    found = pc.match_substring_regex(
        pa.array(values, type=pa.large_string(), from_pandas=True),
        pattern=regex,
        ignore_case=bool(pattern.flags & re.IGNORECASE),
    )
    return pc.fill_null(found, False).to_numpy(zero_copy_only=False)


def _find_in_column(context: Context, column: str) -> _Found | None:
    coded = context.coded(column)
    values = coded.values
    kinds = identifiers.KINDS + ((identifiers.NAME,) if column == PSEUDONYMOUS else ())
    # A first look at every distinct value, for any kind at once. A value with an
    # invisible character is looked at closely too, for every kind: one can hide an
    # identifier from the patterns ("943", a zero-width space, "476 5919").
    hidden = _matching(values, INVISIBLE_PATTERN)
    maybe = _matching(values, identifiers.MAYBE) | hidden
    if column == PSEUDONYMOUS:
        maybe |= _matching(values, identifiers.FIRST_LOOK[identifiers.NAME])
    codes = np.flatnonzero(maybe)
    if not len(codes):
        return None
    holds = np.zeros(len(values) + 1, dtype=bool)  # the extra entry is for code -1
    candidates = values.iloc[codes]
    # A value that is, whole, a number written as an NHS number is written can hold
    # nothing else: those are decided in bulk (a column of them may have a million).
    shaped, valid = identifiers.whole_nhs_numbers(candidates)
    holds[codes[valid]] = True
    codes, candidates = codes[~shaped], candidates.iloc[np.flatnonzero(~shaped)]
    if len(codes) > CLOSE_LOOKS:
        return _Found(coded, kinds, None, too_many=len(codes))
    # The others, which are few, are looked at closely (in Python) for the kinds their
    # first look allows.
    looks = {kind: _matching(candidates, identifiers.FIRST_LOOK[kind]) for kind in kinds}
    for at, (code, text) in enumerate(zip(codes, candidates.tolist(), strict=True)):
        which = kinds if hidden[code] else [kind for kind in kinds if looks[kind][at]]
        holds[code] = bool(which) and bool(_identifiers_in(text, which))
    if not holds.any():
        return None
    return _Found(coded, kinds, holds[coded.codes])


def _identifiers_in(cell: str, kinds: Collection[str]) -> list[Identifier]:
    """The identifiers in a cell as it reads, without its invisible characters; each
    one's ``text`` is the cell's own characters, invisible ones included, so that it can
    be masked wherever the cell is quoted."""
    plain = strip_invisible(cell)
    found = find_identifiers(plain, kinds)
    if plain == cell or not found:
        return found
    kept = [i for i, character in enumerate(cell) if character not in INVISIBLE]
    return [
        replace(
            each,
            text=cell[kept[each.start] : kept[each.start + len(each.text) - 1] + 1],
            start=kept[each.start],
        )
        for each in found
    ]


def _kinds(found: list[Identifier]) -> str:
    kinds = list(dict.fromkeys(identifier.what for identifier in found))
    return kinds[0] if len(kinds) == 1 else f"{', '.join(kinds[:-1])} and {kinds[-1]}"


def _message(column: str, found: list[Identifier]) -> str:
    what = _kinds(found)
    if column == PSEUDONYMOUS:
        return (
            f"This participant_ref looks like {what}: returns must not carry personal "
            f"identifiers. Give the participant's pseudonymous reference instead, a code "
            f"your organisation keeps (such as RS-0001), and send the return again."
        )
    district = (
        " A postcode district on its own (such as SO14) may stay."
        if any(identifier.what == identifiers.POSTCODE for identifier in found)
        else ""
    )
    return (
        f"This {column} holds what looks like {what}: returns must not carry personal "
        f"identifiers. Remove it (refer to a person only by their participant_ref) and "
        f"send the return again.{district}"
    )


@rule("a value looks like a personal identifier")
def no_personal_identifiers(context: Context) -> list[Flag]:
    flags: list[Flag] = []
    for column, found in _found(context).items():
        flags += _identifier_flags(context, column, found)
    return flags


def _identifier_flags(context: Context, column: str, found: _Found) -> list[Flag]:
    if found.rows is None:
        return [
            Flag(
                column,
                f"Column {column} has {found.too_many:,} different values that may hold "
                f"personal identifiers (email addresses, postcodes, National Insurance "
                f"numbers or dates of birth), more than the {CLOSE_LOOKS:,} that are "
                f"checked one by one: a return must hold none. Take them out and send the "
                f"return again.",
            )
        ]

    def message(rows: pd.Index) -> list[str]:
        return [_message(column, each) for each in found.in_rows(context, rows)]

    def values(rows: pd.Index) -> list[str | None]:
        return [", ".join(i.masked for i in each) for each in found.in_rows(context, rows)]

    return context.flag(found.rows, column, message, values=values)


@rule("a value holds an invisible character")
def no_invisible_characters(context: Context) -> list[Flag]:
    flags: list[Flag] = []
    for column in _columns(context):
        coded = context.coded(column)
        holds = _matching(coded.values, INVISIBLE_PATTERN)
        if holds.any():  # (most returns have none: then no row need be looked at)
            rows = np.append(holds, False)[coded.codes]  # the extra entry is for code -1
            flags += _invisible_flags(context, column, rows)
    return flags


def _invisible_flags(context: Context, column: str, rows: np.ndarray) -> list[Flag]:
    text = context.text(column)
    free = column in context.spec.free_text
    split = " (one participant would count as two)" if column == PSEUDONYMOUS else ""

    def message(listed: pd.Index) -> list[str]:
        if free:
            return [
                f"This {column} holds {describe_invisible(cell)}: invisible characters are "
                f"removed from it when the return is loaded."
                for cell in text[listed]
            ]
        return [
            f"This {column} holds {describe_invisible(cell)}, which cannot be seen but makes "
            f"it another value than the same text typed without it{split}: type the value "
            f"again without it."
            for cell in text[listed]
        ]

    def values(listed: pd.Index) -> list[str | None]:
        return [shown_visibly(cell) for cell in text[listed]]

    return context.flag(rows, column, message, values=values, warning=free)


RULES = (no_personal_identifiers, no_invisible_characters)
"""Run after each kind's own rules, on every kind of return."""


def without_identifiers(context: Context, problems: list[Problem]) -> list[Problem]:
    """``problems`` with every identifier of their row masked wherever another rule
    quotes the cell (``'943 476 5919' is not a number`` → ``'943 *** ****' is …``)."""
    found = _found(context)
    quoted = pd.Index(sorted({p.row for p in problems if p.row is not None}), dtype="int64")
    if not found or quoted.empty:
        return problems
    positions = context.rows.get_indexer(quoted)
    known = positions >= 0
    in_row: dict[int, list[Identifier]] = {}
    for each in found.values():
        # (Where the column's rows were not all decided, every quoted row is looked at.)
        listed = quoted[known] if each.rows is None else quoted[known][each.rows[positions[known]]]
        for row, ids in zip(listed, each.in_rows(context, listed), strict=True):
            in_row.setdefault(int(row), []).extend(ids)
    return [_masked(problem, in_row.get(problem.row or 0)) for problem in problems]


def _masked(problem: Problem, found: list[Identifier] | None) -> Problem:
    if not found:
        return problem
    # Quoted as typed, or with its invisible characters written out (as the rule on
    # invisible characters quotes a cell).
    shown = found + [replace(each, text=shown_visibly(each.text)) for each in found]
    value = None if problem.value is None else identifiers.masked_text(problem.value, shown)
    message = identifiers.masked_text(problem.message, shown)
    return Problem(problem.file, problem.row, problem.column, value, message)


def strip_invisible_free_text(data: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """The clean rows of a valid return with invisible characters taken out of its free
    text (the rule above has warned of each)."""
    for column in columns:
        if column in data and data[column].str.contains(INVISIBLE_PATTERN).any():
            text = data[column].str.replace(INVISIBLE_PATTERN, "", regex=True).str.strip()
            data[column] = text.where(text != "")  # nothing left: an empty cell
    return data
