"""The returns received, in words: providers down, periods across, for people to read."""

from __future__ import annotations

import pandas as pd


def received_text(expected: int, received: int) -> str:
    """``✓ 3 of 3`` when every measure owed has a figure, else ``✗ 2 of 3 (missing 1)``."""
    if received >= expected:
        return f"✓ {received} of {expected}"
    return f"✗ {received} of {expected} (missing {expected - received})"


def completeness_words(completeness: pd.DataFrame) -> pd.DataFrame:
    """Providers × periods (newest first) in words: "✓ 3 of 3", "✗ 2 of 3 (missing 1)";
    empty where nothing is owed (e.g. a quarterly provider in a year column).

    ``completeness`` is :func:`completeness_by_provider`'s frame. Columns: ``provider``,
    then one per period, newest first, each financial year after its last quarter.
    """
    if completeness.empty:
        return pd.DataFrame(columns=["provider"])
    frame = completeness.assign(
        text=[
            received_text(int(e), int(r))
            for e, r in zip(completeness["expected"], completeness["received"], strict=True)
        ],
        # a year column goes after the last quarter of its year (which starts 9 months in)
        order=completeness["period_start"]
        + pd.to_timedelta([0 if " Q" in p else 360 for p in completeness["period"]], unit="D"),
    )
    columns = frame.sort_values("order", ascending=False)["period"].drop_duplicates().tolist()
    table = frame.pivot(index="provider", columns="period", values="text")
    table = table.reindex(columns=columns).fillna("").reset_index()
    table.columns.name = None
    return table
