"""The store, the catalogue and the figures, cached for the Streamlit server.

The store object is made once per process (``st.cache_resource``) but holds no
connection: each of its operations opens the database file and closes it, so the
command line can load and read the file while the dashboard runs. The figures are
cached by the store's change counter, read on every run, so a load, withdrawal or
commentary — from a page or from the command line — shows on the next run of any page.
While another program holds the file for longer than a page waits, the page says the
database is busy and shows nothing else.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pandas as pd
import streamlit as st

from dashboard.errors import public_message
from vrp_metrics import periods
from vrp_metrics.catalogue import Catalogue, load_catalogue
from vrp_metrics.demo import includes_demo_data, load_demo
from vrp_metrics.metrics import measure_figures
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
        return _figures(str(s.path), s.revision)
    except StoreBusy as exc:
        _busy(exc)


@st.cache_data(show_spinner=False, max_entries=8)
def _demo_only(path: str, revision: int) -> bool:
    return includes_demo_data(_open_store(path))


def showing_demo_data() -> bool:
    s = store()
    try:
        return _demo_only(str(s.path), s.revision)
    except StoreBusy as exc:
        _busy(exc)


def period_selector() -> str | None:
    """The period chosen in the sidebar; it persists across pages and lives in the URL."""
    options = period_options(figures())
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
