"""The membership as a table: what ``python -m vrp_metrics members`` prints (DESIGN §5)."""

from __future__ import annotations

import pandas as pd

from vrp_metrics.catalogue import Catalogue

MEMBER_COLUMNS = ["group", "agency", "authority", "role", "attends", "joined", "left"]
"""``group, agency, authority, role`` as DESIGN §5 has them; then whether the ToR expects
the agency to attend yet, and the dates it joined and left (empty when not recorded)."""


def membership_frame(catalogue: Catalogue, group: str | None = None) -> pd.DataFrame:
    """Each group's member agencies in the catalogue's order of groups, then as listed."""
    order = [g.code for g in catalogue.working_groups]
    rows = [
        {
            "group": m.group,
            "agency": m.agency,
            "authority": str(m.authority),
            "role": m.role,
            "attends": m.attends,
            "joined": m.joined.isoformat() if m.joined else None,
            "left": m.left.isoformat() if m.left else None,
        }
        for code in order
        for m in catalogue.members_of(code)
        if group is None or code == group
    ]
    return pd.DataFrame(rows, columns=MEMBER_COLUMNS)


def group_code(catalogue: Catalogue, text: str) -> str | None:
    """A working group's code, matched without regard to case (``dawg`` → ``DAWG``)."""
    wanted = text.strip().casefold()
    return next((g.code for g in catalogue.working_groups if g.code.casefold() == wanted), None)
