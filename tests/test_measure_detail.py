"""The measure page's library: score changes and their distribution, cohort sizes,
provenance, the figure in words, and the SPC chart of a measure.

Readings and returns are hand-written CSV files, validated and loaded into a real DuckDB
store; every expected change below is worked out by hand from those rows.
"""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from pathlib import Path

import pandas as pd
import plotly.io as pio
import pytest

from vrp_metrics import measure_detail, reporting
from vrp_metrics.access import local_user
from vrp_metrics.catalogue import (
    Catalogue,
    CompareTo,
    Frequency,
    Kind,
    Polarity,
    load_catalogue,
)
from vrp_metrics.metrics import measure_figures
from vrp_metrics.reporting import status_words
from vrp_metrics.returns.validate import validate_file
from vrp_metrics.store import Store

CATALOGUE = load_catalogue()
TODAY = dt.date(2026, 6, 1)

# A&E Navigators pain scale (a fall is an improvement), area left blank as partners do.
#   P1: baseline 8 (10 Apr); 6 (20 May, Q1); 5 (15 Aug, Q2)
#   P2: baseline 7 (1 May); 7 (30 Sep, the last day of Q2)
#   P3: baseline 9 (30 Jun, the last day of Q1); 10 (1 Jul, Q2); 4 (5 Oct, Q3)
#   P4: a baseline only (15 Jul): never in a cohort
#   P5: baseline 6 (2 Apr); 3 (1 Dec, Q3); 2 (10 Feb 2026, Q4)
PAIN_READINGS = """participant_ref,scale,area,reading_date,score
P1,A&E Navigators pain scale,,10/04/2025,8
P1,A&E Navigators pain scale,,20/05/2025,6
P1,A&E Navigators pain scale,,15/08/2025,5
P2,A&E Navigators pain scale,,01/05/2025,7
P2,A&E Navigators pain scale,,30/09/2025,7
P3,A&E Navigators pain scale,,30/06/2025,9
P3,A&E Navigators pain scale,,01/07/2025,10
P3,A&E Navigators pain scale,,05/10/2025,4
P4,A&E Navigators pain scale,,15/07/2025,5
P5,A&E Navigators pain scale,,02/04/2025,6
P5,A&E Navigators pain scale,,01/12/2025,3
P5,A&E Navigators pain scale,,10/02/2026,2
"""

# Each cohort member's change, by hand: latest score on or before the period's end minus
# the baseline. Q2: P3's 4 in October is after Q2 and must not count.
PAIN_CHANGES = {
    "2025/26 Q1": [-2.0],  # P1 6−8; P3's 30 June reading is its baseline
    "2025/26 Q2": [-3.0, 0.0, 1.0],  # P1 5−8, P2 7−7, P3 10−9
    "2025/26 Q3": [-5.0, -3.0],  # P3 4−9, P5 3−6
    "2025/26 Q4": [-4.0],  # P5 2−6
    "2025/26": [-5.0, -4.0, -3.0, 0.0],  # P3, P5, P1, P2 at 31 March 2026
}

# RESET Outcomes Star (a rise is an improvement), two areas for the same person.
STAR_READINGS = """participant_ref,scale,area,reading_date,score
R1,RESET Outcomes Star,Meaningful use of time,2025-04-05,3
R1,RESET Outcomes Star,Meaningful use of time,2025-06-01,5
R1,RESET Outcomes Star,Emotional and mental health,2025-04-05,6
R1,RESET Outcomes Star,Emotional and mental health,2025-06-01,4
R2,RESET Outcomes Star,Meaningful use of time,2025-05-05,4
R2,RESET Outcomes Star,Meaningful use of time,2025-05-25,4
"""

COUNT_RETURN = """measure_code,period,value,numerator,denominator,cohort_size,comment
5.1.5.a,2025/26 Q1,120,,,,
5.1.5.a,2025/26 Q2,80,,,,
"""

# A re-submitted pain-scale file for 2025/26 Q4 only: P5's February score becomes 5.
PAIN_RESUBMISSION = """participant_ref,scale,area,reading_date,score
P5,A&E Navigators pain scale,,10/02/2026,5
"""


def load(store: Store, path: Path, text: str) -> int:
    path.write_text(text, encoding="utf-8")
    report = validate_file(path, CATALOGUE, today=TODAY)
    assert report.ok, [p.message for p in report.errors]
    return store.load(report, user=local_user("test")).batch_id


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "vrp.duckdb") as s:
        load(s, tmp_path / "no_limits_pain_scale.csv", PAIN_READINGS)
        load(s, tmp_path / "outcomes_star.csv", STAR_READINGS)
        load(s, tmp_path / "artswork_measures.csv", COUNT_RETURN)
        yield s


def changes_of(store: Store, code: str, period: str) -> list[float]:
    return measure_detail.score_changes(store, CATALOGUE, code, period)["change"].tolist()


# --- score_changes ----------------------------------------------------------------------


@pytest.mark.parametrize(("period", "expected"), PAIN_CHANGES.items())
def test_score_changes_follow_the_cohort_rules(store: Store, period: str, expected: list) -> None:
    assert changes_of(store, "5.1.2.c", period) == expected


def test_score_changes_keep_to_the_measure_area(store: Store) -> None:
    assert changes_of(store, "5.1.1.a", "2025/26 Q1") == [0.0, 2.0]
    assert changes_of(store, "5.1.2.a", "2025/26 Q1") == [-2.0]


def test_score_changes_hold_no_participant_reference(store: Store) -> None:
    frame = measure_detail.score_changes(store, CATALOGUE, "5.1.2.c", "2025/26 Q2")
    assert list(frame.columns) == ["change"]


def test_an_empty_cohort_gives_no_rows(store: Store) -> None:
    assert changes_of(store, "5.1.2.c", "2024/25 Q4") == []


def test_a_measure_not_from_readings_has_no_score_changes(store: Store) -> None:
    with pytest.raises(ValueError, match="not derived from outcome readings"):
        measure_detail.score_changes(store, CATALOGUE, "5.1.5.a", "2025/26 Q1")


@pytest.mark.parametrize(
    ("mean_code", "pct_code", "periods"),
    [
        ("5.1.2.c", "5.1.2.d", list(PAIN_CHANGES)),
        ("5.1.1.a", "5.1.1.b", ["2025/26 Q1", "2025/26"]),
        ("5.1.2.a", "5.1.2.b", ["2025/26 Q1", "2025/26"]),
    ],
)
def test_score_changes_agree_with_the_measure_figures(
    store: Store, mean_code: str, pct_code: str, periods: list[str]
) -> None:
    figures = measure_figures(store, CATALOGUE).set_index(["measure_code", "period"])
    direction = CATALOGUE.scale(CATALOGUE.measure(mean_code).scale).good_direction
    for period in periods:
        changes = pd.Series(changes_of(store, mean_code, period))
        mean = figures.loc[(mean_code, period)]
        assert mean["cohort_size"] == len(changes)
        assert mean["value"] == pytest.approx(changes.mean())
        improved = (changes < 0) if direction == "down" else (changes > 0)
        pct = figures.loc[(pct_code, period)]
        assert pct["numerator"] == improved.sum()
        assert pct["denominator"] == len(changes)


def test_a_resubmission_replaces_the_readings_of_its_quarter(store: Store, tmp_path: Path) -> None:
    batch = load(store, tmp_path / "no_limits_pain_scale_q4.csv", PAIN_RESUBMISSION)
    assert changes_of(store, "5.1.2.c", "2025/26 Q4") == [-1.0]  # 5 − 6
    assert changes_of(store, "5.1.2.c", "2025/26 Q3") == [-5.0, -3.0]
    provenance = measure_detail.figure_provenance(
        measure_figures(store, CATALOGUE), store, "5.1.2.c"
    ).set_index("period")
    # The baseline still comes from the first file.
    assert provenance.loc["2025/26 Q4", "batch_ids"] == [1, batch]
    assert provenance.loc["2025/26 Q4", "batches"] == (
        f"batch 1 — no_limits_pain_scale.csv; batch {batch} — no_limits_pain_scale_q4.csv"
    )


# --- change_distribution ----------------------------------------------------------------


def test_whole_number_changes_get_one_row_per_value_with_zero_included() -> None:
    frame = measure_detail.change_distribution(pd.Series([-2.0, -2.0, 0.0, 3.0]))
    assert frame["change"].tolist() == ["-2", "-1", "0", "+1", "+2", "+3"]
    assert frame["participants"].tolist() == [2, 0, 1, 0, 0, 1]
    assert list(frame.columns) == list(measure_detail.DISTRIBUTION_COLUMNS)


def test_zero_is_shown_even_when_nobody_stayed_the_same() -> None:
    frame = measure_detail.change_distribution(pd.DataFrame({"change": [1.0, 2.0]}))
    assert frame["change"].tolist() == ["0", "+1", "+2"]
    assert frame["participants"].tolist() == [0, 1, 1]


def test_decimal_changes_are_grouped_without_a_range_across_zero() -> None:
    changes = pd.Series([-11.5, -0.2, 0.0, 0.3, 4.9, 16.8 - 12.8])
    frame = measure_detail.change_distribution(changes)
    assert frame["participants"].sum() == len(changes)
    assert ((frame["change_to"] <= 0) | (frame["change_from"] >= 0)).all()
    counts = frame.set_index("change")["participants"]
    assert counts["-12 to -11"] == 1  # −12 ≤ −11.5 < −11
    assert counts["-1 to 0"] == 1
    assert counts["0"] == 1
    assert counts["0 to +1"] == 1
    assert counts["+3 to +4"] == 1  # 16.8 − 12.8 is 4.000000000000002 in binary: it is 4
    assert counts["+4 to +5"] == 1


def test_a_wide_whole_number_spread_is_grouped_in_round_ranges() -> None:
    frame = measure_detail.change_distribution(pd.Series([-30.0, -25.0, 0.0, 25.0]))
    assert len(frame) <= measure_detail.changes.MAX_BARS
    counts = frame.set_index("change")["participants"]
    assert counts["-30 to -25"] == 1  # includes −30, not −25
    assert counts["-25 to -20"] == 1
    assert counts["+20 to +25"] == 1  # includes +25


def test_no_changes_give_an_empty_distribution() -> None:
    frame = measure_detail.change_distribution(pd.Series([], dtype=float))
    assert frame.empty
    assert list(frame.columns) == list(measure_detail.DISTRIBUTION_COLUMNS)


def test_a_distribution_needs_room_for_fall_no_change_and_rise() -> None:
    with pytest.raises(ValueError, match="at least 3"):
        measure_detail.change_distribution(pd.Series([1.0]), max_bars=2)


# --- cohort sizes, provenance and tables ------------------------------------------------


def test_cohort_sizes_by_quarter(store: Store) -> None:
    figures = measure_figures(store, CATALOGUE)
    cohorts = measure_detail.cohort_sizes(figures, "5.1.2.c")
    assert cohorts["period"].tolist() == ["2025/26 Q1", "2025/26 Q2", "2025/26 Q3", "2025/26 Q4"]
    assert cohorts["cohort_size"].tolist() == [1, 3, 2, 1]
    upto = measure_detail.cohort_sizes(figures, "5.1.2.c", "2025/26 Q2")
    assert upto["period"].tolist() == ["2025/26 Q1", "2025/26 Q2"]


def test_provenance_names_each_figure_file(store: Store) -> None:
    figures = measure_figures(store, CATALOGUE)
    provenance = measure_detail.figure_provenance(figures, store, "5.1.5.a")
    assert provenance["period"].tolist() == ["2025/26 Q1", "2025/26 Q2", "2025/26"]
    assert set(provenance["batches"]) == {"batch 3 — artswork_measures.csv"}


def test_figures_table_says_the_source_and_batches(store: Store) -> None:
    figures = measure_figures(store, CATALOGUE)
    table = measure_detail.figures_table(figures, store, CATALOGUE, "5.1.2.c", "2025/26 Q3")
    assert list(table.columns) == list(measure_detail.FIGURE_TABLE_COLUMNS)
    assert table["Period"].tolist() == ["2025/26 Q1", "2025/26 Q2", "2025/26 Q3"]
    q2 = table.iloc[1]
    assert q2["Value"] == "-0.67 points"
    assert q2["Based on"] == "n = 3"
    assert q2["Comparator"] == "-2.00 points in 2025/26 Q1"
    assert q2["Source"] == "Outcome readings"
    assert q2["Batches"] == "batch 1 — no_limits_pain_scale.csv"


def test_year_table_counts_quarters_and_drops_basis_for_counts(store: Store) -> None:
    figures = measure_figures(store, CATALOGUE)
    counts = measure_detail.year_table(figures, CATALOGUE, "5.1.5.a", "2025/26 Q2")
    assert "Based on" not in counts.columns
    assert counts.iloc[0].to_dict() == {
        "Financial year": "2025/26",
        "Value": "200",
        "Quarters": "2 of 4",
        "RAG": "○ Not rated: part year (2 of 4 quarters so far)",
        "Change on the year before": "—",
    }
    means = measure_detail.year_table(figures, CATALOGUE, "5.1.2.c")
    assert means["Based on"].tolist() == ["n = 4"]
    assert means["Value"].tolist() == ["-3.00 points"]


# --- the measure in words ---------------------------------------------------------------


def catalogue_with(code: str, **changes: object) -> Catalogue:
    """The real catalogue with one measure's entry changed."""
    data = CATALOGUE.model_dump(mode="json")
    for entry in data["measures"]:
        if entry["code"] == code:
            entry.update(changes)
    return Catalogue.model_validate(data)


def test_measure_choices_follow_working_group_order() -> None:
    choices = measure_detail.measure_choices(CATALOGUE)
    assert len(choices) == len(CATALOGUE.measures)
    groups = [CATALOGUE.measure(code).working_group for code in choices]
    order = [g.code for g in CATALOGUE.working_groups]
    assert groups == sorted(groups, key=order.index)
    assert choices["5.1.2.c"] == "5.1.2.c — Average score change in mental health pain scale"


def test_facts_say_kind_polarity_target_and_scale() -> None:
    facts = dict(measure_detail.measure_facts(CATALOGUE, "5.1.2.c"))
    assert facts["Definition"] == CATALOGUE.measure("5.1.2.c").description
    assert facts["Polarity"] == "Lower is better"
    assert facts["Provider"] == "No Limits"
    assert facts["Target"] == "No target"
    # No target and quarterly: SPC once the chart has limits, else the previous quarter.
    assert facts["RAG basis"].startswith("Each quarter on SPC")
    assert "compared with the previous quarter" in facts["RAG basis"]
    assert "a falling score is an improvement" in facts["Score scale"]
    assert "Score scale" not in dict(measure_detail.measure_facts(CATALOGUE, "5.1.5.a"))
    same_quarter = dict(measure_detail.measure_facts(CATALOGUE, "1.1.1.e"))
    assert "the same quarter last year" in same_quarter["RAG basis"]
    with_target = catalogue_with("2.2.2.a", target=75.0)
    assert measure_detail.target_text(with_target.measure("2.2.2.a")).startswith(
        "75.0% each quarter"
    )


def test_period_figure_in_words(store: Store) -> None:
    figures = measure_figures(store, CATALOGUE)
    figure = measure_detail.period_figure(figures, CATALOGUE, "5.1.2.c", "2025/26 Q2")
    assert figure.rag == "red"  # −0.67 after −2.00: the bad way for a lower-is-better measure
    assert figure.rag_text == "■ Red"
    assert figure.basis_text.startswith("Rated against 2025/26 Q1 (-2.00 points; lower is better)")
    assert figure.source == "readings"
    assert figure.source_text == "Outcome readings"
    first = measure_detail.period_figure(figures, CATALOGUE, "5.1.2.c", "2025/26 Q1")
    assert first.basis_text == "Not rated: there is no figure for 2024/25 Q4 to compare it with."
    year = measure_detail.period_figure(figures, CATALOGUE, "1.1.1.e", "2025/26 Q2")
    assert year.basis_text == "Not rated: there is no figure for this period."
    assert status_words.comparator_period(CATALOGUE.measure("1.1.1.e"), "2025/26 Q2") == (
        "2024/25 Q2"
    )
    missing = measure_detail.period_figure(figures, CATALOGUE, "5.1.2.c", "2024/25 Q1")
    assert missing.rag == "grey"
    assert missing.basis_text == "Not rated: there is no figure for this period."


def test_an_annual_measure_shows_the_year_of_a_quarter(store: Store) -> None:
    figures = measure_figures(store, CATALOGUE)
    figure = measure_detail.period_figure(figures, CATALOGUE, "4.3.1.c", "2025/26 Q3")
    assert figure.period == "2025/26"
    assert "reported once a financial year" in figure.note


def test_distribution_note_counts_people_and_warns_when_the_figure_came_from_a_return() -> None:
    base = dict(period="2025/26 Q3", statement="", rag="green", rag_text="", basis_text="")
    readings = measure_detail.PeriodFigure(**base, source="readings", source_text="")
    returned = measure_detail.PeriodFigure(**base, source="return", source_text="")
    whole = measure_detail.change_distribution(pd.Series([-2.0] * 5 + [0.0] * 7))
    one = measure_detail.change_distribution(pd.Series([1.0]))
    ranges = measure_detail.change_distribution(pd.Series([-30.0, 25.0]))
    note = measure_detail.distribution_note(readings, whole)
    assert note.startswith("12 participants in the cohort of 2025/26 Q3")
    assert "may differ" not in note and "ranges" not in note
    assert measure_detail.distribution_note(returned, one).startswith("1 participant in")
    assert "may differ" in measure_detail.distribution_note(returned, one)
    assert "each range includes its end farther from zero" in (
        measure_detail.distribution_note(readings, ranges)
    )


# --- SPC --------------------------------------------------------------------------------

QUARTERS = [f"{2022 + i // 4}/{(23 + i // 4) % 100:02d} Q{i % 4 + 1}" for i in range(16)]


def quarterly_figures(code: str, values: list[float | None]) -> pd.DataFrame:
    """A figures frame with one measure's quarters, from 2022/23 Q1."""
    starts = pd.date_range("2022-04-01", periods=len(values), freq="3MS")
    return pd.DataFrame(
        {
            "measure_code": code,
            "period": QUARTERS[: len(values)],
            "period_type": "quarter",
            "period_start": starts,
            "value": pd.array(values, dtype="Float64").astype("float64"),
        }
    )


def test_too_few_quarters_give_no_chart_and_say_why() -> None:
    figures = quarterly_figures("5.1.5.a", [10, 12, 11, 13, 12, 11])
    result, labels, notes = measure_detail.spc_for_measure(figures, CATALOGUE, "5.1.5.a")
    assert result is None
    assert labels == QUARTERS[:6]
    assert notes == [
        "6 quarters of figures up to 2023/24 Q2: an SPC chart needs at least 7 quarters "
        "to calculate its limits, so none is drawn yet. The trend chart shows the figures."
    ]


def test_an_annual_measure_has_no_spc_chart() -> None:
    result, labels, notes = measure_detail.spc_for_measure(
        quarterly_figures("4.3.1.c", [1.0] * 10), CATALOGUE, "4.3.1.c"
    )
    assert (result, labels) == (None, [])
    assert "once a financial year" in notes[0]


def test_a_short_series_has_trial_limits_and_missing_quarters_are_skipped() -> None:
    values = [10, 12, None, 11, 13, 12, 11, 10, 12, 11]
    figures = quarterly_figures("5.1.5.a", values)
    result, labels, notes = measure_detail.spc_for_measure(figures, CATALOGUE, "5.1.5.a")
    assert result is not None
    assert len(labels) == 9 and QUARTERS[2] not in labels
    assert notes == ["9 quarters: limits are trial limits"]


def test_the_series_ends_at_the_chosen_quarter_or_year() -> None:
    figures = quarterly_figures("5.1.5.a", [10, 12, 11, 13, 12, 11, 10, 12, 11, 12, 13, 12])
    _, labels, _ = measure_detail.spc_for_measure(figures, CATALOGUE, "5.1.5.a", "2023/24 Q4")
    assert labels[-1] == "2023/24 Q4" and len(labels) == 8
    _, by_year, _ = measure_detail.spc_for_measure(figures, CATALOGUE, "5.1.5.a", "2023/24")
    assert by_year == labels


def test_lower_is_better_reads_an_unusually_low_value_as_improvement() -> None:
    values = [50, 52, 49, 51, 50, 53, 48, 51, 50, 52, 49, 51, 20]
    figures = quarterly_figures("1.1.1.e", values)
    result, labels, notes = measure_detail.spc_for_measure(figures, CATALOGUE, "1.1.1.e")
    assert result is not None and notes == []
    assert result.variation_icon == "improvement_low"
    variation, assurance = measure_detail.spc_statements(result, CATALOGUE.measure("1.1.1.e"))
    assert variation.heading == "Variation: special cause — improvement (low is good)"
    assert "unusually low, and low is good" in variation.text
    assert assurance.icon is None
    assert assurance.heading == "Assurance: none — the measure has no target to assure"


@pytest.mark.parametrize(
    ("target", "icon", "heading"),
    [
        (51.0, "inconsistent", "the target lies within the limits, so it will be met only some"),
        (40.0, "pass", "assured — the target lies outside the limits on the good side"),
        (60.0, "fail", "not assured — the target lies outside the limits on the bad side"),
    ],
)
def test_assurance_against_the_catalogue_target(target: float, icon: str, heading: str) -> None:
    catalogue = catalogue_with("5.1.5.a", target=target)
    values = [50, 52, 49, 51, 50, 53, 48, 51, 50, 52, 49, 51]
    figures = quarterly_figures("5.1.5.a", values)
    result, _, _ = measure_detail.spc_for_measure(figures, catalogue, "5.1.5.a")
    assert result is not None and result.assurance_icon == icon
    _, assurance = measure_detail.spc_statements(result, catalogue.measure("5.1.5.a"))
    assert heading in assurance.heading
    fig = measure_detail.spc_figure(result, QUARTERS[:12], catalogue.measure("5.1.5.a"))
    assert "Target" in {trace.name for trace in fig.data}


def test_a_rebase_starts_new_limits_and_is_marked_with_its_reason() -> None:
    reason = "Referral criteria changed"
    catalogue = catalogue_with("5.1.5.a", rebase=[{"period": "2024/25 Q1", "reason": reason}])
    values = [10, 12, 11, 13, 12, 11, 10, 12, 30, 31, 29, 32, 30, 31]
    figures = quarterly_figures("5.1.5.a", values)
    result, labels, notes = measure_detail.spc_for_measure(figures, catalogue, "5.1.5.a")
    assert result is not None
    assert result.points["group"].tolist() == [0] * 8 + [1] * 6
    assert measure_detail.rebase_labels(result, labels) == ["2024/25 Q1"]
    assert f"New limits from 2024/25 Q1 (rebased from 2024/25 Q1): {reason}" in notes
    fig = json.loads(
        pio.to_json(measure_detail.spc_figure(result, labels, catalogue.measure("5.1.5.a")))
    )
    assert [shape["x0"] for shape in fig["layout"]["shapes"]] == [7.5]
    assert "Rebased from 2024/25 Q1" in [a["text"] for a in fig["layout"]["annotations"]]


def test_near_limit_lines_only_when_asked() -> None:
    values = [50, 52, 49, 51, 50, 53, 48, 51, 50, 52, 49, 51]
    figures = quarterly_figures("5.1.5.a", values)
    result, labels, _ = measure_detail.spc_for_measure(figures, CATALOGUE, "5.1.5.a")
    assert result is not None
    measure = CATALOGUE.measure("5.1.5.a")
    plain = {t.name for t in measure_detail.spc_figure(result, labels, measure).data}
    near = measure_detail.spc_figure(result, labels, measure, show_near_limits=True)
    assert "Near-limit lines" not in plain
    assert "Near-limit lines" in {t.name for t in near.data}


# --- a catalogue cached across a reload of the catalogue module -------------------------


def catalogue_from_an_earlier_import() -> Catalogue:
    """The catalogue as the dashboard may hold it after Streamlit reloaded the catalogue
    module in development: its enum members come from the earlier import, so they are
    equal to the current ones but not the same objects."""
    earlier = {
        enum: StrEnum(enum.__name__, [(member.name, member.value) for member in enum])
        for enum in (Kind, Polarity, Frequency, CompareTo)
    }
    measures = [
        m.model_copy(
            update={
                "kind": earlier[Kind](m.kind),
                "polarity": earlier[Polarity](m.polarity),
                "frequency": earlier[Frequency](m.frequency),
                "compare_to": earlier[CompareTo](m.compare_to),
            }
        )
        for m in CATALOGUE.measures
    ]
    return Catalogue.model_construct(**{**dict(CATALOGUE), "measures": measures})


@pytest.mark.parametrize("code", ["5.1.5.a", "5.1.2.c", "4.3.1.c", "1.1.1.e"])
def test_a_catalogue_from_an_earlier_import_reads_the_same(store: Store, code: str) -> None:
    figures = measure_figures(store, CATALOGUE)
    earlier = catalogue_from_an_earlier_import()
    assert earlier.measure(code).frequency is not CATALOGUE.measure(code).frequency
    for read in (
        lambda catalogue: reporting.measure_series(figures, catalogue, code, "2025/26 Q2"),
        lambda catalogue: measure_detail.year_table(figures, catalogue, code),
    ):
        pd.testing.assert_frame_equal(read(earlier), read(CATALOGUE))
    for read in (
        lambda catalogue: measure_detail.measure_facts(catalogue, code),
        lambda catalogue: measure_detail.period_figure(figures, catalogue, code, "2025/26 Q2"),
        lambda catalogue: measure_detail.spc_for_measure(figures, catalogue, code)[2],
    ):
        assert read(earlier) == read(CATALOGUE)
