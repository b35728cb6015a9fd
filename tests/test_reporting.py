"""The board's tables, from hand-built figures frames with values worked out by hand."""

from __future__ import annotations

import datetime as dt
import math
import tomllib

import pandas as pd
import pytest

from vrp_metrics import measure_detail, periods, reporting
from vrp_metrics.catalogue import DEFAULT_CATALOGUE, Catalogue, load_catalogue
from vrp_metrics.metrics import FIGURE_COLUMNS, figures_for_period
from vrp_metrics.reporting.spc_status import TOO_FEW, TOO_FEW_SINCE_REBASE, rebase_positions
from vrp_metrics.returns.report import Problem

CATALOGUE = load_catalogue()


def catalogue_with(**changes: dict) -> Catalogue:
    """The real catalogue with some measures' entries changed (keys are codes, "." → "_")."""
    data = tomllib.loads(DEFAULT_CATALOGUE.read_text(encoding="utf-8"))
    for measure in data["measures"]:
        measure.update(changes.get(measure["code"].replace(".", "_"), {}))
    return Catalogue.model_validate(data)


def quarter_rows(
    code: str,
    values: list[float | None],
    *,
    first: str = "2024/25 Q1",
    rags: list[str] | None = None,
    source: str = "return",
    **per_row: list,
) -> list[dict]:
    """One figures row per quarter from ``first``, each compared with the quarter before."""
    start = periods.parse_period(first)
    rows = []
    for i, value in enumerate(values):
        period = start + i
        previous = values[i - 1] if i else None
        compared = previous is not None and value is not None
        rows.append(
            {
                "measure_code": code,
                "period": periods.format_period(period),
                "period_type": "quarter",
                "period_start": period.start_time,
                "value": value,
                "rag": rags[i] if rags else ("amber" if compared else "grey"),
                "rag_basis": "comparator" if compared else "no comparator",
                "comparator_start": (period - 1).start_time if i else None,
                "comparator_value": previous,
                "change": value - previous if compared else None,
                "comparator_period": periods.format_period(period - 1) if i else None,
                "source": source,
                "quarters": 1,
                **{column: column_values[i] for column, column_values in per_row.items()},
            }
        )
    return rows


def figures_frame(*row_lists: list[dict]) -> pd.DataFrame:
    """A frame shaped like ``measure_figures``' from hand-written rows."""
    frame = pd.DataFrame(
        [row for rows in row_lists for row in rows],
        columns=[*FIGURE_COLUMNS, "comparator_period"],
    )
    for column in ("value", "target", "comparator_value", "change"):
        frame[column] = frame[column].astype("float64")
    for column in ("numerator", "denominator", "cohort_size", "quarters"):
        frame[column] = frame[column].astype("Int64")
    for column in ("period_start", "comparator_start"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


# --- formatting -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (1090.0, "count", "1,090"),
        (57, "count", "57"),
        (72.41379, "percentage", "72.4%"),
        (100.0, "pct_improved", "100.0%"),
        (65.0, "tracker_green_pct", "65.0%"),
        (0.4234, "mean_change", "+0.42 points"),
        (-0.727, "mean_change", "-0.73 points"),
        (-0.004, "mean_change", "0.00 points"),
        (None, "count", "—"),
        (math.nan, "percentage", "—"),
        (pd.NA, "mean_change", "—"),
    ],
)
def test_values_are_written_with_their_unit(value, kind, expected):
    assert reporting.format_value(value, kind) == expected


@pytest.mark.parametrize(
    ("change", "kind", "expected"),
    [
        (40.0, "count", "+40"),
        (-855.0, "count", "-855"),
        (0.0, "count", "0"),
        (4.319, "percentage", "+4.3 pp"),
        (-27.807, "pct_improved", "-27.8 pp"),
        (1.2727, "mean_change", "+1.27 points"),
        (None, "count", "—"),
    ],
)
def test_changes_carry_a_sign_and_percentage_points(change, kind, expected):
    assert reporting.format_change(change, kind) == expected


def test_the_basis_is_the_fraction_or_the_cohort():
    assert reporting.format_basis("percentage", 31, 42, None) == "31 / 42"
    assert reporting.format_basis("pct_improved", 16, 27, 27) == "16 / 27"
    assert reporting.format_basis("mean_change", None, None, 57) == "n = 57"
    assert reporting.format_basis("count", None, None, None) == ""
    assert reporting.format_basis("percentage", pd.NA, pd.NA, pd.NA) == ""


def test_rag_is_written_with_the_theme_symbol_and_word():
    assert reporting.rag_text("green") == "● Green"
    assert reporting.rag_text("amber") == "◆ Amber"
    assert reporting.rag_text("red") == "■ Red"
    assert reporting.rag_text("grey") == "○ Not rated"
    assert reporting.rag_text(None) == "○ Not rated"


# --- RAG counts -------------------------------------------------------------------------


def one_quarter(rags: dict[str, str]) -> pd.DataFrame:
    rows = [
        {**quarter_rows(code, [1.0])[0], "rag": rag, "rag_basis": "comparator"}
        for code, rag in rags.items()
    ]
    return figures_for_period(figures_frame(rows), CATALOGUE, "2024/25 Q1")


def test_rag_counts_by_objective_have_all_four_columns_and_a_total():
    frame = one_quarter(
        {"1.1.1.e": "green", "1.1.1.f": "red", "2.2.2.a": "green", "5.1.5.a": "amber"}
    )
    counts = reporting.rag_counts(frame, CATALOGUE, by="objective")
    assert list(counts.columns) == list(reporting.COUNT_COLUMNS)
    assert counts["objective"].tolist() == ["SO1", "SO2", "SO3", "SO4"]
    so1 = counts.iloc[0]
    # TVRP has four quarterly measures: two green, one red, and 2.3.3.a with no figure.
    assert (so1["green"], so1["amber"], so1["red"], so1["grey"], so1["total"]) == (2, 0, 1, 1, 4)
    so2 = counts.iloc[1]
    assert (so2["green"], so2["amber"], so2["red"], so2["grey"], so2["total"]) == (0, 0, 0, 1, 1)
    so4 = counts.iloc[3]
    assert (so4["green"], so4["amber"], so4["red"], so4["grey"]) == (0, 1, 0, 18)
    assert so4["working_group_name"] == "IEO"


def test_rag_counts_by_working_group_list_the_groups_that_own_measures():
    frame = one_quarter({"4.3.1.a": "red", "4.3.1.b": "red", "4.2.1.a": "green"})
    counts = reporting.rag_counts(frame, CATALOGUE, by="working_group")
    assert counts["working_group"].tolist() == ["TVRP", "DAWG", "ENG", "IEO"]
    eng = counts.set_index("working_group").loc["ENG"]
    assert (eng["green"], eng["amber"], eng["red"], eng["grey"], eng["total"]) == (1, 0, 2, 0, 3)
    assert eng["objective"] == "SO3"
    assert counts[list(reporting.RAG_COLUMNS)].dtypes.eq("int64").all()


def test_rag_counts_refuse_an_unknown_grouping():
    with pytest.raises(ValueError, match="by must be"):
        reporting.rag_counts(one_quarter({}), CATALOGUE, by="provider")  # type: ignore[arg-type]


# --- measure series ---------------------------------------------------------------------


def test_a_series_runs_oldest_first_and_stops_at_the_chosen_quarter():
    figures = figures_frame(
        quarter_rows(
            "2.2.2.a",
            [50.0, 60.0, 75.0, 80.0],
            numerator=[5, 6, 12, 12],
            denominator=[10, 10, 16, 15],
        )
    )
    series = reporting.measure_series(figures, CATALOGUE, "2.2.2.a", "2024/25 Q3")
    assert list(series.columns) == list(reporting.SERIES_COLUMNS)
    assert series["period"].tolist() == ["2024/25 Q1", "2024/25 Q2", "2024/25 Q3"]
    last = series.iloc[-1]
    assert last["value_text"] == "75.0%"
    assert last["based_on"] == "12 / 16"
    assert last["change_text"] == "+15.0 pp"
    assert last["comparator_text"] == "60.0%"
    assert last["rag_text"] == "◆ Amber"
    assert last["source_text"] == "Partner return"
    # A financial year runs the series to its last quarter.
    whole = reporting.measure_series(figures, CATALOGUE, "2.2.2.a", "2024/25")
    assert whole["period"].tolist()[-1] == "2024/25 Q4"
    assert len(reporting.measure_series(figures, CATALOGUE, "2.2.2.a")) == 4


def test_a_series_skips_quarters_without_a_value_and_ignores_year_rows():
    rows = quarter_rows("5.1.3.a", [45.0, None, 48.0])
    year = {**rows[0], "period": "2024/25", "period_type": "year", "value": 93.0}
    series = reporting.measure_series(figures_frame(rows, [year]), CATALOGUE, "5.1.3.a")
    assert series["period"].tolist() == ["2024/25 Q1", "2024/25 Q3"]
    assert series["value"].tolist() == [45.0, 48.0]


def test_an_annual_measure_has_a_yearly_series_up_to_the_year_of_a_quarter():
    years = [
        {
            "measure_code": "4.3.1.c",
            "period": periods.format_period(periods.year(start)),
            "period_type": "year",
            "period_start": periods.year(start).start_time,
            "value": value,
            "rag": "green",
            "rag_basis": "comparator",
            "source": "return",
        }
        for start, value in ((2023, 1836.0), (2024, 2235.0), (2025, 2846.0))
    ]
    figures = figures_frame(years)
    series = reporting.measure_series(figures, CATALOGUE, "4.3.1.c", "2024/25 Q3")
    assert series["period"].tolist() == ["2023/24", "2024/25"]
    assert series["value_text"].tolist() == ["1,836", "2,235"]


def test_an_empty_series_keeps_its_columns():
    series = reporting.measure_series(figures_frame([]), CATALOGUE, "5.1.2.c", "2024/25 Q1")
    assert series.empty
    assert list(series.columns) == list(reporting.SERIES_COLUMNS)


# --- SPC icons --------------------------------------------------------------------------

# Mean 14.875; moving ranges 2, 1, 2, 3, 2, 1, 29; screening drops 29 (above 3.267 × the
# mean moving range 40/7), leaving a mean moving range of 11/6, so the upper process
# limit is 14.875 + 2.66 × 11/6 = 19.75 and the lower 9.998: the last value, 40, is
# far above the upper limit.
SPIKE = [10.0, 12.0, 11.0, 13.0, 10.0, 12.0, 11.0, 40.0]


def test_a_spike_is_an_improvement_when_higher_is_better_and_a_concern_when_lower_is():
    figures = figures_frame(quarter_rows("5.1.3.a", SPIKE), quarter_rows("1.1.1.e", SPIKE))
    icons = reporting.spc_icons(figures, CATALOGUE, "2026/27 Q1").set_index("measure_code")
    assert list(icons.reset_index().columns) == list(reporting.SPC_COLUMNS)
    assert icons.loc["5.1.3.a", "variation_icon"] == "improvement_high"  # higher is better
    assert icons.loc["1.1.1.e", "variation_icon"] == "concern_high"  # lower is better
    assert icons.loc["5.1.3.a", "variation_label"] == "Improving (unusually high)"
    assert icons.loc["5.1.3.a", "variation_text"].startswith("Special cause variation of an")
    assert icons.loc["5.1.3.a", "assurance_icon"] is None  # no target in the catalogue
    assert icons.loc["5.1.3.a", "assurance_label"] == "No assurance without a target"
    assert icons.loc["5.1.3.a", "spc_quarters"] == 8
    assert icons.loc["5.1.3.a", "spc_to_period"] == "2025/26 Q4"


@pytest.mark.parametrize(
    ("target", "icon", "label"),
    [
        (5.0, "pass", "Consistently meets target"),  # below the lower limit, higher is good
        (30.0, "fail", "Consistently misses target"),  # above the upper limit
        (15.0, "inconsistent", "Hit and miss against target"),
    ],
)
def test_the_assurance_icon_compares_the_target_with_the_limits(target, icon, label):
    catalogue = catalogue_with(**{"5_1_3_a": {"target": target}})
    figures = figures_frame(quarter_rows("5.1.3.a", SPIKE))
    icons = reporting.spc_icons(figures, catalogue, "2026/27 Q1").set_index("measure_code")
    assert icons.loc["5.1.3.a", "assurance_icon"] == icon
    assert icons.loc["5.1.3.a", "assurance_label"] == label


def test_too_few_quarters_give_no_icons_and_say_why():
    figures = figures_frame(quarter_rows("5.1.3.a", SPIKE[:6]))
    icons = reporting.spc_icons(figures, CATALOGUE, "2026/27 Q1").set_index("measure_code")
    row = icons.loc["5.1.3.a"]
    assert row["variation_icon"] is None and row["assurance_icon"] is None
    assert row["variation_text"] == TOO_FEW == "Too few quarters for SPC"
    assert row["spc_quarters"] == 6
    assert icons.loc["5.1.5.a", "spc_quarters"] == 0  # no figures at all
    assert icons.loc["4.3.1.c", "variation_icon"] is None  # the annual measure


def test_the_series_for_spc_ends_at_the_chosen_period():
    figures = figures_frame(quarter_rows("5.1.3.a", SPIKE))
    # Up to 2025/26 Q3 the spike (2025/26 Q4) is not yet in: seven ordinary quarters.
    before = reporting.spc_icons(figures, CATALOGUE, "2025/26 Q3").set_index("measure_code")
    assert before.loc["5.1.3.a", "variation_icon"] == "common_cause"
    assert before.loc["5.1.3.a", "spc_quarters"] == 7
    # A financial year reads up to its last quarter with a figure.
    year = reporting.spc_icons(figures, CATALOGUE, "2025/26").set_index("measure_code")
    assert year.loc["5.1.3.a", "variation_icon"] == "improvement_high"
    assert year.loc["5.1.3.a", "spc_to_period"] == "2025/26 Q4"


def test_a_rebase_starts_a_new_group_so_a_lasting_shift_is_no_longer_a_signal():
    shifted = [10.0, 10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 10.0, 30.0, 31.0, 30.0, 31.0, 30.0]
    shifted += [31.0, 30.0]
    figures = figures_frame(quarter_rows("5.1.3.a", shifted))
    plain = reporting.spc_icons(figures, CATALOGUE, "2027/28 Q3").set_index("measure_code")
    assert plain.loc["5.1.3.a", "variation_icon"] == "improvement_high"  # a run above the mean
    rebased = catalogue_with(
        **{"5_1_3_a": {"rebase": [{"period": "2026/27 Q1", "reason": "Referral criteria"}]}}
    )
    icons = reporting.spc_icons(figures, rebased, "2027/28 Q3").set_index("measure_code")
    assert icons.loc["5.1.3.a", "variation_icon"] == "common_cause"


def test_a_short_group_after_a_rebase_says_so_rather_than_no_significant_change():
    shifted = [10.0, 10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 10.0, 30.0, 31.0, 30.0, 31.0, 30.0]
    shifted += [31.0, 30.0]
    figures = figures_frame(quarter_rows("5.1.3.a", shifted))
    # From 2024/25 Q1, 2026/27 Q3 is the 11th quarter: the new group has 5 points up to
    # 2027/28 Q3, too few for limits, so no signal is judged (and RAG is not on SPC).
    rebased = catalogue_with(
        **{"5_1_3_a": {"rebase": [{"period": "2026/27 Q3", "reason": "Referral criteria"}]}}
    )
    icons = reporting.spc_icons(figures, rebased, "2027/28 Q3").set_index("measure_code")
    assert icons.loc["5.1.3.a", "variation_icon"] is None
    assert icons.loc["5.1.3.a", "variation_label"] == TOO_FEW_SINCE_REBASE


def test_rebase_positions_are_the_first_quarter_on_or_after_each_rebase():
    measure = catalogue_with(
        **{
            "5_1_3_a": {
                "rebase": [
                    {"period": "2024/25 Q3", "reason": "a"},
                    {"period": "2024/25 Q1", "reason": "at the first point: no change"},
                    {"period": "2030/31 Q1", "reason": "after the last point"},
                ]
            }
        }
    ).measure("5.1.3.a")
    starts = pd.Series(
        [periods.parse_period(p).start_time for p in ("2024/25 Q1", "2024/25 Q2", "2024/25 Q4")]
    )
    assert rebase_positions(measure, starts) == [2]


# --- the overview table -----------------------------------------------------------------


def overview_figures() -> pd.DataFrame:
    return figures_frame(
        quarter_rows(
            "2.2.2.a",
            [50.0, 60.0, 75.0, 72.4],
            numerator=[5, 6, 12, 21],
            denominator=[10, 10, 16, 29],
            rags=["grey", "green", "green", "amber"],
        ),
        quarter_rows(
            "5.1.2.c",
            [-1.25, -0.83, -0.4, 0.42],
            cohort_size=[4, 6, 13, 57],
            rags=["grey", "red", "red", "red"],
            source="readings",
        ),
        quarter_rows("4.3.1.a", [float(v) for v in range(100, 1000, 100)], first="2022/23 Q4"),
    )


def test_the_overview_lists_every_quarterly_measure_for_a_quarter():
    table = reporting.overview_table(overview_figures(), CATALOGUE, "2024/25 Q4")
    assert list(table.columns) == list(reporting.OVERVIEW_COLUMNS)
    quarterly = {m.code for m in CATALOGUE.measures if m.frequency.value == "quarterly"}
    assert set(table["measure_code"]) == quarterly
    assert "4.3.1.c" not in quarterly  # the annual measure
    year = reporting.overview_table(overview_figures(), CATALOGUE, "2024/25")
    assert set(year["measure_code"]) == {m.code for m in CATALOGUE.measures}


def test_the_overview_row_formats_the_figure_and_keeps_the_raw_columns():
    table = reporting.overview_table(overview_figures(), CATALOGUE, "2024/25 Q4")
    row = table.set_index("measure_code").loc["2.2.2.a"]
    assert row["value"] == 72.4 and row["value_text"] == "72.4%"
    assert row["based_on"] == "21 / 29"
    assert row["comparator_text"] == "75.0%" and row["comparator_period"] == "2024/25 Q3"
    assert row["comparator_period_text"] == "2024/25 Q3"
    assert row["change_text"] == "-2.6 pp"
    assert row["rag"] == "amber" and row["rag_text"] == "◆ Amber"
    assert (
        row["statement"] == "◆ Amber in 2024/25 Q4: 72.4% (21 / 29), -2.6 pp on 2024/25 Q3 (75.0%)."
    )
    assert row["trend"] == [50.0, 60.0, 75.0, 72.4]
    assert row["source_text"] == "Partner return"
    assert row["working_group_name"] == "TVRP" and row["provider"] == "VRU"
    assert row["link"] == "measure?measure=2.2.2.a&period=2024%2F25%20Q4"
    assert row["variation_label"] == TOO_FEW
    mean = table.set_index("measure_code").loc["5.1.2.c"]
    assert mean["value_text"] == "+0.42 points" and mean["based_on"] == "n = 57"
    assert mean["change_text"] == "+0.82 points" and mean["rag_text"] == "■ Red"
    assert mean["source_text"] == "Outcome readings"


def test_a_missing_comparator_period_is_shown_as_a_dash_never_as_none():
    # 2024/25 Q1 is the first quarter of most series: nothing to compare it with; 5.1.5.a
    # and the annual 4.3.1.c (for the year) have no figure at all.
    for period in ("2024/25 Q1", "2024/25"):
        table = reporting.overview_table(overview_figures(), CATALOGUE, period)
        missing = table["comparator_period"].isna()
        assert missing.any(), period
        assert set(table.loc[missing, "comparator_period_text"]) == {"—"}, period
        assert "None" not in set(table["comparator_period_text"])
    first = reporting.overview_table(overview_figures(), CATALOGUE, "2024/25 Q1")
    assert first.set_index("measure_code").loc["2.2.2.a", "comparator_period_text"] == "—"
    assert reporting.period_text(None) == "—"
    assert reporting.period_text(float("nan")) == "—"
    assert reporting.period_text(pd.NA) == "—"
    assert reporting.period_text("2024/25 Q3") == "2024/25 Q3"


def test_text_from_outside_is_escaped_for_markdown():
    assert reporting.escape_markdown("9.9.9") == "9.9.9"
    assert reporting.escape_markdown("2*3*4 = 24") == "2\\*3\\*4 = 24"
    assert reporting.escape_markdown("# Action") == "\\# Action"
    assert reporting.escape_markdown("[x](e.g)") == "\\[x\\]\\(e.g\\)"
    assert reporting.escape_markdown("<b>") == "\\<b\\>"
    assert reporting.escape_markdown("1. first") == "1\\. first"
    # An image (fetched by every viewer), and bare addresses that GFM links after reading
    # escapes: an invisible word joiner (WJ) keeps them text.
    wj = "\N{WORD JOINER}"
    assert reporting.escape_markdown("![t](http://x/b.png)") == (
        f"\\!\\[t\\]\\(http\\:{wj}//x/b.png\\)"
    )
    assert reporting.escape_markdown("see www.x.org") == f"see www{wj}.x.org"
    assert reporting.escape_markdown("ann@x.org") == f"ann{wj}\\@x.org"
    # A list, a rule or a heading underline at a line's start; a negative number is not.
    assert reporting.escape_markdown("- one\n+ two") == "\\- one\n\\+ two"
    assert reporting.escape_markdown("Title\n===") == "Title\n\\==="
    assert reporting.escape_markdown("---") == "\\---"
    assert reporting.escape_markdown("-1.3 and +0.42 points") == "-1.3 and +0.42 points"
    assert reporting.escape_markdown(":red[alarm] :material/home:") == (
        "\\:red\\[alarm\\] \\:material/home\\:"
    )


def test_the_sparkline_is_the_last_eight_quarters_up_to_the_period():
    table = reporting.overview_table(overview_figures(), CATALOGUE, "2024/25 Q3")
    row = table.set_index("measure_code").loc["4.3.1.a"]
    # 2022/23 Q4 (100) to 2024/25 Q3 (800): eight quarters, all of them.
    assert row["trend"] == [100.0, 200.0, 300.0, 400.0, 500.0, 600.0, 700.0, 800.0]
    later = reporting.overview_table(overview_figures(), CATALOGUE, "2024/25 Q4")
    assert later.set_index("measure_code").loc["4.3.1.a", "trend"][0] == 200.0


def test_a_measure_without_a_figure_is_listed_as_not_rated():
    table = reporting.overview_table(overview_figures(), CATALOGUE, "2024/25 Q4")
    row = table.set_index("measure_code").loc["5.1.5.a"]
    assert row["rag"] == "grey" and row["rag_text"] == "○ Not rated"
    assert row["value_text"] == "—" and row["based_on"] == "" and row["trend"] == []
    assert row["statement"] == (
        "○ Not rated in 2024/25 Q4: no figure yet — its return or readings have not arrived."
    )


def test_commentary_is_flagged_only_for_the_chosen_period():
    commentary = pd.DataFrame(
        {
            "measure_code": ["2.2.2.a", "5.1.2.c"],
            "period": ["2024/25 Q4", "2024/25 Q3"],
            "body": ["Up on last year", "Fewer referrals"],
            "author": ["A. Chair", "A. Chair"],
            "written_at": pd.to_datetime(["2025-02-01", "2025-01-01"]),
        }
    )
    table = reporting.overview_table(overview_figures(), CATALOGUE, "2024/25 Q4", commentary)
    flagged = table.set_index("measure_code")["has_commentary"]
    assert flagged["2.2.2.a"] and not flagged["5.1.2.c"]
    assert flagged.sum() == 1


def test_the_overview_can_keep_one_working_group():
    table = reporting.overview_table(
        overview_figures(), CATALOGUE, "2024/25 Q4", working_group="ENG"
    )
    assert table["measure_code"].tolist() == ["4.2.1.a", "4.3.1.a", "4.3.1.b"]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"rag_basis": "target", "target": 75.0, "rag": "red"},
            "■ Red in 2024/25 Q4: 72.4% (21 / 29) against a target of 75.0%.",
        ),
        (
            {"rag_basis": "no comparator", "rag": "grey"},
            "○ Not rated in 2024/25 Q4: 72.4% (21 / 29) — no figure for its comparator "
            "period, so it is not rated.",
        ),
        (
            {"rag_basis": "part year", "rag": "grey", "period": "2024/25"},
            "○ Not rated in 2024/25: 72.4% (21 / 29) so far — the year is not complete, so "
            "it is not rated.",
        ),
        (
            {"change": 0.0, "comparator_value": 72.4},
            "◆ Amber in 2024/25 Q4: 72.4% (21 / 29), no change on 2024/25 Q3 (72.4%).",
        ),
    ],
)
def test_the_statement_says_what_the_rating_rests_on(changes, expected):
    row = overview_figures().iloc[3].to_dict() | changes
    assert reporting.period_statement(row, "percentage") == expected


# --- the OBPF tree ----------------------------------------------------------------------


def test_the_objective_tree_nests_outcomes_success_measures_and_measures():
    tree = reporting.objective_tree(CATALOGUE, "SO4")
    assert [node.outcome.code for node in tree] == ["5.1", "5.2", "5.3"]
    first = tree[0]
    assert [sm.success_measure.code for sm in first.success_measures] == [
        "5.1.1",
        "5.1.2",
        "5.1.3",
        "5.1.4",
        "5.1.5",
        "5.1.6",
    ]
    mental_health = first.success_measures[1]
    assert mental_health.success_measure.title == "Improved mental health amongst young people"
    assert [m.code for m in mental_health.measures] == ["5.1.2.a", "5.1.2.b", "5.1.2.c", "5.1.2.d"]
    in_tree = [m.code for node in tree for sm in node.success_measures for m in sm.measures]
    assert sorted(in_tree) == sorted(m.code for m in CATALOGUE.measures if m.working_group == "IEO")


def test_the_engagement_objective_has_two_outcomes_and_the_annual_measure():
    tree = reporting.objective_tree(CATALOGUE, "SO3")
    assert [node.outcome.code for node in tree] == ["4.2", "4.3"]
    codes = [m.code for m in tree[1].success_measures[0].measures]
    assert codes == ["4.3.1.a", "4.3.1.b", "4.3.1.c"]


# --- missing returns --------------------------------------------------------------------


def test_missing_returns_are_phrased_per_provider_and_return():
    missing = pd.DataFrame(
        {
            "provider": ["Artswork", "Artswork", "Society of St James"],
            "return_name": ["measure return", "measure return", "RESET Outcomes Star readings"],
            "measure_code": ["5.1.5.a", "5.1.6.a", "5.1.1.a"],
            "title": ["Young people reached", "School staff engaged", "Average score change"],
            "period": ["2026/27 Q2"] * 3,
        }
    )
    notes = reporting.missing_return_notes(missing)
    assert notes["message"].tolist() == [
        "No return from Artswork for 2026/27 Q2 yet — upload it on the Upload returns page.",
        "No RESET Outcomes Star readings from Society of St James for 2026/27 Q2 yet — "
        "upload it on the Upload returns page.",
    ]
    assert notes["measures"].iloc[0] == "5.1.5.a Young people reached; 5.1.6.a School staff engaged"


def test_no_missing_returns_give_an_empty_frame_with_its_columns():
    empty = pd.DataFrame(columns=["provider", "return_name", "measure_code", "title", "period"])
    notes = reporting.missing_return_notes(empty)
    assert notes.empty
    assert list(notes.columns) == ["provider", "return_name", "period", "measures", "message"]


# --- the pages' words: counts, SPC, periods, commentary, batches, plain tables ----------


def test_the_counts_of_an_objective_or_a_working_group():
    frame = one_quarter({"4.3.1.a": "red", "4.2.1.a": "green"})
    by_objective = reporting.rag_counts(frame, CATALOGUE, by="objective")
    assert reporting.counts_of(by_objective, "SO3")["red"] == 1
    by_group = reporting.rag_counts(frame, CATALOGUE, by="working_group")
    assert reporting.counts_of(by_group, "ENG")["green"] == 1


def test_a_measure_row_is_none_when_the_measure_does_not_report_for_the_period():
    table = pd.DataFrame({"measure_code": ["4.3.1.a"], "statement": ["● Green in 2024/25 Q1"]})
    assert reporting.measure_row(table, "4.3.1.a")["statement"] == "● Green in 2024/25 Q1"
    assert reporting.measure_row(table, "4.3.1.c") is None


def test_spc_words_name_a_shared_label_once():
    same = {"variation_label": TOO_FEW, "assurance_label": TOO_FEW}
    same |= {"variation_text": "Fewer than 15.", "assurance_text": "Fewer than 15."}
    assert reporting.spc_words(same) == (TOO_FEW, "Fewer than 15.")
    both = {"variation_label": "Unusually high", "assurance_label": "No target"}
    both |= {"variation_text": "High.", "assurance_text": "None."}
    assert reporting.spc_words(both) == ("Unusually high · No target", "High.\n\nNone.")


def test_period_options_are_quarters_then_years_newest_first():
    rows = quarter_rows("1.1.1.e", [1.0, 2.0, 3.0, 4.0, 5.0], first="2024/25 Q3")
    years = [
        {**rows[0], "period": y, "period_type": "year", "period_start": pd.Timestamp(s)}
        for y, s in (("2024/25", "2024-04-01"), ("2025/26", "2025-04-01"))
    ]
    assert reporting.period_options(figures_frame(rows + years)) == [
        "2025/26 Q3",
        "2025/26 Q2",
        "2025/26 Q1",
        "2024/25 Q4",
        "2024/25 Q3",
        "2025/26",
        "2024/25",
    ]


def test_the_latest_commentary_is_found_with_its_author():
    commentary = pd.DataFrame(
        {
            "measure_code": ["5.1.5.a", "5.1.5.a", "5.1.5.a"],
            "period": ["2025/26 Q1", "2025/26 Q1", "2025/26 Q2"],
            "body": ["First.", "Up this quarter.\nMore schools.", "Later."],
            "author": ["Sam", "Alex", "Sam"],
            "written_at": pd.to_datetime(
                ["2025-07-01 09:00", "2025-07-02 14:10", "2025-10-01 08:00"]
            ),
        }
    )
    entry = reporting.latest_commentary(commentary, "5.1.5.a", "2025/26 Q1")
    assert entry["body"] == "Up this quarter.\nMore schools."
    assert reporting.written_by(entry) == "Written by Alex on 02 July 2025 at 14:10"
    assert reporting.latest_commentary(commentary, "5.1.6.a", "2025/26 Q1") is None


def batches_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "batch_id": [3, 2, 1],
            "file_name": ["rock_pool.csv", "star.csv", "rock_pool.csv"],
            "kind": ["measure", "readings", "measure"],
            "loaded_by": ["Sam", "Alex", "Sam"],
            "loaded_at": pd.to_datetime(
                ["2025-07-03 10:00", "2025-07-02 09:00", "2025-07-01 09:00"]
            ),
            "in_force": [True, False, True],
            "withdrawn_at": pd.to_datetime([None, "2025-07-04 16:30", None]),
            "withdrawn_by": [None, "Alex", None],
            "replaced_batches": [[1], [], []],
        }
    )


def test_batches_in_words():
    batches = batches_frame()
    assert reporting.batches_with_status(batches)["status"].tolist() == [
        "In force",
        "Withdrawn 04/07/25 16:30 by Alex",
        "In force",
    ]
    assert reporting.batches_summary(batches) == "3 batches, 2 in force"
    assert reporting.batches_summary(batches.head(1)) == "1 batch, 1 in force"
    assert list(reporting.batches_in_force(batches)) == [3, 1]
    latest = reporting.batches_in_force(batches)[3]
    assert reporting.batch_label(latest) == (
        "Batch 3 · rock_pool.csv · measure return · 03/07/2025, Sam"
    )
    assert reporting.replaced_batches(latest) == [1]


def test_a_plain_text_table_keeps_statuses_on_one_line():
    actions = pd.DataFrame({"status": ["◆ Amber"], "barrier": [None], "other": ["x"]})
    table = reporting.text_table(
        actions, {"status": "Status", "barrier": "Barrier"}, nowrap=("status",)
    )
    assert list(table.columns) == ["Status", "Barrier"]
    assert table.iloc[0].tolist() == ["◆\N{NO-BREAK SPACE}Amber", ""]


def test_problems_are_a_frame_by_spreadsheet_row():
    problems = [
        Problem("a.csv", 3, "value", "-1", "A count cannot be negative."),
        Problem("a.csv", None, None, None, "The file is empty."),
    ]
    frame = reporting.problems_frame(problems)
    assert list(frame.columns) == list(reporting.PROBLEM_COLUMNS)
    assert frame["row"].tolist() == [3, pd.NA]


def test_rag_cells_get_a_light_tint_of_their_colour():
    styles = reporting.rag_cell_styles(["● Green", "○ Not rated", "—"])
    assert styles[0] == "background-color: #c4e4cc"  # 30% of #3aa655 on white
    assert styles[1].startswith("background-color: #")
    assert styles[2] == ""


def year_row(code: str, period: str, value: float, quarters: int, **rest: object) -> dict:
    year = periods.parse_period(period)
    return {
        "measure_code": code,
        "period": period,
        "period_type": "year",
        "period_start": year.start_time,
        "value": value,
        "quarters": quarters,
        "source": "return",
        **rest,
    }


def test_a_part_year_count_shows_its_quarters_so_far_and_no_change():
    whole = year_row("1.1.1.e", "2025/26", 1560.0, 4, rag="grey", rag_basis="no comparator")
    part = year_row(
        "1.1.1.e",
        "2026/27",
        794.0,
        2,
        rag="grey",
        rag_basis="part year",
        comparator_start=pd.Timestamp("2025-04-01"),
        comparator_value=1560.0,
        change=None,  # measure_figures gives a part year no change (figures.sql)
        comparator_period="2025/26",
    )
    figures = figures_frame([whole, part])
    row = reporting.overview_table(figures, CATALOGUE, "2026/27").set_index("measure_code")
    assert row.loc["1.1.1.e", "value_text"] == "794"
    assert row.loc["1.1.1.e", "based_on"] == "2 of 4 quarters"
    assert row.loc["1.1.1.e", "change_text"] == "—"  # not -766 against a whole year
    assert row.loc["1.1.1.e", "rag_text"] == "○ Not rated"
    years = measure_detail.year_table(figures, CATALOGUE, "1.1.1.e")
    assert years["Change on the year before"].tolist() == ["—", "—"]
    assert years["Quarters"].tolist() == ["4 of 4", "2 of 4"]


@pytest.mark.parametrize(
    ("code", "starts"),
    [
        ("1.1.1.e", "A count's year is the sum of its quarters; a part year is shown so far"),
        ("2.2.2.a", "A year's percentage pools the quarters' numerators and denominators"),
        ("3.1.1.a", "A year's figure is its latest quarter with a data tracker return."),
        ("5.1.2.c", "A year's cohort: participants with a reading in the year"),
    ],
)
def test_the_year_rule_is_said_for_the_measure_s_kind(code, starts):
    assert measure_detail.year_rule(CATALOGUE.measure(code)).startswith(starts)


def test_a_missing_figure_says_why_as_far_as_can_be_told():
    day = dt.date(2026, 12, 2)
    running = reporting.no_figure_reason("2026/27", CATALOGUE.measure("4.3.1.c"), today=day)
    assert running == "2026/27 has not ended yet, so its figures are not due."
    cohort = reporting.no_figure_reason("2023/24 Q1", CATALOGUE.measure("5.2.2.a"), today=day)
    assert cohort.startswith("no participant had a reading in it other than their first")
    count = reporting.no_figure_reason("2023/24 Q1", CATALOGUE.measure("1.1.1.e"), today=day)
    assert count == "its return or readings have not arrived."
    assert reporting.awaited_return(CATALOGUE.measure("5.2.2.a")) == "outcome readings or a return"
    assert reporting.awaited_return(CATALOGUE.measure("1.1.1.e")) == "a return"


def test_no_quarterly_figures_at_all_is_said_plainly():
    empty = figures_frame([])
    result, labels, notes = measure_detail.spc_for_measure(empty, CATALOGUE, "1.1.1.e")
    assert (result, labels) == (None, [])
    assert notes == ["No quarterly figures for 1.1.1.e yet: an SPC chart needs at least 7."]
