"""The overview table for a period as a file (``python -m vrp_metrics export``, DESIGN §5):
one row per measure, with the partner's comment on its return row and the chair's
commentary; formula-safe CSV or Excel (:mod:`vrp_metrics.exports`), and for publication
with figures about fewer than 8 people as ``[c]`` (:mod:`vrp_metrics.disclosure`)."""

from __future__ import annotations

import pandas as pd

from vrp_metrics import disclosure, exports, periods
from vrp_metrics.catalogue import Catalogue
from vrp_metrics.metrics import figures_for_period, measure_figures
from vrp_metrics.store import Store

EXPORT_COLUMNS: tuple[str, ...] = (
    "measure_code",
    "title",
    "working_group",
    "period",
    "value",
    "numerator",
    "denominator",
    "cohort_size",
    "rag",
    "basis",
    "comment",
    "commentary",
)
"""The columns of an export, in order (DESIGN §5)."""

NOTE_SHEET = "About [c]"


def return_comments(store: Store, *, as_at: int | None = None) -> pd.DataFrame:
    """The partners' comments on the return rows in force: measure_code, period_type,
    period_start, comment."""
    return store.query("return_comments.sql", {"as_at": as_at})


def export_table(
    store: Store,
    catalogue: Catalogue,
    period: str,
    *,
    public: bool = False,
    figures: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per measure that reports for ``period``, catalogue order, with
    :data:`EXPORT_COLUMNS`. ``basis`` (what the rating rests on: target, spc or
    comparator) is filled where the figures frame has it, else empty. For publication,
    each withheld number is the text ``[c]``."""
    label = periods.canonical(period)
    raw = figures if figures is not None else measure_figures(store, catalogue)
    frame = figures_for_period(raw, catalogue, label)
    frame = frame.assign(withheld=[frozenset()] * len(frame))
    if public:
        frame = figures_for_period(disclosure.protect_figures(raw, catalogue), catalogue, label)
    comments = return_comments(store)
    comments["period_start"] = pd.to_datetime(comments["period_start"])
    frame = frame.merge(comments, on=["measure_code", "period_type", "period_start"], how="left")
    commentary = store.commentary(period=label).set_index("measure_code")["body"]
    table = pd.DataFrame(
        {
            "measure_code": frame["measure_code"],
            "title": [catalogue.measure(c).title for c in frame["measure_code"]],
            "working_group": [catalogue.measure(c).working_group for c in frame["measure_code"]],
            "period": label,
            "rag": frame["rag"],
            "basis": frame["basis"] if "basis" in frame.columns else "",
            "comment": frame["comment"].fillna(""),
            "commentary": frame["measure_code"].map(commentary).fillna(""),
        }
    )
    for column in disclosure.FIELDS:
        # Numerators, denominators and cohort sizes are whole numbers: written as such.
        whole = column != "value"
        values = [None if pd.isna(v) else int(v) if whole else float(v) for v in frame[column]]
        if public:
            values = [
                disclosure.WITHHELD if column in gone else value
                for value, gone in zip(values, frame["withheld"], strict=True)
            ]
        # Whole numbers stay whole ("3", not "3.0"); a column with [c] in it is text and
        # numbers mixed.
        mixed = any(isinstance(v, str) for v in values)
        dtype = object if mixed else "Int64" if whole else "Float64"
        table[column] = pd.Series(values, index=table.index, dtype=dtype)
    return table[list(EXPORT_COLUMNS)].reset_index(drop=True)


def export_bytes(table: pd.DataFrame, fmt: str, *, public: bool = False) -> bytes:
    """The table as a formula-safe CSV or Excel file. A publication's Excel file has a
    second sheet saying what ``[c]`` means; its CSV file says it in a last row."""
    if fmt == "csv":
        if public:
            note = {column: "" for column in table.columns}
            note["measure_code"] = disclosure.NOTE
            table = pd.concat([table, pd.DataFrame([note])], ignore_index=True)
        return exports.csv_bytes(table)
    if fmt == "xlsx":
        sheets = {"Measures": table}
        if public:
            sheets[NOTE_SHEET] = pd.DataFrame({"Note": [disclosure.NOTE]})
        return exports.xlsx_bytes(sheets)
    raise ValueError(f"an export's format is csv or xlsx, not {fmt!r}")
