"""Which returns partners owe, and which have arrived (SQL in ``expected.sql``), in
figures and in words."""

from vrp_metrics.completeness.due import returns_due, to_chase
from vrp_metrics.completeness.returns import (
    completeness_by_provider,
    expected_returns,
    missing_returns,
)
from vrp_metrics.completeness.words import completeness_words, received_text

__all__ = [
    "completeness_by_provider",
    "completeness_words",
    "expected_returns",
    "missing_returns",
    "received_text",
    "returns_due",
    "to_chase",
]
