"""What a valid return would change, worked out before anything is written.

The figures are computed twice: as the store stands, and inside a trial load of the
file that is rolled back at the end (``Store.trial_load``). Comparing the two gives one
row per measure and period that the file adds, replaces or leaves as it is, and the
figures it changes indirectly (a year total, a quarter whose comparator it replaces).
Warnings point at figures worth a second look; they never block a load.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from vrp_metrics.catalogue import Catalogue, Frequency
from vrp_metrics.metrics.figures import figures_on, measure_figures
from vrp_metrics.reporting.formatting import MISSING, format_value
from vrp_metrics.reporting.status_words import status_texts
from vrp_metrics.returns.report import ValidationReport
from vrp_metrics.store import Store

#: Statuses of a figure in a preview, in the order a summary lists them.
NEW = "new"
REPLACED = "replaced"
UNCHANGED = "unchanged"
RERATED = "re-rated"
REMOVED = "removed"
STATUSES = (NEW, REPLACED, UNCHANGED, RERATED, REMOVED)

CHANGE_COLUMNS = [
    "measure_code",
    "title",
    "period",
    "period_type",
    "period_start",
    "status",
    "old_value",
    "new_value",
    "old_rag",
    "new_rag",
    "old_text",
    "new_text",
    "old_rag_text",
    "new_rag_text",
]

#: A quarter-on-quarter change bigger than this share of the previous figure is flagged…
LARGE_CHANGE = 0.5
#: …when the previous figure is at least this big (small counts jump about naturally).
LARGE_CHANGE_FLOOR = 10.0

_KEYS = ["measure_code", "period_type", "period_start"]
_COMPARED = ["value", "numerator", "denominator", "cohort_size"]


@dataclass(frozen=True)
class Preview:
    """What loading one file would do to the figures; nothing has been written."""

    file: str
    changes: pd.DataFrame
    """One row per measure and period (``CHANGE_COLUMNS``): ``status`` is ``new`` (no
    figure before), ``replaced`` (a different figure before), ``unchanged`` (the file
    gives the figure already in force), ``re-rated`` (same figure, but its RAG status
    changes because its comparator does) or ``removed`` (the figure would disappear)."""
    warnings: list[str] = field(default_factory=list)

    def changed(self) -> pd.DataFrame:
        """The rows whose figure or RAG status would change (all but ``unchanged``)."""
        return self.changes[self.changes["status"] != UNCHANGED].reset_index(drop=True)

    def count(self, status: str) -> int:
        return int((self.changes["status"] == status).sum())

    @property
    def changes_anything(self) -> bool:
        return bool((self.changes["status"] != UNCHANGED).any())

    @property
    def summary(self) -> str:
        """``"Adds 4 figures, replaces 2 and leaves 10 unchanged."``, in plain words."""
        phrases = {
            NEW: "adds {n}",
            REPLACED: "replaces {n}",
            UNCHANGED: "leaves {n} unchanged",
            RERATED: "changes the RAG status of {n}",
            REMOVED: "removes {n}",
        }
        counts = [(s, self.count(s)) for s in STATUSES if self.count(s)]
        if not counts:
            return "Loading this file changes no figure."
        words = [phrases[s].format(n=n) for s, n in counts]
        first = counts[0][1]
        words[0] = words[0].replace(str(first), f"{first} figure{'' if first == 1 else 's'}", 1)
        if counts[-1][0] == RERATED and len(counts) > 1:
            words[-1] += " more"
        text = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
        return text[0].upper() + text[1:] + "."


def preview(
    store: Store,
    catalogue: Catalogue,
    report: ValidationReport,
    *,
    before: pd.DataFrame | None = None,
) -> Preview:
    """What loading a valid ``report`` would change, without writing anything.

    ``before`` is the figures frame as the store stands (``measure_figures``), if the
    caller already has it. Raises ``StoreError`` for a report with errors.
    """
    if before is None:
        before = measure_figures(store, catalogue)
    with store.trial_load(report) as cur:
        trial_batch = int(cur.execute("SELECT max(batch_id) FROM batch").fetchall()[0][0])
        after = figures_on(cur, catalogue)
    changes = compare_figures(before, after, trial_batch, catalogue)
    warnings = same_file_warnings(store.batches(), report.sha256, changes)
    warnings += large_change_warnings(changes, after, catalogue)
    return Preview(report.file, changes, warnings)


def _contains(ids: object, batch_id: int) -> bool:
    return isinstance(ids, (list, np.ndarray)) and batch_id in list(ids)


def _differs(old: pd.Series, new: pd.Series) -> pd.Series:
    """Element-wise: one side missing, or the numbers differ beyond rounding noise."""
    old_f = pd.to_numeric(old, errors="coerce").astype("float64")
    new_f = pd.to_numeric(new, errors="coerce").astype("float64")
    both_missing = old_f.isna() & new_f.isna()
    close = np.isclose(old_f.fillna(0), new_f.fillna(0), rtol=1e-9, atol=1e-9)
    return ~both_missing & (old_f.isna() | new_f.isna() | ~close)


def compare_figures(
    before: pd.DataFrame, after: pd.DataFrame, trial_batch: int, catalogue: Catalogue
) -> pd.DataFrame:
    """The preview table from the figures before and after a trial load of one batch."""
    columns = [*_KEYS, "period", *_COMPARED, "rag", "status_text"]
    before = before.assign(status_text=status_texts(before, catalogue))
    after = after.assign(status_text=status_texts(after, catalogue))
    merged = before[columns].merge(
        after[[*columns, "batch_ids"]], on=_KEYS, how="outer", suffixes=("_old", "_new")
    )
    in_before = merged["period_old"].notna()
    in_after = merged["period_new"].notna()
    from_file = merged["batch_ids"].map(lambda ids: _contains(ids, trial_batch))
    changed = pd.Series(False, index=merged.index)
    for column in _COMPARED:
        changed |= _differs(merged[f"{column}_old"], merged[f"{column}_new"])
    rerated = merged["rag_old"].astype(object).fillna("") != merged["rag_new"].astype(
        object
    ).fillna("")

    status = pd.Series(UNCHANGED, index=merged.index, dtype="object")
    status[rerated] = RERATED
    status[changed] = REPLACED
    status[~in_before] = NEW
    status[~in_after] = REMOVED
    keep = from_file | changed | rerated | ~in_before | ~in_after

    frame = merged[keep].assign(status=status[keep])
    titles = {m.code: m.title for m in catalogue.measures}
    kinds = frame["measure_code"].map({m.code: m.kind for m in catalogue.measures})
    frame = frame.assign(
        title=frame["measure_code"].map(titles),
        period=frame["period_new"].fillna(frame["period_old"]),
        old_value=frame["value_old"].astype("float64"),
        new_value=frame["value_new"].astype("float64"),
        old_rag=frame["rag_old"],
        new_rag=frame["rag_new"],
        quarter_first=(frame["period_type"] != "quarter").astype(int),
    )
    frame = frame.assign(
        old_text=[format_value(v, k) for v, k in zip(frame["old_value"], kinds, strict=True)],
        new_text=[format_value(v, k) for v, k in zip(frame["new_value"], kinds, strict=True)],
        old_rag_text=frame["status_text_old"].astype(object).fillna(MISSING),
        new_rag_text=frame["status_text_new"].astype(object).fillna(MISSING),
    )
    frame = frame.sort_values(["measure_code", "quarter_first", "period_start"])
    return frame[CHANGE_COLUMNS].reset_index(drop=True)


def same_file_warnings(batches: pd.DataFrame, sha256: str, changes: pd.DataFrame) -> list[str]:
    """A warning when the very same file was loaded before."""
    same = batches[batches["sha256"] == sha256]
    if same.empty:
        return []
    latest = same.sort_values("batch_id").iloc[-1]
    batch_id = int(latest["batch_id"])
    if not bool(latest["in_force"]):
        withdrawn = pd.Timestamp(latest["withdrawn_at"])
        return [
            f"Identical to batch {batch_id}, which was withdrawn on "
            f"{withdrawn.day} {withdrawn:%B %Y}: loading it puts its figures back in force."
        ]
    if not bool((changes["status"] != UNCHANGED).any()):
        return [f"Identical to batch {batch_id} already loaded: loading it changes nothing."]
    return [
        f"Identical to batch {batch_id} already loaded, but later batches have replaced some "
        f"of its figures: loading it again brings them back."
    ]


def large_change_warnings(
    changes: pd.DataFrame, after: pd.DataFrame, catalogue: Catalogue
) -> list[str]:
    """A warning for each new or replaced figure far from the period before it.

    Quarterly measures are compared with the previous quarter and annual ones with the
    previous year, as the figures would stand after the load; a change of more than
    ``LARGE_CHANGE`` of a previous figure of at least ``LARGE_CHANGE_FLOOR`` is flagged.
    """
    values = {
        (code, ptype, pd.Timestamp(start)): value
        for code, ptype, start, value in after[
            ["measure_code", "period_type", "period_start", "value"]
        ].itertuples(index=False)
    }
    warnings = []
    for row in changes.itertuples(index=False):
        if row.status not in (NEW, REPLACED) or pd.isna(row.new_value):
            continue
        annual = catalogue.measure(row.measure_code).frequency == Frequency.annual
        if row.period_type != ("year" if annual else "quarter"):
            continue
        step = pd.DateOffset(months=12 if annual else 3)
        previous = values.get((row.measure_code, row.period_type, row.period_start - step))
        if previous is None or pd.isna(previous) or abs(previous) < LARGE_CHANGE_FLOOR:
            continue
        change = row.new_value - previous
        if abs(change) <= LARGE_CHANGE * abs(previous):
            continue
        before = "the previous year" if annual else "the previous quarter"
        kind = catalogue.measure(row.measure_code).kind
        shown_new, shown_old = format_value(row.new_value, kind), format_value(previous, kind)
        if previous > 0 and row.new_value > 2 * previous:
            how = f"more than double {before}"
        else:
            share = abs(change) / abs(previous) * 100
            how = f"{share:.0f}% {'higher' if change > 0 else 'lower'} than {before}"
        warnings.append(
            f"{row.measure_code} {row.period}: {shown_new} is {how} ({shown_old}) "
            f"— check the figure."
        )
    return warnings
