"""The DuckDB store of accepted returns, with history (see ``store.py``).

By topic: ``connection.py`` opens the file for one operation and waits while another
program holds it; ``schema.py`` makes and checks the schema; ``batches.py`` loads and
withdraws batches; ``commentary.py`` and ``revisions.py`` the rest of what is written.
"""

from vrp_metrics.store.batches import LoadResult
from vrp_metrics.store.connection import (
    QUEUE_WAIT_SECONDS,
    SHORT_WAIT_SECONDS,
    StoreBusy,
    StoreError,
)
from vrp_metrics.store.store import Store

StoreInUse = StoreBusy
"""The earlier name of :class:`StoreBusy`."""

__all__ = [
    "QUEUE_WAIT_SECONDS",
    "SHORT_WAIT_SECONDS",
    "LoadResult",
    "Store",
    "StoreBusy",
    "StoreError",
    "StoreInUse",
]
