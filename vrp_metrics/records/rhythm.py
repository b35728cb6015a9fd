"""Whether a working group keeps the rhythm its ToR sets (DESIGN §9): how often it meets
(DAWG monthly, the others quarterly), every third meeting in person (the TVRP: alternate
meetings), and in-person meetings hosted in turn by a different Specified Authority (the
TVRP's by any member).

Each check is a small function over the group's meetings in force, giving rows of
``check``, ``period`` (a quarter, or empty for the whole record), ``held``,
``expected``, ``holds`` and ``words``.
"""

from __future__ import annotations

import pandas as pd

from vrp_metrics import periods
from vrp_metrics.catalogue import Catalogue, WorkingGroup
from vrp_metrics.membership import Authority

RHYTHM_COLUMNS = ["check", "period", "held", "expected", "holds", "words"]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def meetings_per_quarter(meetings: pd.DataFrame, group: WorkingGroup) -> list[dict]:
    """Each quarter from the first meeting's to the last's: meetings held against the
    number the ToR sets (a quarter with none is listed too)."""
    if meetings.empty:
        return []
    starts = pd.to_datetime(meetings["period_start"])
    held = starts.value_counts()
    rows = []
    for start in pd.date_range(starts.min(), starts.max(), freq="3MS"):
        count = int(held.get(start, 0))
        expected = group.meetings_per_quarter
        label = periods.format_period(periods.from_start(start, quarterly=True))
        rows.append(
            {
                "check": "meetings held",
                "period": label,
                "held": count,
                "expected": expected,
                "holds": count >= expected,
                "words": f"{_plural(count, 'meeting')} held in {label}; the ToR sets "
                f"{expected} a quarter.",
            }
        )
    return rows


def in_person_turns(meetings: pd.DataFrame, group: WorkingGroup) -> list[dict]:
    """Every n-th meeting in person: no run of n or more meetings on Teams alone."""
    if meetings.empty:
        return []
    every = group.in_person_every
    in_person = meetings["format"].eq("In person").tolist()
    longest = run = 0
    for flag in in_person:
        run = 0 if flag else run + 1
        longest = max(longest, run)
    count = sum(in_person)
    expected = len(in_person) // every
    holds = longest < every
    turn = "alternate meetings" if every == 2 else f"every {_ordinal(every)} meeting"
    words = (
        f"{count} of {_plural(len(in_person), 'meeting')} in person; the ToR asks for "
        f"{turn} in person"
        + ("." if holds else f", but {longest} meetings in a row were on Teams alone.")
    )
    return [
        {
            "check": "in person",
            "period": "",
            "held": count,
            "expected": expected,
            "holds": holds,
            "words": words,
        }
    ]


def host_rotation(meetings: pd.DataFrame, group: WorkingGroup, catalogue: Catalogue) -> list[dict]:
    """In-person meetings hosted in turn: each by a different host from the one before,
    and (unless the ToR says any member may host) by a Specified Authority."""
    hosted = meetings[meetings["format"].eq("In person")]
    if hosted.empty:
        return []
    problems = []
    previous = None
    for day, host in zip(hosted["meeting_date"], hosted["host_agency"], strict=True):
        when = f"{pd.Timestamp(day):%d/%m/%Y}"
        member = catalogue.member(group.code, str(host))
        if group.hosts_specified_only and (
            member is None or member.authority is not Authority.specified
        ):
            problems.append(f"{host} (not a Specified Authority) hosted on {when}")
        if previous is not None and host == previous:
            problems.append(f"{host} hosted again on {when}")
        previous = host
    hosts = hosted["host_agency"].nunique()
    among = "Specified Authorities" if group.hosts_specified_only else "members"
    words = f"{_plural(len(hosted), 'meeting')} in person, hosted by {hosts} of the {among}"
    words += (
        "; each host differs from the last." if not problems else ": " + "; ".join(problems) + "."
    )
    return [
        {
            "check": "host rotation",
            "period": "",
            "held": hosts,
            "expected": len(hosted),
            "holds": not problems,
            "words": words,
        }
    ]


def _ordinal(n: int) -> str:
    return {3: "third", 4: "fourth"}.get(n, f"{n}th")


def rhythm_checks(meetings: pd.DataFrame, catalogue: Catalogue, group: str) -> pd.DataFrame:
    """Every rhythm check of a group, from its meetings (``records.figures.meetings``)."""
    spec = catalogue.working_group(group)
    rows = (
        meetings_per_quarter(meetings, spec)
        + in_person_turns(meetings, spec)
        + host_rotation(meetings, spec, catalogue)
    )
    return pd.DataFrame(rows, columns=RHYTHM_COLUMNS)
