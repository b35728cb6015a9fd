"""What the product shows and writes is safe, whatever partners and users typed.

The corpus (``files/safety_*.csv``) holds a tracker return whose data sources, agencies,
barriers and next actions are Markdown images and links, HTML and spreadsheet formulas,
and a measure return with such comments. It is loaded through the real validation and
store — by a name that is a formula, under a file name that is a formula — with a
commentary of the same kind, then:

- every page that shows it is read back from AppTest: Markdown never sees the text
  unescaped (no image to fetch, no live link), and the reader sees it as typed;
- every file the product writes of it (the tables' downloads, the validation report's,
  the templates, the command line's CSV and JSON) is read back as a spreadsheet or a
  strict JSON reader would read it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from tests.app.conftest import (  # noqa: F401 - fixtures used by name
    demo_db,
    demo_db_template,
    open_page,
    server_past_its_first_visit,
    shown,
)
from vrp_metrics import templates
from vrp_metrics.access import local_user
from vrp_metrics.catalogue import load_catalogue
from vrp_metrics.returns import validate_file
from vrp_metrics.store import Store
from vrp_metrics.tracker import latest_data_sources

REPO = Path(__file__).resolve().parents[2]
FILES = Path(__file__).resolve().parent / "files"
CATALOGUE = load_catalogue()
QUARTER = "2026/27 Q2"
TODAY = dt.date.today().isoformat()

FORMULA_NAME = '=HYPERLINK("http://x.example/steal","Ann")'
FORMULA_FILE = "=cmd|' -C calc'!A0.csv"
# What partners and users wrote that Markdown (or Plotly) would turn into something live.
MARKUP = [
    "![t](http://x.example/beacon.png)",
    "[Reset your password](http://x.example/phish)",
    '<a href="http://x.example/phish">Health data</a>',
    "NHS <b>trust</b>",
    ":red[Urgent] see www.x.example",
    "<img src=http://x.example/i.png>",
]
COMMENTARY = "![t](http://x.example/beacon.png) <script>alert(1)</script> [Open](http://x.example)"
AUTHOR = "[Pat Chair](http://x.example/phish)"
# Markup that must never reach Markdown unescaped: an image, a link, an HTML tag, a bare
# web address or one of Streamlit's colour directives.
LIVE = re.compile(r"(?<!\\)\[|(?<!\\)<[A-Za-z/!]|https?:|(?i:www\.)")
BOARD_LIVE = re.compile(
    r"<(?!/?(?:div|table|caption|colgroup|col|thead|tbody|tr|th|td|span)\b)"
    r"(?!a href=\"measure\?[^\"<>]*\" target=\"_self\">)(?!/a>)|https?:|(?i:www\.)"
)


def load(store: Store, name: str, data: bytes, by: str) -> int:
    report = validate_file((name, data), CATALOGUE)
    assert report.ok, report.errors
    return store.load(report, user=local_user(by)).batch_id


@pytest.fixture
def hostile_db(demo_db: Path) -> Path:  # noqa: F811 - the fixture of tests.app.conftest
    """The demo database with the corpus loaded and a commentary written."""
    with Store(demo_db) as store:
        load(store, "safety_tracker.csv", (FILES / "safety_tracker.csv").read_bytes(), "Ann")
        measures = (FILES / "safety_measures.csv").read_bytes()
        load(store, FORMULA_FILE, measures, by=FORMULA_NAME)
        store.add_commentary("5.1.5.a", QUARTER, COMMENTARY, user=local_user(AUTHOR), group="IEO")
    return demo_db


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], bytes]]:
    """The files behind the page's download buttons, by file name (made when asked)."""
    made: dict[str, Callable[[], bytes]] = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        made[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return made


def markdown_texts(at: AppTest) -> list[str]:
    """Every text on the page that Streamlit reads as Markdown: headings, paragraphs,
    captions, messages, expander and metric labels, and a plain table's cells."""
    kinds = ("title", "header", "subheader", "markdown", "caption")
    kinds += ("info", "success", "warning", "error")
    texts = [str(element.value) for kind in kinds for element in at.get(kind)]
    texts += [e.label for e in at.expander] + [m.label for m in at.metric]
    for table in at.table:
        texts += [str(c) for c in table.value.columns]
        texts += [str(v) for v in table.value.to_numpy().ravel()]
    return texts


def assert_shown_as_typed(at: AppTest, typed: list[str]) -> None:
    """No live markup reaches Markdown, and each typed text is on the page as typed."""
    texts = markdown_texts(at)
    # The board's table of measures is the app's own HTML, with every text in it written
    # as entities: its only tags are the table's and its same-tab links to measure pages.
    boards = [t for t in texts if t.startswith('<div class="vrp-board">')]
    texts = [t for t in texts if t not in boards]
    live = [t for t in texts if LIVE.search(t)] + [t for t in boards if BOARD_LIVE.search(t)]
    assert not live, live
    seen = "\n".join(shown(t) for t in texts)
    for text in typed:
        assert text in seen, text


def csv_cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def xlsx_cells(data: bytes) -> list[openpyxl.cell.Cell]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [cell for row in sheet.iter_rows() for cell in row]


def assert_formula_safe(files: dict[str, Callable[[], bytes]], stem: str, texts: list[str]):
    """The CSV and Excel downloads named ``stem``: each text is there, a CSV cell with a
    leading quote and an Excel cell stored as text (never a formula)."""
    cells = [cell for row in csv_cells(files[f"{stem}.csv"]()) for cell in row]
    workbook = xlsx_cells(files[f"{stem}.xlsx"]())
    assert not [c for c in workbook if c.data_type == "f"]
    for text in texts:
        assert f"'{text}" in cells and text not in cells, text
        (cell,) = [c for c in workbook if c.value == text]
        assert cell.data_type == "s"


def test_the_tracker_page_shows_barriers_and_actions_as_typed(hostile_db: Path) -> None:
    at = open_page("data_tracker", period=QUARTER)
    assert not at.exception
    assert_shown_as_typed(at, [*MARKUP, "Owner:\n---\n# not a heading"])
    # The heatmap's labels and hover text: Plotly reads tags too.
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    labels = " ".join(spec["data"][0]["y"]) + json.dumps(spec["data"][0]["customdata"])
    assert "<a href" not in labels and "&lt;a href=" in labels
    assert "NHS &lt;b&gt;trust&lt;/b&gt;" in labels


def test_the_tracker_grid_downloads_are_formula_safe(hostile_db: Path, downloads) -> None:
    at = open_page("data_tracker", period=QUARTER)
    assert not at.exception
    formulas = ['=HYPERLINK("http://x.example/steal","Police data")', "@SUM(A1)", "-2+3"]
    assert_formula_safe(downloads, f"vrp-data-tracker-by-quarter-as-at-{TODAY}", formulas)


def test_the_tracker_template_carries_data_sources_back_as_text(hostile_db: Path) -> None:
    with Store(hostile_db) as store:
        sources = latest_data_sources(store)
    formula = '=HYPERLINK("http://x.example/steal","Police data")'
    assert (formula, "Police") in sources
    as_csv = templates.template_csv(CATALOGUE, "VRU", "tracker", QUARTER, data_sources=sources)
    rows = csv_cells(as_csv)
    assert [f"'{formula}", "Police"] == rows[1][:2]
    assert rows[3][:2] == ["'@SUM(A1)", "'-2+3"]
    as_xlsx = templates.template_xlsx(CATALOGUE, "VRU", "tracker", QUARTER, data_sources=sources)
    cells = {c.coordinate: c for c in xlsx_cells(as_xlsx)}
    assert (cells["A2"].value, cells["A2"].data_type) == (formula, "s")
    assert (cells["B4"].value, cells["B4"].data_type) == ("-2+3", "s")


def test_commentary_and_its_author_are_shown_as_typed(hostile_db: Path) -> None:
    at = open_page("measure", measure="5.1.5.a", period=QUARTER)
    assert not at.exception
    assert_shown_as_typed(at, [f"Written by {AUTHOR} on"])
    assert COMMENTARY in [t.value for t in at.get("text")]  # plain text, never Markdown
    at = open_page("working_group", group="IEO", period=QUARTER)
    assert not at.exception
    assert_shown_as_typed(at, [f"Written by {AUTHOR} on"])


def test_history_shows_and_downloads_names_and_files_safely(hostile_db: Path, downloads) -> None:
    at = open_page("history")
    assert not at.exception
    batches = at.dataframe[0].value
    assert FORMULA_FILE in set(batches["file_name"]) and FORMULA_NAME in set(batches["loaded_by"])
    assert_formula_safe(downloads, f"vrp-batches-as-at-{TODAY}", [FORMULA_FILE, FORMULA_NAME])

    # Withdrawing the batch (as the person using the dashboard): the message names the
    # file as typed.
    batch = int(batches[batches["file_name"] == FORMULA_FILE]["batch_id"].iloc[0])
    next(s for s in at.selectbox if s.label == "Batch to withdraw").set_value(batch).run()
    at.checkbox(key=f"withdraw-sure-{batch}").check().run()
    at.button(key="withdraw-button").click().run()
    assert not at.exception
    assert_shown_as_typed(at, [f"Batch {batch} ({FORMULA_FILE}) is withdrawn"])


def test_upload_report_and_its_downloads_keep_partner_text_inert(demo_db: Path, downloads):  # noqa: F811
    bad = (
        (FILES / "safety_tracker.csv")
        .read_bytes()
        .replace(b",Red,", b",![r](http://x.example/r.png),")
    )
    at = open_page("upload")
    at.file_uploader[0].set_value(
        [("[Reset](http:x.example).csv", bad, "text/csv"), (FORMULA_FILE, bad, "text/csv")]
    ).run()
    assert not at.exception
    # The heading (the file name) and the error table's values are shown as typed.
    assert_shown_as_typed(at, ["[Reset](http:x.example).csv", "![r](http://x.example/r.png)"])
    stem = "cmd-c-calc-a0-errors"
    assert {f"{stem}.csv", f"{stem}.xlsx"} <= set(downloads)
    rows = csv_cells(downloads[f"{stem}.csv"]())
    assert rows[0] == [
        "File",
        "Error or warning",
        "Row",
        "Column",
        "Value",
        "What is wrong, and what would be valid",
    ]
    assert rows[1][:5] == [f"'{FORMULA_FILE}", "error", "2", "rag_status", rows[1][4]]
    workbook = xlsx_cells(downloads[f"{stem}.xlsx"]())
    assert not [c for c in workbook if c.data_type == "f"]
    assert [c.data_type for c in workbook if c.value == FORMULA_FILE] == ["s"]


def test_a_hostile_file_name_is_shown_as_typed_when_loaded(demo_db: Path) -> None:  # noqa: F811
    name = "![t](http:x.example) <img src=x>.csv"  # a browser sends no "/" in a name
    at = open_page("upload")
    at.file_uploader[0].upload(name, (FILES / "safety_measures.csv").read_bytes(), "text/csv")
    at.run()
    assert_shown_as_typed(at, [name])
    next(b for b in at.button if b.key == "load-button").click().run()
    assert not at.exception
    assert_shown_as_typed(at, [f"{name} loaded as batch"])


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vrp_metrics", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def strict_loads(text: str) -> object:
    def refuse(constant: str) -> None:
        raise ValueError(f"not strict JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def test_the_command_line_writes_names_and_files_formula_safe(tmp_path: Path) -> None:
    db, hostile = tmp_path / "x.duckdb", tmp_path / FORMULA_FILE
    shutil.copy(FILES / "safety_measures.csv", hostile)
    loaded = run_cli("load", "--db", str(db), str(hostile), "--by", FORMULA_NAME)
    assert loaded.returncode == 0, loaded.stderr

    history = run_cli("history", "--db", str(db))
    rows = csv_cells(history.stdout.encode())
    batch = dict(zip(rows[0], rows[1], strict=True))
    assert batch["file_name"] == f"'{FORMULA_FILE}"
    assert batch["loaded_by"] == f"'{FORMULA_NAME}"
    assert batch["rows_loaded"] == "2"  # a number stays a number
    (as_json,) = strict_loads(run_cli("history", "--db", str(db), "--format", "json").stdout)
    assert (as_json["file_name"], as_json["loaded_by"]) == (FORMULA_FILE, FORMULA_NAME)

    validated = run_cli("validate", "--json", str(hostile), str(FILES / "safety_tracker.csv"))
    assert [r["ok"] for r in strict_loads(validated.stdout)] == [True, True]
