"""The catalogue file: it loads, it holds the measures of the OBPF as DESIGN.md §2 lists
them, and a broken file fails at load with a message naming the broken entry."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.design import DESIGN_CODES, DESIGN_MEASURES
from vrp_metrics.catalogue import (
    Catalogue,
    CatalogueError,
    CompareTo,
    Frequency,
    Kind,
    Polarity,
    load_catalogue,
)

OUTCOMES_STAR = "RESET Outcomes Star"
PAIN_SCALE = "A&E Navigators pain scale"
CRIME_HARM = "RESET Crime Harm Index"

# The scale and area each measure derived from outcome readings is computed from.
DERIVED = {
    "5.1.1.a": (OUTCOMES_STAR, "Meaningful use of time"),
    "5.1.1.b": (OUTCOMES_STAR, "Meaningful use of time"),
    "5.1.2.a": (OUTCOMES_STAR, "Emotional and mental health"),
    "5.1.2.b": (OUTCOMES_STAR, "Emotional and mental health"),
    "5.1.2.c": (PAIN_SCALE, "Mental health pain scale"),
    "5.1.2.d": (PAIN_SCALE, "Mental health pain scale"),
    "5.1.4.a": (OUTCOMES_STAR, "Social networks and relationships"),
    "5.1.4.b": (OUTCOMES_STAR, "Social networks and relationships"),
    "5.2.2.a": (CRIME_HARM, "Crime Harm Index"),
    "5.2.2.b": (OUTCOMES_STAR, "Offending"),
    "5.2.2.c": (OUTCOMES_STAR, "Offending"),
}

# The score scales of DESIGN.md §2: provider, areas, minimum, maximum, whole, direction.
DESIGN_SCALES = {
    OUTCOMES_STAR: (
        "Society of St James",
        [
            "Meaningful use of time",
            "Emotional and mental health",
            "Social networks and relationships",
            "Offending",
        ],
        1,
        10,
        True,
        "up",
    ),
    PAIN_SCALE: ("No Limits", ["Mental health pain scale"], 0, 10, True, "down"),
    CRIME_HARM: ("Constabulary (HIOWC)", ["Crime Harm Index"], 0, None, False, "down"),
}

WORKING_GROUPS = ["TVRP", "DAWG", "ENG", "IEO"]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


# -- the real catalogue ---------------------------------------------------------------


def test_the_catalogue_file_loads(catalogue: Catalogue) -> None:
    assert isinstance(catalogue, Catalogue)


def test_it_holds_every_measure_of_the_design_in_its_order(catalogue: Catalogue) -> None:
    # The VRU may add measures; the 28 of the design stay, in the design's order.
    codes = [m.code for m in catalogue.measures]
    assert [code for code in codes if code in DESIGN_CODES] == DESIGN_CODES


@pytest.mark.parametrize(("code", "group", "provider", "kind", "polarity"), DESIGN_MEASURES)
def test_measure_matches_the_design_table(
    catalogue: Catalogue, code: str, group: str, provider: str, kind: str, polarity: str
) -> None:
    measure = catalogue.measure(code)
    assert measure.working_group == group
    assert measure.provider == provider
    assert measure.kind is Kind(kind)
    assert measure.polarity is Polarity(polarity)


@pytest.mark.parametrize("code", DESIGN_CODES)
def test_measure_is_documented(catalogue: Catalogue, code: str) -> None:
    measure = catalogue.measure(code)
    assert measure.title.strip(), f"measure {code} has no title"
    assert measure.description.strip(), f"measure {code} has no description"
    assert measure.data_source.strip(), f"measure {code} has no data source"


@pytest.mark.parametrize("code", DESIGN_CODES)
def test_measure_sits_under_an_outcome_of_its_own_group(catalogue: Catalogue, code: str) -> None:
    measure = catalogue.measure(code)
    assert catalogue.outcome(measure.outcome_code).working_group == measure.working_group
    assert catalogue.success_measure(measure.success_measure_code).title.strip()


@pytest.mark.parametrize(("code", "scale_and_area"), sorted(DERIVED.items()))
def test_derived_measure_names_an_existing_scale_and_area(
    catalogue: Catalogue, code: str, scale_and_area: tuple[str, str]
) -> None:
    measure = catalogue.measure(code)
    assert (measure.scale, measure.area) == scale_and_area
    scale = catalogue.scale_named(measure.scale)
    assert scale is not None
    assert measure.area in scale.areas


def test_only_readings_based_measures_have_a_scale(catalogue: Catalogue) -> None:
    with_scale = {m.code for m in catalogue.measures if m.scale is not None}
    assert with_scale == set(DERIVED)


@pytest.mark.parametrize("name", sorted(DESIGN_SCALES))
def test_scale_matches_the_design(catalogue: Catalogue, name: str) -> None:
    provider, areas, minimum, maximum, whole, direction = DESIGN_SCALES[name]
    scale = catalogue.scale(name)
    assert scale.provider == provider
    assert scale.areas == areas
    assert (scale.minimum, scale.maximum) == (minimum, maximum)
    assert scale.whole_numbers is whole
    assert scale.good_direction == direction


def test_only_the_big_conversation_is_annual(catalogue: Catalogue) -> None:
    annual = [m.code for m in catalogue.measures if m.frequency is Frequency.annual]
    assert annual == ["4.3.1.c"]


def test_op_sentinel_counts_compare_with_the_same_quarter_last_year(
    catalogue: Catalogue,
) -> None:
    seasonal = [
        m.code for m in catalogue.measures if m.compare_to is CompareTo.same_period_last_year
    ]
    assert seasonal == ["1.1.1.e", "1.1.1.f"]


def test_no_measure_has_a_target_the_seeds_do_not_give(catalogue: Catalogue) -> None:
    assert [m.code for m in catalogue.measures if m.target is not None] == []
    assert [m.code for m in catalogue.measures if m.year_target is not None] == []


@pytest.mark.parametrize(
    ("objective", "title", "group"),
    [
        ("SO1", "Multi-agency and Systems Change", "TVRP"),
        ("SO2", "Data and Analysis", "DAWG"),
        ("SO3", "Engagement and Communications", "ENG"),
        ("SO4", "Interventions, Evaluations and Opportunities", "IEO"),
    ],
)
def test_each_objective_is_delivered_by_its_working_group(
    catalogue: Catalogue, objective: str, title: str, group: str
) -> None:
    so = catalogue.objective(objective)
    assert so.title == title
    assert so.working_group == group
    assert so.statement.startswith("The partnership will")
    assert so.why.strip()


@pytest.mark.parametrize("group", WORKING_GROUPS)
def test_working_group_reports_to_the_svrp(catalogue: Catalogue, group: str) -> None:
    assert catalogue.working_group(group).reports_to == "SVRP"


def test_the_svrp_is_the_board(catalogue: Catalogue) -> None:
    svrp = catalogue.working_group("SVRP")
    assert svrp.name == "Strategic Violence Reduction Partnership"
    assert svrp.reports_to is None


@pytest.mark.parametrize("group", WORKING_GROUPS)
def test_working_group_has_its_terms_of_reference(catalogue: Catalogue, group: str) -> None:
    wg = catalogue.working_group(group)
    assert wg.name and wg.short_name and wg.chair and wg.aim
    assert wg.toc_activities, f"{group} has no ToC activity"
    assert wg.crest_recommendations, f"{group} has no Crest Advisory recommendation"
    for item in [*wg.toc_activities, *wg.crest_recommendations]:
        assert item.code, f"{group}: an item has no number: {item.text[:40]!r}"
        assert item.text.strip()


@pytest.mark.parametrize(
    ("group", "activities", "recommendations"),
    [
        ("TVRP", ["1.c", "1.d"], ["8.2"]),
        (
            "DAWG",
            ["1.d", "2.a", "2.b", "2.c", "2.d", "2.e", "2.f", "2.g"],
            ["1.1", "1.2", "3.2", "6.1", "6.2", "6.3"],
        ),
        ("ENG", ["3.a", "3.b", "3.c", "3.d"], ["5.1", "5.2", "8.1", "8.3"]),
        ("IEO", ["4.a", "4.b", "4.c", "4.d", "4.e", "4.f", "4.g"], ["3.1", "7.2"]),
    ],
)
def test_working_group_lists_every_numbered_item_of_its_tor(
    catalogue: Catalogue, group: str, activities: list[str], recommendations: list[str]
) -> None:
    wg = catalogue.working_group(group)
    assert [a.code for a in wg.toc_activities] == activities
    assert [r.code for r in wg.crest_recommendations] == recommendations


def test_every_measure_provider_is_described(catalogue: Catalogue) -> None:
    names = {p.name: p for p in catalogue.providers}
    assert {m.provider for m in catalogue.measures} == set(names)
    assert all(p.full_name.strip() for p in catalogue.providers)


# -- broken catalogues ----------------------------------------------------------------

_PREAMBLE = """
[[strategic_objectives]]
code = "SO4"
title = "Interventions, Evaluations and Opportunities"
statement = "The partnership will commission evidence-based interventions."
why = "Why."
working_group = "IEO"

[[working_groups]]
code = "IEO"
name = "Interventions, Evaluations and Opportunities Working Group"
short_name = "IEO"

[[providers]]
name = "Society of St James"
full_name = "Society of St James"

[[outcomes]]
code = "5.1"
title = "Decreased risk factors"
working_group = "IEO"

[[success_measures]]
code = "5.1.1"
title = "Young people moving towards education, training and employment"

[[scales]]
name = "RESET Outcomes Star"
provider = "Society of St James"
areas = ["Meaningful use of time", "Offending"]
minimum = 1
maximum = 10
whole_numbers = true
good_direction = "up"
"""


def _measure(code: str, **fields: object) -> str:
    """One [[measures]] table: a valid readings-based measure unless fields say otherwise."""
    values: dict[str, object] = {
        "code": code,
        "title": "Average score change",
        "description": "Society of St James: average score change - RESET monitoring data.",
        "working_group": "IEO",
        "provider": "Society of St James",
        "data_source": "RESET monitoring data",
        "kind": "mean_change",
        "polarity": "higher",
        "scale": "RESET Outcomes Star",
        "area": "Meaningful use of time",
    }
    values.update(fields)
    lines = [f"{key} = {json.dumps(value)}" for key, value in values.items() if value is not None]
    return "\n[[measures]]\n" + "\n".join(lines) + "\n"


def _write(tmp_path: Path, *measures: str, preamble: str = _PREAMBLE) -> Path:
    path = tmp_path / "catalogue.toml"
    path.write_text(preamble + "".join(measures), encoding="utf-8")
    return path


def test_the_small_catalogue_used_below_is_valid(tmp_path: Path) -> None:
    path = _write(tmp_path, _measure("5.1.1.a"), _measure("5.1.1.b", kind="pct_improved"))
    assert [m.code for m in load_catalogue(path).measures] == ["5.1.1.a", "5.1.1.b"]


@pytest.mark.parametrize(
    ("second_measure", "expected"),
    [
        pytest.param(_measure("5.1.1.a"), ["5.1.1.a", "more than once"], id="duplicate-code"),
        pytest.param(
            _measure("5.1.1.b", working_group="Youth Board"),
            ["5.1.1.b", "Youth Board"],
            id="unknown-working-group",
        ),
        pytest.param(
            _measure("5.1.1.b", provider="Acme Trust"),
            ["5.1.1.b", "Acme Trust"],
            id="unknown-provider",
        ),
        pytest.param(
            _measure("5.1.1.b", scale="Wellbeing Star"),
            ["5.1.1.b", "Wellbeing Star"],
            id="unknown-scale",
        ),
        pytest.param(
            _measure("5.1.1.b", area="Housing"), ["5.1.1.b", "Housing"], id="unknown-area"
        ),
        pytest.param(
            _measure("5.1.1.b", area=None),
            ["5.1.1.b", "several areas"],
            id="area-missing-on-a-several-area-scale",
        ),
        pytest.param(
            _measure("5.1.2.a"), ["5.1.2.a", "success measure 5.1.2"], id="no-success-measure"
        ),
        pytest.param(_measure("5.1.1.b", colour="blue"), ["5.1.1.b", "colour"], id="extra-field"),
        pytest.param(_measure("5.1.1.b", kind="ratio"), ["5.1.1.b", "kind"], id="bad-kind"),
        pytest.param(
            _measure("5.1.1.b", polarity="up"), ["5.1.1.b", "polarity"], id="bad-polarity"
        ),
        pytest.param(
            _measure("5.1.1.b", kind="count"),
            ["5.1.1.b", "cannot take a scale"],
            id="scale-on-a-count",
        ),
        pytest.param(_measure("5.1.1"), ["5.1.1", "code"], id="code-without-letter"),
    ],
)
def test_a_broken_measure_fails_at_load_naming_it(
    tmp_path: Path, second_measure: str, expected: list[str]
) -> None:
    path = _write(tmp_path, _measure("5.1.1.a"), second_measure)
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(path)
    message = str(raised.value)
    for part in expected:
        assert part in message


def test_a_broken_scale_fails_at_load_naming_it(tmp_path: Path) -> None:
    preamble = _PREAMBLE.replace('good_direction = "up"', 'good_direction = "sideways"')
    path = _write(tmp_path, _measure("5.1.1.a"), preamble=preamble)
    with pytest.raises(CatalogueError, match="RESET Outcomes Star") as raised:
        load_catalogue(path)
    assert "good_direction" in str(raised.value)


def test_an_unknown_field_in_a_working_group_fails_naming_it(tmp_path: Path) -> None:
    preamble = _PREAMBLE.replace('short_name = "IEO"', 'short_name = "IEO"\nchairs = "VRU"')
    path = _write(tmp_path, _measure("5.1.1.a"), preamble=preamble)
    with pytest.raises(CatalogueError, match="'IEO'.*chairs"):
        load_catalogue(path)


def test_an_objective_of_an_unknown_group_fails_naming_it(tmp_path: Path) -> None:
    preamble = _PREAMBLE.replace(
        'working_group = "IEO"\n\n[[working_groups]]', 'working_group = "XYZ"\n\n[[working_groups]]'
    )
    path = _write(tmp_path, _measure("5.1.1.a"), preamble=preamble)
    with pytest.raises(CatalogueError, match="SO4.*XYZ"):
        load_catalogue(path)


def test_a_bad_rebase_period_fails_naming_the_measure(tmp_path: Path) -> None:
    rebase = '\n[[measures.rebase]]\nperiod = "2024/25"\nreason = "New referral route"\n'
    path = _write(tmp_path, _measure("5.1.1.a") + rebase)
    with pytest.raises(CatalogueError, match="5.1.1.a.*rebase"):
        load_catalogue(path)


def test_a_file_that_is_not_toml_fails_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.toml"
    path.write_text('[[measures]]\ncode = "5.1.1.a\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match="cannot read the catalogue"):
        load_catalogue(path)


def test_a_missing_file_fails_with_its_path(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="missing.toml"):
        load_catalogue(tmp_path / "missing.toml")


def test_a_file_not_saved_as_utf8_fails_with_its_path_and_what_to_do(tmp_path: Path) -> None:
    path = _write(tmp_path, _measure("5.1.1.a"))
    text = path.read_text(encoding="utf-8").replace('title = "', 'title = "Café ', 1)
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(path)
    message = str(raised.value)
    assert str(path) in message and "save it as UTF-8" in message
    assert f"line {text[: text.index('Café')].count(chr(10)) + 1}" in message


def test_a_measure_code_is_found_whatever_its_case(catalogue: Catalogue) -> None:
    assert catalogue.measure_coded(" 5.1.3.A ") is catalogue.measure("5.1.3.a")
    assert catalogue.measure_coded("9.9.9.z") is None


def test_the_earliest_period_is_2015_16_unless_the_catalogue_says(tmp_path: Path) -> None:
    path = _write(tmp_path, _measure("5.1.1.a"))
    assert load_catalogue(path).earliest_period == "2015/16"
    assert load_catalogue(path).earliest_start == dt.date(2015, 4, 1)
    later = _write(
        tmp_path, _measure("5.1.1.a"), preamble='earliest_period = "FY2018-19"\n' + _PREAMBLE
    )
    assert load_catalogue(later).earliest_period == "2018/19"
    assert load_catalogue(later).earliest_start == dt.date(2018, 4, 1)


@pytest.mark.parametrize("label", ["2018/19 Q2", "2018", "0000/01"])
def test_an_earliest_period_that_is_not_a_financial_year_fails_naming_it(
    tmp_path: Path, label: str
) -> None:
    path = _write(
        tmp_path, _measure("5.1.1.a"), preamble=f'earliest_period = "{label}"\n' + _PREAMBLE
    )
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(path)
    assert f"earliest_period: '{label}' is not a financial year" in str(raised.value)
