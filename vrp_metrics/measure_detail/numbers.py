"""The numbers behind a measure's trend chart as numbers, with the batches each came
from: the measure page's download of its series."""

from __future__ import annotations

import pandas as pd

from vrp_metrics.catalogue import Catalogue
from vrp_metrics.measure_detail.summary import figure_provenance
from vrp_metrics.reporting.numbers import series_numbers
from vrp_metrics.reporting.series import measure_series
from vrp_metrics.store import Store


def figures_numbers(
    figures: pd.DataFrame,
    store: Store,
    catalogue: Catalogue,
    code: str,
    up_to_period: str | None = None,
) -> pd.DataFrame:
    """The periods of ``figures_table`` with each figure as a number
    (``reporting.series_numbers``) and a ``Batches`` column naming the accepted files
    each came from (``batch 7 — file.csv``)."""
    series = measure_series(figures, catalogue, code, up_to_period)
    provenance = figure_provenance(figures, store, code).set_index("period")["batches"]
    return series_numbers(series).assign(
        Batches=[provenance.get(p, "") for p in series["period"].astype(str)]
    )
