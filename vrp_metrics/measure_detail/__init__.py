"""Everything the measure page shows about one measure, as frames and figures.

- :mod:`.summary`: the measure's definition in words, its figure for a period with the
  rule behind its RAG status, the numbers behind its trend chart and their batches;
- :mod:`.changes`: for a measure derived from outcome readings, each cohort member's
  change in score (``score_changes.sql``), their distribution and the cohort sizes;
- :mod:`.control_chart`: its XmR (SPC) chart, the icons in words and rebase marks.

Nothing here imports Streamlit: the page lays out what these functions return.
"""

from vrp_metrics.measure_detail.changes import (
    COHORT_COLUMNS,
    DISTRIBUTION_COLUMNS,
    change_distribution,
    cohort_sizes,
    scale_and_area,
    score_changes,
)
from vrp_metrics.measure_detail.control_chart import (
    SpcStatement,
    quarterly_series,
    rebase_labels,
    spc_figure,
    spc_for_measure,
    spc_statements,
)
from vrp_metrics.measure_detail.numbers import figures_numbers
from vrp_metrics.measure_detail.summary import (
    FIGURE_TABLE_COLUMNS,
    PROVENANCE_COLUMNS,
    YEAR_TABLE_COLUMNS,
    PeriodFigure,
    distribution_note,
    figure_provenance,
    figures_table,
    measure_choices,
    measure_facts,
    period_figure,
    rag_basis_text,
    shown_period,
    target_text,
    year_rule,
    year_table,
)

__all__ = [
    "COHORT_COLUMNS",
    "DISTRIBUTION_COLUMNS",
    "FIGURE_TABLE_COLUMNS",
    "PROVENANCE_COLUMNS",
    "YEAR_TABLE_COLUMNS",
    "PeriodFigure",
    "SpcStatement",
    "change_distribution",
    "cohort_sizes",
    "distribution_note",
    "figure_provenance",
    "figures_numbers",
    "figures_table",
    "measure_choices",
    "measure_facts",
    "period_figure",
    "quarterly_series",
    "rag_basis_text",
    "rebase_labels",
    "scale_and_area",
    "score_changes",
    "shown_period",
    "spc_figure",
    "spc_for_measure",
    "spc_statements",
    "target_text",
    "year_rule",
    "year_table",
]
