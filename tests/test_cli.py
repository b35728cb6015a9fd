"""The command line, run as users run it: ``python -m vrp_metrics …`` in a subprocess."""

from __future__ import annotations

import getpass
import io
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from tests.design import DESIGN_CODES
from vrp_metrics.catalogue import load_catalogue
from vrp_metrics.cli import build_parser, main
from vrp_metrics.store import Store

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "data" / "demo"
CLI_HEADER = "measure_code,period,value,numerator,denominator,cohort_size,rag,basis"
CATALOGUE = load_catalogue()


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vrp_metrics", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.duckdb"
    result = run("demo", "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert "synthetic" in result.stdout
    return path


def measures(db: Path, *args: str) -> pd.DataFrame:
    result = run("measures", "--db", str(db), *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == CLI_HEADER
    return pd.read_csv(io.StringIO(result.stdout), dtype={"period": str})


GOOD = "measure_code,period,value\n5.3.1.a,2024/25 Q1,12\n5.3.1.a,2024/25 Q2,15\n"
BAD = "measure_code,period,value\n5.3.1.a,2024/25 Q5,12\n9.9.9.z,2024/25 Q1,-1\n"


def test_every_sub_command_has_help() -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    names = set(subparsers.choices)
    assert names == {
        "validate",
        "load",
        "measures",
        "demo",
        "history",
        "withdraw",
        "pack",
        "export",
        "audit",
        "members",
    }
    for name in names:
        result = run(name, "--help")
        assert result.returncode == 0 and "usage:" in result.stdout, name
        assert subparsers.choices[name].description, f"{name} has no description"


@pytest.mark.parametrize("command", ["load", "withdraw"])
def test_a_blank_name_is_refused_before_anything_is_written(tmp_path: Path, command: str) -> None:
    db = tmp_path / "vrp.duckdb"
    target = str(DEMO / "opcc_measures.csv") if command == "load" else "1"
    result = run(command, "--db", str(db), target, "--by", "  ")
    assert result.returncode == 2
    assert "argument --by: give a name: the history records who did what" in result.stderr
    assert not db.exists()


def test_validate_exit_codes_and_json_shape(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(GOOD)
    bad.write_text(BAD)
    assert run("validate", str(good)).returncode == 0
    result = run("validate", "--json", str(good), str(bad))
    assert result.returncode == 1
    reports = json.loads(result.stdout)
    assert [set(r) for r in reports] == [{"file", "kind", "ok", "rows", "errors", "warnings"}] * 2
    assert reports[0]["ok"] and reports[0]["kind"] == "measure" and reports[0]["rows"] == 2
    assert not reports[1]["ok"]
    for error in reports[1]["errors"]:
        assert set(error) == {"row", "column", "value", "message"}
    cells = {(e["row"], e["column"], e["value"]) for e in reports[1]["errors"]}
    assert (2, "period", "2024/25 Q5") in cells
    assert (3, "measure_code", "9.9.9.z") in cells


def test_validate_human_output_names_row_column_and_value(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD)
    result = run("validate", str(bad))
    assert result.returncode == 1
    assert "row 2" in result.stdout and "column period" in result.stdout
    assert "'2024/25 Q5'" in result.stdout


def test_load_writes_nothing_for_a_bad_file(tmp_path: Path) -> None:
    db, good, bad = tmp_path / "x.duckdb", tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(GOOD)
    bad.write_text(BAD)
    result = run("load", "--db", str(db), str(bad), str(good), "--by", "Analyst")
    assert result.returncode == 1
    assert "nothing was loaded from" in result.stderr
    history = run("history", "--db", str(db), "--format", "json")
    batches = json.loads(history.stdout)
    assert [(b["file_name"], b["loaded_by"]) for b in batches] == [("good.csv", "Analyst")]
    again = run("load", "--db", str(db), str(good))
    assert again.returncode == 0 and "UNCHANGED" in again.stdout


def test_withdraw_restores_the_earlier_figure(tmp_path: Path) -> None:
    db, v1, v2 = tmp_path / "x.duckdb", tmp_path / "v1.csv", tmp_path / "v2.csv"
    v1.write_text("measure_code,period,value\n5.3.1.a,2024/25 Q1,12\n")
    v2.write_text("measure_code,period,value\n5.3.1.a,2024/25 Q1,20\n")
    assert run("load", "--db", str(db), str(v1), str(v2)).returncode == 0
    assert measures(db, "--measure", "5.3.1.a")["value"].tolist() == [20.0]
    assert measures(db, "--measure", "5.3.1.a", "--as-at", "1")["value"].tolist() == [12.0]
    assert run("withdraw", "--db", str(db), "2").returncode == 0
    assert measures(db, "--measure", "5.3.1.a")["value"].tolist() == [12.0]
    assert run("withdraw", "--db", str(db), "2").returncode == 1


def test_measures_rejects_unknown_period_and_measure(demo_db: Path) -> None:
    result = run("measures", "--db", str(demo_db), "--period", "2024/25 Q9")
    assert result.returncode == 1 and "2024/25 Q1" in result.stderr
    result = run("measures", "--db", str(demo_db), "--measure", "9.9.9.z")
    assert result.returncode == 1 and "9.9.9.z" in result.stderr
    assert "Traceback" not in result.stderr


def test_demo_lists_every_measure_for_every_quarter(demo_db: Path) -> None:
    table = measures(demo_db)
    quarters = [f"{y}/{(y + 1) % 100:02d} Q{q}" for y in (2023, 2024, 2025) for q in (1, 2, 3, 4)]
    quarters += ["2026/27 Q1", "2026/27 Q2"]
    counts = table.groupby("measure_code")["period"].nunique()
    # the working groups' attendance and Crest readiness follow the measures (DESIGN §9)
    records = counts.index.str.startswith(("ATT.", "CREST."))
    assert {"ATT.DAWG", "CREST.DAWG"} <= set(counts.index[records])
    counts = counts[~records]
    assert set(counts.index) == set(DESIGN_CODES)
    assert counts["4.3.1.c"] == 3  # annual: 2023/24 to 2025/26
    # the Crime Harm Index's first quarter has only baselines: an empty cohort, no value
    assert counts["5.2.2.a"] == 13
    assert (counts.drop(["4.3.1.c", "5.2.2.a"]) == 14).all()
    assert set(table.loc[table["measure_code"] == "1.1.1.e", "period"]) == set(quarters)
    assert set(table["rag"]) <= {"green", "amber", "red", "grey"}
    # the basis of every rated figure, and none for a figure that is not rated
    assert set(table["basis"].dropna()) <= {"target", "spc", "comparator"}
    assert (table["basis"].isna() == (table["rag"] == "grey")).all()


def test_json_format_has_the_same_rows_and_values_as_csv(demo_db: Path) -> None:
    result = run("measures", "--db", str(demo_db), "--period", "2025/26", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    codes = {row["measure_code"] for row in rows}
    assert {c for c in codes if not c.startswith(("ATT.", "CREST."))} == set(DESIGN_CODES)
    assert set(rows[0]) == set(CLI_HEADER.split(","))
    as_json = pd.DataFrame(rows)[CLI_HEADER.split(",")]
    as_csv = measures(demo_db, "--period", "2025/26")
    # both unrounded: a mean change such as -0.7272727272727273 keeps every digit
    assert as_json.astype(object).where(as_json.notna(), None).values.tolist() == (
        as_csv.astype(object).where(as_csv.notna(), None).values.tolist()
    )
    assert any(len(repr(value).split(".")[-1]) > 6 for value in as_csv["value"].dropna())


# Which columns each kind fills (DESIGN §5): the others are empty.
FILLED = {
    "count": {"value"},
    "percentage": {"value", "numerator", "denominator"},
    "mean_change": {"value", "cohort_size"},
    "pct_improved": {"value", "numerator", "denominator", "cohort_size"},
    "tracker_green_pct": {"value", "numerator", "denominator"},
}


def test_each_kind_fills_its_own_columns_and_leaves_the_others_empty(demo_db: Path) -> None:
    table = measures(demo_db).merge(
        pd.DataFrame(
            [(m.code, str(m.kind)) for m in CATALOGUE.measures], columns=["measure_code", "kind"]
        )
    )
    assert set(table["kind"]) == set(FILLED)
    for kind, filled in FILLED.items():
        rows = table[table["kind"] == kind]
        for column in ("value", "numerator", "denominator", "cohort_size"):
            present = rows[column].notna()
            assert present.all() if column in filled else not present.any(), (kind, column)
    shares = table[table["kind"].isin(["percentage", "pct_improved", "tracker_green_pct"])]
    assert (shares["value"] - 100 * shares["numerator"] / shares["denominator"]).abs().max() < 1e-9
    improved = table[table["kind"] == "pct_improved"]
    assert (improved["denominator"] == improved["cohort_size"]).all()


# -- hand checks of the demo figures against the demo files themselves ---------------


def test_count_is_the_returned_value_and_year_the_sum(demo_db: Path) -> None:
    source = pd.read_csv(DEMO / "hiowc_measures.csv")
    rows = source[source["measure_code"] == "1.1.1.e"]
    quarter = measures(demo_db, "--measure", "1.1.1.e", "--period", "2025/26 Q3")
    assert quarter["value"].item() == rows.loc[rows["period"] == "2025/26 Q3", "value"].item()
    year = measures(demo_db, "--measure", "1.1.1.e", "--period", "2025/26")
    assert year["value"].item() == rows.loc[rows["period"].str.startswith("2025/26"), "value"].sum()


def test_percentage_year_pools_the_quarters(demo_db: Path) -> None:
    source = pd.read_csv(DEMO / "vru_measures.csv")
    rows = source[
        (source["measure_code"] == "4.2.1.a") & source["period"].str.startswith("2024/25")
    ]
    year = measures(demo_db, "--measure", "4.2.1.a", "--period", "2024/25")
    assert year["numerator"].item() == rows["numerator"].sum()
    assert year["denominator"].item() == rows["denominator"].sum()
    assert year["value"].item() == pytest.approx(
        100 * rows["numerator"].sum() / rows["denominator"].sum(), rel=1e-12
    )


def test_tracker_green_share_matches_the_tracker_file(demo_db: Path) -> None:
    tracker = pd.read_csv(DEMO / "vru_data_tracker.csv")
    rows = tracker[tracker["period"] == "2026/27 Q2"]
    green = rows["rag_status"].str.strip().str.lower().isin(["green", "g"]).sum()
    figure = measures(demo_db, "--measure", "3.1.1.a", "--period", "2026/27 Q2")
    assert (figure["numerator"].item(), figure["denominator"].item()) == (green, len(rows))
    assert figure["value"].item() == pytest.approx(100 * green / len(rows))


def _reference_readings(area: str) -> pd.DataFrame:
    """DESIGN.md §4's readings rule written plainly in pandas, independent of the SQL."""
    readings = pd.read_csv(DEMO / "society_of_st_james_outcomes_star.csv")
    readings = readings[readings["area"] == area].copy()
    readings["date"] = pd.to_datetime(readings["reading_date"], format="%d/%m/%Y")
    readings = readings.sort_values(["participant_ref", "date"])
    readings["n"] = readings.groupby("participant_ref").cumcount()
    baseline = readings[readings["n"] == 0].set_index("participant_ref")["score"]
    follow = readings[readings["n"] > 0].copy()
    follow["quarter"] = follow["date"].dt.to_period("Q-MAR")
    latest = follow.groupby(["quarter", "participant_ref"])["score"].last().reset_index()
    latest["change"] = latest["score"] - latest["participant_ref"].map(baseline)
    out = latest.groupby("quarter").agg(
        mean=("change", "mean"), improved=("change", lambda c: (c > 0).sum()), n=("change", "size")
    )
    out.index = [f"{p.qyear - 1}/{p.qyear % 100:02d} Q{p.quarter}" for p in out.index]
    return out


def test_readings_measures_match_a_plain_reference(demo_db: Path) -> None:
    reference = _reference_readings("Meaningful use of time")
    mean = measures(demo_db, "--measure", "5.1.1.a").set_index("period")
    improved = measures(demo_db, "--measure", "5.1.1.b").set_index("period")
    assert list(mean.index) == list(reference.index)
    for period, ref in reference.iterrows():
        assert mean.loc[period, "value"] == pytest.approx(ref["mean"], rel=1e-12)
        assert mean.loc[period, "cohort_size"] == ref["n"]
        assert improved.loc[period, "numerator"] == ref["improved"]
        assert improved.loc[period, "value"] == pytest.approx(100 * ref["improved"] / ref["n"])


# -- defects found in use -----------------------------------------------------------


def test_every_command_runs_when_the_user_has_no_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In a container with no USER or LOGNAME and no passwd entry for the uid.
    def nameless() -> str:
        raise KeyError("getpwuid(): uid not found: 1234")

    monkeypatch.setattr(getpass, "getuser", nameless)
    parser = build_parser()
    assert parser.parse_args(["load", "--db", "x.duckdb", "a.csv"]).by == "unknown"
    assert parser.parse_args(["withdraw", "--db", "x.duckdb", "1"]).by == "unknown"
    with pytest.raises(SystemExit) as help_exit:
        main(["load", "--help"])
    assert help_exit.value.code == 0
    db, good = tmp_path / "x.duckdb", tmp_path / "good.csv"
    good.write_text(GOOD)
    assert main(["load", "--db", str(db), str(good)]) == 0
    with Store(db, read_only=True) as store:
        assert store.batches()["loaded_by"].tolist() == ["unknown"]


def test_a_catalogue_not_saved_as_utf8_is_a_clear_error(tmp_path: Path) -> None:
    text = (REPO / "data" / "catalogue.toml").read_text(encoding="utf-8")
    catalogue = tmp_path / "catalogue.toml"
    catalogue.write_bytes(("# Catalogue révisé\n" + text).encode("cp1252", errors="replace"))
    good = tmp_path / "good.csv"
    good.write_text(GOOD)
    result = run("--catalogue", str(catalogue), "validate", str(good))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert str(catalogue) in result.stderr and "save it as UTF-8" in result.stderr


def test_load_refuses_a_database_of_another_program_and_leaves_it_alone(tmp_path: Path) -> None:
    db, good = tmp_path / "theirs.duckdb", tmp_path / "good.csv"
    good.write_text(GOOD)
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE batch (id INTEGER, note VARCHAR)")
    con.execute("INSERT INTO batch VALUES (1, 'their data')")
    con.close()
    before = db.read_bytes()
    for args in (["load", "--db", str(db), str(good)], ["measures", "--db", str(db)]):
        result = run(*args)
        assert result.returncode == 1, args
        assert "Traceback" not in result.stderr
        assert "is not a VRP dashboard database" in result.stderr, args
        assert "use a new file name" in result.stderr
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.csv", "theirs.duckdb"]


@pytest.mark.parametrize(
    "command", [["withdraw", "1"], ["measures"], ["history"]], ids=lambda c: c[0]
)
def test_a_command_that_needs_data_refuses_a_missing_database(
    tmp_path: Path, command: list[str]
) -> None:
    db = tmp_path / "mistyped.duckdb"
    result = run(command[0], "--db", str(db), *command[1:])
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"there is no database at {db}" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_load_with_no_valid_file_creates_no_database(tmp_path: Path) -> None:
    db, bad = tmp_path / "new.duckdb", tmp_path / "bad.csv"
    bad.write_text(BAD)
    result = run("load", "--db", str(db), str(bad))
    assert result.returncode == 1
    assert "nothing was loaded from" in result.stderr
    assert not db.exists()


def test_load_prints_a_warning_without_a_row_as_validate_does(tmp_path: Path) -> None:
    db, extra = tmp_path / "x.duckdb", tmp_path / "extra.csv"
    extra.write_text("measure_code,period,value,notes\n5.3.1.a,2024/25 Q1,12,checked\n")
    validated = run("validate", str(extra))
    warning = [line for line in validated.stdout.splitlines() if "warning:" in line]
    assert warning == ["  warning: column notes: " + warning[0].split(": ", 2)[2]]
    loaded = run("load", "--db", str(db), str(extra))
    assert loaded.returncode == 0, loaded.stderr
    assert "row None" not in loaded.stdout
    assert warning[0] in loaded.stdout.splitlines()


def test_history_csv_writes_the_replaced_batches_readably(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    files = []
    for n, value in enumerate((12, 15, 20), start=1):
        files.append(tmp_path / f"v{n}.csv")
        files[-1].write_text(f"measure_code,period,value\n5.3.1.a,2024/25 Q1,{value}\n")
    assert run("load", "--db", str(db), *map(str, files)).returncode == 0
    as_csv = run("history", "--db", str(db))
    assert as_csv.returncode == 0, as_csv.stderr
    table = pd.read_csv(io.StringIO(as_csv.stdout), keep_default_na=False)
    assert table.set_index("batch_id")["replaced_batches"].to_dict() == {3: "1; 2", 2: "1", 1: ""}
    as_json = json.loads(run("history", "--db", str(db), "--format", "json").stdout)
    assert [b["replaced_batches"] for b in as_json] == [[1, 2], [1], []]


def test_load_warns_of_an_unusually_large_change_and_still_loads(tmp_path: Path) -> None:
    db, v1, v2 = tmp_path / "x.duckdb", tmp_path / "v1.csv", tmp_path / "v2.csv"
    v1.write_text("measure_code,period,value\n5.3.1.a,2024/25 Q1,10\n")
    v2.write_text("measure_code,period,value\n5.3.1.a,2024/25 Q2,10000\n")
    first = run("load", "--db", str(db), str(v1))
    assert first.returncode == 0 and "warning" not in first.stdout
    result = run("load", "--db", str(db), str(v2))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("LOADED") and "as batch 2" in lines[0]
    assert "warning: 5.3.1.a 2024/25 Q2" in lines[1] and "more than double" in lines[1]
    assert measures(db, "--measure", "5.3.1.a", "--period", "2024/25 Q2")["value"].tolist() == [
        10000.0
    ]


def test_measures_options_are_read_the_way_users_write_them(demo_db: Path) -> None:
    result = run("measures", "--db", str(demo_db), "--period", "2024/25Q2")
    assert result.returncode == 1
    assert result.stderr.startswith("error: '2024/25Q2' is not a period")
    assert "use a quarter (2024/25 Q1" in result.stderr and "or a year (2024/25" in result.stderr
    assert "A period label" not in result.stderr
    upper = measures(demo_db, "--measure", "5.1.3.A", "--period", "2024/25 Q1")
    assert upper["measure_code"].tolist() == ["5.1.3.a"]
    annual = run("measures", "--db", str(demo_db), "--period", "2024/25 Q1", "--measure", "4.3.1.c")
    assert annual.returncode == 0
    assert annual.stdout.splitlines() == [CLI_HEADER]
    assert "4.3.1.c is reported by financial year" in annual.stderr
    assert '"2024/25"' in annual.stderr
