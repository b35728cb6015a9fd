"""Every table a page shows downloads as CSV and as Excel, formula-safe, and each
download is an audit entry.

A page is read in the order a reader meets it: each table (a grid or a plain table)
must be followed by its own pair of buttons — "… (CSV)" then "… (Excel)", one file name
— before the next table begins. The files behind the buttons are made the way a click
makes them and read back as a spreadsheet reads them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from tests.app.conftest import board, open_page
from vrp_metrics.access import local_user
from vrp_metrics.catalogue import load_catalogue
from vrp_metrics.returns import validate_file
from vrp_metrics.store import Store

QUARTER = "2026/27 Q2"
TODAY = dt.date.today().isoformat()
TABLES = ("dataframe", "table")

# The OWASP examples of text a spreadsheet would run as a formula.
OWASP = ['=1+2";=1+2', "@SUM(A1)", "-2+3", "\t=1+2", "\r=1+2"]
TRACKER = (
    "data_source,agency,period,rag_status,barrier,next_action\r\n"
    f'"=1+2"";=1+2",Police,{QUARTER},Red,@SUM(A1),-2+3\r\n'
    f"-2+3,@SUM(A1),{QUARTER},Amber,=1+2,\r\n"
).encode()
MEASURES = f"measure_code,period,value,comment\n5.3.1.a,{QUARTER},12,-2+3\n".encode()


@dataclass
class Download:
    label: str
    file_name: str
    make: Callable[[], bytes]


@pytest.fixture
def files(monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[str, Callable[[], bytes]]]:
    """The files behind the page's download buttons, by their placeholder id: the file
    name and what makes the bytes (as a click would)."""
    made: dict[str, tuple[str, Callable[[], bytes]]] = {}
    original = MediaFileManager.add_deferred

    def remember(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        file_id = original(self, data_callable, mimetype, coordinates, file_name, **kwargs)
        made[file_id] = (file_name, data_callable)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", remember)
    return made


def in_reading_order(node) -> Iterator:
    yield node
    for key in sorted(getattr(node, "children", None) or {}):
        yield from in_reading_order(node.children[key])


def tables_and_downloads(at: AppTest, files) -> list[str | Download]:
    """The page's tables ("table") and download buttons, in reading order."""
    found: list[str | Download] = []
    for node in in_reading_order(at.main):
        if getattr(node, "type", None) in TABLES:
            found.append("table")
        elif getattr(node, "type", None) == "download_button":
            if not node.proto.deferred_file_id:
                continue  # a file made with the page (a return template), not a table's
            file_name, make = files[node.proto.deferred_file_id]
            found.append(Download(node.label, file_name, make))
    return found


def pairs_after_each_table(found: list[str | Download]) -> tuple[int, list[Download]]:
    """(tables, the pairs of downloads), checking that each table has its own pair
    before the next table, and that each pair is a CSV and an Excel file of one name."""
    tables, pairs, waiting = 0, [], False
    for position, item in enumerate(found):
        if item == "table":
            assert not waiting, f"table {tables} has no downloads before the next table"
            tables, waiting = tables + 1, True
        elif item.label.endswith("(CSV)"):
            excel = found[position + 1]
            assert isinstance(excel, Download) and excel.label.endswith("(Excel)"), found
            assert excel.label.removesuffix("(Excel)") == item.label.removesuffix("(CSV)")
            assert item.file_name.endswith(".csv") and excel.file_name.endswith(".xlsx")
            assert item.file_name.removesuffix(".csv") == excel.file_name.removesuffix(".xlsx")
            pairs.append(item)
            waiting = False
    assert not waiting, "the last table has no downloads"
    return tables, pairs


PAGES = {
    # page, query: what each shows (with the demo data, for 2026/27 Q2)
    "overview": {},  # the table of every measure
    "objective": {"objective": "SO4"},  # each measure's numbers (and the measures' download)
    "working_group": {"group": "IEO"},  # the group's measures, each measure's numbers
    # A measure from outcome readings: figures, years, cohort sizes, changes, SPC.
    "measure": {"measure": "5.1.2.c"},
    "data_tracker": {},  # the grid, barriers and next actions, 3.1.1.a's numbers
    "history": {},  # the batches, the returns received
}


@pytest.mark.parametrize("page", list(PAGES))
def test_each_table_of_a_page_has_a_csv_and_an_excel_download(
    demo_db: Path, files, page: str
) -> None:
    at = open_page(page, period=QUARTER, **PAGES[page])
    assert not at.exception
    shown = [e for kind in TABLES for e in at.get(kind)]
    tables, pairs = pairs_after_each_table(tables_and_downloads(at, files))
    assert tables == len(shown) > 0
    # One pair per table; the board's table of measures (overview, group) is drawn as
    # HTML rather than a grid, and the objective page shows its measures as headings and
    # charts: each of those pages adds one pair for its measures.
    assert len(pairs) == tables + (page in ("objective", "overview", "working_group"))
    names = [p.file_name for p in pairs]
    assert len(set(names)) == len(names), names  # each file says what it holds


def test_file_names_say_what_and_for_which_period(demo_db: Path, files) -> None:
    at = open_page("working_group", period=QUARTER, group="IEO")
    names = {p.file_name for p in pairs_after_each_table(tables_and_downloads(at, files))[1]}
    assert "vrp-ieo-measures-2026-27-Q2.csv" in names
    assert "5.1.2.c-figures-to-2026-27-Q2.csv" in names
    at = open_page("history")
    names = {p.file_name for p in pairs_after_each_table(tables_and_downloads(at, files))[1]}
    # Every batch and every period's returns: as they stood on the day.
    assert names == {
        f"vrp-batches-as-at-{TODAY}.csv",
        f"vrp-returns-received-as-at-{TODAY}.csv",
        f"vrp-returns-due-as-at-{TODAY}.csv",
    }


def test_the_upload_page_has_downloads_of_each_files_report_and_preview(
    demo_db: Path, files
) -> None:
    bad = b"measure_code,period,value\n5.1.5.a,2026/27 Q2,-2+3\n9.9.9.z,2026/27 Q2,5\n"
    at = open_page("upload")
    at.file_uploader[0].set_value(
        [("artswork.csv", bad, "text/csv"), ("rock pool.csv", MEASURES, "text/csv")]
    ).run()
    assert not at.exception
    tables, pairs = pairs_after_each_table(tables_and_downloads(at, files))
    # The bad file's errors, then the good file's figures if loaded: two tables, two
    # pairs (the templates' buttons below are not a table's).
    assert tables == 2
    assert [p.file_name for p in pairs] == ["artswork-errors.csv", "rock-pool-if-loaded.csv"]
    rows = csv_rows(pairs[0].make())
    assert rows[0][:5] == ["File", "Error or warning", "Row", "Column", "Value"]
    # The partner's "-2+3" goes back to them as text.
    assert ["artswork.csv", "error", "2", "value", "'-2+3"] in [r[:5] for r in rows]


# -- formula safety -----------------------------------------------------------------------


def load(store: Store, name: str, data: bytes) -> None:
    report = validate_file((name, data), load_catalogue())
    assert report.ok, report.errors
    store.load(report, user=local_user("Ann Analyst"))


@pytest.fixture
def owasp_db(demo_db: Path) -> Path:
    """The demo database with the OWASP examples as data sources, barriers, agencies
    and the names of loaded files (a tab and a carriage return survive only there)."""
    with Store(demo_db) as store:
        load(store, "tracker.csv", TRACKER)
        load(store, "\t=1+2.csv", MEASURES)
        load(store, "\r=1+2.csv", MEASURES.replace(b",12,", b",13,"))
    return demo_db


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def assert_csv_safe(data: bytes) -> list[str]:
    """No cell of the CSV starts like a formula unless it is a number; the cells."""
    cells = [cell for row in csv_rows(data) for cell in row]
    risky = [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert all(NUMBER.fullmatch(c) for c in risky), risky
    return cells


def assert_xlsx_safe(data: bytes) -> list[openpyxl.cell.Cell]:
    """No formula in the workbook; every text cell is stored as text; the cells."""
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert all(c.data_type == "s" for c in cells if isinstance(c.value, str))
    return cells


@pytest.mark.parametrize("page", ["data_tracker", "history"])
def test_every_download_of_a_page_is_formula_safe_and_keeps_numbers(
    owasp_db: Path, files, page: str
) -> None:
    at = open_page(page, period=QUARTER)
    assert not at.exception
    downloads = [d for d in tables_and_downloads(at, files) if isinstance(d, Download)]
    seen_csv: set[str] = set()
    seen_xlsx: set[str] = set()
    numbers = 0
    for download in downloads:
        data = download.make()
        if download.file_name.endswith(".csv"):
            seen_csv |= set(assert_csv_safe(data))
        else:
            cells = assert_xlsx_safe(data)
            seen_xlsx |= {c.value for c in cells if isinstance(c.value, str)}
            numbers += sum(isinstance(c.value, int | float) and c.data_type == "n" for c in cells)
    # Each example this page shows is there, quoted in CSV and as typed (text) in Excel.
    on_page = {
        "data_tracker": ['=1+2";=1+2', "@SUM(A1)", "-2+3"],
        "history": ["\t=1+2.csv", "\r=1+2.csv"],
    }[page]
    for text in on_page:
        assert f"'{text}" in seen_csv and text not in seen_csv, text
        assert text in seen_xlsx, text
    # Numbers stay numbers: the tracker's green share by quarter, the rows of a batch.
    assert numbers > 0


def test_a_measures_series_downloads_as_numbers(demo_db: Path, files) -> None:
    at = open_page("measure", period=QUARTER, measure="5.1.2.d")
    found = pairs_after_each_table(tables_and_downloads(at, files))[1]
    figures = next(p for p in found if p.file_name == "5.1.2.d-figures-to-2026-27-Q2.csv")
    excel = next(
        files[b.proto.deferred_file_id][1]
        for b in at.get("download_button")
        if files[b.proto.deferred_file_id][0] == "5.1.2.d-figures-to-2026-27-Q2.xlsx"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(excel())).active
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["Period", "Value", "Numerator", "Denominator", "Cohort size"]
    last = [c for c in sheet[sheet.max_row]]
    assert last[0].value == QUARTER and last[0].data_type == "s"
    # % with a reduced pain score: value = 100 × numerator / denominator, all numbers.
    value, numerator, denominator = (c.value for c in last[1:4])
    assert all(c.data_type == "n" for c in last[1:5])
    assert value == pytest.approx(100 * numerator / denominator)
    assert csv_rows(figures.make())[0][:2] == ["Period", "Value"]


# -- the audit log ------------------------------------------------------------------------


def exports(path: Path):
    with Store(path) as store:
        return store.audit_log(action="export")


def test_clicking_a_download_writes_an_audit_entry(demo_db: Path, files) -> None:
    at = open_page("overview", period=QUARTER)
    assert exports(demo_db).empty  # opening a page downloads nothing
    excel = next(b for b in at.get("download_button") if b.label.endswith("(Excel)"))
    excel.click().run()
    assert not at.exception
    (entry,) = exports(demo_db).to_dict("records")
    figures = board(at)[0]
    assert entry["object"] == "vrp-measures-2026-27-Q2.xlsx"  # the table, period, format
    assert entry["detail"] == f"{len(figures)} rows"
    assert entry["outcome"] == "done" and entry["actor"]  # the person at this computer
    # Another click is another entry; a rerun without a click is none.
    at.run()
    assert len(exports(demo_db)) == 1
    csv_button = next(b for b in at.get("download_button") if b.label.endswith("(CSV)"))
    csv_button.click().run()
    assert exports(demo_db)["object"].tolist() == [
        "vrp-measures-2026-27-Q2.xlsx",
        "vrp-measures-2026-27-Q2.csv",
    ]


def test_the_acting_user_is_who_the_entry_names(
    demo_db: Path, files, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("USER", "pat.viewer")
    monkeypatch.setenv("LOGNAME", "pat.viewer")
    at = open_page("history")
    at.get("download_button")[0].click().run()
    (entry,) = exports(demo_db).to_dict("records")
    assert entry["actor"] == "pat.viewer"
    assert entry["object"] == f"vrp-batches-as-at-{TODAY}.csv"


def test_a_download_the_audit_log_cannot_take_just_now_is_said_not_raised(
    demo_db: Path, files, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vrp_metrics.store import StoreBusy

    at = open_page("history")

    def busy(*args: object, **kwargs: object) -> None:
        raise StoreBusy("another program is writing to the database")

    monkeypatch.setattr(Store, "record", busy)
    at.get("download_button")[0].click().run()
    assert not at.exception
    (toast,) = at.toast
    assert toast.value.startswith("The download could not be written to the audit log")
    assert at.dataframe  # the page is still there


def test_nobody_without_a_role_that_allows_downloads_sees_the_buttons(
    demo_db: Path, files, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dashboard import downloads
    from vrp_metrics.access import ActingUser

    monkeypatch.setattr(downloads, "acting_user", lambda: ActingUser("ann", "Ann"))
    at = open_page("history")
    assert not at.exception
    assert at.dataframe and not at.get("download_button")
