"""How figures are written for people: values with their unit, changes with a sign.

Counts have no decimals and a thousands separator ("1,090"); percentages (0–100 scale)
one decimal ("72.4%"); average score changes two decimals and a sign ("+0.42 points").
A change of a percentage is in percentage points ("+4.3 pp"). Missing numbers are shown
as :data:`MISSING`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

import pandas as pd

from vrp_metrics.catalogue import Kind
from vrp_metrics.charts.theme import RAG_STYLE, RAG_TINT

MISSING = "—"
"""What a table shows where there is no number."""

PERCENT_KINDS = frozenset({Kind.percentage, Kind.pct_improved, Kind.tracker_green_pct})

SOURCE_TEXT: dict[str, str] = {
    "return": "Partner return",
    "readings": "Outcome readings",
    "tracker": "Data tracker return",
    "return+readings": "Partner returns and outcome readings",
}
"""The figures' ``source`` in words: where the dashboard took the figure from."""


def _number(value: object) -> float | None:
    """A finite float, or None for a missing value (None, NaN, pandas NA)."""
    if value is None or value is pd.NA:
        return None
    number = float(value)  # type: ignore[arg-type]
    return number if math.isfinite(number) else None


def _signed(number: float, decimals: int) -> str:
    """A number with a thousands separator and a sign; zero (after rounding) has none."""
    rounded = round(number, decimals)
    if rounded == 0:
        return f"{0:,.{decimals}f}"
    return f"{rounded:+,.{decimals}f}"


def format_value(value: object, kind: Kind | str) -> str:
    """A measure's value with its unit: ``1,090``, ``72.4%`` or ``+0.42 points``."""
    number = _number(value)
    if number is None:
        return MISSING
    kind = Kind(kind)
    if kind in PERCENT_KINDS:
        return f"{number:,.1f}%"
    if kind == Kind.mean_change:
        return f"{_signed(number, 2)} points"
    return f"{number:,.0f}"


def format_short(value: object, kind: Kind | str) -> str:
    """The value as a chart label: like :func:`format_value` without the word "points"."""
    text = format_value(value, kind)
    return text.removesuffix(" points")


def format_change(change: object, kind: Kind | str) -> str:
    """A change with its sign: ``+40``, ``-4.3 pp`` (percentage points), ``+1.27 points``."""
    number = _number(change)
    if number is None:
        return MISSING
    kind = Kind(kind)
    if kind in PERCENT_KINDS:
        return f"{_signed(number, 1)} pp"
    if kind == Kind.mean_change:
        return f"{_signed(number, 2)} points"
    return _signed(number, 0)


def format_basis(
    kind: Kind | str, numerator: object, denominator: object, cohort_size: object
) -> str:
    """What a value rests on: ``31 / 42`` for a percentage, ``n = 57`` for a cohort.

    Counts rest on nothing further and get an empty string.
    """
    kind = Kind(kind)
    num, den, cohort = _number(numerator), _number(denominator), _number(cohort_size)
    if kind in PERCENT_KINDS and num is not None and den is not None:
        return f"{num:,.0f} / {den:,.0f}"
    if kind == Kind.mean_change and cohort is not None:
        return f"n = {cohort:,.0f}"
    return ""


def rag_text(rag: object) -> str:
    """A RAG status as its symbol and word, e.g. ``● Green`` or ``○ Not rated``."""
    style = RAG_STYLE.get(rag) if isinstance(rag, str) else None
    style = style or RAG_STYLE["grey"]
    return f"{style.symbol} {style.label}"


_RAG_OF_SYMBOL = {style.symbol: rag for rag, style in RAG_STYLE.items()}


def rag_cell_styles(texts: Iterable[object]) -> list[str]:
    """CSS for table cells holding :func:`rag_text` ("● Green"): a light background of
    the status's colour (:data:`~vrp_metrics.charts.theme.RAG_TINT`); none for other text."""
    rags = [_RAG_OF_SYMBOL.get(str(text)[:1]) for text in texts]
    return [f"background-color: {RAG_TINT[rag]}" if rag else "" for rag in rags]


def period_text(period: object) -> str:
    """A period's label, or :data:`MISSING` where there is none (e.g. no comparator period).

    A missing period reaches a table as None or NaN, which a table would show as "None".
    """
    return period if isinstance(period, str) and period else MISSING


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|~<>$:&@])")
_LINE_START = re.compile(r"^([ \t]*)([-+=])(?=[-+=\s]|$)", re.MULTILINE)
_ORDERED_LIST = re.compile(r"^([ \t]*\d+)\.(?=\s|$)", re.MULTILINE)

WORD_JOINER = "\N{WORD JOINER}"
"""An invisible character that keeps a bare address from becoming a link (see
:func:`escape_markdown`)."""

# Bare addresses, found after escaping: "http\://", "www." and "\@".
_BARE_ADDRESS = re.compile(r"(?i)(?<=https\\:)|(?<=http\\:)|(?<=\bwww)(?=\.)|(?=\\@)")


def escape_markdown(text: object) -> str:
    """``text`` with everything that would start Markdown (or HTML) escaped, so that a
    Markdown element shows it as typed: for every value that comes from outside — what
    a partner or user wrote, a file name, an address's query parameter.

    Characters with a meaning anywhere (emphasis, links and images ``[](``, ``!``,
    HTML ``<>``, entities ``&``, code, tables, maths ``$``, Streamlit's ``:directives:``)
    are escaped everywhere. ``-``, ``+`` and ``=`` are escaped where they start a list, a
    rule or a heading underline, and a dot where it starts a numbered list: a negative
    number or a date keeps its look.

    A bare ``http://…``, ``www.…`` or e-mail address is made a link by GitHub-flavoured
    Markdown *after* escapes are read, so no escape stops it: an invisible word joiner
    (:data:`WORD_JOINER`) goes after ``http:`` and ``www`` and before ``@``, where the
    link-finding does not look past it.
    """
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
    escaped = _LINE_START.sub(r"\1\\\2", escaped)
    escaped = _ORDERED_LIST.sub(r"\1\\.", escaped)
    return _BARE_ADDRESS.sub(WORD_JOINER, escaped)


def source_text(source: object) -> str:
    """Where a figure came from, in words (empty when there is no figure)."""
    return SOURCE_TEXT.get(source, "") if isinstance(source, str) else ""
