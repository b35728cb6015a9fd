"""Tables for the board's pages, from the figures frame and the catalogue.

Each function takes frames and returns a frame (or the catalogue's nesting, or words);
none queries the store or imports Streamlit, so pages only lay out what they get.
"""

from vrp_metrics.reporting.batches import (
    batch_label,
    batch_status,
    batches_in_force,
    batches_summary,
    batches_with_status,
    replaced_batches,
)
from vrp_metrics.reporting.commentary import latest_commentary, written_by
from vrp_metrics.reporting.formatting import (
    MISSING,
    escape_markdown,
    format_basis,
    format_change,
    format_short,
    format_value,
    period_text,
    rag_cell_styles,
    rag_text,
    source_text,
)
from vrp_metrics.reporting.numbers import SERIES_NUMBER_HEADINGS, series_numbers
from vrp_metrics.reporting.overview import (
    COUNT_COLUMNS,
    OVERVIEW_COLUMNS,
    RAG_COLUMNS,
    awaited_return,
    counts_of,
    measure_link,
    measure_row,
    missing_return_notes,
    overview_table,
    rag_counts,
)
from vrp_metrics.reporting.series import SERIES_COLUMNS, measure_series, period_options
from vrp_metrics.reporting.spc_status import SPC_COLUMNS, spc_icons, spc_words
from vrp_metrics.reporting.status_words import (
    basis_counts_text,
    no_figure_reason,
    period_statement,
    rag_basis_text,
    status_text,
)
from vrp_metrics.reporting.tables import (
    PROBLEM_COLUMNS,
    REPORT_HEADINGS,
    problems_frame,
    report_table,
    text_table,
)
from vrp_metrics.reporting.tree import OutcomeNode, SuccessMeasureNode, objective_tree

__all__ = [
    "COUNT_COLUMNS",
    "MISSING",
    "OVERVIEW_COLUMNS",
    "PROBLEM_COLUMNS",
    "REPORT_HEADINGS",
    "RAG_COLUMNS",
    "SERIES_COLUMNS",
    "SERIES_NUMBER_HEADINGS",
    "SPC_COLUMNS",
    "OutcomeNode",
    "SuccessMeasureNode",
    "basis_counts_text",
    "batch_label",
    "batch_status",
    "batches_in_force",
    "batches_summary",
    "batches_with_status",
    "counts_of",
    "escape_markdown",
    "format_basis",
    "format_change",
    "format_short",
    "format_value",
    "latest_commentary",
    "measure_link",
    "measure_row",
    "measure_series",
    "missing_return_notes",
    "objective_tree",
    "overview_table",
    "period_options",
    "awaited_return",
    "no_figure_reason",
    "period_statement",
    "period_text",
    "problems_frame",
    "report_table",
    "rag_cell_styles",
    "rag_counts",
    "rag_text",
    "replaced_batches",
    "rag_basis_text",
    "series_numbers",
    "source_text",
    "spc_icons",
    "spc_words",
    "status_text",
    "text_table",
    "written_by",
]
