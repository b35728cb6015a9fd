"""AppTest fixtures: a real DuckDB file filled with the demo data, one copy per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from vrp_metrics.catalogue import load_catalogue
from vrp_metrics.demo import load_demo
from vrp_metrics.store import Store

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "app.py")


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    with Store(path) as store:
        load_demo(store, load_catalogue())
    return path


@pytest.fixture
def demo_db(demo_db_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the demo database that the app under test opens (via VRP_DB)."""
    path = tmp_path / "vrp.duckdb"
    shutil.copy(demo_db_template, path)
    monkeypatch.setenv("VRP_DB", str(path))
    return path


def open_page(page: str | None = None, **query: str) -> AppTest:
    """Run the app (optionally with URL query parameters) and switch to ``pages/<page>.py``."""
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(f"pages/{page}.py").run()
    return at
