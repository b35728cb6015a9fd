"""The computation rules of DESIGN.md §4, in SQL, and the frames they give."""

from vrp_metrics.metrics.figures import (
    CLI_COLUMNS,
    FIGURE_COLUMNS,
    catalogue_frame,
    default_listing,
    figures_for_period,
    figures_on,
    latest_quarter,
    measure_figures,
)

__all__ = [
    "CLI_COLUMNS",
    "FIGURE_COLUMNS",
    "catalogue_frame",
    "default_listing",
    "figures_for_period",
    "figures_on",
    "latest_quarter",
    "measure_figures",
]
