"""Fixtures for packs, exports and the publication rule: a small catalogue and a real
DuckDB file loaded from a hand-written return (eight quarters, so SPC limits exist)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vrp_metrics.access import local_user
from vrp_metrics.catalogue import Catalogue, load_catalogue
from vrp_metrics.returns.validate import validate_file
from vrp_metrics.store import Store

HERE = Path(__file__).resolve().parent
CATALOGUE_FILE = HERE / "catalogue.toml"
PERIOD = "2024/25 Q4"
QUARTERS = [f"2023/24 Q{q}" for q in range(1, 5)] + [f"2024/25 Q{q}" for q in range(1, 5)]

# The last quarter holds the small numbers a publication withholds:
#   2.2.2.a 3 / 5 = 60.0% (denominator 5), 5.1.1.a +1.25 over a cohort of 6,
#   5.1.3.a 7 young people (a count of people), while 5.3.1.a's 3 sessions are not people.
PERCENT = [(30, 40), (31, 40), (29, 40), (33, 40), (32, 40), (30, 40), (34, 40), (3, 5)]
MEAN = [(0.5, 20), (0.6, 21), (0.4, 22), (0.7, 20), (0.55, 23), (0.65, 24), (0.62, 25), (1.25, 6)]
PEOPLE = [20, 22, 25, 24, 26, 23, 8, 7]
SESSIONS = [3, 4, 3, 5, 4, 3, 4, 3]

FORMULA_COMMENT = '=1+2";=1+2'
"""An OWASP example: a partner's comment that a spreadsheet would run as a formula."""


def return_csv() -> str:
    lines = ["measure_code,period,value,numerator,denominator,cohort_size,comment"]
    for i, quarter in enumerate(QUARTERS):
        lines.append(f"2.2.2.a,{quarter},,{PERCENT[i][0]},{PERCENT[i][1]},,")
        lines.append(f"5.1.1.a,{quarter},{MEAN[i][0]},,,{MEAN[i][1]},")
        lines.append(f"5.1.3.a,{quarter},{PEOPLE[i]},,,,")
        comment = '"=1+2"";=1+2"' if quarter == PERIOD else ""
        lines.append(f"5.3.1.a,{quarter},{SESSIONS[i]},,,,{comment}")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue(CATALOGUE_FILE)


@pytest.fixture(scope="session")
def store_template(tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue) -> Path:
    folder = tmp_path_factory.mktemp("packs")
    source = folder / "rock_pool_and_vru.csv"
    source.write_text(return_csv(), encoding="utf-8")
    report = validate_file(source, catalogue)
    assert report.ok, report.errors
    path = folder / "packs.duckdb"
    store = Store(path)
    store.load(report, user=local_user("analyst"))
    store.add_commentary(
        "5.1.3.a",
        PERIOD,
        "@SUM(A1) fewer referrals this quarter",
        user=local_user("Chair"),
        group="IEO",
    )
    store.add_commentary(
        "2.2.2.a", PERIOD, "-2+3 ratings from a small panel", user=local_user("Chair"), group="TVRP"
    )
    store.write_key_updates("IEO", PERIOD, "Decision: extend the pilot.", user=local_user("chair"))
    return path


@pytest.fixture
def store(store_template: Path, tmp_path: Path) -> Store:
    """A fresh copy of the fixture database for one test."""
    path = tmp_path / "packs.duckdb"
    shutil.copy(store_template, path)
    return Store(path)
