"""How fresh the figures are ("figures as at"): when the data last changed, and per
measure the latest period its provider has returned."""

from vrp_metrics.freshness.latest import (
    FRESHNESS_COLUMNS,
    last_change,
    last_change_text,
    latest_returned,
)

__all__ = ["FRESHNESS_COLUMNS", "last_change", "last_change_text", "latest_returned"]
