"""The RAG decision (vrp_metrics.rag), the SPC points as they stood, and the status in words.

Every figure here is worked out by hand in the comments. Catalogues are small fixtures
(tests/design.py), never the real catalogue's counts.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from vrp_metrics import rag, spc
from vrp_metrics.catalogue import CatalogueError, Measure, Rating, load_catalogue
from vrp_metrics.reporting import status_words

FIXTURE_FILE = Path(__file__).parent / "store" / "catalogue.toml"
FIXTURE = load_catalogue(FIXTURE_FILE)


def measure(**changes) -> Measure:
    """A quarterly count, higher is better, with ``changes`` applied (and checked)."""
    base = FIXTURE.measures[0].model_dump(mode="json")
    base.update({"kind": "count", "polarity": "higher", "frequency": "quarterly"})
    base.update({"scale": None, "area": None, "target": None, "year_target": None})
    base.update(changes)
    return Measure.model_validate(base)


# ------------------------------------------------------------------ the three rules


@pytest.mark.parametrize(
    ("value", "higher", "expected"),
    [
        (80.0, True, "green"),  # meets 80
        (72.0, True, "amber"),  # 80 × 0.9 = 72: on the edge
        (71.9, True, "red"),
        (100.0, False, "green"),
        (110.0, False, "amber"),  # 100 × 1.1
        (110.1, False, "red"),
    ],
)
def test_target_rule_edges(value: float, higher: bool, expected: str) -> None:
    target = 80.0 if higher else 100.0
    assert rag.target_rag(value, target, 0.10, higher=higher) == expected


@pytest.mark.parametrize(
    ("value", "comparator", "higher", "expected"),
    [
        (105.0, 100.0, True, "amber"),  # +5 = 5% of 100
        (106.0, 100.0, True, "green"),
        (94.0, 100.0, True, "red"),
        (94.0, 100.0, False, "green"),  # lower is better
        (0.0, 0.0, True, "amber"),  # no move from 0
        (1.0, 0.0, False, "red"),  # any bad move from 0
    ],
)
def test_comparator_rule(value: float, comparator: float, higher: bool, expected: str) -> None:
    assert rag.comparator_rag(value, comparator, 0.05, higher=higher) == expected


def test_spc_point_types_map_to_statuses() -> None:
    assert rag.spc_rag("special_cause_improvement") == "green"
    assert rag.spc_rag("special_cause_concern") == "red"
    assert rag.spc_rag("common_cause") == "amber"


# ------------------------------------------------------------- SPC as it stood


def test_points_as_they_stood_use_no_later_point() -> None:
    # 10,12,10,12,10,12,11 then 40. At the 7th point: mean 11, mean MR 11/6, limits
    # 11 ± 4.88, no run or trend: common cause. On the 8-point chart the first seven lie
    # below the mean 14.625 (a run of 7): the 7th would be a concern with look-ahead.
    values = [10, 12, 10, 12, 10, 12, 11, 40]
    stood = spc.points_as_they_stood(values, improvement="increase")
    assert stood["group_points"].tolist() == [1, 2, 3, 4, 5, 6, 7, 8]
    assert stood["limits"].tolist() == [False] * 6 + [True, True]
    assert stood["point_type"].tolist()[6:] == ["common_cause", "special_cause_improvement"]
    full = spc.xmr(values, improvement="increase").points
    assert full["point_type"].iloc[6] == "special_cause_concern"  # the look-ahead trap


def test_a_rebase_starts_counting_again() -> None:
    values = [10, 12, 10, 12, 10, 12, 11, 40, 41, 39, 40, 41, 39, 40]
    stood = spc.points_as_they_stood(values, improvement="increase", rebase_at=[7])
    # The new group starts at the 8th point: 1…7 points, limits from its 7th (the 14th).
    assert stood["group_points"].tolist() == [1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 5, 6, 7]
    assert stood["limits"].tolist() == [False] * 6 + [True] + [False] * 6 + [True]
    # 40,41,39,40,41,39,40: mean 40, MRs 1,2,1,1,2,1 → 8/6; limits 40 ± 3.55: common cause.
    assert stood["point_type"].iloc[-1] == "common_cause"


def test_values_that_do_not_vary_have_no_limits() -> None:
    stood = spc.points_as_they_stood([5.0] * 8)
    assert not stood["limits"].any()
    assert stood["point_type"].isna().all()


# ------------------------------------------------------------------ one figure


def figure(**values) -> dict:
    row = {
        "measure_code": "x",
        "period": "2024/25 Q3",
        "period_type": "quarter",
        "value": 11.0,
        "numerator": None,
        "denominator": None,
        "cohort_size": None,
        "target": None,
        "target_tolerance": 0.10,
        "change_tolerance": 0.05,
        "polarity": "higher",
        "summed_year": False,
        "quarters": 1,
        "comparator_value": 12.0,
        "comparator_quarters": 1,
        "comparator_period": "2024/25 Q2",
        "change": -1.0,
        "spc_points": 7,
        "spc_limits": True,
        "spc_point_type": "common_cause",
        "spc_unavailable": False,
    }
    row.update(values)
    return row


def test_target_beats_spc_and_spc_beats_the_comparator() -> None:
    assert rag.rate(figure(target=11.0), measure()) == ("green", "target", "target")
    assert rag.rate(figure(), measure()) == ("amber", "spc", "spc")
    # Without limits at the quarter: 11 on 12 is -1, beyond 0.6 the bad way.
    assert rag.rate(figure(spc_limits=False, spc_points=6), measure()) == (
        "red",
        "comparator",
        "comparator",
    )


def test_a_year_never_rests_on_spc() -> None:
    year = figure(period="2024/25", period_type="year", spc_limits=None, spc_points=None)
    assert rag.rate(year, measure()) == ("red", "comparator", "comparator")
    assert rag.rate(year, measure(rating="spc")) == ("grey", rag.SPC_QUARTERS_ONLY, None)


@pytest.mark.parametrize(
    ("rating", "values", "expected"),
    [
        ("comparator", {}, ("red", "comparator", "comparator")),
        ("spc", {"target": 11.0}, ("amber", "spc", "spc")),
        ("spc", {"spc_limits": False, "spc_points": 6}, ("grey", rag.SPC_TOO_FEW, None)),
        ("spc", {"spc_limits": False, "spc_points": 9}, ("grey", rag.SPC_NO_VARIATION, None)),
        (
            "spc",
            {"spc_limits": False, "spc_unavailable": True},
            ("grey", rag.SPC_UNAVAILABLE, None),
        ),
        ("comparator", {"comparator_value": None}, ("grey", rag.NO_COMPARATOR, None)),
    ],
)
def test_a_fixed_basis_is_used_or_the_figure_is_not_rated(rating, values, expected) -> None:
    fixed = measure(rating=rating, target=11.0) if "target" in values else measure(rating=rating)
    assert rag.rate(figure(**values), fixed) == expected


def test_a_fixed_target_on_a_period_without_one_is_not_rated() -> None:
    counted = measure(rating="target", target=11.0)
    year = figure(period="2024/25", period_type="year", summed_year=True, quarters=4)
    assert rag.rate(year, counted) == ("grey", rag.NO_TARGET, None)


def test_grey_without_a_value_or_for_a_part_year() -> None:
    assert rag.rate(figure(value=None), measure()) == ("grey", rag.NO_VALUE, None)
    part = figure(period="2024/25", period_type="year", summed_year=True, quarters=3)
    assert rag.rate(part, measure()) == ("grey", rag.PART_YEAR, None)


def test_the_catalogue_refuses_a_basis_that_can_never_apply() -> None:
    with pytest.raises(ValueError, match='rating = "target" needs a target'):
        measure(rating="target")
    with pytest.raises(ValueError, match='rating = "spc" needs quarterly figures'):
        measure(rating="spc", frequency="annual")
    with pytest.raises(ValueError, match="rating"):
        measure(rating="gut feeling")
    assert measure(rating="comparator").rating is Rating.comparator


def test_a_catalogue_file_with_a_target_basis_and_no_target_names_the_measure(tmp_path) -> None:
    text = FIXTURE_FILE.read_text(encoding="utf-8")
    first = FIXTURE.measures[0]
    assert first.target is None
    marker = f'code = "{first.code}"'
    broken = tmp_path / "catalogue.toml"
    broken.write_text(text.replace(marker, f'{marker}\nrating = "target"', 1), encoding="utf-8")
    with pytest.raises(CatalogueError, match=f"{first.code}.*needs a target"):
        load_catalogue(broken)


# ------------------------------------------------------------------ the words


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            {"rag": "amber", "rag_basis": "spc", "spc_points": 14},
            "Amber: no significant change over 14 quarters",
        ),
        (
            {
                "rag": "green",
                "rag_basis": "spc",
                "spc_points": 9,
                "spc_point_type": "special_cause_improvement",
            },
            "Green: special-cause improvement (SPC, 9 quarters)",
        ),
        (
            {
                "rag": "red",
                "rag_basis": "spc",
                "spc_points": 7,
                "spc_point_type": "special_cause_concern",
            },
            "Red: special-cause concern (SPC, 7 quarters)",
        ),
        # 78 on 100: 22 down, 22% of 100, higher is better
        (
            {
                "rag": "red",
                "rag_basis": "comparator",
                "value": 78.0,
                "comparator_value": 100.0,
                "change": -22.0,
            },
            "Red: 22% worse than the previous quarter",
        ),
        (
            {"rag": "amber", "rag_basis": "comparator", "change": 0.0},
            "Amber: no change on the previous quarter",
        ),
        (
            {"rag": "amber", "rag_basis": "comparator", "change": 0.4},
            "Amber: within 5% of the previous quarter",
        ),
        (
            {"rag": "green", "rag_basis": "target", "value": 12.0, "target": 11.0},
            "Green: 12 against a target of 11",
        ),
        ({"rag": "grey", "rag_basis": "no value"}, "Not rated: no figure yet"),
        (
            {"rag": "grey", "rag_basis": "no comparator"},
            "Not rated: no figure for the previous quarter to compare with",
        ),
        (
            {"rag": "grey", "rag_basis": "spc too few", "spc_points": 5},
            "Not rated: the catalogue rates it on SPC, which needs 7 quarters; 5 quarters so far",
        ),
    ],
)
def test_status_words(values: dict, expected: str) -> None:
    assert status_words.status_words(figure(**values), measure()) == expected


def test_words_for_a_percentage_and_for_the_same_quarter_last_year() -> None:
    rate = measure(kind="percentage", compare_to="same_period_last_year")
    words = status_words.status_words(
        figure(rag="green", rag_basis="comparator", value=64.0, comparator_value=60.0, change=4.0),
        rate,
    )
    assert words == "Green: 4.0 pp better than the same quarter last year"
    year = figure(rag="red", rag_basis="comparator", period="2024/25", period_type="year")
    # 11 on 12: 1 of 12 is 8%
    assert (
        status_words.status_words(year, measure())
        == "Red: 8% worse than the previous financial year"
    )


def test_status_text_leads_with_the_symbol_so_a_table_can_tint_it() -> None:
    text = status_words.status_text(figure(rag="amber", rag_basis="spc"), measure())
    assert text == "◆ Amber: no significant change over 7 quarters"


def test_tiles_say_what_each_count_rests_on() -> None:
    frame = pd.DataFrame(
        {
            "rag": ["green", "green", "green", "amber", "grey"],
            "basis": ["spc", "target", "spc", "comparator", None],
        }
    )
    assert status_words.basis_counts_text(frame, "green") == "1 against a target, 2 on SPC"
    assert status_words.basis_counts_text(frame, "amber") == "1 against the comparator period"
    assert status_words.basis_counts_text(frame, "red") == ""
    assert status_words.basis_counts_text(frame, "grey").startswith("not rated")
