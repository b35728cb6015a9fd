"""Partner returns: reading CSV and Excel files, recognising their kind, and validating
them into a report of every problem (DESIGN §3)."""

from vrp_metrics.returns.report import Problem, ReturnKind, ValidationReport
from vrp_metrics.returns.validate import validate_file, validate_files

__all__ = ["Problem", "ReturnKind", "ValidationReport", "validate_file", "validate_files"]
