"""The chair's commentary on a measure, as the board's pages show it.

The store keeps every version (``Store.commentary``); the latest one written for a
measure and period is the one in force.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd


def latest_commentary(commentary: pd.DataFrame, code: str, period: str) -> dict[str, Any] | None:
    """The latest commentary on measure ``code`` for ``period``, or None if there is none.

    ``commentary`` is the store's commentary frame, oldest first.
    """
    found = commentary[(commentary["measure_code"] == code) & (commentary["period"] == period)]
    if found.empty:
        return None
    return found.iloc[-1].to_dict()


def written_by(entry: Mapping[str, Any]) -> str:
    """Who wrote a commentary and when: ``Written by Alex on 03 May 2026 at 14:10``."""
    written = pd.Timestamp(entry["written_at"]).strftime("%d %B %Y at %H:%M")
    return f"Written by {entry['author']} on {written}"
