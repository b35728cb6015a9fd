"""Where a measure's SPC chart starts a new group (a rebase), as positions in its series."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from vrp_metrics import periods

if TYPE_CHECKING:
    from vrp_metrics.catalogue import Measure


def rebase_positions(measure: Measure, starts: pd.Series) -> list[int]:
    """0-based positions in a series (by period start) where the measure's SPC rebases.

    A rebase takes effect at the first quarter on or after its period; one at the first
    point, or after the last, changes nothing and is left out.
    """
    positions = set()
    for rebase in measure.rebase:
        begins = pd.Timestamp(periods.parse_period(rebase.period).start_time)
        after = (starts >= begins).to_numpy().nonzero()[0]
        if after.size and 0 < after[0] < len(starts):
            positions.add(int(after[0]))
    return sorted(positions)
