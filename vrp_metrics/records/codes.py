"""The codes of the working-group record figures (DESIGN §9) and the catalogue tables
the SQL that works them out reads."""

from __future__ import annotations

import pandas as pd

from vrp_metrics.catalogue import Catalogue

ATTENDANCE_PREFIX = "ATT."
CREST_PREFIX = "CREST."


def attendance_code(group: str) -> str:
    return f"{ATTENDANCE_PREFIX}{group}"


def crest_code(group: str) -> str:
    return f"{CREST_PREFIX}{group}"


def record_codes(catalogue: Catalogue) -> list[str]:
    """Every record figure's code: attendance for each group, Crest readiness for each
    group with recommendations listed."""
    codes = [attendance_code(g.code) for g in catalogue.working_groups]
    codes += [crest_code(g.code) for g in catalogue.working_groups if g.crest_recommendations]
    return codes


def record_code(catalogue: Catalogue, text: str) -> str | None:
    """A record figure's code as spelt here (``att.dawg`` → ``ATT.DAWG``), or ``None``."""
    wanted = text.strip().casefold()
    return next((c for c in record_codes(catalogue) if c.casefold() == wanted), None)


def record_title(catalogue: Catalogue, code: str) -> str:
    """``ATT.DAWG`` → "DAWG attendance at meetings"."""
    prefix, group = code.split(".", 1)
    name = catalogue.working_group(group).short_name
    if prefix + "." == ATTENDANCE_PREFIX:
        return f"{name}: attendance at meetings (share of member-agency places filled)"
    return f"{name}: Crest recommendations achieved"


def record_measure_frame(catalogue: Catalogue) -> pd.DataFrame:
    """Rows like ``catalogue_frame``'s for the record figures: percentages, higher is
    better, rated against the previous quarter. Attendance makes a year as any percentage
    does (Σ present ÷ Σ places); Crest readiness's year is its latest quarter."""
    rows = []
    for group in catalogue.working_groups:
        for code, kind in (
            (attendance_code(group.code), "percentage"),
            (crest_code(group.code), "crest_readiness"),
        ):
            rows.append(
                {
                    "measure_code": code,
                    "kind": kind,
                    "polarity": "higher",
                    "frequency": "quarterly",
                    "year_aggregation": "sum",
                    "scale": None,
                    "area": None,
                    "scale_direction": None,
                    "target": None,
                    "year_target": None,
                    "target_tolerance": 0.10,
                    "change_tolerance": 0.05,
                    "compare_to": "previous_period",
                    "working_group": group.code,
                    "provider": "VRU",
                }
            )
    frame = pd.DataFrame(rows)
    for column in ("target", "year_target", "target_tolerance", "change_tolerance"):
        frame[column] = frame[column].astype("float64")
    for column in ("scale", "area", "scale_direction"):
        frame[column] = frame[column].astype("str")
    return frame


def listed_recommendations(catalogue: Catalogue, group: str) -> list[str]:
    """The codes of the Crest recommendations the catalogue lists for a group."""
    return [r.code for r in catalogue.working_group(group).crest_recommendations if r.code]


def record_group_frame(catalogue: Catalogue) -> pd.DataFrame:
    """One row per working group: its code, its figures' codes, recommendations listed."""
    groups = [g.code for g in catalogue.working_groups]
    return pd.DataFrame(
        {
            "group_code": groups,
            "att_code": [attendance_code(g) for g in groups],
            "crest_code": [crest_code(g) for g in groups],
            "listed": pd.Series(
                [len(listed_recommendations(catalogue, g)) for g in groups], dtype="int64"
            ),
        }
    )


def crest_listed_frame(catalogue: Catalogue) -> pd.DataFrame:
    """Each Crest recommendation the catalogue lists, by group."""
    pairs = [
        (g.code, code)
        for g in catalogue.working_groups
        for code in listed_recommendations(catalogue, g.code)
    ]
    return pd.DataFrame(
        {
            "group_code": pd.Series([p[0] for p in pairs], dtype="str"),
            "recommendation": pd.Series([p[1] for p in pairs], dtype="str"),
        }
    )
