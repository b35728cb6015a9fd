"""What a pack covers: the SVRP (everything), one strategic objective or one working group,
for a quarter or a financial year."""

from __future__ import annotations

import os
from dataclasses import dataclass

from vrp_metrics import periods
from vrp_metrics.catalogue import Catalogue

SVRP = "svrp"
SVRP_NAME = "Strategic Violence Reduction Partnership (SVRP)"

MARKING_ENV = "VRP_PROTECTIVE_MARKING"
DEFAULT_MARKING = "OFFICIAL"
"""The Government Security Classification most partnership papers carry."""


class PackError(ValueError):
    """A pack cannot be made as asked; the message says why and what would do."""


@dataclass(frozen=True)
class Scope:
    """A pack's scope: its code as asked (``svrp``, ``SO2``, ``DAWG``), its title in
    words, and the working groups and measures it covers, in catalogue order."""

    code: str
    title: str
    groups: tuple[str, ...]
    measures: tuple[str, ...]

    @property
    def is_svrp(self) -> bool:
        return self.code == SVRP


def scope_codes(catalogue: Catalogue) -> list[str]:
    """Every scope a pack may be asked for: ``svrp``, the objectives, the groups."""
    objectives = [so.code for so in catalogue.strategic_objectives]
    return [SVRP, *objectives, *(so.working_group for so in catalogue.strategic_objectives)]


def resolve_scope(catalogue: Catalogue, text: str) -> Scope:
    """The scope named by ``text`` (any case): ``svrp``, ``SO1``…, or a group code."""
    wanted = text.strip()
    delivering = [so.working_group for so in catalogue.strategic_objectives]

    def measures_of(groups: list[str]) -> tuple[str, ...]:
        return tuple(m.code for m in catalogue.measures if m.working_group in groups)

    if wanted.casefold() == SVRP:
        return Scope(SVRP, SVRP_NAME, tuple(delivering), measures_of(delivering))
    for so in catalogue.strategic_objectives:
        if so.code.casefold() == wanted.casefold():
            return Scope(
                so.code,
                f"{so.code} {so.title}",
                (so.working_group,),
                measures_of([so.working_group]),
            )
    for code in delivering:
        if code.casefold() == wanted.casefold():
            group = catalogue.working_group(code)
            return Scope(code, f"{group.name} ({group.short_name})", (code,), measures_of([code]))
    raise PackError(f"{text!r} is not a pack scope: use one of {', '.join(scope_codes(catalogue))}")


def pack_period(text: str) -> str:
    """A quarter or financial year in its canonical form, or :class:`PackError`."""
    parsed = periods.try_parse_period(text)
    if parsed is None:
        raise PackError(
            f"{text!r} is not a period: use a quarter ({periods.VALID_QUARTER_FORMS}) "
            f"or a financial year ({periods.VALID_YEAR_FORMS})"
        )
    return periods.format_period(parsed)


def protective_marking(setting: str | None = None) -> str:
    """The marking every page of a pack carries: ``VRP_PROTECTIVE_MARKING``, else the
    dashboard's setting, else :data:`DEFAULT_MARKING`."""
    for value in (os.environ.get(MARKING_ENV), setting):
        if value and value.strip():
            return " ".join(value.split())
    return DEFAULT_MARKING
