"""Which returns partners owe, and which have arrived (SQL in ``expected.sql``)."""

from vrp_metrics.completeness.returns import (
    completeness_by_provider,
    expected_returns,
    missing_returns,
)

__all__ = ["completeness_by_provider", "expected_returns", "missing_returns"]
