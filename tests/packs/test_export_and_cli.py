"""The command line's ``pack`` and ``export`` (DESIGN §5): exit codes, the file written
whole or not at all, an audit entry each; exports safe for spreadsheets (the OWASP
examples) and, for publication, with [c] for figures about fewer than 8 people."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from tests.packs.conftest import CATALOGUE_FILE, FORMULA_COMMENT, PERIOD
from vrp_metrics.cli import main
from vrp_metrics.period_export import EXPORT_COLUMNS, export_bytes, export_table
from vrp_metrics.store import Store


def run(*args: str) -> int:
    return main(["--catalogue", str(CATALOGUE_FILE), *args])


def export_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_export_writes_the_overview_table_with_its_columns_and_an_audit_entry(store, tmp_path):
    out = tmp_path / "overview.csv"
    assert run("export", "--db", str(store.path), "--period", PERIOD, "--format", "csv",
               "--out", str(out), "--by", "Ann Analyst") == 0  # fmt: skip
    rows = export_rows(out)
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    people = next(r for r in rows if r["measure_code"] == "5.1.3.a")
    # 7 young people, internal: shown; the chair's commentary beside it.
    assert people["value"] == "7.0" and people["rag"] == "red"
    ratings = next(r for r in rows if r["measure_code"] == "2.2.2.a")
    assert (ratings["numerator"], ratings["denominator"]) == ("3", "5")
    audit = Store(store.path).audit_log(action="export")
    assert audit[["actor", "object", "outcome"]].values.tolist() == [
        ["Ann Analyst", f"export {PERIOD}", "done"]
    ]


def test_the_owasp_examples_are_text_in_csv_and_excel(store, catalogue, tmp_path):
    table = export_table(store, catalogue, PERIOD)
    text = export_bytes(table, "csv").decode("utf-8-sig")
    rows = {r["measure_code"]: r for r in csv.DictReader(io.StringIO(text))}
    assert rows["5.3.1.a"]["comment"] == "'" + FORMULA_COMMENT
    assert rows["5.1.3.a"]["commentary"] == "'@SUM(A1) fewer referrals this quarter"
    assert rows["2.2.2.a"]["commentary"] == "'-2+3 ratings from a small panel"
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(table, "xlsx")))
    sheet = book["Measures"]
    cells = {c.value: c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    for text in (
        FORMULA_COMMENT,
        "@SUM(A1) fewer referrals this quarter",
        "-2+3 ratings from a small panel",
    ):
        assert cells[text].data_type == "s"  # a string, never a formula
    # numbers stay numbers: 5.3.1.a's 3 sessions
    header = [c.value for c in sheet[1]]
    values = {
        row[0]: row[header.index("value")] for row in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert values["5.3.1.a"] == 3


def test_a_publication_export_shows_c_for_figures_about_fewer_than_eight_people(store, tmp_path):
    out = tmp_path / "public.csv"
    assert run("export", "--db", str(store.path), "--period", PERIOD, "--format", "csv",
               "--out", str(out), "--public") == 0  # fmt: skip
    rows = {r["measure_code"]: r for r in export_rows(out) if r["title"]}
    assert rows["5.1.3.a"]["value"] == "[c]"
    assert [rows["2.2.2.a"][c] for c in ("value", "numerator", "denominator")] == ["[c]"] * 3
    assert [rows["5.1.1.a"][c] for c in ("value", "cohort_size")] == ["[c]"] * 2
    assert rows["5.3.1.a"]["value"] == "3.0"  # sessions, not people
    assert "[c] marks a figure about fewer than 8 people" in out.read_text(encoding="utf-8-sig")


def test_pack_writes_the_file_and_an_audit_entry(store, tmp_path):
    out = tmp_path / "tvrp.pptx"
    assert run("pack", "--db", str(store.path), "--scope", "TVRP", "--period", PERIOD,
               "--format", "pptx", "--out", str(out), "--by", "Ann Analyst") == 0  # fmt: skip
    assert out.read_bytes()[:2] == b"PK"
    audit = Store(store.path).audit_log(action="pack")
    assert audit[["actor", "object", "outcome"]].values.tolist() == [
        ["Ann Analyst", f"pack TVRP {PERIOD}", "done"]
    ]
    assert "internal pptx pack" in audit["detail"].iloc[0]
    assert list(tmp_path.glob(".tvrp.pptx.*")) == []  # no temporary file left


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scope", "SO9", "--period", PERIOD], "not a pack scope"),
        (["--scope", "svrp", "--period", "Q9"], "is not a period"),
        (["--scope", "svrp", "--period", PERIOD, "--as-at", "99"], "no return batch 99"),
        (["--scope", "svrp", "--period", "2019/20"], "no figures for 2019/20"),
    ],
)
def test_a_pack_that_cannot_be_made_exits_1_with_a_message_and_no_file(
    store, tmp_path, capsys, args, message
):
    out = tmp_path / "pack.pdf"
    assert run("pack", "--db", str(store.path), "--format", "pdf", "--out", str(out), *args) == 1
    assert message in capsys.readouterr().err
    assert not out.exists()
    assert list(tmp_path.glob(".pack.pdf.*")) == []


def test_a_pack_into_a_missing_folder_or_database_exits_1(store, tmp_path, capsys):
    missing = tmp_path / "no such folder" / "pack.pdf"
    assert run("pack", "--db", str(store.path), "--scope", "TVRP", "--period", PERIOD,
               "--format", "pdf", "--out", str(missing)) == 1  # fmt: skip
    assert "No such file or directory" in capsys.readouterr().err
    assert run("export", "--db", str(tmp_path / "none.duckdb"), "--period", PERIOD,
               "--format", "csv", "--out", str(tmp_path / "x.csv")) == 1  # fmt: skip
    assert "there is no database" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()
