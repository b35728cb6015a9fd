"""The declarative metric cases of ``cases.toml``: files in, hand-worked figures out.

Each case goes through the whole chain a partner return takes: validation, a batch in a
real DuckDB file, the SQL rules, the tidy figures frame.
"""

from __future__ import annotations

import math
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from vrp_metrics.access import local_user
from vrp_metrics.catalogue import Catalogue, load_catalogue
from vrp_metrics.metrics import measure_figures
from vrp_metrics.returns.validate import validate_file
from vrp_metrics.store import Store

CASES = tomllib.loads((Path(__file__).parent / "cases.toml").read_text(encoding="utf-8"))["case"]
CHECKED = (
    "value",
    "numerator",
    "denominator",
    "cohort_size",
    "rag",
    "basis",
    "rag_basis",
    "spc_point_type",
    "spc_points",
    "source",
    "change",
    "comparator_value",
)


def _catalogue(overrides: dict[str, dict]) -> Catalogue:
    data = load_catalogue().model_dump(mode="json")
    for measure in data["measures"]:
        measure.update(overrides.get(measure["code"], {}))
    return Catalogue.model_validate(data)


def _same(actual: object, expected: object) -> bool:
    if expected == "":
        return (
            actual is None or actual is pd.NA or (isinstance(actual, float) and math.isnan(actual))
        )
    if isinstance(expected, int | float) and not isinstance(expected, bool):
        return (
            actual is not None
            and actual is not pd.NA
            and math.isclose(float(actual), float(expected), rel_tol=1e-12, abs_tol=1e-12)
        )
    return actual == expected


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_metric_case(case: dict, tmp_path: Path) -> None:
    catalogue = _catalogue(case.get("overrides", {}))
    with Store(tmp_path / "case.duckdb") as store:
        for spec in case["file"]:
            path = tmp_path / spec["name"]
            path.write_text(spec["text"], encoding="utf-8")
            report = validate_file(path, catalogue)
            assert report.ok, [e.message for e in report.errors]
            store.load(report, user=local_user("test"))
        for batch_id in case.get("withdraw", []):
            store.withdraw(batch_id, user=local_user("test"))
        figures = measure_figures(store, catalogue)

    for expected in case["expect"]:
        rows = figures[
            (figures["measure_code"] == expected["measure_code"])
            & (figures["period"] == expected["period"])
        ]
        label = f"{expected['measure_code']} {expected['period']}"
        if expected.get("absent"):
            assert rows.empty, f"{label}: expected no figure, got {rows.to_dict('records')}"
            continue
        assert len(rows) == 1, f"{label}: expected one figure, got {len(rows)}"
        row = rows.iloc[0]
        for column in CHECKED:
            if column in expected:
                assert _same(row[column], expected[column]), (
                    f"{label} {column}: expected {expected[column]!r}, got {row[column]!r}"
                )
