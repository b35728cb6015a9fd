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

The rows of each kind are made in :mod:`.measures`, :mod:`.readings` and :mod:`.tracker`
over the span of :mod:`.window`; :mod:`.files` writes them.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from vrp_metrics import periods
from vrp_metrics.demo_data.files import write_csv, write_xlsx
from vrp_metrics.demo_data.measures import (
    ARTSWORK_COLUMNS,
    MEASURE_COLUMNS,
    artswork_measures,
    hiowc_measures,
    no_limits_measures,
    opcc_measures,
    rock_pool_measures,
    society_of_st_james_measures,
    vru_measures,
)
from vrp_metrics.demo_data.readings import (
    CRIME_HARM_INDEX,
    OUTCOMES_STAR,
    PAIN_SCALE,
    READING_COLUMNS,
    crime_harm_index_readings,
    outcomes_star_readings,
    pain_scale_readings,
)
from vrp_metrics.demo_data.records import (
    ACTION_COLUMNS,
    CREST_COLUMNS,
    MEETING_COLUMNS,
    action_rows,
    crest_rows,
    meeting_rows,
)
from vrp_metrics.demo_data.tracker import TRACKER_COLUMNS, TRACKER_SOURCES, tracker_rows
from vrp_metrics.demo_data.window import DemoWindow, Row, demo_window, file_rng

DEFAULT_SEED = 2026
DEFAULT_TODAY = dt.date(2026, 11, 22)
DEFAULT_OUT = Path("data/demo")


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
        hiowc_measures,
        MEASURE_COLUMNS,
    ),
    DemoFile(
        "vru_measures.csv",
        "VRU measure return: 2.2.2.a (Joint Readiness Assessment positive ratings), "
        "4.2.1.a (positive event feedback), 4.3.1.a (Feedback Tree responses) and 4.3.1.b "
        "(knife crime survey responses, peaking in Q1 with Knife Crime Awareness Week).",
        vru_measures,
        MEASURE_COLUMNS,
    ),
    DemoFile(
        "opcc_measures.csv",
        "OPCC measure return: 4.3.1.c (Big Conversation responses), by financial year.",
        opcc_measures,
        MEASURE_COLUMNS,
    ),
    DemoFile(
        "no_limits_measures.csv",
        "No Limits measure return: 5.1.3.a (young people supported via social prescribing).",
        no_limits_measures,
        MEASURE_COLUMNS,
    ),
    DemoFile(
        "society_of_st_james_measures.csv",
        "Society of St James measure return: 5.1.3.b (young people supported in the community).",
        society_of_st_james_measures,
        MEASURE_COLUMNS,
    ),
    DemoFile(
        "artswork_measures.xlsx",
        "Artswork measure return (Excel, title-case headers): 5.1.5.a (young people "
        "reached, low in the summer holidays), 5.1.5.b (of whom from hotspot and priority "
        "schools) and 5.1.6.a (school staff engaged).",
        artswork_measures,
        ARTSWORK_COLUMNS,
        sheet="Choices programme",
    ),
    DemoFile(
        "rock_pool_measures.csv",
        "Rock Pool measure return: 5.3.1.a (1-1 reflective practice sessions) and 5.3.1.b "
        "(trauma informed training sessions) delivered to police.",
        rock_pool_measures,
        MEASURE_COLUMNS,
    ),
    DemoFile(
        "society_of_st_james_outcomes_star.csv",
        "RESET Outcomes Star readings of about 150 participants on four areas, for "
        "5.1.1.a/b, 5.1.2.a/b, 5.1.4.a/b and 5.2.2.b/c.",
        outcomes_star_readings,
        READING_COLUMNS,
    ),
    DemoFile(
        "no_limits_pain_scale.csv",
        "A&E Navigators pain scale readings of about 120 young people (area mostly left "
        "blank), for 5.1.2.c/d.",
        pain_scale_readings,
        READING_COLUMNS,
    ),
    DemoFile(
        "hiowc_crime_harm_index.xlsx",
        "RESET Crime Harm Index readings of about 100 participants (Excel, real date "
        "cells), for 5.2.2.a.",
        crime_harm_index_readings,
        READING_COLUMNS,
        sheet="RESET CHI",
    ),
    DemoFile(
        "vru_data_tracker.csv",
        "Partnership Data Tracker return: 20 partner data sources each quarter with RAG "
        "status, barrier and next action, for 3.1.1.a.",
        tracker_rows,
        TRACKER_COLUMNS,
    ),
    DemoFile(
        "vru_meeting_records.csv",
        "VRU meeting records of the TVRP, DAWG, Engagement and IEO working groups: each "
        "meeting's format, host and every member agency's attendance.",
        meeting_rows,
        MEETING_COLUMNS,
    ),
    DemoFile(
        "vru_actions_log.csv",
        "VRU actions log of the four working groups: actions raised at meetings, owners, "
        "due dates and status (some overdue).",
        action_rows,
        ACTION_COLUMNS,
    ),
    DemoFile(
        "vru_crest_tracker.csv",
        "Crest Advisory Readiness Tracker updates per working group (one recommendation "
        "goes back from achieved to in progress).",
        crest_rows,
        CREST_COLUMNS,
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
        "generator `vrp_metrics/demo_data/`. The files contain **no real people and no real",
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
        "The files follow the return kinds of the design (measure return, outcome readings,",
        "data tracker return, and the working-group records: meeting record, actions log,",
        "Crest tracker), one file per provider and kind.",
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
        rows = demo_file.make(file_rng(seed, demo_file.name), window)
        if demo_file.sheet is None:
            row_counts[demo_file.name] = write_csv(path, demo_file.columns, rows)
        else:
            row_counts[demo_file.name] = write_xlsx(path, demo_file.sheet, demo_file.columns, rows)
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


__all__ = [
    "ARTSWORK_COLUMNS",
    "CRIME_HARM_INDEX",
    "DEFAULT_OUT",
    "DEFAULT_SEED",
    "DEFAULT_TODAY",
    "DEMO_FILES",
    "MEASURE_COLUMNS",
    "OUTCOMES_STAR",
    "PAIN_SCALE",
    "READING_COLUMNS",
    "TRACKER_COLUMNS",
    "TRACKER_SOURCES",
    "DemoFile",
    "DemoWindow",
    "demo_window",
    "generate",
    "main",
]
