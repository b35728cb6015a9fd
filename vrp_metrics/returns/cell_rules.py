"""Rules about the cells themselves, whatever the kind of return (DESIGN §3, limits).

No cell holds more than 2,000 characters, headers included, and no cell of an Excel
return holds a formula without a saved value (openpyxl reads such a cell as empty, so a
figure would silently be missing). They look at every column of the file, its own or
not, and run before the rules of its kind: what a file's cells hold is not known until
they pass, so a file that breaks them is not checked further.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from vrp_metrics.catalogue import Catalogue
from vrp_metrics.returns.checks import Context, Flag, rule
from vrp_metrics.returns.headers import column_letter
from vrp_metrics.returns.limits import MAX_CELL_CHARACTERS
from vrp_metrics.returns.reading import Table
from vrp_metrics.returns.report import Problem

SHOWN = 40
"""Characters of a long cell shown back in the report."""


def shortened(text: str) -> str:
    """The start of a long text, to show which cell is meant without repeating it."""
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


def _too_long(length: int) -> str:
    return (
        f"This cell holds {length:,} characters: a cell holds at most "
        f"{MAX_CELL_CHARACTERS:,}. Shorten it (a comment says in a few sentences what the "
        f"figures need)."
    )


def long_headers(file: str, table: Table) -> list[Problem]:
    """Headers over the limit, checked before the headers are matched to a kind of return
    (which quotes them back)."""
    return [
        Problem(file, 1, column_letter(position), shortened(header), _too_long(len(header)))
        for position, header in enumerate(table.headers)
        if len(header) > MAX_CELL_CHARACTERS
    ]


class Cells(Context):
    """Every column of a return, named as its problems call it: the kind's own name for
    a column of the kind, else the header as written (when short and not repeated), else
    the column letter."""

    def __init__(
        self,
        file: str,
        table: Table,
        own: dict[int, str],
        catalogue: Catalogue,
        today: dt.date,
    ) -> None:
        names: list[str] = []
        for position, header in enumerate(table.headers):
            name = own.get(position) or header
            if (
                position not in own
                and (not name or len(name) > SHOWN or table.headers.count(name) > 1)
            ) or name in names:
                name = column_letter(position)
            while name in names or name in own.values() and position not in own:
                name = f"column {name}"
            names.append(name)
        super().__init__(
            file, table.cells.set_axis(names, axis=1), frozenset(names), catalogue, today
        )
        self.names = names
        self.table = table


def _longest_in_bytes(text: pd.Series) -> int:
    """The longest cell of a column in UTF-8 bytes (0 when empty): at least its length in
    characters, and read from the column's offsets without looking at the text."""
    lengths = pc.binary_length(pa.array(text.array))
    return pc.max(lengths).as_py() or 0


@rule("a cell is longer than 2,000 characters")
def cells_not_too_long(context: Cells) -> list[Flag]:
    flags: list[Flag] = []
    for name in context.names:
        text = context.text(name)
        if _longest_in_bytes(text) <= MAX_CELL_CHARACTERS:
            continue  # no cell of the column can hold more characters than bytes
        lengths = text.str.len()
        flags += context.flag(
            lengths.gt(MAX_CELL_CHARACTERS).fillna(False),
            name,
            lambda rows, lengths=lengths: [_too_long(int(n)) for n in lengths[rows]],
            values=lambda rows, text=text: [shortened(t) for t in text[rows]],
        )
    return flags


@rule("a formula has no saved value")
def formulas_have_saved_values(context: Cells) -> list[Flag]:
    """Formulas of a workbook written by a program and never opened in Excel: the file
    holds the formula but not its value."""
    by_column: dict[int, dict[int, str]] = defaultdict(dict)
    for cell in context.table.uncalculated:
        by_column[cell.column][cell.row] = cell.formula
    flags: list[Flag] = []
    for position, formulas in sorted(by_column.items()):
        name = context.names[position] if position < len(context.names) else None
        name = name or column_letter(position)

        def message(rows: pd.Index, formulas: dict[int, str] = formulas) -> list[str]:
            return [
                f"This cell holds a formula{_quoted(formulas[row])} but no saved value: the "
                f"workbook was written by a program and never opened in Excel, so the value "
                f"is not in the file. Open the workbook in Excel and save it, or type the "
                f"value in."
                for row in rows
            ]

        flags.append(
            Flag(
                name,
                message,
                pd.Index(sorted(formulas), dtype="int64"),
                values=lambda rows, formulas=formulas: [
                    shortened(formulas[row]) or None for row in rows
                ],
            )
        )
    return flags


def _quoted(formula: str) -> str:
    """`` (=SUM(B2:B4))``, or nothing for a copy of a shared formula (no text of its own)."""
    return f" ({shortened(formula)})" if formula else ""


RULES = (cells_not_too_long, formulas_have_saved_values)
