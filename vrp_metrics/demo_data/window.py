"""The span the demonstration covers, each file's own random stream, and the row types
every demonstration return shares."""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from vrp_metrics import periods

FIRST_QUARTER = periods.quarter(2023, 1)
LAST_QUARTER = periods.quarter(2026, 2)
FIRST_YEAR = periods.year(2023)

Cell = str | int | float | dt.date | None
Row = Sequence[Cell]


@dataclass(frozen=True)
class DemoWindow:
    """The quarters, financial years and reading dates the demonstration covers."""

    quarters: list[pd.Period]
    years: list[pd.Period]
    first_day: dt.date
    last_day: dt.date


def demo_window(today: dt.date) -> DemoWindow:
    """Every quarter from 2023/24 Q1 to 2026/27 Q2 that has ended by ``today``.

    Annual measures cover the financial years that have ended by ``today``; readings are
    dated from the first quarter's start to the last quarter's end.
    """
    ended = [q for q in periods.period_range(FIRST_QUARTER, LAST_QUARTER) if _ended(q, today)]
    if not ended:
        raise ValueError(f"no demonstration quarter has ended by {today:%d/%m/%Y}")
    last_year = periods.financial_year_of(ended[-1])
    years = [y for y in periods.period_range(FIRST_YEAR, last_year) if _ended(y, today)]
    return DemoWindow(
        quarters=ended,
        years=years,
        first_day=periods.start_date(ended[0]),
        last_day=periods.end_date(ended[-1]),
    )


def _ended(period: pd.Period, today: dt.date) -> bool:
    return periods.end_date(period) <= today


def file_rng(seed: int, file_name: str) -> np.random.Generator:
    """The random stream of one file, from the seed and the file's name."""
    # crc32, unlike hash(), is the same in every Python process.
    return np.random.default_rng([seed, zlib.crc32(file_name.encode())])


def whole(value: float, low: int, high: int) -> int:
    """``value`` rounded to a whole number, kept within ``low`` to ``high``."""
    return int(np.clip(round(value), low, high))
