"""A small catalogue and file writers for the partner-return tests.

The catalogue is built here, not read from ``data/``, so that these tests pin the
validation rules whatever the real catalogue holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

import openpyxl
import pytest

from vrp_metrics.catalogue import Catalogue
from vrp_metrics.returns import ValidationReport, validate_file

TODAY = dt.date(2025, 5, 15)
"""The day the tests run "on": 2025/26 Q1 (April–June 2025) has not ended yet."""


def _measure(code: str, group: str, provider: str, kind: str, **extra: object) -> dict:
    return {
        "code": code,
        "title": f"measure {code}",
        "description": f"test measure {code}",
        "working_group": group,
        "provider": provider,
        "data_source": "test data",
        "kind": kind,
        "polarity": "higher",
        **extra,
    }


CATALOGUE = {
    "strategic_objectives": [
        {"code": "SO1", "title": "Systems", "statement": "s", "why": "w", "working_group": "TVRP"},
        {"code": "SO2", "title": "Data", "statement": "s", "why": "w", "working_group": "DAWG"},
        {"code": "SO4", "title": "IEO", "statement": "s", "why": "w", "working_group": "IEO"},
    ],
    "working_groups": [
        {"code": "TVRP", "name": "Tactical VRP", "short_name": "TVRP"},
        {"code": "DAWG", "name": "Data and Analysis Working Group", "short_name": "DAWG"},
        {"code": "IEO", "name": "Interventions working group", "short_name": "IEO"},
    ],
    "providers": [
        {"name": "Constabulary", "full_name": "Hampshire and Isle of Wight Constabulary"},
        {"name": "VRU", "full_name": "Violence Reduction Unit"},
        {"name": "OPCC", "full_name": "Office of the Police and Crime Commissioner"},
        {"name": "SSJ", "full_name": "Society of St James"},
        {"name": "No Limits", "full_name": "No Limits"},
    ],
    "outcomes": [
        {"code": "1.1", "title": "o", "working_group": "TVRP"},
        {"code": "2.2", "title": "o", "working_group": "TVRP"},
        {"code": "3.1", "title": "o", "working_group": "DAWG"},
        {"code": "4.3", "title": "o", "working_group": "IEO"},
        {"code": "5.1", "title": "o", "working_group": "IEO"},
    ],
    "success_measures": [
        {"code": "1.1.1", "title": "s"},
        {"code": "2.2.2", "title": "s"},
        {"code": "3.1.1", "title": "s"},
        {"code": "4.3.1", "title": "s"},
        {"code": "5.1.1", "title": "s"},
        {"code": "5.1.2", "title": "s"},
    ],
    "scales": [
        {
            "name": "RESET Outcomes Star",
            "provider": "SSJ",
            "areas": [
                "Meaningful use of time",
                "Emotional and mental health",
                "Social networks and relationships",
                "Offending",
            ],
            "minimum": 1,
            "maximum": 10,
            "whole_numbers": True,
            "good_direction": "up",
        },
        {
            "name": "A&E Navigators pain scale",
            "provider": "No Limits",
            "areas": ["Mental health pain scale"],
            "minimum": 0,
            "maximum": 10,
            "whole_numbers": True,
            "good_direction": "down",
        },
        {
            "name": "RESET Crime Harm Index",
            "provider": "Constabulary",
            "areas": ["Crime Harm Index"],
            "minimum": 0,
            "good_direction": "down",
        },
    ],
    "measures": [
        _measure("1.1.1.e", "TVRP", "Constabulary", "count"),
        _measure("2.2.2.a", "TVRP", "VRU", "percentage"),
        _measure("3.1.1.a", "DAWG", "VRU", "tracker_green_pct"),
        _measure("4.3.1.c", "IEO", "OPCC", "count", frequency="annual"),
        _measure(
            "5.1.1.a",
            "IEO",
            "SSJ",
            "mean_change",
            scale="RESET Outcomes Star",
            area="Meaningful use of time",
        ),
        _measure(
            "5.1.1.b",
            "IEO",
            "SSJ",
            "pct_improved",
            scale="RESET Outcomes Star",
            area="Meaningful use of time",
        ),
        _measure("5.1.2.c", "IEO", "No Limits", "mean_change", scale="A&E Navigators pain scale"),
    ],
}


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return Catalogue.model_validate(CATALOGUE)


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    """Write CSV text to a file under tmp_path, in the encoding a partner's tool would use."""

    def write(name: str, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return write


@pytest.fixture
def write_xlsx(tmp_path: Path) -> Callable[[str, Sequence[Sequence[object]]], Path]:
    """Write rows to the first sheet of a new workbook, as Excel would store them."""

    def write(name: str, rows: Sequence[Sequence[object]]) -> Path:
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        for row in rows:
            sheet.append(list(row))
        path = tmp_path / name
        workbook.save(path)
        return path

    return write


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def validate(catalogue: Catalogue) -> Callable[..., ValidationReport]:
    """Validate a return against the test catalogue, "today" being ``TODAY``."""

    def run(source: object, today: dt.date = TODAY) -> ValidationReport:
        return validate_file(source, catalogue, today=today)  # type: ignore[arg-type]

    return run
