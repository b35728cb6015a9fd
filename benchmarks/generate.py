"""Seeded generator of ten years of returns at benchmark size.

Writes three CSV returns that validate cleanly (DESIGN §3) into a folder, by default
``benchmarks/output/`` (git-ignored: generated data is never committed):

- an outcome readings return of ``--rows`` readings (1,000,000 by default) from about
  ``rows / 20`` participants, dated 01/04/2016 – 30/09/2026: the RESET Outcomes Star
  (four areas a visit, whole scores 1–10), the A&E Navigators pain scale (area left
  blank, whole scores 0–10) and the RESET Crime Harm Index (one decimal, ≥ 0);
- a measure return with every count and percentage measure of the catalogue for every
  quarter 2016/17 Q1 – 2026/27 Q2 (annual measures for every year 2016/17 – 2025/26);
- a data tracker return with 20 data sources for each of those quarters.

    python -m benchmarks.generate [--out benchmarks/output] [--rows 1000000] [--seed 2016]

Every reference and figure is invented. The same seed and row count give identical
files. The work is done on whole columns with numpy, so a million readings take a few
seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from vrp_metrics import periods
from vrp_metrics.catalogue import Catalogue, Frequency, Kind, load_catalogue
from vrp_metrics.demo_data import (
    CRIME_HARM_INDEX,
    MEASURE_COLUMNS,
    OUTCOMES_STAR,
    PAIN_SCALE,
    READING_COLUMNS,
    TRACKER_COLUMNS,
    TRACKER_SOURCES,
)

DEFAULT_OUT = Path(__file__).resolve().parent / "output"
DEFAULT_ROWS = 1_000_000
DEFAULT_SEED = 2016

FIRST_DAY = dt.date(2016, 4, 1)
LAST_DAY = dt.date(2026, 9, 30)
QUARTERS = periods.period_range(periods.quarter(2016, 1), periods.quarter(2026, 2))
YEARS = periods.period_range(periods.year(2016), periods.year(2025))

READINGS_PER_PARTICIPANT = 20
"""Readings in the file per participant, on average (all scales and areas together)."""


@dataclass(frozen=True)
class BenchmarkFiles:
    readings: Path
    measures: Path
    tracker: Path

    def all(self) -> list[Path]:
        return [self.readings, self.measures, self.tracker]


@dataclass(frozen=True)
class _ScaleMix:
    """How one scale's readings are made."""

    scale: str
    prefix: str
    row_share: float
    participant_share: float
    gap_days: tuple[int, int]
    """Days between one visit and the next, drawn evenly from this range."""
    blank_area: bool = False
    """Write the area empty, as most teams do for a one-area scale."""


_MIX = (
    _ScaleMix(OUTCOMES_STAR, "RESET", 0.60, 0.40, (42, 85)),
    _ScaleMix(PAIN_SCALE, "NL", 0.25, 0.35, (14, 43), blank_area=True),
    _ScaleMix(CRIME_HARM_INDEX, "CHI", 0.15, 0.25, (84, 99)),
)


# -- readings ----------------------------------------------------------------------------


def _visits(
    rng: np.random.Generator, people: int, visits: int, gap_days: tuple[int, int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``visits`` visits shared among ``people`` participants (each at least one).

    Returns, per visit sorted by participant: the participant (0…people-1), the visit's
    number for that participant (0 = baseline) and its day (days after ``FIRST_DAY``);
    and per participant, the day they joined. A participant's visits are on distinct
    days inside the window.
    """
    window = (LAST_DAY - FIRST_DAY).days
    owner = np.sort(np.concatenate([np.arange(people), rng.integers(0, people, visits - people)]))
    first = np.searchsorted(owner, np.arange(people))
    order = np.arange(visits) - first[owner]
    gaps = rng.integers(gap_days[0], gap_days[1] + 1, visits)
    gaps[order == 0] = 0
    running = np.cumsum(gaps)
    offset = running - running[first][owner]
    last = np.append(first[1:] - 1, visits - 1)
    span = offset[last]
    # The rare participant with more visits than the window holds at these gaps is seen
    # more often instead.
    squeeze = np.minimum(1.0, window / np.maximum(span, 1))
    offset = np.floor(offset * squeeze[owner]).astype("int64")
    span = np.minimum(span, window)
    joined = (rng.random(people) * (window - span + 1)).astype("int64")
    return owner, order, joined[owner] + offset, joined


def _whole(values: np.ndarray, low: int, high: int) -> np.ndarray:
    return np.clip(np.rint(values), low, high).astype("int64")


def _star_scores(
    rng: np.random.Generator, people: int, owner: np.ndarray, order: np.ndarray, areas: int
) -> np.ndarray:
    """Whole scores 1–10 per visit and area: baselines mostly 2–5, drifting up."""
    drift = rng.normal(0.3, 0.35, people)
    baseline = rng.choice(
        np.arange(1, 8), p=[0.06, 0.2, 0.26, 0.24, 0.16, 0.06, 0.02], size=(people, areas)
    )
    area_drift = drift[:, None] + rng.normal(0, 0.15, (people, areas))
    noise = rng.normal(0, 0.6, (len(owner), areas)) * (order > 0)[:, None]
    return _whole(baseline[owner] + order[:, None] * area_drift[owner] + noise, 1, 10)


def _pain_scores(
    rng: np.random.Generator, people: int, owner: np.ndarray, order: np.ndarray
) -> np.ndarray:
    """Whole scores 0–10 per visit: baselines 6–9, mostly falling."""
    baseline = rng.choice([6, 7, 8, 9], p=[0.2, 0.3, 0.3, 0.2], size=people)
    drift = rng.normal(-0.4, 0.4, people)
    noise = rng.normal(0, 0.7, len(owner)) * (order > 0)
    return _whole(baseline[owner] + order * drift[owner] + noise, 0, 10)


def _harm_scores(
    rng: np.random.Generator, people: int, owner: np.ndarray, order: np.ndarray
) -> np.ndarray:
    """Crime Harm Index per visit (≥ 0, one decimal): heavy-tailed baselines, most
    falling, some participants stop offending (0)."""
    baseline = np.clip(rng.lognormal(3.6, 0.9, people), 2, 400)
    step = rng.normal(-0.2, 0.3, len(owner)) * (order > 0)
    first = np.searchsorted(owner, np.arange(people))
    running = np.cumsum(step)
    path = running - running[first][owner]
    value = np.clip(baseline[owner] * np.exp(path), 0, 1000)
    stops_at = np.where(
        rng.random(people) < 0.15, rng.integers(1, 4, people), np.iinfo("int64").max
    )
    value[order >= stops_at[owner]] = 0.0
    return np.round(value, 1)


def _scale_rows(
    rng: np.random.Generator, catalogue: Catalogue, mix: _ScaleMix, rows: int, people: int
) -> pd.DataFrame:
    """The readings of one scale: text columns, plus integer sort keys."""
    areas = catalogue.scale(mix.scale).areas
    visits = rows // len(areas)
    people = max(1, min(people, visits))
    owner, order, day, joined = _visits(rng, people, visits, mix.gap_days)
    if mix.scale == OUTCOMES_STAR:
        score_text = np.array([str(s) for s in range(11)])[
            _star_scores(rng, people, owner, order, len(areas))
        ]
    elif mix.scale == PAIN_SCALE:
        score_text = np.array([str(s) for s in range(11)])[_pain_scores(rng, people, owner, order)]
    else:
        score_text = np.char.mod("%.1f", _harm_scores(rng, people, owner, order))
    score_text = score_text.reshape(visits, len(areas))

    # Participants are numbered in the order they joined, as a referral log would.
    number = np.empty(people, dtype="int64")
    number[np.argsort(joined, kind="stable")] = np.arange(1, people + 1)
    refs = np.array([f"{mix.prefix}-{n:05d}" for n in range(1, people + 1)])
    return pd.DataFrame(
        {
            "participant_ref": np.repeat(refs[number[owner] - 1], len(areas)),
            "scale": mix.scale,
            "area": "" if mix.blank_area else np.tile(list(areas), visits),
            "day": np.repeat(day, len(areas)),
            "score": score_text.ravel(),
            "person": np.repeat(number[owner], len(areas)),
            "area_number": np.tile(np.arange(len(areas)), visits),
        }
    )


def write_readings(path: Path, catalogue: Catalogue, *, rows: int, seed: int) -> int:
    """Write the readings return; returns the number of readings written."""
    rng = np.random.default_rng([seed, 1])
    star_rows = 4 * round(rows * _MIX[0].row_share / 4)
    pain_rows = round(rows * _MIX[1].row_share)
    row_counts = (star_rows, pain_rows, rows - star_rows - pain_rows)
    participants = rows // READINGS_PER_PARTICIPANT
    frames = []
    for number, (mix, scale_rows) in enumerate(zip(_MIX, row_counts, strict=True)):
        frame = _scale_rows(
            rng, catalogue, mix, scale_rows, max(1, round(participants * mix.participant_share))
        )
        frames.append(frame.assign(scale_number=number))
    readings = pd.concat(frames, ignore_index=True)

    key = ["scale_number", "person", "area_number", "day"]
    if readings.duplicated(key).any():
        raise AssertionError("the generator repeated a reading (participant, scale, area, date)")
    # A case-management export lists readings by date.
    readings = readings.sort_values(["day", "scale_number", "person", "area_number"])
    days = (LAST_DAY - FIRST_DAY).days + 1
    date_text = np.array(
        [(FIRST_DAY + dt.timedelta(days=d)).strftime("%d/%m/%Y") for d in range(days)]
    )
    readings["reading_date"] = date_text[readings["day"].to_numpy()]
    readings[list(READING_COLUMNS)].to_csv(path, index=False, lineterminator="\n")
    return len(readings)


# -- measure return ----------------------------------------------------------------------


def write_measures(path: Path, catalogue: Catalogue, *, seed: int) -> int:
    """Every count and percentage measure for every quarter (annual ones: every year)."""
    rng = np.random.default_rng([seed, 2])
    rows = []
    for measure in catalogue.measures:
        if measure.kind not in (Kind.count, Kind.percentage):
            continue
        annual = measure.frequency is Frequency.annual
        when = YEARS if annual else QUARTERS
        trend = np.linspace(0, rng.normal(0, 0.3), len(when))
        if measure.kind is Kind.count:
            level = rng.integers(20, 400) * (4 if annual else 1)
            values = rng.poisson(level * np.exp(trend))
            for period, value in zip(when, values, strict=True):
                rows.append(
                    (measure.code, periods.format_period(period), int(value), "", "", "", "")
                )
        else:
            share = rng.uniform(0.3, 0.8)
            denominators = rng.integers(50, 500, len(when))
            p = np.clip(share + trend / 3, 0.01, 0.99)
            numerators = rng.binomial(denominators, p)
            for period, num, den in zip(when, numerators, denominators, strict=True):
                rows.append(
                    (measure.code, periods.format_period(period), "", int(num), int(den), "", "")
                )
    pd.DataFrame(rows, columns=list(MEASURE_COLUMNS)).to_csv(path, index=False, lineterminator="\n")
    return len(rows)


# -- data tracker return -----------------------------------------------------------------

_BARRIERS = {
    "Red": (
        "No Information Sharing Agreement in place",
        "DAWG to escalate to Information Governance lead",
    ),
    "Amber": (
        "Information Sharing Agreement awaiting sign-off",
        "DAWG chair to follow up sign-off",
    ),
    "Green": ("", ""),
}


def write_tracker(path: Path, *, seed: int) -> int:
    """Each quarter, every data source's status: sources turn amber, then green, over
    the ten years."""
    rng = np.random.default_rng([seed, 3])
    sources = len(TRACKER_SOURCES)
    turns_green = rng.integers(0, len(QUARTERS) + 8, sources)
    turns_amber = (turns_green * rng.uniform(0.3, 0.9, sources)).astype("int64")
    rows = []
    for q, period in enumerate(QUARTERS):
        for s, (source, agency, _) in enumerate(TRACKER_SOURCES):
            status = "Green" if q >= turns_green[s] else "Amber" if q >= turns_amber[s] else "Red"
            rows.append((source, agency, periods.format_period(period), status, *_BARRIERS[status]))
    pd.DataFrame(rows, columns=list(TRACKER_COLUMNS)).to_csv(path, index=False, lineterminator="\n")
    return len(rows)


# -- all three ---------------------------------------------------------------------------


def generate(
    out_dir: Path = DEFAULT_OUT,
    *,
    rows: int = DEFAULT_ROWS,
    seed: int = DEFAULT_SEED,
    catalogue: Catalogue | None = None,
) -> BenchmarkFiles:
    """Write the three returns into ``out_dir`` (created if needed) and return their paths."""
    catalogue = catalogue or load_catalogue()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = BenchmarkFiles(
        readings=out_dir / f"outcome_readings_{rows}.csv",
        measures=out_dir / "measure_return_10_years.csv",
        tracker=out_dir / "tracker_return_10_years.csv",
    )
    write_readings(files.readings, catalogue, rows=rows, seed=seed)
    write_measures(files.measures, catalogue, seed=seed)
    write_tracker(files.tracker, seed=seed)
    return files


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate",
        description="Write ten years of synthetic returns at benchmark size.",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write into")
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="readings to write")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    args = parser.parse_args(argv)
    for path in generate(args.out, rows=args.rows, seed=args.seed).all():
        print(f"{path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
