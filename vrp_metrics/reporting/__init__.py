"""Tables for the board's pages, from the figures frame and the catalogue.

Each function takes frames and returns a frame (or the catalogue's nesting); none
queries the store or imports Streamlit, so pages only lay out what they get.
"""

from vrp_metrics.reporting.formatting import (
    MISSING,
    format_basis,
    format_change,
    format_short,
    format_value,
    rag_text,
    source_text,
)
from vrp_metrics.reporting.overview import (
    COUNT_COLUMNS,
    OVERVIEW_COLUMNS,
    RAG_COLUMNS,
    measure_link,
    missing_return_notes,
    overview_table,
    period_statement,
    rag_counts,
)
from vrp_metrics.reporting.series import SERIES_COLUMNS, measure_series
from vrp_metrics.reporting.spc_status import SPC_COLUMNS, spc_icons
from vrp_metrics.reporting.tree import OutcomeNode, SuccessMeasureNode, objective_tree

__all__ = [
    "COUNT_COLUMNS",
    "MISSING",
    "OVERVIEW_COLUMNS",
    "RAG_COLUMNS",
    "SERIES_COLUMNS",
    "SPC_COLUMNS",
    "OutcomeNode",
    "SuccessMeasureNode",
    "format_basis",
    "format_change",
    "format_short",
    "format_value",
    "measure_link",
    "measure_series",
    "missing_return_notes",
    "objective_tree",
    "overview_table",
    "period_statement",
    "rag_counts",
    "rag_text",
    "source_text",
    "spc_icons",
]
