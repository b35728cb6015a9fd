"""The Partnership Data Tracker return: each partner data source's status by quarter."""

from __future__ import annotations

import numpy as np

from vrp_metrics import periods
from vrp_metrics.demo_data.window import DemoWindow, Row

TRACKER_COLUMNS = ("data_source", "agency", "period", "rag_status", "barrier", "next_action")

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


def tracker_rows(rng: np.random.Generator, window: DemoWindow) -> list[Row]:
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
