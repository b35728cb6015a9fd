"""The synthetic demonstration returns: reproducible, well-formed, covering every measure."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest

from tests.design import DESIGN_CODES
from vrp_metrics import demo_data, periods
from vrp_metrics.access import local_user
from vrp_metrics.catalogue import load_catalogue
from vrp_metrics.demo import DEMO_DIR, includes_demo_data
from vrp_metrics.returns import validate_file
from vrp_metrics.store import Store

COMMITTED = Path(__file__).resolve().parent.parent / "data" / "demo"
TODAY = dt.date(2026, 11, 22)

MEASURE_HEADERS = [
    "measure_code",
    "period",
    "value",
    "numerator",
    "denominator",
    "cohort_size",
    "comment",
]
READING_HEADERS = ["participant_ref", "scale", "area", "reading_date", "score"]
TRACKER_HEADERS = ["data_source", "agency", "period", "rag_status", "barrier", "next_action"]

MEASURE_FILES = {
    "hiowc_measures.csv": MEASURE_HEADERS,
    "vru_measures.csv": MEASURE_HEADERS,
    "opcc_measures.csv": MEASURE_HEADERS,
    "no_limits_measures.csv": MEASURE_HEADERS,
    "society_of_st_james_measures.csv": MEASURE_HEADERS,
    "artswork_measures.xlsx": ["measure_code", "period", "value", "comment"],
    "rock_pool_measures.csv": MEASURE_HEADERS,
}
READING_FILES = (
    "society_of_st_james_outcomes_star.csv",
    "no_limits_pain_scale.csv",
    "hiowc_crime_harm_index.xlsx",
)
TRACKER_FILE = "vru_data_tracker.csv"
ALL_FILES = {
    **MEASURE_FILES,
    **dict.fromkeys(READING_FILES, READING_HEADERS),
    TRACKER_FILE: TRACKER_HEADERS,
    "vru_meeting_records.csv": [
        "group",
        "meeting_date",
        "format",
        "host_agency",
        "agency",
        "attendance",
    ],
    "vru_actions_log.csv": [
        "action_ref",
        "group",
        "raised_on",
        "action",
        "owner_agency",
        "due_date",
        "status",
        "closed_on",
        "serves",
    ],
    "vru_crest_tracker.csv": ["group", "recommendation", "status", "as_of", "evidence"],
}

# DESIGN §2: the 28 measures, by the return that feeds them.
RETURNED_MEASURES = {
    "1.1.1.e": "count",
    "1.1.1.f": "count",
    "2.2.2.a": "percentage",
    "2.3.3.a": "percentage",
    "4.2.1.a": "percentage",
    "4.3.1.a": "count",
    "4.3.1.b": "count",
    "4.3.1.c": "count",
    "5.1.3.a": "count",
    "5.1.3.b": "count",
    "5.1.5.a": "count",
    "5.1.5.b": "count",
    "5.1.6.a": "count",
    "5.2.1.a": "percentage",
    "5.3.1.a": "count",
    "5.3.1.b": "count",
}
TRACKER_MEASURES = {"3.1.1.a"}
# (scale, area) → the measures derived from its readings; "" is the single-area scale.
READING_MEASURES = {
    ("RESET Outcomes Star", "Meaningful use of time"): {"5.1.1.a", "5.1.1.b"},
    ("RESET Outcomes Star", "Emotional and mental health"): {"5.1.2.a", "5.1.2.b"},
    ("RESET Outcomes Star", "Social networks and relationships"): {"5.1.4.a", "5.1.4.b"},
    ("RESET Outcomes Star", "Offending"): {"5.2.2.b", "5.2.2.c"},
    ("A&E Navigators pain scale", ""): {"5.1.2.c", "5.1.2.d"},
    ("RESET Crime Harm Index", ""): {"5.2.2.a"},
}
SCALE_RANGES = {
    "RESET Outcomes Star": (1, 10, True),
    "A&E Navigators pain scale": (0, 10, True),
    "RESET Crime Harm Index": (0, float("inf"), False),
}
SINGLE_AREAS = {
    "A&E Navigators pain scale": "Mental health pain scale",
    "RESET Crime Harm Index": "Crime Harm Index",
}
QUARTERS = [
    periods.format_period(q)
    for q in periods.period_range(periods.quarter(2023, 1), periods.quarter(2026, 2))
]
YEARS = ["2023/24", "2024/25", "2025/26"]


def _normalise(header: object) -> str:
    return re.sub(r"[\s_-]+", "_", str(header).strip().lower())


def read_rows(path: Path) -> list[dict[str, object]]:
    """Rows as dicts keyed by normalised header; blank cells read as ""."""
    if path.suffix == ".xlsx":
        sheet = openpyxl.load_workbook(path).worksheets[0]
        values = [list(row) for row in sheet.iter_rows(values_only=True)]
    else:
        with path.open(encoding="utf-8", newline="") as handle:
            values = list(csv.reader(handle))
    headers = [_normalise(h) for h in values[0]]
    return [
        {h: ("" if v is None else v) for h, v in zip(headers, row, strict=True)}
        for row in values[1:]
    ]


def raw_headers(path: Path) -> list[object]:
    if path.suffix == ".xlsx":
        sheet = openpyxl.load_workbook(path).worksheets[0]
        return [cell.value for cell in sheet[1]]
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def xlsx_cells(path: Path) -> list[list[list[object]]]:
    workbook = openpyxl.load_workbook(path)
    return [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook]


def reading_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.datetime.strptime(str(value), "%d/%m/%Y").date()


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    demo_data.generate(out, seed=2026, today=TODAY)
    return out


def assert_same_files(made: Path, expected: Path) -> None:
    made_names = sorted(p.name for p in made.iterdir())
    assert made_names == sorted(p.name for p in expected.iterdir())
    for name in made_names:
        if name.endswith(".xlsx"):
            assert xlsx_cells(made / name) == xlsx_cells(expected / name), name
        else:
            assert (made / name).read_bytes() == (expected / name).read_bytes(), name


def test_same_seed_gives_identical_files(tmp_path: Path) -> None:
    first = demo_data.generate(tmp_path / "a", seed=7, today=TODAY)
    second = demo_data.generate(tmp_path / "b", seed=7, today=TODAY)
    assert [p.name for p in first] == [p.name for p in second]
    assert_same_files(tmp_path / "a", tmp_path / "b")
    # The workbooks' properties and zip timestamps are fixed, so even the bytes agree.
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_another_seed_gives_other_figures(tmp_path: Path) -> None:
    demo_data.generate(tmp_path / "a", seed=1, today=TODAY)
    demo_data.generate(tmp_path / "b", seed=2, today=TODAY)
    name = "hiowc_measures.csv"
    assert (tmp_path / "a" / name).read_bytes() != (tmp_path / "b" / name).read_bytes()


def test_committed_demo_data_matches_the_generator(demo_dir: Path) -> None:
    assert_same_files(demo_dir, COMMITTED)


def test_files_made_and_readme_says_synthetic(demo_dir: Path) -> None:
    assert sorted(p.name for p in demo_dir.iterdir()) == sorted([*ALL_FILES, "README.md"])
    readme = (demo_dir / "README.md").read_text(encoding="utf-8")
    assert "SYNTHETIC" in readme
    assert "python -m vrp_metrics.demo_data" in readme
    for name in ALL_FILES:
        assert f"`{name}`" in readme


def test_csv_files_use_newline_line_endings(demo_dir: Path) -> None:
    for path in demo_dir.glob("*.csv"):
        assert b"\r" not in path.read_bytes(), path.name


@pytest.mark.parametrize("name", sorted(ALL_FILES))
def test_headers_of_each_kind(demo_dir: Path, name: str) -> None:
    assert [_normalise(h) for h in raw_headers(demo_dir / name)] == ALL_FILES[name]


def test_artswork_uses_title_case_headers(demo_dir: Path) -> None:
    headers = raw_headers(demo_dir / "artswork_measures.xlsx")
    assert headers == ["Measure Code", "Period", "Value", "Comment"]


def measure_rows(demo_dir: Path) -> list[dict[str, object]]:
    return [row for name in MEASURE_FILES for row in read_rows(demo_dir / name)]


def test_measure_returns_cover_exactly_the_returned_measures(demo_dir: Path) -> None:
    codes = {row["measure_code"] for row in measure_rows(demo_dir)}
    assert codes == set(RETURNED_MEASURES)


def test_every_measure_of_the_design_is_covered(demo_dir: Path) -> None:
    covered = {row["measure_code"] for row in measure_rows(demo_dir)}
    if read_rows(demo_dir / TRACKER_FILE):
        covered |= TRACKER_MEASURES
    for name in READING_FILES:
        for row in read_rows(demo_dir / name):
            area = "" if row["scale"] in SINGLE_AREAS else row["area"]
            covered |= READING_MEASURES[(row["scale"], area)]
    assert covered == set(DESIGN_CODES)
    expected = set(RETURNED_MEASURES) | TRACKER_MEASURES
    assert covered == expected.union(*READING_MEASURES.values())


def test_every_quarter_and_year_present(demo_dir: Path) -> None:
    by_code: dict[object, list[object]] = {}
    for row in measure_rows(demo_dir):
        by_code.setdefault(row["measure_code"], []).append(row["period"])
    for code, labels in by_code.items():
        assert labels == (YEARS if code == "4.3.1.c" else QUARTERS), code
    tracker = read_rows(demo_dir / TRACKER_FILE)
    assert sorted({row["period"] for row in tracker}) == QUARTERS
    for quarter in QUARTERS:
        sources = [row["data_source"] for row in tracker if row["period"] == quarter]
        assert len(sources) == len(set(sources)) == 20


def test_measure_values_are_valid(demo_dir: Path) -> None:
    for row in measure_rows(demo_dir):
        assert row["comment"] == "Synthetic demonstration data"
        if RETURNED_MEASURES[row["measure_code"]] == "count":
            assert int(row["value"]) >= 0
            assert str(row["value"]) == str(int(row["value"]))
        else:
            numerator, denominator = int(row["numerator"]), int(row["denominator"])
            assert 0 <= numerator <= denominator
            assert denominator > 0
            assert row["value"] == ""


def test_hotspot_violence_drops_when_more_patrols_begin(demo_dir: Path) -> None:
    values = [
        int(row["value"])
        for row in read_rows(demo_dir / "hiowc_measures.csv")
        if row["measure_code"] == "1.1.1.e"
    ]
    before, after = values[:8], values[8:]
    assert max(after) < min(before)


def test_readings_in_range_and_not_in_the_future(demo_dir: Path) -> None:
    for name in READING_FILES:
        rows = read_rows(demo_dir / name)
        keys = set()
        for row in rows:
            low, high, whole = SCALE_RANGES[row["scale"]]
            score = float(row["score"])
            assert low <= score <= high, (name, row)
            if whole:
                assert score == int(score), (name, row)
            day = reading_date(row["reading_date"])
            assert dt.date(2023, 4, 1) <= day <= dt.date(2026, 9, 30) <= TODAY, (name, row)
            assert re.fullmatch(r"[A-Z]+-\d{4}", str(row["participant_ref"]))
            if row["scale"] in SINGLE_AREAS:
                assert row["area"] in ("", SINGLE_AREAS[row["scale"]])
            key = (row["participant_ref"], row["scale"], row["area"], day)
            assert key not in keys, (name, row)
            keys.add(key)


def test_crime_harm_index_dates_are_excel_dates(demo_dir: Path) -> None:
    rows = read_rows(demo_dir / "hiowc_crime_harm_index.xlsx")
    assert all(isinstance(row["reading_date"], dt.datetime) for row in rows)


def test_tracker_greens_increase_and_use_accepted_forms(demo_dir: Path) -> None:
    rows = read_rows(demo_dir / TRACKER_FILE)
    statuses = {str(row["rag_status"]) for row in rows}
    assert {"Green", "Amber", "Red"} <= statuses
    assert statuses <= {"Green", "Amber", "Red", "G", "A", "R", "g", "a", "r"}
    assert statuses - {"Green", "Amber", "Red"}, "some rows use the short forms"

    def green_share(quarter: str) -> float:
        in_quarter = [row for row in rows if row["period"] == quarter]
        greens = [row for row in in_quarter if str(row["rag_status"]).upper().startswith("G")]
        return len(greens) / len(in_quarter)

    assert green_share(QUARTERS[0]) == pytest.approx(0.25)
    assert green_share(QUARTERS[-1]) == pytest.approx(0.65)
    for row in rows:
        green = str(row["rag_status"]).upper().startswith("G")
        assert bool(row["barrier"]) != green and bool(row["next_action"]) != green, row


def test_no_data_after_the_last_ended_quarter(tmp_path: Path) -> None:
    demo_data.generate(tmp_path, today=dt.date(2025, 5, 1))
    labels = {row["period"] for row in read_rows(tmp_path / "hiowc_measures.csv")}
    assert max(labels) == "2024/25 Q4"
    assert {row["period"] for row in read_rows(tmp_path / "opcc_measures.csv")} == {
        "2023/24",
        "2024/25",
    }
    for name in READING_FILES:
        days = [reading_date(row["reading_date"]) for row in read_rows(tmp_path / name)]
        assert max(days) <= dt.date(2025, 3, 31)


def test_a_demo_file_loaded_by_hand_still_counts_as_synthetic(tmp_path: Path) -> None:
    catalogue = load_catalogue()
    with Store(tmp_path / "vrp.duckdb") as store:
        real = validate_file(
            ("rock_pool_q2.csv", b"measure_code,period,value\n5.3.1.a,2024/25 Q1,9\n"), catalogue
        )
        store.load(real, user=local_user("An Analyst"))
        assert not includes_demo_data(store)
        demo = validate_file(DEMO_DIR / "rock_pool_measures.csv", catalogue)
        batch = store.load(demo, user=local_user("An Analyst")).batch_id
        assert includes_demo_data(store)
        store.withdraw(batch, user=local_user("An Analyst"))
        assert not includes_demo_data(store)
