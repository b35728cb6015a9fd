"""The presentation view's frames: the scopes a meeting walks through (the SVRP, one
strategic objective, one working group), the measures of a scope, its exceptions, and
the screens in order (summary, exceptions, then one screen per measure)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from vrp_metrics.catalogue import Catalogue
from vrp_metrics.reporting.formatting import rag_text

SVRP = "SVRP"
"""The scope of every measure: the Strategic Violence Reduction Partnership's view."""

SUMMARY = "summary"
EXCEPTIONS = "exceptions"
MEASURE = "measure"


@dataclass(frozen=True)
class Screen:
    """One screen of the presentation: ``kind`` is summary, exceptions or measure (with
    its ``measure_code``)."""

    kind: str
    measure_code: str | None = None


def scope_options(catalogue: Catalogue) -> dict[str, str]:
    """Every scope (code → label): SVRP, each strategic objective, each working group
    that delivers one."""
    options = {SVRP: "SVRP: every measure"}
    for so in catalogue.strategic_objectives:
        options[so.code] = f"{so.code} {so.title}"
    for so in catalogue.strategic_objectives:
        group = catalogue.working_group(so.working_group)
        options[group.code] = f"{group.short_name} working group"
    return options


def scope_aliases(catalogue: Catalogue) -> dict[str, str]:
    """Other names a link may give a scope (a working group's name) → its code."""
    aliases = {}
    for so in catalogue.strategic_objectives:
        group = catalogue.working_group(so.working_group)
        aliases[group.name] = group.code
        aliases[group.short_name] = group.code
    return aliases


def scope_group(catalogue: Catalogue, scope: str) -> str | None:
    """The working group whose measures a scope holds (None for the SVRP: all of them)."""
    if scope == SVRP:
        return None
    if any(so.code == scope for so in catalogue.strategic_objectives):
        return catalogue.objective(scope).working_group
    return scope


def scope_title(catalogue: Catalogue, scope: str) -> str:
    """A scope in words for a heading: "SVRP overview", "SO4 Interventions, …", "DAWG"."""
    if scope == SVRP:
        return "SVRP overview"
    if any(so.code == scope for so in catalogue.strategic_objectives):
        so = catalogue.objective(scope)
        return f"{so.code} {so.title}"
    return catalogue.working_group(scope).name


def exceptions(table: pd.DataFrame) -> pd.DataFrame:
    """The measures of ``reporting.overview_table`` the board should discuss first: rated
    red, or whose SPC reading is a special-cause concern."""
    concern = table["variation_icon"].fillna("").astype(str).str.startswith("concern")
    return table[(table["rag"] == "red") | concern]


def screens(table: pd.DataFrame) -> list[Screen]:
    """The screens in order: the summary, the exceptions, then each measure of
    ``table`` (in its order)."""
    return [
        Screen(SUMMARY),
        Screen(EXCEPTIONS),
        *(Screen(MEASURE, code) for code in table["measure_code"]),
    ]


def screen_label(screen: Screen, table: pd.DataFrame) -> str:
    """A screen in a few words, for the step counter: "Summary", "Exceptions",
    "5.1.2.c Average score change … (■ Red)"."""
    if screen.kind == SUMMARY:
        return "Summary"
    if screen.kind == EXCEPTIONS:
        return "Exceptions"
    row = table[table["measure_code"] == screen.measure_code].iloc[0]
    return f"{row['measure_code']} {row['title']} ({rag_text(row['rag'])})"
