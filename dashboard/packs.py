"""The "Download pack" control of the overview, objective and group pages: a format, a
choice of "for publication", a progress bar while the pack is made, then the download
(recorded in the audit log). Pages call :func:`pack_download` in one line."""

from __future__ import annotations

import streamlit as st

from dashboard import state
from dashboard.auth import current_user as acting_user
from dashboard.downloads import file_stem
from dashboard.errors import log_failure, public_message
from vrp_metrics.access import Action, NotAllowed
from vrp_metrics.packs import FORMATS, PackError, build_pack, pack_bytes
from vrp_metrics.store import StoreError

FORMAT_NAMES = {"pptx": "PowerPoint", "pdf": "PDF (tagged, for screen readers)"}
MARKING_SETTING = "protective_marking"
"""The key in .streamlit/secrets.toml of the protective marking packs carry."""


def _marking_setting() -> str | None:
    try:
        value = st.secrets.get(MARKING_SETTING)
    except Exception:  # noqa: BLE001 - no secrets file at all raises a parse/IO error
        return None
    return str(value) if value else None


def _record_download(scope: str, period: str, detail: str) -> None:
    state.store().record(acting_user(), Action.PACK, f"pack {scope} {period}", detail=detail)


def pack_download(scope: str, period: str, *, label: str = "Download pack") -> None:
    """A control to make and download a meeting pack of ``scope`` (``svrp``, an objective
    or a group code) for ``period``, with the figures as the page shows them."""
    key = f"pack-{scope}-{period}"
    with st.expander(f":material/slideshow: {label} for {period}"):
        chosen = st.radio(
            "Format",
            list(FORMATS),
            format_func=FORMAT_NAMES.get,
            horizontal=True,
            key=f"{key}-format",
        )
        public = st.checkbox(
            "For publication (figures about fewer than 8 people shown as [c])",
            key=f"{key}-public",
        )
        wanted = (chosen, public)
        made = st.session_state.get(key)
        if st.button("Make the pack", key=f"{key}-make", icon=":material/build:"):
            made = _make(scope, period, chosen, public)
            st.session_state[key] = made
        if not made or made["wanted"] != wanted:
            st.caption(
                "A pack holds a cover, a summary, the exceptions, each group's key updates "
                "and missing returns, a page per measure with its chart, and the method."
            )
            return
        kind = "publication" if public else "internal"
        st.download_button(
            f"Download the {FORMAT_NAMES[chosen].split(' ')[0]} pack",
            data=made["data"],
            file_name=f"{made['name']}.{chosen}",
            mime=FORMATS[chosen],
            icon=":material/download:",
            type="primary",
            key=f"{key}-download",
            on_click=_record_download,
            args=(scope, period, f"{kind} {chosen} pack downloaded"),
        )


def _make(scope: str, period: str, fmt: str, public: bool) -> dict | None:
    """The pack's bytes, with a progress bar while the charts are drawn."""
    store = state.store()
    try:
        store.check(acting_user(), Action.PACK, f"pack {scope} {period}")
    except NotAllowed as exc:
        st.error(str(exc))
        return None
    bar = st.progress(0.0, text="Gathering the figures…")
    try:
        pack = build_pack(
            store,
            state.catalogue(),
            scope,
            period,
            public=public,
            marking=_marking_setting(),
            figures=state.figures(),
        )
        data = pack_bytes(
            pack, fmt, on_progress=lambda done, total, what: bar.progress(done / total, text=what)
        )
    except (PackError, StoreError) as exc:
        bar.empty()
        st.error(f"The pack could not be made: {public_message(exc)}")
        return None
    except Exception:  # noqa: BLE001 - the page must never show a traceback
        bar.empty()
        reference = log_failure("Making a pack")
        st.error(f"The pack could not be made; the error has been logged (reference {reference}).")
        return None
    bar.progress(1.0, text="The pack is ready.")
    name = file_stem("vrp pack", scope, period, "publication" if public else "")
    return {"wanted": (fmt, public), "data": data, "name": name}
