"""The dashboard and the command line share one database file while the dashboard runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import state
from tests.app.conftest import REPO, open_page, page_text
from tests.store.holding import held
from vrp_metrics.store import Store

# The demo's 5.3.1.a rises through 2025/26 and 2026/27: on its SPC chart as it stood at
# 2026/27 Q2 (14 quarters), both 37 and a corrected 55 are special-cause improvement.
FIGURE_37 = "Green in 2026/27 Q2: 37 — special-cause improvement (SPC, 14 quarters)."
FIGURE_55 = "Green in 2026/27 Q2: 55 — special-cause improvement (SPC, 14 quarters)."


def test_a_page_shows_a_load_made_from_the_command_line(demo_db: Path, tmp_path: Path) -> None:
    at = open_page("measure", measure="5.3.1.a", period="2026/27 Q2")
    assert not at.exception, [e.value for e in at.exception]
    assert FIGURE_37 in page_text(at)  # the demo's figure, now cached by this server
    file = tmp_path / "rock_pool_correction.csv"
    file.write_text("measure_code,period,value\n5.3.1.a,2026/27 Q2,55\n", encoding="utf-8")
    load = subprocess.run(
        [sys.executable, "-m", "vrp_metrics", "load", "--db", str(demo_db), str(file)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert load.returncode == 0, load.stderr
    assert "LOADED" in load.stdout
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    text = page_text(at)
    assert FIGURE_55 in text and FIGURE_37 not in text


def test_a_new_empty_database_is_filled_with_the_demo_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "new.duckdb"
    monkeypatch.setenv("VRP_DB", str(path))
    at = open_page("measure", measure="5.3.1.a", period="2026/27 Q2")
    assert not at.exception, [e.value for e in at.exception]
    assert FIGURE_37 in page_text(at)
    assert not Store(path).is_empty()


def test_a_page_says_the_database_is_busy_while_another_program_holds_it(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(state, "WAIT_SECONDS", 0.5)
    at = open_page("measure", measure="5.3.1.a", period="2026/27 Q2")
    assert FIGURE_37 in page_text(at)
    with held(demo_db):
        # What the page has read before is unchanged (the file is held, not written):
        # it shows again without opening the file.
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert FIGURE_37 in page_text(at) and not at.warning
        # Another measure needs reads the page has not made yet: it waits, then says so.
        at.selectbox(key="measure").set_value("5.1.2.c").run()
        assert not at.exception, [e.value for e in at.exception]
        warnings = [w.value for w in at.warning]
        assert warnings == [
            "The dashboard cannot read its database just now: the database is busy — another "
            "load is running; try again in a moment (waited 0.5 s)."
        ]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "5.1.2.c" in at.title[0].value and not at.warning
