"""The DuckDB store of accepted returns, with history (see ``store.py``)."""

from vrp_metrics.store.store import LoadResult, Store, StoreError, StoreInUse

__all__ = ["LoadResult", "Store", "StoreError", "StoreInUse"]
