"""Hostile and careless input: personal data, invisible characters and decomposed letters
in partner returns, their file names and the names people type.

Each committed file under ``files/personal_*`` goes through ``validate_file`` and through
``python -m vrp_metrics load`` as a partner's analyst would run it: a file holding personal
data gives a clean error naming row and column, never quotes the identifier in full
anywhere (report, screen, JSON), and writes nothing. The look-alikes load. The catalogue
is ``files/personal_catalogue.toml``: the few codes and scales the files use.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from vrp_metrics.catalogue import load_catalogue
from vrp_metrics.cli import main
from vrp_metrics.returns import validate_file
from vrp_metrics.returns.personal_rules import CLOSE_LOOKS
from vrp_metrics.returns.rules import LISTED_PER_RULE
from vrp_metrics.store import Store

REPO = Path(__file__).resolve().parents[2]
FILES = Path(__file__).resolve().parent / "files"
CATALOGUE_FILE = FILES / "personal_catalogue.toml"
CATALOGUE = load_catalogue(CATALOGUE_FILE)
TODAY = dt.date(2025, 5, 15)
CLEAN = FILES / "personal_clean_lookalikes.csv"
STAR = "RESET Outcomes Star,Offending"

# file → its errors (row, column, value shown, words of the message), and the texts in it
# that must never be shown.
REFUSED: dict[str, tuple[list[tuple[int | None, str, str | None, str]], list[str]]] = {
    "personal_ref_nhs_number.csv": (
        [
            (4, "participant_ref", "943 *** ****", "looks like an NHS number"),
            (5, "participant_ref", "943 *** ****", "looks like an NHS number"),
        ],
        ["943 476 5919"],
    ),
    "personal_ref_email.csv": (
        [
            (2, "participant_ref", "j***@example.com", "looks like an email address"),
            (3, "participant_ref", "j***@example.com", "looks like an email address"),
        ],
        ["john.smith"],
    ),
    "personal_ref_postcode_and_date.csv": (
        [
            (2, "participant_ref", "SO14 ***", "looks like a full postcode"),
            (3, "participant_ref", "SO14 ***", "looks like a full postcode"),
        ],
        ["7DU"],
    ),
    "personal_ref_name.csv": (
        [
            (3, "participant_ref", "J*** S***", "looks like a person's name"),
            (4, "participant_ref", "J*** S***", "looks like a person's name"),
        ],
        ["John", "Smith"],
    ),
    "personal_ref_nino_no_spaces.csv": (
        [
            (2, "participant_ref", "qq*******", "looks like a National Insurance number"),
            (3, "participant_ref", "qq*******", "looks like a National Insurance number"),
        ],
        ["123456"],
    ),
    "personal_comment_everything.csv": (
        [
            (
                2,
                "comment",
                "DOB **/**/****, 943 *** ****, SO14 ***",
                "holds what looks like a date of birth, an NHS number and a full postcode",
            ),
        ],
        ["12/03/2008", "943 476 5919", "7DU"],
    ),
    "personal_value_nhs_number.csv": (
        [
            # a count of 9,434,765,919 is also beyond the plausible; neither quotes it
            (2, "value", "943*******", "is more than 100,000,000"),
            (2, "value", "943*******", "holds what looks like an NHS number"),
        ],
        ["9434765919"],
    ),
    "personal_tracker_fields.csv": (
        [
            (2, "data_source", "j***@example.org", "looks like an email address"),
            (3, "barrier", "QQ ** ** ** *", "looks like a National Insurance number"),
            (4, "next_action", "d.o.b. **/**/****", "looks like a date of birth"),
        ],
        ["j.bloggs", "12 34 56", "01/02/2009"],
    ),
    "personal_header_name_of_young_person.csv": (
        [(None, "Name of young person", None, "looks like a name")],
        [],
    ),
    "personal_header_ni_number.csv": (
        [(None, "NI Number", None, "looks like a National Insurance number")],
        [],
    ),
    "personal_header_upn.csv": (
        [(None, "UPN", None, "looks like a pupil number (UPN)")],
        [],
    ),
    "personal_ref_zero_width.csv": (
        [(3, "participant_ref", "RS-0[U+200B]01", "a zero-width space (U+200B)")],
        ["\u200b"],
    ),
    "personal_ref_direction_controls.csv": (
        [
            (2, "participant_ref", "[U+202E]RS-002", "a right-to-left override (U+202E)"),
            (3, "participant_ref", "RS-003[U+200F]", "a right-to-left mark (U+200F)"),
            (4, "participant_ref", "RS-[U+2066]04", "a left-to-right isolate (U+2066)"),
        ],
        ["\u202e", "\u200f", "\u2066"],
    ),
    "personal_workbook.xlsx": (
        [
            (None, "NINO", None, "looks like a National Insurance number"),
            (2, "participant_ref", "943*******", "looks like an NHS number"),
            (3, "participant_ref", "943*******", "looks like an NHS number"),
            (5, "participant_ref", "J***@nhs.net", "looks like an email address"),
        ],
        ["9434765919", "Jane.Doe"],
    ),
}


def test_the_corpus_is_all_here():
    committed = {p.name for p in FILES.glob("personal_*") if p.suffix in (".csv", ".xlsx")}
    loadable = {
        "personal_clean_lookalikes.csv",
        "personal_comment_invisible.csv",
        "personal_ref_decomposed.csv",
    }
    assert committed == set(REFUSED) | loadable


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_file_with_personal_data_gives_clean_errors_that_do_not_quote_it(name):
    expected, secrets = REFUSED[name]
    report = validate_file(FILES / name, CATALOGUE, today=TODAY)
    assert report.data is None
    assert [(e.row, e.column, e.value) for e in report.errors] == [e[:3] for e in expected]
    for error, (*_, words) in zip(report.errors, expected, strict=True):
        assert words in error.message, error.message
    shown = json.dumps(report.to_dict(), ensure_ascii=False)
    for secret in secrets:
        assert secret not in shown


@pytest.fixture(scope="module")
def loaded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the look-alike file (one batch)."""
    db = tmp_path_factory.mktemp("personal") / "vrp.duckdb"
    assert cli("load", "--db", str(db), str(CLEAN), "--by", "Ann Analyst") == 0
    return db


def cli(*args: str) -> int:
    return main(["--catalogue", str(CATALOGUE_FILE), *args])


def batches(db: Path) -> list[tuple]:
    """Every batch and revision the database holds."""
    return stored(db, "SELECT batch_id, file_name, rows_loaded FROM batch ORDER BY 1") + stored(
        db, "SELECT revision, action FROM revision ORDER BY 1"
    )


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_load_writes_nothing_and_prints_nothing_personal(loaded_db, capsys, name):
    before = batches(loaded_db)
    capsys.readouterr()
    assert cli("load", "--db", str(loaded_db), str(FILES / name), "--by", "Ann Analyst") == 1
    out = capsys.readouterr()
    assert f"nothing was loaded from {FILES / name}" in out.err
    assert "Traceback" not in out.err + out.out
    for secret in REFUSED[name][1]:
        assert secret not in out.err + out.out
    assert batches(loaded_db) == before


def test_load_from_the_command_line_creates_no_database_for_a_refused_file(tmp_path):
    db = tmp_path / "vrp.duckdb"
    result = run_cli("load", "--db", str(db), str(FILES / "personal_comment_everything.csv"))
    assert result.returncode == 1
    assert "row 2, column comment, value 'DOB **/**/****, 943 *** ****, SO14 ***'" in (
        result.stderr
    )
    assert "943 476 5919" not in result.stderr + result.stdout
    assert not db.exists()


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vrp_metrics", "--catalogue", str(CATALOGUE_FILE), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def stored(db: Path, sql: str) -> list[tuple]:
    with Store(db, read_only=True) as store:
        cur = store.cursor()
        try:
            return cur.execute(sql).fetchall()
        finally:
            cur.close()


def test_look_alikes_load_as_written(loaded_db):
    assert stored(loaded_db, "SELECT comment FROM measure_row ORDER BY source_row") == [
        ("Referrals from SO14 and PO1 rose; reference 943 476 5918 checked",),
        (
            "Met Southampton City Council on 12/03/2024; Q1 2nd review done; project born "
            "of the 2019 review; ask @HIPSVRU",
        ),
    ]


def test_a_comment_loads_without_its_invisible_characters(tmp_path, capsys):
    db = tmp_path / "vrp.duckdb"
    assert cli("load", "--db", str(db), str(FILES / "personal_comment_invisible.csv")) == 0
    out = capsys.readouterr().out
    assert "warning: row 2, column comment, value 'Figures checked[U+200B] by the team" in out
    assert stored(db, "SELECT comment FROM measure_row") == [("Figures checked by the team evif",)]


def test_decomposed_letters_load_as_one_participant(tmp_path):
    db = tmp_path / "vrp.duckdb"
    assert cli("load", "--db", str(db), str(FILES / "personal_ref_decomposed.csv")) == 0
    assert stored(db, "SELECT DISTINCT participant_ref FROM reading") == [("ZOË-01",)]


def test_a_file_named_with_a_direction_override_is_refused_and_shown_visibly(tmp_path):
    renamed = tmp_path / "returns\u202eVSC.csv"
    shutil.copy(CLEAN, renamed)
    db = tmp_path / "vrp.duckdb"
    result = run_cli("load", "--db", str(db), str(renamed))
    assert result.returncode == 1
    assert "\u202e" not in result.stdout + result.stderr
    assert f"ERRORS {tmp_path}/returns[U+202E]VSC.csv (unrecognised file)" in result.stderr
    assert "The file name contains a right-to-left override (U+202E)" in result.stderr
    assert not db.exists()


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("\u200b", "contains a zero-width space (U+200B)"),
        ("\u202eeilrahC", "contains a right-to-left override (U+202E)"),
        ("Ann\x1b[31m", "contains a control character (U+001B)"),
    ],
)
def test_an_invisible_or_escaping_name_is_refused_before_anything_is_written(
    tmp_path, capsys, name, words
):
    db = tmp_path / "vrp.duckdb"
    with pytest.raises(SystemExit) as usage_error:
        cli("load", "--db", str(db), str(CLEAN), "--by", name)
    assert usage_error.value.code == 2
    err = capsys.readouterr().err
    assert "argument --by: the name" in err and words in err
    assert not db.exists()


def test_a_flood_of_identifiers_is_summed_up_at_the_first_row_not_listed(tmp_path):
    rows = LISTED_PER_RULE + 205
    lines = "".join(
        f"943 476 5919,RESET Outcomes Star,Offending,0{1 + i % 9}/04/2024,4\n" for i in range(rows)
    )
    path = tmp_path / "flood.csv"
    path.write_text("participant_ref,scale,area,reading_date,score\n" + lines)
    report = validate_file(path, CATALOGUE, today=TODAY)
    personal = [e for e in report.errors if e.column == "participant_ref"]
    assert [e.row for e in personal[:-1]] == list(range(2, LISTED_PER_RULE + 2))
    assert personal[-1].message == (
        "…and 205 more rows in column participant_ref where a value looks like a personal "
        "identifier, as in row 1002 (only the first 1,000 are listed)."
    )
    assert all("943 476 5919" not in f"{e.value} {e.message}" for e in report.errors)


def test_a_file_made_of_addresses_is_refused_whole_without_quoting_one(tmp_path):
    """More different addresses than are looked at one by one: one column-level error.
    (The time is not asserted; ``benchmarks/`` measures speed.)"""
    rows = CLOSE_LOOKS + 10
    lines = "".join(f"person{i}@example.com,{STAR},01/04/2024,4\n" for i in range(rows))
    path = tmp_path / "addresses.csv"
    path.write_text("participant_ref,scale,area,reading_date,score\n" + lines)
    report = validate_file(path, CATALOGUE, today=TODAY)
    assert [(e.row, e.column, e.value) for e in report.errors] == [(None, "participant_ref", None)]
    assert report.errors[0].message.startswith(
        f"Column participant_ref has {rows:,} different values that may hold personal identifiers"
    )
    assert "@example.com" not in json.dumps(report.to_dict())
