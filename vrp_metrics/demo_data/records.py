"""Synthetic working-group records: meeting records, actions logs and Crest tracker
updates for the demonstration (every date, attendance and status is invented).

Meetings keep the ToRs' rhythm most of the time (DAWG monthly, the others quarterly;
every third meeting in person, the TVRP's alternate ones, hosts in turn), with the odd
lapse so that the rhythm checks have something to say.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from vrp_metrics import periods
from vrp_metrics.catalogue import load_catalogue
from vrp_metrics.demo_data.window import DemoWindow, Row
from vrp_metrics.membership import Authority

MEETING_COLUMNS = ["group", "meeting_date", "format", "host_agency", "agency", "attendance"]
ACTION_COLUMNS = [
    "action_ref",
    "group",
    "raised_on",
    "action",
    "owner_agency",
    "due_date",
    "status",
    "closed_on",
    "serves",
]
CREST_COLUMNS = ["group", "recommendation", "status", "as_of", "evidence"]
GROUPS = ("TVRP", "DAWG", "ENG", "IEO")
ACTION_TEXTS = (
    "Share the latest data extract with the VRU",
    "Bring a case study of good practice to the next meeting",
    "Review the data sharing agreement",
    "Confirm a representative for the task and finish group",
    "Circulate the draft plan for comments",
    "Map existing community engagement",
)


def _meeting_days(group: str, window: DemoWindow) -> list[dt.date]:
    catalogue = load_catalogue()
    per_quarter = catalogue.working_group(group).meetings_per_quarter
    days = []
    for quarter in window.quarters:
        start = periods.start_date(quarter)
        months = [1] if per_quarter == 1 else [0, 1, 2][:per_quarter]
        for month in months:
            first = dt.date(
                start.year + (start.month + month - 1) // 12, (start.month + month - 1) % 12 + 1, 1
            )
            days.append(first + dt.timedelta(days=9))
    return days


def meeting_rows(rng: np.random.Generator, window: DemoWindow) -> list[Row]:
    catalogue = load_catalogue()
    rows: list[Row] = []
    for group in GROUPS:
        spec = catalogue.working_group(group)
        members = [m for m in catalogue.members_of(group) if m.attends]
        hosts = [
            m.agency
            for m in members
            if m.authority is Authority.specified or not spec.hosts_specified_only
        ]
        for number, day in enumerate(_meeting_days(group, window)):
            if rng.random() < 0.05:
                continue  # a meeting that did not take place
            in_person = number % spec.in_person_every == spec.in_person_every - 1
            host = hosts[(number // spec.in_person_every) % len(hosts)] if in_person else ""
            for member in members:
                attendance = rng.choice(["Present", "Apologies", "Absent"], p=[0.75, 0.15, 0.10])
                rows.append(
                    (
                        group,
                        day,
                        "In person" if in_person else "Teams",
                        host,
                        member.agency,
                        str(attendance),
                    )
                )
    return rows


def action_rows(rng: np.random.Generator, window: DemoWindow) -> list[Row]:
    catalogue = load_catalogue()
    rows: list[Row] = []
    last = window.last_day
    for group in GROUPS:
        owners = [m.agency for m in catalogue.members_of(group) if m.attends]
        crest = [r.code for r in catalogue.working_group(group).crest_recommendations if r.code]
        objective = catalogue.objective_of_group(group)
        number = 0
        for quarter in window.quarters[-6:]:
            raised = periods.start_date(quarter) + dt.timedelta(days=9)
            for _ in range(2):
                number += 1
                due = raised + dt.timedelta(days=int(rng.integers(30, 120)))
                age = (last - raised).days
                status = (
                    "Done"
                    if age > 200 and rng.random() < 0.85
                    else str(
                        rng.choice(
                            ["Open", "In progress", "Done", "Dropped"], p=[0.35, 0.35, 0.25, 0.05]
                        )
                    )
                )
                closed = None
                if status in ("Done", "Dropped"):
                    closed = min(due, last) - dt.timedelta(days=int(rng.integers(0, 20)))
                    closed = max(closed, raised)
                serves = (
                    crest[number % len(crest)]
                    if crest and number % 3 == 0
                    else (objective.code if objective else "")
                )
                rows.append(
                    (
                        f"{group}-{number:02d}",
                        group,
                        raised,
                        ACTION_TEXTS[number % len(ACTION_TEXTS)],
                        owners[int(rng.integers(len(owners)))],
                        due,
                        status,
                        closed,
                        serves,
                    )
                )
    return rows


def crest_rows(rng: np.random.Generator, window: DemoWindow) -> list[Row]:
    catalogue = load_catalogue()
    rows: list[Row] = []
    quarters = window.quarters
    for group in GROUPS:
        codes = [r.code for r in catalogue.working_group(group).crest_recommendations if r.code]
        for index, code in enumerate(codes):
            started = int(rng.integers(0, 4))
            rows.append(
                (
                    group,
                    code,
                    "In progress",
                    periods.start_date(quarters[started]) + dt.timedelta(days=20),
                    "Work begun",
                )
            )
            if index % 2 == 0:
                achieved = min(started + int(rng.integers(2, 8)), len(quarters) - 1)
                rows.append(
                    (
                        group,
                        code,
                        "Achieved",
                        periods.start_date(quarters[achieved]) + dt.timedelta(days=40),
                        "Agreed at the SVRP",
                    )
                )
                if index == 2 and achieved + 2 < len(quarters):
                    # went back: the review found the work incomplete
                    rows.append(
                        (
                            group,
                            code,
                            "In progress",
                            periods.start_date(quarters[achieved + 2]) + dt.timedelta(days=15),
                            "Reopened after review",
                        )
                    )
    return rows
