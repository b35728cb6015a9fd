"""Synthetic demonstration returns, made by a seeded generator.

Every figure, date and participant reference written here is invented. Participant
references are made-up pseudonyms (``RESET-0001``, ``NL-0001``, ``CHI-0001``); no real
person or real figure is behind any row. The files follow the three return kinds of
DESIGN §3 and are written one per provider and kind, as partners send them:

    python -m vrp_metrics.demo_data [--out data/demo] [--seed 2026]

The same seed gives byte-identical files: CSVs are UTF-8 with ``\\n`` line endings and
fixed number formatting; XLSX workbooks carry fixed document properties and fixed zip
entry timestamps. Each file draws from its own random stream (seed + file name), so
changing how one file is made does not change the others.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import math
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.xml.functions import tostring

from vrp_metrics import periods

DEFAULT_SEED = 2026
DEFAULT_TODAY = dt.date(2026, 11, 22)
DEFAULT_OUT = Path("data/demo")

FIRST_QUARTER = periods.quarter(2023, 1)
LAST_QUARTER = periods.quarter(2026, 2)
FIRST_YEAR = periods.year(2023)

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
READING_COLUMNS = ("participant_ref", "scale", "area", "reading_date", "score")
TRACKER_COLUMNS = ("data_source", "agency", "period", "rag_status", "barrier", "next_action")

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

# Fixed workbook properties so that a regenerated workbook is identical.
_XLSX_TIMESTAMP = dt.datetime(2026, 1, 1)
_ZIP_DATE_TIME = (2026, 1, 1, 0, 0, 0)
_CORE_PROPERTIES = "docProps/core.xml"

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


def _rng(seed: int, file_name: str) -> np.random.Generator:
    # crc32, unlike hash(), is the same in every Python process.
    return np.random.default_rng([seed, zlib.crc32(file_name.encode())])


def _whole(value: float, low: int, high: int) -> int:
    return int(np.clip(round(value), low, high))


# --- measure returns -------------------------------------------------------------------


def _count_row(code: str, period: pd.Period, value: int) -> Row:
    return (code, periods.format_period(period), value, None, None, None, DEMO_COMMENT)


def _percentage_row(code: str, period: pd.Period, numerator: int, denominator: int) -> Row:
    return (code, periods.format_period(period), None, numerator, denominator, None, DEMO_COMMENT)


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
        numerator = _whole(share * denominator, lowest, highest)
        rows.append(_percentage_row(code, period, numerator, denominator))
    return rows


def _hiowc_measures(rng: np.random.Generator, window: DemoWindow) -> list[Row]:
    """Constabulary: hotspot violence falls when more patrols begin; RESET outcomes."""
    rows = []
    # Violence peaks in summer (Q2) and dips in winter (Q4).
    season = {1: 8, 2: 22, 3: -5, 4: -15}
    for i, period in enumerate(window.quarters):
        patrols = period >= PATROLS_BEGIN
        level = 468 - 1.2 * i - (75 if patrols else 0) + season[period.quarter]
        rows.append(_count_row("1.1.1.e", period, _whole(level + rng.normal(0, 8), 350, 500)))
    season = {1: 2, 2: 6, 3: -1, 4: -4}
    for i, period in enumerate(window.quarters):
        patrols = period >= PATROLS_BEGIN
        level = 98 - 0.5 * i - (16 if patrols else 0) + season[period.quarter]
        rows.append(_count_row("1.1.1.f", period, _whole(level + rng.normal(0, 4), 60, 110)))
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


def _vru_measures(rng: np.random.Generator, window: DemoWindow) -> list[Row]:
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
    season = {1: 20, 2: 60, 3: -10, 4: -30}
    for i, period in enumerate(window.quarters):
        level = 90 + 6 * i + season[period.quarter]
        rows.append(_count_row("4.3.1.a", period, _whole(level + rng.normal(0, 15), 40, 250)))
    # The knife crime survey is pushed during Knife Crime Awareness Week in May (Q1).
    season = {1: 170, 2: 0, 3: -10, 4: -20}
    for i, period in enumerate(window.quarters):
        level = 180 + 10 * i + season[period.quarter]
        rows.append(_count_row("4.3.1.b", period, _whole(level + rng.normal(0, 30), 100, 600)))
    return rows


def _opcc_measures(rng: np.random.Generator, window: DemoWindow) -> list[Row]:
    """OPCC: the annual Big Conversation questionnaire, growing year on year."""
    rows = []
    for i, fin_year in enumerate(window.years):
        value = _whole(1650 + 550 * i + rng.normal(0, 120), 1500, 3000)
        rows.append(_count_row("4.3.1.c", fin_year, value))
    return rows


def _no_limits_measures(rng: np.random.Generator, window: DemoWindow) -> list[Row]:
    """No Limits: social prescribing through the A&E Navigators, scaling up."""
    return [
        _count_row("5.1.3.a", period, _whole(22 + 3.2 * i + rng.normal(0, 4), 20, 70))
        for i, period in enumerate(window.quarters)
    ]


def _society_of_st_james_measures(rng: np.random.Generator, window: DemoWindow) -> list[Row]:
    """Society of St James: young people supported in the community through RESET."""
    return [
        _count_row("5.1.3.b", period, _whole(30 + 1.8 * i + rng.normal(0, 4), 25, 60))
        for i, period in enumerate(window.quarters)
    ]


def _artswork_measures(rng: np.random.Generator, window: DemoWindow) -> list[Row]:
    """Artswork Choices programme: follows the school year, low in the summer holidays.

    Rows carry only the four columns of ``ARTSWORK_COLUMNS``.
    """
    reached_by_quarter = {1: 1500, 2: 850, 3: 1900, 4: 1800}
    staff_by_quarter = {1: 45, 2: 22, 3: 60, 4: 55}
    reached, hotspot, staff = [], [], []
    for i, period in enumerate(window.quarters):
        label = periods.format_period(period)
        growth = 1 + 0.025 * i
        young_people = _whole(
            reached_by_quarter[period.quarter] * growth + rng.normal(0, 60), 800, 2500
        )
        share = float(np.clip(0.38 + 0.012 * i + rng.normal(0, 0.03), 0.35, 0.60))
        staff_value = staff_by_quarter[period.quarter] * (1 + 0.03 * i) + rng.normal(0, 5)
        reached.append(("5.1.5.a", label, young_people, DEMO_COMMENT))
        hotspot.append(
            ("5.1.5.b", label, _whole(share * young_people, 0, young_people), DEMO_COMMENT)
        )
        staff.append(("5.1.6.a", label, _whole(staff_value, 20, 90), DEMO_COMMENT))
    return reached + hotspot + staff


def _rock_pool_measures(rng: np.random.Generator, window: DemoWindow) -> list[Row]:
    """Rock Pool: trauma informed practice sessions for police officers (TIPS)."""
    rows = [
        _count_row("5.3.1.a", period, _whole(12 + 2 * i + rng.normal(0, 3), 10, 40))
        for i, period in enumerate(window.quarters)
    ]
    rows += [
        _count_row("5.3.1.b", period, _whole(3 + 0.6 * i + rng.normal(0, 1.5), 2, 12))
        for i, period in enumerate(window.quarters)
    ]
    return rows


# --- outcome readings ------------------------------------------------------------------


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


def _outcomes_star_readings(rng: np.random.Generator, window: DemoWindow) -> list[Row]:
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
                _whole(baseline + k * area_drift + rng.normal(0, 0.6), 1, 10)
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


def _pain_scale_readings(rng: np.random.Generator, window: DemoWindow) -> list[Row]:
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
            _whole(baseline + k * drift + rng.normal(0, 0.7), 0, 10) for k in range(1, len(dates))
        ]
        readings = [
            (PAIN_SCALE, area, day, score) for day, score in zip(dates, scores, strict=True)
        ]
        participants.append((dates, readings))
    return _by_joining(participants, "NL")


def _crime_harm_index_readings(rng: np.random.Generator, window: DemoWindow) -> list[Row]:
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


# --- data tracker ----------------------------------------------------------------------

#: (data source, agency, shared from the start?) — the long-established police, health,
#: youth justice, fire and VRU sources are green in the first quarter.
TRACKER_SOURCES = (
    ("Police recorded crime (Niche)", "Police", True),
    ("Op Sentinel hotspot patrol logs", "Police", False),
    ("Police stop and search records", "Police", False),
    ("A&E attendances for assault", "Health – ICB", True),
    ("Ambulance assault call-outs", "Health – ICB", False),
    ("Hospital admissions for assault with a sharp object", "Health – ICB", False),
    ("Mental health referrals of under-25s", "Health – ICB", False),
    ("Youth Justice Service caseload", "Youth Justice Service", True),
    ("First-time entrants to the youth justice system", "Youth Justice Service", False),
    ("School exclusions", "Education", False),
    ("Persistent absence from school", "Education", False),
    ("Children's services contacts", "Local Authorities", False),
    ("Child exploitation referrals", "Local Authorities", False),
    ("Community Safety Partnership anti-social behaviour incidents", "Local Authorities", False),
    ("Fire and Rescue deliberate fires", "Fire and Rescue Service", True),
    ("Probation caseload", "Probation", False),
    ("Integrated Offender Management cohort", "Probation", False),
    ("Victim services referrals", "OPCC", False),
    ("Big Conversation survey responses", "OPCC", False),
    ("VRU intervention monitoring returns", "VRU", True),
)

RED_BARRIERS = (
    (
        "No Information Sharing Agreement in place",
        "DAWG to escalate to Information Governance lead",
    ),
    ("Data owner not yet identified", "Agency representative to nominate a data owner"),
    (
        "Data held at individual level only; no aggregate extract",
        "VRU analyst to agree an aggregate data specification with the agency",
    ),
)
AMBER_BARRIERS = (
    ("Information Sharing Agreement awaiting sign-off", "DAWG chair to follow up sign-off"),
    ("Data Protection Impact Assessment under review", "Information Governance lead to review"),
    (
        "Extract received but location fields incomplete",
        "Agency analyst to add location fields to the next extract",
    ),
    (
        "Quarterly extract agreed but sent manually and late",
        "Add source to the HIOWT common data platform automation",
    ),
)
LAPSE = (
    "Data sharing paused while the Information Sharing Agreement is renewed",
    "DAWG to escalate to Information Governance lead",
)

#: Sources green by the last quarter: 13 of 20 (65%), from 5 of 20 (25%) at the start.
_GREEN_AT_END = 13


def _tracker_rows(rng: np.random.Generator, window: DemoWindow) -> list[Row]:
    """The Partnership Data Tracker, each quarter: more sources green over time.

    Each source moves Red → Amber → Green at its own pace; a couple of green sources
    lapse to Amber for one quarter while an agreement is renewed. Most statuses are
    written in full; some as partners also write them (``G``, ``a``).
    """
    n_quarters = len(window.quarters)
    green_first = [i for i, (*_, shared) in enumerate(TRACKER_SOURCES) if shared]
    others = [i for i, (*_, shared) in enumerate(TRACKER_SOURCES) if not shared]
    joining = rng.permutation(others)[: _GREEN_AT_END - len(green_first)]
    # Quarter index at which each source turns green (n_quarters: not yet).
    turns_green = np.full(len(TRACKER_SOURCES), n_quarters)
    turns_green[green_first] = 0
    # Spread evenly over the quarters so the green share climbs steadily to the end.
    turns_green[joining] = np.linspace(1, max(1, n_quarters - 1), len(joining)).round()
    turns_amber = [int(rng.integers(0, max(1, g))) for g in turns_green]
    barriers = [
        (
            RED_BARRIERS[int(rng.integers(len(RED_BARRIERS)))],
            AMBER_BARRIERS[int(rng.integers(len(AMBER_BARRIERS)))],
        )
        for _ in TRACKER_SOURCES
    ]
    lapses = set()
    if n_quarters > 2:
        for source in rng.choice(green_first, size=2, replace=False):
            lapses.add((int(source), int(rng.integers(1, n_quarters - 1))))

    rows = []
    for q, period in enumerate(window.quarters):
        for s, (source, agency, _) in enumerate(TRACKER_SOURCES):
            if (s, q) in lapses:
                status, (barrier, action) = "Amber", LAPSE
            elif q >= turns_green[s]:
                status, barrier, action = "Green", "", ""
            elif q >= turns_amber[s]:
                status, (barrier, action) = "Amber", barriers[s][1]
            else:
                status, (barrier, action) = "Red", barriers[s][0]
            if rng.random() < 0.08:
                status = {"Green": "G", "Amber": "a", "Red": "R"}[status]
            rows.append((source, agency, periods.format_period(period), status, barrier, action))
    return rows


# --- writing ---------------------------------------------------------------------------


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _write_csv(path: Path, columns: Sequence[str], rows: Iterable[Row]) -> int:
    """Write UTF-8 CSV with ``\\n`` line endings; return the number of data rows."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_csv_text(value) for value in row])
            count += 1
    return count


def _write_xlsx(path: Path, sheet: str, columns: Sequence[str], rows: Sequence[Row]) -> int:
    """Write one sheet with dates as real Excel date cells; return the data-row count.

    openpyxl stamps the document properties and zip entries with the time of saving;
    both are fixed here so that the same rows give the same bytes.
    """
    workbook = Workbook()
    workbook.properties.creator = "VRP performance dashboard demo data generator"
    workbook.properties.title = f"{path.stem} (synthetic demonstration data)"
    workbook.properties.created = _XLSX_TIMESTAMP
    workbook.properties.modified = _XLSX_TIMESTAMP
    worksheet = workbook.active
    worksheet.title = sheet
    worksheet.append(list(columns))
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        worksheet.append(list(row))
    for column in worksheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, dt.date):
                cell.number_format = "dd/mm/yyyy"
    for letter, width in zip("ABCDEFG", (18, 26, 20, 14, 10, 10, 30), strict=False):
        worksheet.column_dimensions[letter].width = width

    buffer = io.BytesIO()
    workbook.save(buffer)
    # Saving stamps "modified" with the current time: write the fixed properties back.
    workbook.properties.modified = _XLSX_TIMESTAMP
    core = tostring(workbook.properties.to_tree())
    _write_zip_with_fixed_times(buffer.getvalue(), path, replace={_CORE_PROPERTIES: core})
    return len(rows)


def _write_zip_with_fixed_times(data: bytes, path: Path, *, replace: dict[str, bytes]) -> None:
    """Copy a zip archive with every entry dated ``_ZIP_DATE_TIME``, replacing some entries."""
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=_ZIP_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, replace.get(entry.filename, source.read(entry.filename)))


@dataclass(frozen=True)
class DemoFile:
    """One demonstration return: its file name, what it covers and how it is made."""

    name: str
    covers: str
    make: Callable[[np.random.Generator, DemoWindow], list[Row]]
    columns: Sequence[str]
    sheet: str | None = None  # set for an .xlsx file


DEMO_FILES = (
    DemoFile(
        "hiowc_measures.csv",
        "Constabulary measure return: 1.1.1.e and 1.1.1.f (violent and serious violence "
        "offences in Op Sentinel hotspots, with a sustained drop from 2025/26 Q1 when more "
        "hotspot patrols began), 2.3.3.a ('at risk' individuals whose offending decreased) "
        "and 5.2.1.a (young people who do not reoffend).",
        _hiowc_measures,
        MEASURE_COLUMNS,
    ),
    DemoFile(
        "vru_measures.csv",
        "VRU measure return: 2.2.2.a (Joint Readiness Assessment positive ratings), "
        "4.2.1.a (positive event feedback), 4.3.1.a (Feedback Tree responses) and 4.3.1.b "
        "(knife crime survey responses, peaking in Q1 with Knife Crime Awareness Week).",
        _vru_measures,
        MEASURE_COLUMNS,
    ),
    DemoFile(
        "opcc_measures.csv",
        "OPCC measure return: 4.3.1.c (Big Conversation responses), by financial year.",
        _opcc_measures,
        MEASURE_COLUMNS,
    ),
    DemoFile(
        "no_limits_measures.csv",
        "No Limits measure return: 5.1.3.a (young people supported via social prescribing).",
        _no_limits_measures,
        MEASURE_COLUMNS,
    ),
    DemoFile(
        "society_of_st_james_measures.csv",
        "Society of St James measure return: 5.1.3.b (young people supported in the community).",
        _society_of_st_james_measures,
        MEASURE_COLUMNS,
    ),
    DemoFile(
        "artswork_measures.xlsx",
        "Artswork measure return (Excel, title-case headers): 5.1.5.a (young people "
        "reached, low in the summer holidays), 5.1.5.b (of whom from hotspot and priority "
        "schools) and 5.1.6.a (school staff engaged).",
        _artswork_measures,
        ARTSWORK_COLUMNS,
        sheet="Choices programme",
    ),
    DemoFile(
        "rock_pool_measures.csv",
        "Rock Pool measure return: 5.3.1.a (1-1 reflective practice sessions) and 5.3.1.b "
        "(trauma informed training sessions) delivered to police.",
        _rock_pool_measures,
        MEASURE_COLUMNS,
    ),
    DemoFile(
        "society_of_st_james_outcomes_star.csv",
        "RESET Outcomes Star readings of about 150 participants on four areas, for "
        "5.1.1.a/b, 5.1.2.a/b, 5.1.4.a/b and 5.2.2.b/c.",
        _outcomes_star_readings,
        READING_COLUMNS,
    ),
    DemoFile(
        "no_limits_pain_scale.csv",
        "A&E Navigators pain scale readings of about 120 young people (area mostly left "
        "blank), for 5.1.2.c/d.",
        _pain_scale_readings,
        READING_COLUMNS,
    ),
    DemoFile(
        "hiowc_crime_harm_index.xlsx",
        "RESET Crime Harm Index readings of about 100 participants (Excel, real date "
        "cells), for 5.2.2.a.",
        _crime_harm_index_readings,
        READING_COLUMNS,
        sheet="RESET CHI",
    ),
    DemoFile(
        "vru_data_tracker.csv",
        "Partnership Data Tracker return: 20 partner data sources each quarter with RAG "
        "status, barrier and next action, for 3.1.1.a.",
        _tracker_rows,
        TRACKER_COLUMNS,
    ),
)


def _readme(seed: int, window: DemoWindow, row_counts: dict[str, int]) -> str:
    first = periods.format_period(window.quarters[0])
    last = periods.format_period(window.quarters[-1])
    years = ", ".join(periods.format_period(y) for y in window.years)
    lines = [
        "# Demonstration returns — SYNTHETIC DATA",
        "",
        "Every file in this folder is **synthetic demonstration data**, made by the seeded",
        "generator `vrp_metrics/demo_data.py`. The files contain **no real people and no real",
        "figures**: participant references such as `RESET-0001`, `NL-0001` and `CHI-0001` are",
        "made-up pseudonyms, and every count, percentage, score, date and status is invented.",
        "They exist to show and test the dashboard, never to inform a decision.",
        "",
        "Regenerate them (the same seed gives identical files):",
        "",
        "```",
        f"python -m vrp_metrics.demo_data --out data/demo --seed {seed}",
        "```",
        "",
        f"Quarters {first} to {last}; the annual measure 4.3.1.c for {years}.",
        "The files follow the three return kinds of the design (measure return, outcome",
        "readings, data tracker return), one file per provider and kind.",
        "",
        "| file | rows | covers |",
        "|---|---|---|",
    ]
    lines += [f"| `{f.name}` | {row_counts[f.name]} | {f.covers} |" for f in DEMO_FILES]
    return "\n".join(lines) + "\n"


def generate(
    out_dir: Path, *, seed: int = DEFAULT_SEED, today: dt.date = DEFAULT_TODAY
) -> list[Path]:
    """Write the synthetic demonstration returns and their README into ``out_dir``.

    Returns the paths written. The same ``seed`` and ``today`` give identical files.
    """
    window = demo_window(today)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written, row_counts = [], {}
    for demo_file in DEMO_FILES:
        path = out_dir / demo_file.name
        rows = demo_file.make(_rng(seed, demo_file.name), window)
        if demo_file.sheet is None:
            row_counts[demo_file.name] = _write_csv(path, demo_file.columns, rows)
        else:
            row_counts[demo_file.name] = _write_xlsx(path, demo_file.sheet, demo_file.columns, rows)
        written.append(path)
    readme = out_dir / "README.md"
    readme.write_text(_readme(seed, window, row_counts), encoding="utf-8", newline="\n")
    written.append(readme)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m vrp_metrics.demo_data",
        description="Write the synthetic demonstration returns (no real people or figures).",
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="folder to write (default: data/demo)"
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default: {DEFAULT_SEED})"
    )
    args = parser.parse_args(argv)
    for path in generate(args.out, seed=args.seed):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
