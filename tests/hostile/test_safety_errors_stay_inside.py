"""Errors stay inside: one bad figure never takes a page down, a failing page shows a
plain message (the detail goes to the log), JSON output is strict, and the server
started as the README says listens on this computer only.

The bad figure is 1e308 for 5.1.2.c (a mean change) in 2025/26 Q2, loaded straight
through the store — validation will refuse such a figure, but a page must survive
whatever the database holds. Its moving ranges overflow the SPC arithmetic.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest
from streamlit.config import ShowErrorDetailsConfigOptions

from tests.app.conftest import (  # noqa: F401 - fixtures used by name
    board,
    demo_db,
    demo_db_template,
    open_page,
    page_text,
    server_past_its_first_visit,
)
from vrp_metrics import reporting
from vrp_metrics.access import local_user
from vrp_metrics.catalogue import Frequency, load_catalogue
from vrp_metrics.returns import validate_file
from vrp_metrics.store import Store

REPO = Path(__file__).resolve().parents[2]
CATALOGUE = load_catalogue()
HUGE_CODE, HUGE_PERIOD = "5.1.2.c", "2025/26 Q2"
PAGE_FAILED = "Something went wrong on this page; the error has been logged."


@pytest.fixture
def huge_db(demo_db: Path) -> Path:  # noqa: F811 - the fixture of tests.app.conftest
    """The demo database with 5.1.2.c's 2025/26 Q2 figure replaced by 1e308."""
    text = (
        "measure_code,period,value,numerator,denominator,cohort_size,comment\n"
        f"{HUGE_CODE},{HUGE_PERIOD},1.5,,,5,\n"
    )
    report = validate_file(("huge.csv", text.encode()), CATALOGUE)
    assert report.ok and report.data is not None
    report.data["value"] = 1e308  # past validation, as a database could hold it
    with Store(demo_db) as store:
        store.load(report, user=local_user("Ann"))
    return demo_db


def quarterly_codes() -> set[str]:
    return {m.code for m in CATALOGUE.measures if m.frequency != Frequency.annual}


@pytest.mark.parametrize("period", ["2026/27 Q2", "2025/26"])
def test_the_overview_rates_every_other_measure_and_says_spc_unavailable(huge_db, period):
    # Both periods' SPC series have the huge figure with a quarter after it, whose two
    # moving ranges of about 1e308 overflow when summed.
    at = open_page("overview", period=period)
    assert not at.exception, [e.value for e in at.exception]
    assert PAGE_FAILED not in page_text(at)
    table = board(at)[0].set_index("Code")
    assert set(table.index) >= quarterly_codes()  # every measure has its row
    assert table.loc[HUGE_CODE, "SPC"] == reporting.spc_status.UNAVAILABLE
    others = table.drop(index=HUGE_CODE)["SPC"]
    assert reporting.spc_status.UNAVAILABLE not in set(others)
    assert set(others) & set(reporting.spc_status.VARIATION_LABEL.values())


def test_the_overview_up_to_the_huge_figure_itself_renders(huge_db: Path) -> None:
    # As the last point it makes one moving range: the SPC can still be worked out.
    at = open_page("overview", period=HUGE_PERIOD)
    assert not at.exception and PAGE_FAILED not in page_text(at)
    table = board(at)[0].set_index("Code")
    assert set(table.index) == quarterly_codes()


@pytest.mark.parametrize(
    ("page", "query"),
    [("objective", {"objective": "SO4"}), ("working_group", {"group": "IEO"})],
)
def test_objective_and_group_pages_show_every_measure(huge_db: Path, page: str, query) -> None:
    at = open_page(page, period="2026/27 Q2", **query)
    assert not at.exception, [e.value for e in at.exception]
    text = page_text(at)
    assert PAGE_FAILED not in text
    assert f"SPC: {reporting.spc_status.UNAVAILABLE}" in text  # on the bad measure's row
    group = CATALOGUE.objective(query["objective"]).working_group if page == "objective" else "IEO"
    for measure in CATALOGUE.measures_of_group(group):
        assert f"{measure.code} {measure.title}" in text, measure.code


def test_the_measure_page_shows_the_figures_and_says_why_there_is_no_spc(huge_db: Path) -> None:
    at = open_page("measure", measure=HUGE_CODE, period="2026/27 Q2")
    assert not at.exception, [e.value for e in at.exception]
    text = page_text(at)
    assert PAGE_FAILED not in text
    assert f"The SPC chart of {HUGE_CODE} is unavailable" in text
    assert at.get("plotly_chart")  # the trend and cohort charts are still drawn
    other = open_page("measure", measure="5.1.2.d", period="2026/27 Q2")
    assert not other.exception and "Statistical process control" in page_text(other)


def test_measures_json_is_strict_with_an_infinite_year(huge_db: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "vrp_metrics", "measures", "--db", str(huge_db), "--format", "json"]
        + ["--measure", HUGE_CODE],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr

    def refuse(constant: str) -> None:
        raise ValueError(f"not strict JSON: {constant}")

    rows = json.loads(result.stdout, parse_constant=refuse)
    (quarter,) = [r for r in rows if r["period"] == HUGE_PERIOD]
    assert quarter["value"] == 1e308
    year = subprocess.run(
        [sys.executable, "-m", "vrp_metrics", "measures", "--db", str(huge_db), "--format", "json"]
        + ["--measure", HUGE_CODE, "--period", "2025/26"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    (row,) = json.loads(year.stdout, parse_constant=refuse)
    assert row["value"] is None  # the year's mean overflowed: null, not Infinity


def test_a_failing_page_shows_a_plain_message_and_logs_the_detail(
    demo_db: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("cannot read /srv/vrp/secret/figures.parquet")

    monkeypatch.setattr(reporting, "overview_table", broken)
    with caplog.at_level(logging.ERROR, logger="dashboard"):
        at = open_page("overview")
    assert not at.exception
    (message,) = [e.value for e in at.error]
    assert message.startswith(PAGE_FAILED + " Other pages still work. (Reference ")
    reference = message.rsplit("Reference ", 1)[1].rstrip(".)")
    shown = page_text(at)
    assert "/srv/vrp" not in shown and "RuntimeError" not in shown and "Traceback" not in shown
    assert at.sidebar.selectbox[0].label == "Period"  # the frame is still there
    (record,) = [r for r in caplog.records if reference in r.getMessage()]
    assert record.name == "dashboard" and "overview" in record.getMessage().lower()
    assert "/srv/vrp/secret/figures.parquet" in str(record.exc_info[1])
    # Another page still works in the same session.
    at.switch_page("pages/history.py").run()
    assert not at.exception and not at.error and "Returns and history" in page_text(at)


def test_st_stop_passes_through_the_guard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "withdrawn.duckdb"
    monkeypatch.setenv("VRP_DB", str(path))
    report = validate_file(
        ("one.csv", b"measure_code,period,value\n5.3.1.a,2024/25 Q1,12\n"), CATALOGUE
    )
    with Store(path) as store:  # a batch (so no demo data), but no figure in force
        store.withdraw(store.load(report, user=local_user("Ann")).batch_id, user=local_user("Ann"))
    at = open_page("overview")
    assert not at.exception
    assert "There are no figures yet" in page_text(at)  # need_period's st.stop
    assert PAGE_FAILED not in page_text(at)


def test_the_config_keeps_errors_and_the_server_inside() -> None:
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    assert config["server"]["address"] == "127.0.0.1"
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["maxUploadSize"] == 50
    assert config["client"]["showErrorDetails"] == ShowErrorDetailsConfigOptions.NONE.value
    assert config["client"]["disableDataExport"] is True


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening_addresses(port: int) -> set[str]:
    """The local addresses with a socket listening on ``port`` (Linux /proc/net/tcp*)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def test_the_server_started_from_the_repository_listens_on_this_computer_only(tmp_path: Path):
    port = free_port()
    log = (tmp_path / "server.log").open("w")
    env = {**os.environ, "VRP_DB": str(tmp_path / "vrp.duckdb")}
    env.pop("STREAMLIT_SERVER_ADDRESS", None)
    # As scripts/run.sh starts it, without setting an address.
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health") as r:
                    if r.read() == b"ok":
                        break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, nothing else
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
