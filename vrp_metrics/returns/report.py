"""The outcome of validating one partner return: its problems, and its clean rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import pandas as pd


class ReturnKind(StrEnum):
    """The kinds of partner return (DESIGN §3): three of figures, three of working-group
    records."""

    measure = "measure"
    readings = "readings"
    tracker = "tracker"
    meeting = "meeting"
    actions = "actions"
    crest = "crest"


@dataclass(frozen=True)
class Problem:
    """One error or warning about a return.

    ``row`` is the spreadsheet row a user sees: the header is row 1, so the first data
    row is 2. ``row`` is ``None`` for a problem with the file or with a whole column;
    ``column`` and ``value`` are ``None`` for a problem with the whole file.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


@dataclass
class ValidationReport:
    """Everything a user needs to correct a return, and the rows to load when it is valid."""

    file: str
    kind: ReturnKind | None
    rows: int
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    sha256: str = ""
    data: pd.DataFrame | None = None
    """Clean typed rows ready to load; ``None`` whenever there is an error."""

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        """The shape printed by ``validate --json`` (DESIGN §5)."""
        return {
            "file": self.file,
            "kind": None if self.kind is None else self.kind.value,
            "ok": self.ok,
            "rows": self.rows,
            "errors": [p.to_dict() for p in self.errors],
            "warnings": [p.to_dict() for p in self.warnings],
        }
