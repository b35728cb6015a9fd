"""The batches loaded, in words for the analysts: each one's status and a one-line label.

A batch is one accepted file (``Store.batches``); withdrawing it puts back in force
what it replaced.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from vrp_metrics.templates import KIND_TITLES


def batch_status(batch: Mapping[str, Any]) -> str:
    """``In force``, or when and by whom it was withdrawn: ``Withdrawn 03/05/26 14:10 by Sam``."""
    if batch["in_force"]:
        return "In force"
    when = pd.Timestamp(batch["withdrawn_at"]).strftime("%d/%m/%y %H:%M")
    return f"Withdrawn {when} by {batch['withdrawn_by']}"


def batches_with_status(batches: pd.DataFrame) -> pd.DataFrame:
    """``Store.batches``' frame with a ``status`` column (:func:`batch_status`)."""
    return batches.assign(status=[batch_status(row) for row in batches.to_dict("records")])


def batches_summary(batches: pd.DataFrame) -> str:
    """How many batches there are and how many are in force, e.g. "12 batches, 11 in force"
    or "1 batch, 1 in force"."""
    in_force = int(batches["in_force"].sum())
    return f"{len(batches):,} batch{'' if len(batches) == 1 else 'es'}, {in_force:,} in force"


def batch_label(batch: Mapping[str, Any]) -> str:
    """A batch in one line: ``Batch 7 · rock_pool.csv · measure return · 03/05/2026, Sam``."""
    loaded = pd.Timestamp(batch["loaded_at"]).strftime("%d/%m/%Y")
    kind = KIND_TITLES.get(batch["kind"], batch["kind"])
    by = batch["loaded_by"]
    return f"Batch {batch['batch_id']} · {batch['file_name']} · {kind} · {loaded}, {by}"


def batches_in_force(batches: pd.DataFrame) -> dict[int, dict[str, Any]]:
    """The batches in force, by batch id, in the frame's order (newest first)."""
    return {row["batch_id"]: row for row in batches.to_dict("records") if row["in_force"]}


def replaced_batches(batch: Mapping[str, Any]) -> list[int]:
    """The batches whose figures this one replaced."""
    return [int(b) for b in batch["replaced_batches"]]
