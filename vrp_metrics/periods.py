"""UK financial-year periods: quarters and years.

The financial year runs 1 April – 31 March. ``2024/25 Q1`` is April–June 2024 and
``2024/25 Q4`` is January–March 2025. Periods are pandas ``Period`` objects with the
fiscal frequencies ``Q-MAR`` and ``Y-MAR``: pandas names a fiscal year after the
calendar year it *ends* in, so ``2024/25 Q1`` is ``Period("2025Q1", "Q-MAR")``.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

QUARTER_FREQ = "Q-MAR"
YEAR_FREQ = "Y-MAR"

VALID_QUARTER_FORMS = "2024/25 Q1, 2024-25 Q1, Q1 2024/25 or FY2024/25 Q1"
VALID_YEAR_FORMS = "2024/25, 2024-25 or FY2024/25"

# ASCII digits only: Python's \d also matches other scripts' digits, which int() reads.
_FY = r"(?:FY\s*)?(?P<start>[0-9]{4})\s*[/-]\s*(?P<end>[0-9]{2})"
_QUARTER_PATTERNS = (
    re.compile(rf"^{_FY}\s+Q(?P<q>[1-4])$", re.IGNORECASE),
    re.compile(rf"^Q(?P<q>[1-4])\s+{_FY}$", re.IGNORECASE),
)
_YEAR_PATTERN = re.compile(rf"^{_FY}$", re.IGNORECASE)

FIRST_FY_START, LAST_FY_START = 1, 9998
"""The financial years a label can name: their days must be dates Python can hold
(years 1 to 9999), so ``0000/01`` and ``9999/00`` are not periods. Which of them a
return may give is the catalogue's business (its earliest period, and today)."""


class PeriodError(ValueError):
    """A period label that is not one of the accepted forms."""


def _year_matches(match: re.Match[str]) -> bool:
    start = int(match["start"])
    return (start + 1) % 100 == int(match["end"]) and FIRST_FY_START <= start <= LAST_FY_START


def quarter(fy_start: int, q: int) -> pd.Period:
    """The quarter ``q`` (1–4) of the financial year starting in April ``fy_start``."""
    return pd.Period(year=fy_start + 1, quarter=q, freq=QUARTER_FREQ)


def year(fy_start: int) -> pd.Period:
    """The financial year starting in April ``fy_start``."""
    return pd.Period(year=fy_start + 1, freq=YEAR_FREQ)


def try_parse_period(label: object) -> pd.Period | None:
    """The period a label names, or ``None`` when it is not an accepted form."""
    if not isinstance(label, str):
        return None
    text = " ".join(label.split())
    for pattern in _QUARTER_PATTERNS:
        match = pattern.match(text)
        if match and _year_matches(match):
            return quarter(int(match["start"]), int(match["q"]))
    match = _YEAR_PATTERN.match(text)
    if match and _year_matches(match):
        return year(int(match["start"]))
    return None


def parse_period(label: str) -> pd.Period:
    """Parse a quarter (``2024/25 Q1``) or financial-year (``2024/25``) label."""
    period = try_parse_period(label)
    if period is None:
        raise PeriodError(
            f"{label!r} is not a period: use a quarter such as {VALID_QUARTER_FORMS}, "
            f"or a financial year such as {VALID_YEAR_FORMS}"
        )
    return period


def is_quarter(period: pd.Period) -> bool:
    return period.freqstr.startswith("Q")


def fy_start_year(period: pd.Period) -> int:
    """The calendar year in which the period's financial year starts (April)."""
    return int(period.qyear if is_quarter(period) else period.year) - 1


def format_period(period: pd.Period) -> str:
    """Canonical label: ``2024/25 Q1`` for a quarter, ``2024/25`` for a year."""
    start = fy_start_year(period)
    # Four digits always: year 1 is "0001/02", which reads back as the same period.
    fy = f"{start:04d}/{(start + 1) % 100:02d}"
    return f"{fy} Q{period.quarter}" if is_quarter(period) else fy


def canonical(label: str) -> str:
    """The canonical form of any accepted label."""
    return format_period(parse_period(label))


def quarter_of(day: dt.date | pd.Timestamp | str) -> pd.Period:
    """The financial quarter a date falls in."""
    return pd.Timestamp(day).to_period(QUARTER_FREQ)


def financial_year_of(period_or_day: pd.Period | dt.date | pd.Timestamp) -> pd.Period:
    """The financial year containing a quarter or a date."""
    if isinstance(period_or_day, pd.Period):
        return period_or_day.asfreq(YEAR_FREQ)
    return pd.Timestamp(period_or_day).to_period(YEAR_FREQ)


def quarters_of(fin_year: pd.Period) -> list[pd.Period]:
    """The four quarters of a financial year, Q1 first."""
    start = fy_start_year(fin_year)
    return [quarter(start, q) for q in range(1, 5)]


def previous(period: pd.Period) -> pd.Period:
    """The period before: the previous quarter, or the previous year."""
    return period - 1


def same_period_last_year(period: pd.Period) -> pd.Period:
    """The same quarter a year earlier, or the previous year."""
    return period - 4 if is_quarter(period) else period - 1


def start_date(period: pd.Period) -> dt.date:
    return period.start_time.date()


def end_date(period: pd.Period) -> dt.date:
    return period.end_time.date()


def from_start(start: dt.date | pd.Timestamp, *, quarterly: bool) -> pd.Period:
    """The quarter or year that starts on ``start`` (as stored in the database)."""
    freq = QUARTER_FREQ if quarterly else YEAR_FREQ
    return pd.Timestamp(start).to_period(freq)


def period_range(first: pd.Period, last: pd.Period) -> list[pd.Period]:
    """Every period from ``first`` to ``last`` inclusive."""
    return list(pd.period_range(first, last, freq=first.freq))
