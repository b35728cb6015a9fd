"""The frame every page shares: the demo banner, empty states, the period, choices kept in
the URL, and plain messages when something fails."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from dashboard import state
from dashboard.errors import log_failure, public_message
from vrp_metrics.access import NotAllowed
from vrp_metrics.reporting import escape_markdown
from vrp_metrics.store import StoreError

DEMO_TEXT = (
    "**Synthetic demonstration data.** The figures here come from returns made up by the "
    "dashboard's demo generator: no real people, no real partner returns. To use the "
    "dashboard for real, load partners' returns into a new database file from the command "
    "line (`python -m vrp_metrics load --db FILE …`) and start the dashboard with `VRP_DB` "
    "set to that file: only a database with no returns at all is filled with the demo data."
)


def demo_banner() -> None:
    """A banner on every page while any figures shown come from the synthetic demo data."""
    if state.showing_demo_data():
        st.info(DEMO_TEXT, icon=":material/science:")


def empty_state(message: str) -> None:
    """Say what is missing and what to do, instead of a blank area."""
    st.info(message, icon=":material/info:")


def need_period() -> str:
    """The chosen period, or an explanation and a stop when there is no data at all."""
    period = state.selected_period()
    if period is None:
        empty_state("There are no figures yet. Upload partner returns on the Upload returns page.")
        st.stop()
    return period


def query_choice(
    label: str,
    options: Mapping[str, str],
    *,
    key: str,
    help: str | None = None,
    aliases: Mapping[str, str] | None = None,
) -> str:
    """A segmented control over ``options`` (code → label) whose code lives in the URL.

    ``?{key}=CODE`` chooses on arrival (an unknown code falls back to the first, with a
    warning), and the choice is written back so the address can be shared. The code
    matches in any case, and so does each of ``aliases`` (another name → code, e.g. a
    group's name).
    """
    unknown = _arrive(options, key, aliases)
    chosen = st.segmented_control(
        label, list(options), required=True, format_func=options.__getitem__, key=key, help=help
    )
    _not_found(label, unknown, chosen)
    st.query_params[key] = chosen
    return chosen


def query_select(
    label: str,
    options: Mapping[str, str],
    *,
    key: str,
    help: str | None = None,
    aliases: Mapping[str, str] | None = None,
) -> str:
    """A select box over ``options`` (code → label) whose code lives in the URL, like
    :func:`query_choice`: for a list too long for a segmented control."""
    unknown = _arrive(options, key, aliases)
    chosen = st.selectbox(label, list(options), format_func=options.get, key=key, help=help)
    _not_found(label, unknown, chosen)
    st.query_params[key] = chosen
    return chosen


def resolve_choice(
    wanted: str | None, options: Mapping[str, str], aliases: Mapping[str, str] | None = None
) -> str | None:
    """The option code that ``wanted`` names: the code itself, or in any case the code or
    one of its ``aliases`` (name → code); None when it names none."""
    if not wanted:
        return None
    if wanted in options:
        return wanted
    names = {code.casefold(): code for code in options}
    names.update({name.casefold(): code for name, code in (aliases or {}).items()})
    return names.get(wanted.strip().casefold())


def _arrive(
    options: Mapping[str, str], key: str, aliases: Mapping[str, str] | None = None
) -> str | None:
    """On arrival, choose the URL's ``?{key}=CODE``, else the first option; returns the
    URL's code when it is not one of the options."""
    if st.session_state.get(key) in options:
        return None
    wanted = st.query_params.get(key)
    found = resolve_choice(wanted, options, aliases)
    st.session_state[key] = found or next(iter(options))
    return wanted if wanted and found is None else None


def _not_found(label: str, unknown: str | None, chosen: str) -> None:
    """Say that the address asked for a code the catalogue does not have, and what is shown."""
    if unknown is None:
        return
    shown = unknown if len(unknown) <= 40 else f"{unknown[:40]}…"
    what = label.lower()
    st.warning(
        f"No {what} {escape_markdown(shown)} in the catalogue: showing {chosen}; choose a "
        f"{what} above.",
        icon=":material/warning:",
    )


FLASH = "analyst_flash"
"""Session key of the messages to show once after a load or a withdrawal."""


def attempt(what: str, call: Any, *args: Any, **kwargs: Any) -> Any:
    """``call(*args, **kwargs)``, or ``None`` and a plain error message if it fails.

    ``what`` completes "… while {what}", e.g. "checking returns.csv" (shown as plain
    text). A refusal (``NotAllowed``) says who may not do what; a ``StoreError`` is
    written for users and is shown (without server paths);
    anything else is logged with its detail, and the user gets its reference.
    """
    try:
        return call(*args, **kwargs)
    except NotAllowed as exc:
        st.error(f"Not done: {escape_markdown(exc)}.", icon=":material/block:")
    except StoreError as exc:
        st.error(
            f"Something went wrong while {escape_markdown(what)}: {public_message(exc)}",
            icon=":material/error:",
        )
    except Exception:  # noqa: BLE001 - the page must never show a traceback
        reference = log_failure(f"While {what}")
        st.error(
            f"Something went wrong while {escape_markdown(what)}, and nothing was written. "
            "The error has been logged. Try again; if it happens again, tell the "
            f"dashboard's maintainers (reference {reference}).",
            icon=":material/error:",
        )
    return None


def flash(message: str) -> None:
    """Keep a success message to show at the top of the page after the next rerun.

    The message is plain text (it names files and people): it is shown as typed.
    """
    st.session_state.setdefault(FLASH, []).append(message)


def show_flash() -> None:
    for message in st.session_state.pop(FLASH, []):
        st.success(escape_markdown(message), icon=":material/check_circle:")
