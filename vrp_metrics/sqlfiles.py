"""Loading the named ``.sql`` files that sit next to the modules that run them.

Queries that read figures are prefixed with the "in force" CTEs of
``store/effective.sql``. A query file is either a plain ``SELECT …`` or a list of CTEs
(``name AS (…), …``) followed by its final ``SELECT``; values are always bound as DuckDB
parameters, never interpolated.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_COMMENT = re.compile(r"--[^\n]*")


@cache
def sql_file(relative: str) -> str:
    """The text of ``vrp_metrics/<relative>`` (read once)."""
    return (_PACKAGE / relative).read_text(encoding="utf-8")


def _starts_with_select(query: str) -> bool:
    return _COMMENT.sub("", query).lstrip().upper().startswith("SELECT")


def with_effective(relative: str) -> str:
    """A query file prefixed with the CTEs giving the rows in force as at ``$as_at``."""
    query = sql_file(relative)
    joiner = "\n" if _starts_with_select(query) else ",\n"
    return "WITH\n" + sql_file("store/effective.sql") + joiner + query
