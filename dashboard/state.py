"""The store, the catalogue and the figures, cached for the Streamlit server.

The store object is made once per process (``st.cache_resource``) but holds no
connection: each of its operations opens the database file and closes it, so the
command line can load and read the file while the dashboard runs. Everything a page
reads from the store, and the tables worked out from the figures, is cached by the
store's change counter (its revision), so a load, withdrawal or commentary — from a page
or from the command line — shows on the next run of any page.

Opening the file costs tens of milliseconds, so the revision itself is read again only
when the file system says the database file or its write-ahead log changed (inode,
size, modification time): every write adds a revision row, and DuckDB writes it to the
log (or, at a checkpoint, into the file) before the write returns. A page run that
finds the file unchanged opens nothing. While another program holds the file for longer
than a page waits, the page says the database is busy and shows nothing else.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import pandas as pd
import streamlit as st

from dashboard.errors import public_message
from vrp_metrics import freshness, measure_detail, periods, reporting, tracker
from vrp_metrics.catalogue import Catalogue, load_catalogue
from vrp_metrics.completeness import completeness_by_provider, missing_returns
from vrp_metrics.demo import includes_demo_data, load_demo
from vrp_metrics.metrics import figures_for_period, measure_figures
from vrp_metrics.reporting import escape_markdown, period_options
from vrp_metrics.store import SHORT_WAIT_SECONDS, Store, StoreBusy, StoreError

DB_ENV = "VRP_DB"
DEFAULT_DB = Path(__file__).resolve().parent.parent / "data" / "vrp.duckdb"
PERIOD_KEY = "period"
WAIT_SECONDS = SHORT_WAIT_SECONDS
"""How long a page run waits for a database file another program holds."""


def db_path() -> Path:
    """The database file: ``VRP_DB``, else ``vrp_db`` in .streamlit/secrets.toml, else data/."""
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV])
    try:
        configured = st.secrets.get("vrp_db")
    except (FileNotFoundError, KeyError, st.errors.StreamlitAPIException):
        configured = None
    except Exception:  # noqa: BLE001 - no secrets file at all raises a parse/IO error
        configured = None
    return Path(configured) if configured else DEFAULT_DB


@st.cache_resource(show_spinner="Opening the database…")
def _open_store(path: str) -> Store:
    """The store at ``path``, its schema checked; filled with the demo data if empty."""
    store = Store(path, wait=WAIT_SECONDS)
    if store.is_empty():
        load_demo(store, catalogue())
    return store


@st.cache_resource
def catalogue() -> Catalogue:
    return load_catalogue()


def store() -> Store:
    """The process's store; a clear message (and a stop) if it cannot be opened."""
    try:
        return _open_store(str(db_path()))
    except StoreError as exc:
        st.error(f"The dashboard cannot open its database. {public_message(exc)}")
        st.stop()
        raise  # unreachable: st.stop ends the run


def _file_stamp(path: Path) -> tuple:
    """The database file's and its write-ahead log's inode, size and modification time."""
    stamp = []
    for file in (path, path.with_name(path.name + ".wal")):
        try:
            info = file.stat()
        except OSError:
            stamp.append(None)
        else:
            stamp.append((info.st_ino, info.st_size, info.st_mtime_ns))
    return tuple(stamp)


@st.cache_data(show_spinner=False, max_entries=4)
def _revision_at(path: str, stamp: tuple) -> int:
    return _open_store(path).revision


def revision() -> int:
    """The store's revision, read from the file only when the file has changed."""
    s = store()
    try:
        return _revision_at(str(s.path), _file_stamp(Path(s.path)))
    except StoreBusy as exc:
        _busy(exc)


@st.cache_data(show_spinner=False, max_entries=8)
def _figures(path: str, revision: int) -> pd.DataFrame:
    return measure_figures(_open_store(path), catalogue())


def _busy(exc: StoreBusy) -> NoReturn:
    st.warning(
        f"The dashboard cannot read its database just now: {exc}.",
        icon=":material/hourglass_empty:",
    )
    st.stop()
    raise exc  # unreachable: st.stop ends the run


def figures() -> pd.DataFrame:
    """Every measure's figures, as the store stands now."""
    s = store()
    try:
        return _figures(str(s.path), revision())
    except StoreBusy as exc:
        _busy(exc)


# -- what pages read, by the store's revision ------------------------------------------
#
# Each read is worked out once per revision and arguments (the period, a measure, a
# group) and shared by every session. ``_READS`` names each one; its function gets the
# store, the catalogue and the figures (a cached frame) before its own arguments.

_READS: dict[str, Callable[..., Any]] = {
    "demo_only": lambda store, cat, figs: includes_demo_data(store),
    "period_options": lambda store, cat, figs: period_options(figs()),
    "commentary": lambda store, cat, figs, code, period: store.commentary(
        measure_code=code, period=period
    ),
    "overview_table": lambda store, cat, figs, period, group: reporting.overview_table(
        figs(), cat, period, store.commentary(period=period), working_group=group
    ),
    "objective_counts": lambda store, cat, figs, period: reporting.rag_counts(
        figures_for_period(figs(), cat, period), cat, by="objective"
    ),
    "missing_returns": lambda store, cat, figs, period: reporting.missing_return_notes(
        missing_returns(store, cat, period)
    ),
    "measure_series": lambda store, cat, figs, code, period: reporting.measure_series(
        figs(), cat, code, period
    ),
    "tracker_grid": lambda store, cat, figs: tracker.tracker_grid(store),
    "tracker_quarter": lambda store, cat, figs, period: tracker.tracker_quarter(store, period),
    "tracker_actions": lambda store, cat, figs, quarter: tracker.tracker_actions(store, quarter),
    "data_sources": lambda store, cat, figs: tracker.latest_data_sources(store),
    "batches": lambda store, cat, figs: store.batches(),
    "completeness": lambda store, cat, figs: completeness_by_provider(store, cat),
    "figures_table": lambda store, cat, figs, code, period: measure_detail.figures_table(
        figs(), store, cat, code, period
    ),
    "score_changes": lambda store, cat, figs, code, period: measure_detail.score_changes(
        store, cat, code, period
    ),
    "spc": lambda store, cat, figs, code, period: measure_detail.spc_for_measure(
        figs(), cat, code, period
    ),
    "last_change": lambda store, cat, figs: freshness.last_change(store),
    "latest_returned": lambda store, cat, figs: freshness.latest_returned(store, cat),
}


@st.cache_data(show_spinner=False, max_entries=512)
def _read(path: str, revision: int, name: str, args: tuple) -> Any:
    return _READS[name](_open_store(path), catalogue(), lambda: _figures(path, revision), *args)


def cached(name: str, *args: Any) -> Any:
    """What ``_READS[name]`` gives for ``args`` on the store as it stands now."""
    s = store()
    try:
        return _read(str(s.path), revision(), name, args)
    except StoreBusy as exc:
        _busy(exc)


def showing_demo_data() -> bool:
    return cached("demo_only")


def commentary(*, measure_code: str | None = None, period: str | None = None) -> pd.DataFrame:
    """The latest commentary per measure and period (``Store.commentary``)."""
    return cached("commentary", measure_code, period)


def overview_table(period: str, working_group: str | None = None) -> pd.DataFrame:
    """``reporting.overview_table`` for the period, with its commentary."""
    return cached("overview_table", period, working_group)


def objective_counts(period: str) -> pd.DataFrame:
    """The RAG counts of each strategic objective for the period."""
    return cached("objective_counts", period)


def missing_return_notes(period: str) -> pd.DataFrame:
    """The returns still owed for the period, in words."""
    return cached("missing_returns", period)


def measure_series(code: str, period: str) -> pd.DataFrame:
    """A measure's figures up to the period (``reporting.measure_series``)."""
    return cached("measure_series", code, period)


def tracker_grid() -> pd.DataFrame:
    return cached("tracker_grid")


def tracker_quarter(period: str) -> str | None:
    return cached("tracker_quarter", period)


def tracker_actions(quarter: str) -> pd.DataFrame:
    return cached("tracker_actions", quarter)


def latest_data_sources() -> list[tuple[str, str]]:
    return cached("data_sources")


def batches() -> pd.DataFrame:
    return cached("batches")


def completeness() -> pd.DataFrame:
    """``completeness_by_provider``: for each provider and period, what it has returned."""
    return cached("completeness")


def figures_table(code: str, period: str) -> pd.DataFrame:
    return cached("figures_table", code, period)


def score_changes(code: str, period: str) -> pd.DataFrame:
    return cached("score_changes", code, period)


def spc_for_measure(code: str, period: str) -> tuple:
    return cached("spc", code, period)


def period_selector() -> str | None:
    """The period chosen in the sidebar; it persists across pages and lives in the URL."""
    options = cached("period_options")
    if not options:
        return None
    if PERIOD_KEY not in st.session_state or st.session_state[PERIOD_KEY] not in options:
        wanted = st.query_params.get(PERIOD_KEY)
        parsed = periods.try_parse_period(wanted) if wanted else None
        label = periods.format_period(parsed) if parsed is not None else None
        st.session_state[PERIOD_KEY] = label if label in options else options[0]
        if wanted and label not in options:
            _unknown_period(wanted, st.session_state[PERIOD_KEY])
    chosen = st.sidebar.selectbox(
        "Period",
        options,
        key=PERIOD_KEY,
        format_func=lambda p: p if " Q" in p else f"{p} (financial year)",
        help="A quarter, or a whole financial year (April to March). "
        "The choice stays as you move between pages.",
    )
    st.query_params[PERIOD_KEY] = chosen
    return chosen


def _unknown_period(wanted: str, shown: str) -> None:
    """Say that the address asked for a period with no figures, and which is shown."""
    quoted = escape_markdown(wanted if len(wanted) <= 40 else f"{wanted[:40]}…")
    st.warning(
        f"No figures for the period {quoted}: showing {shown}; choose a period in the sidebar.",
        icon=":material/warning:",
    )


def selected_period() -> str | None:
    """The period chosen in the sidebar (set by ``app.py`` on every run)."""
    return st.session_state.get(PERIOD_KEY)
