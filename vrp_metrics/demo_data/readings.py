"""Outcome readings: participants' scores on a scale, at joining and at each review."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from vrp_metrics.demo_data.window import DemoWindow, Row, whole

READING_COLUMNS = ("participant_ref", "scale", "area", "reading_date", "score")

OUTCOMES_STAR = "RESET Outcomes Star"
STAR_AREAS = (
    "Meaningful use of time",
    "Emotional and mental health",
    "Social networks and relationships",
    "Offending",
)
PAIN_SCALE = "A&E Navigators pain scale"
PAIN_AREA = "Mental health pain scale"
CRIME_HARM_INDEX = "RESET Crime Harm Index"
CHI_AREA = "Crime Harm Index"


def _working_day(day: dt.date) -> dt.date:
    """The day itself, or the Monday after a weekend: readings are taken at work."""
    weekend = day.weekday() >= 5
    return day + dt.timedelta(days=7 - day.weekday()) if weekend else day


def _reading_dates(
    rng: np.random.Generator,
    window: DemoWindow,
    *,
    gap_days: tuple[int, int],
    reviews: tuple[int, int],
) -> list[dt.date]:
    """A baseline date at joining, then reviews while engaged, none after the window."""
    business_days = pd.bdate_range(window.first_day, window.last_day)
    joined = business_days[int(rng.integers(len(business_days)))].date()
    dates = [joined]
    for _ in range(int(rng.integers(reviews[0], reviews[1] + 1))):
        following = _working_day(dates[-1] + dt.timedelta(days=int(rng.integers(*gap_days))))
        if following > window.last_day:
            break
        dates.append(following)
    return dates


def _by_joining(participants: list[tuple[list[dt.date], list[Row]]], prefix: str) -> list[Row]:
    """Number participants in the order they joined, as a referral log would."""
    participants.sort(key=lambda p: p[0][0])
    rows = []
    for number, (_, readings) in enumerate(participants, start=1):
        ref = f"{prefix}-{number:04d}"
        rows += [(ref, *reading) for reading in readings]
    return rows


def outcomes_star_readings(rng: np.random.Generator, window: DemoWindow) -> list[Row]:
    """~150 RESET participants on the four Outcomes Star areas (1–10, up is good).

    Baselines are mostly 2–5; scores drift up about 0.3 a review on average, and a
    participant whose drift is negative gets worse.
    """
    participants = []
    for _ in range(150):
        dates = _reading_dates(rng, window, gap_days=(42, 85), reviews=(2, 6))
        drift = rng.normal(0.3, 0.35)
        areas = []
        for area in STAR_AREAS:
            baseline = int(rng.choice(np.arange(1, 8), p=[0.06, 0.2, 0.26, 0.24, 0.16, 0.06, 0.02]))
            area_drift = drift + rng.normal(0, 0.15)
            scores = [baseline] + [
                whole(baseline + k * area_drift + rng.normal(0, 0.6), 1, 10)
                for k in range(1, len(dates))
            ]
            areas.append((area, scores))
        readings = [
            (OUTCOMES_STAR, area, day, scores[k])
            for k, day in enumerate(dates)
            for area, scores in areas
        ]
        participants.append((dates, readings))
    return _by_joining(participants, "RESET")


def pain_scale_readings(rng: np.random.Generator, window: DemoWindow) -> list[Row]:
    """~120 young people seen by the A&E Navigators (0–10, down is good).

    Most teams leave the single area blank; about a quarter of participants' rows name it.
    """
    participants = []
    for _ in range(120):
        dates = _reading_dates(rng, window, gap_days=(14, 43), reviews=(1, 4))
        area = PAIN_AREA if rng.random() < 0.25 else ""
        baseline = int(rng.choice([6, 7, 8, 9], p=[0.2, 0.3, 0.3, 0.2]))
        drift = rng.normal(-0.8, 0.6)
        scores = [baseline] + [
            whole(baseline + k * drift + rng.normal(0, 0.7), 0, 10) for k in range(1, len(dates))
        ]
        readings = [
            (PAIN_SCALE, area, day, score) for day, score in zip(dates, scores, strict=True)
        ]
        participants.append((dates, readings))
    return _by_joining(participants, "NL")


def crime_harm_index_readings(rng: np.random.Generator, window: DemoWindow) -> list[Row]:
    """~100 RESET participants' Crime Harm Index (≥ 0, one decimal, down is good).

    Baselines are heavy-tailed (capped at 400). Most reduce, some stop offending (0),
    some increase.
    """
    participants = []
    for _ in range(100):
        dates = _reading_dates(rng, window, gap_days=(84, 99), reviews=(1, 4))
        baseline = float(np.clip(rng.lognormal(3.6, 0.9), 2, 400))
        path = rng.choice(["reducing", "stopping", "increasing"], p=[0.7, 0.15, 0.15])
        stops_at = int(rng.integers(1, 4))
        values = [baseline]
        for k in range(1, len(dates)):
            if path == "stopping" and k >= stops_at:
                values.append(0.0)
                continue
            step = rng.normal(0.2, 0.3) if path == "increasing" else rng.normal(-0.45, 0.3)
            values.append(float(np.clip(values[-1] * np.exp(step), 0, 400)))
        readings = [
            (CRIME_HARM_INDEX, CHI_AREA, day, round(value, 1))
            for day, value in zip(dates, values, strict=True)
        ]
        participants.append((dates, readings))
    return _by_joining(participants, "CHI")
