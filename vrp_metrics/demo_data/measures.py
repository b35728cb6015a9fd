"""Measure returns: the figures each provider sends for the measures it returns."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from vrp_metrics import periods
from vrp_metrics.demo_data.window import DemoWindow, Row, whole

#: Quarter in which more Op Sentinel hotspot patrols began: the step down in 1.1.1.e/f.
PATROLS_BEGIN = periods.quarter(2025, 1)

DEMO_COMMENT = "Synthetic demonstration data"

MEASURE_COLUMNS = (
    "measure_code",
    "period",
    "value",
    "numerator",
    "denominator",
    "cohort_size",
    "comment",
)
#: Title-case headers that a partner's spreadsheet might use; they normalise to
#: measure_code, period, value, comment.
ARTSWORK_COLUMNS = ("Measure Code", "Period", "Value", "Comment")


def _count_row(code: str, period: pd.Period, value: int) -> Row:
    return (code, periods.format_period(period), value, None, None, None, DEMO_COMMENT)


def _percentage_row(code: str, period: pd.Period, numerator: int, denominator: int) -> Row:
    return (code, periods.format_period(period), None, numerator, denominator, None, DEMO_COMMENT)


def _count_rows(
    rng: np.random.Generator,
    code: str,
    periods_of_measure: Sequence[pd.Period],
    *,
    level: Callable[[int, pd.Period], float],
    noise: float,
    bounds: tuple[int, int],
) -> list[Row]:
    """Rows of a count measure: a level for the i-th period plus noise, kept in bounds."""
    return [
        _count_row(code, period, whole(level(i, period) + rng.normal(0, noise), *bounds))
        for i, period in enumerate(periods_of_measure)
    ]


def _percentage_rows(
    rng: np.random.Generator,
    code: str,
    quarters: Sequence[pd.Period],
    *,
    denominators: tuple[int, int],
    rate: Callable[[int], float],
    rate_range: tuple[float, float],
    noise: float,
) -> list[Row]:
    """Rows of a percentage measure: a trend in the rate plus noise, kept in range."""
    rows = []
    for i, period in enumerate(quarters):
        denominator = int(rng.integers(denominators[0], denominators[1] + 1))
        share = rate(i) + rng.normal(0, noise)
        # Keep the rounded percentage itself inside the range, not only the drawn rate.
        lowest = math.ceil(rate_range[0] * denominator)
        highest = math.floor(rate_range[1] * denominator)
        numerator = whole(share * denominator, lowest, highest)
        rows.append(_percentage_row(code, period, numerator, denominator))
    return rows


def hiowc_measures(rng: np.random.Generator, window: DemoWindow) -> list[Row]:
    """Constabulary: hotspot violence falls when more patrols begin; RESET outcomes."""
    # Violence peaks in summer (Q2) and dips in winter (Q4).
    violence = {1: 8, 2: 22, 3: -5, 4: -15}
    rows = _count_rows(
        rng,
        "1.1.1.e",
        window.quarters,
        level=lambda i, q: 468 - 1.2 * i - (75 if q >= PATROLS_BEGIN else 0) + violence[q.quarter],
        noise=8,
        bounds=(350, 500),
    )
    serious = {1: 2, 2: 6, 3: -1, 4: -4}
    rows += _count_rows(
        rng,
        "1.1.1.f",
        window.quarters,
        level=lambda i, q: 98 - 0.5 * i - (16 if q >= PATROLS_BEGIN else 0) + serious[q.quarter],
        noise=4,
        bounds=(60, 110),
    )
    rows += _percentage_rows(
        rng,
        "2.3.3.a",
        window.quarters,
        denominators=(40, 80),
        rate=lambda i: 0.49 + 0.009 * i,
        rate_range=(0.45, 0.65),
        noise=0.025,
    )
    rows += _percentage_rows(
        rng,
        "5.2.1.a",
        window.quarters,
        denominators=(20, 45),
        rate=lambda i: 0.64 + 0.008 * i,
        rate_range=(0.60, 0.80),
        noise=0.03,
    )
    return rows


def vru_measures(rng: np.random.Generator, window: DemoWindow) -> list[Row]:
    """VRU: readiness ratings, event feedback and engagement responses."""
    rows = _percentage_rows(
        rng,
        "2.2.2.a",
        window.quarters,
        denominators=(15, 35),
        rate=lambda i: 0.55 + 0.015 * i,
        rate_range=(0.50, 0.90),
        noise=0.04,
    )
    rows += _percentage_rows(
        rng,
        "4.2.1.a",
        window.quarters,
        denominators=(60, 200),
        rate=lambda i: 0.79 + 0.003 * i,
        rate_range=(0.75, 0.90),
        noise=0.025,
    )
    # Most engagement events (and Feedback Tree responses) are in the summer.
    events = {1: 20, 2: 60, 3: -10, 4: -30}
    rows += _count_rows(
        rng,
        "4.3.1.a",
        window.quarters,
        level=lambda i, q: 90 + 6 * i + events[q.quarter],
        noise=15,
        bounds=(40, 250),
    )
    # The knife crime survey is pushed during Knife Crime Awareness Week in May (Q1).
    survey = {1: 170, 2: 0, 3: -10, 4: -20}
    rows += _count_rows(
        rng,
        "4.3.1.b",
        window.quarters,
        level=lambda i, q: 180 + 10 * i + survey[q.quarter],
        noise=30,
        bounds=(100, 600),
    )
    return rows


def opcc_measures(rng: np.random.Generator, window: DemoWindow) -> list[Row]:
    """OPCC: the annual Big Conversation questionnaire, growing year on year."""
    return _count_rows(
        rng,
        "4.3.1.c",
        window.years,
        level=lambda i, _: 1650 + 550 * i,
        noise=120,
        bounds=(1500, 3000),
    )


def no_limits_measures(rng: np.random.Generator, window: DemoWindow) -> list[Row]:
    """No Limits: social prescribing through the A&E Navigators, scaling up."""
    return _count_rows(
        rng, "5.1.3.a", window.quarters, level=lambda i, _: 22 + 3.2 * i, noise=4, bounds=(20, 70)
    )


def society_of_st_james_measures(rng: np.random.Generator, window: DemoWindow) -> list[Row]:
    """Society of St James: young people supported in the community through RESET."""
    return _count_rows(
        rng, "5.1.3.b", window.quarters, level=lambda i, _: 30 + 1.8 * i, noise=4, bounds=(25, 60)
    )


def artswork_measures(rng: np.random.Generator, window: DemoWindow) -> list[Row]:
    """Artswork Choices programme: follows the school year, low in the summer holidays.

    Rows carry only the four columns of ``ARTSWORK_COLUMNS``.
    """
    reached_by_quarter = {1: 1500, 2: 850, 3: 1900, 4: 1800}
    staff_by_quarter = {1: 45, 2: 22, 3: 60, 4: 55}
    reached, hotspot, staff = [], [], []
    for i, period in enumerate(window.quarters):
        label = periods.format_period(period)
        growth = 1 + 0.025 * i
        young_people = whole(
            reached_by_quarter[period.quarter] * growth + rng.normal(0, 60), 800, 2500
        )
        share = float(np.clip(0.38 + 0.012 * i + rng.normal(0, 0.03), 0.35, 0.60))
        staff_value = staff_by_quarter[period.quarter] * (1 + 0.03 * i) + rng.normal(0, 5)
        reached.append(("5.1.5.a", label, young_people, DEMO_COMMENT))
        hotspot.append(
            ("5.1.5.b", label, whole(share * young_people, 0, young_people), DEMO_COMMENT)
        )
        staff.append(("5.1.6.a", label, whole(staff_value, 20, 90), DEMO_COMMENT))
    return reached + hotspot + staff


def rock_pool_measures(rng: np.random.Generator, window: DemoWindow) -> list[Row]:
    """Rock Pool: trauma informed practice sessions for police officers (TIPS)."""
    rows = _count_rows(
        rng, "5.3.1.a", window.quarters, level=lambda i, _: 12 + 2 * i, noise=3, bounds=(10, 40)
    )
    rows += _count_rows(
        rng, "5.3.1.b", window.quarters, level=lambda i, _: 3 + 0.6 * i, noise=1.5, bounds=(2, 12)
    )
    return rows
