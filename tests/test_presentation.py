"""The presentation view's frames: scopes, exceptions and the order of the screens."""

from __future__ import annotations

import pandas as pd

from vrp_metrics import presentation
from vrp_metrics.catalogue import load_catalogue
from vrp_metrics.presentation import Screen

CATALOGUE = load_catalogue()


def table() -> pd.DataFrame:
    """Four measures: red with no signal, amber with an SPC concern, green improving,
    and grey with no SPC reading."""
    return pd.DataFrame(
        {
            "measure_code": ["a", "b", "c", "d"],
            "title": ["A", "B", "C", "D"],
            "rag": ["red", "amber", "green", "grey"],
            "variation_icon": ["common_cause", "concern_low", "improvement_high", None],
        }
    )


def test_exceptions_are_the_red_and_the_spc_concerns() -> None:
    assert list(presentation.exceptions(table())["measure_code"]) == ["a", "b"]


def test_the_screens_are_summary_exceptions_then_each_measure_in_order() -> None:
    assert presentation.screens(table()) == [
        Screen("summary"),
        Screen("exceptions"),
        Screen("measure", "a"),
        Screen("measure", "b"),
        Screen("measure", "c"),
        Screen("measure", "d"),
    ]
    assert presentation.screen_label(Screen("measure", "b"), table()) == "b B (◆ Amber)"


def test_a_scope_is_the_svrp_an_objective_or_a_group() -> None:
    options = presentation.scope_options(CATALOGUE)
    assert list(options)[:5] == ["SVRP", "SO1", "SO2", "SO3", "SO4"]
    assert {"TVRP", "DAWG", "ENG", "IEO"} <= set(options)
    assert presentation.scope_group(CATALOGUE, "SVRP") is None
    assert presentation.scope_group(CATALOGUE, "SO4") == "IEO"
    assert presentation.scope_group(CATALOGUE, "DAWG") == "DAWG"
    assert presentation.scope_aliases(CATALOGUE)["Data and Analysis Working Group"] == "DAWG"
