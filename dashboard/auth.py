"""Who is using the dashboard, and which pages they may open (DESIGN §7).

With an ``[auth]`` section in ``.streamlit/secrets.toml`` people sign in with OpenID
Connect (``st.login()``, no provider name: the section holds the provider's settings) and
their ID token's claims say who they are and what their roles allow
(``vrp_metrics.access``). Without one the dashboard runs in **local mode**: no sign-in,
the person at the computer may do everything, and their writes are recorded as the
operating-system user. A server started with ``VRP_REQUIRE_SIGN_IN=1`` and no ``[auth]``
section refuses to serve.

``app.py`` calls :func:`gate` before drawing the navigation: until someone is signed in
with a recognised role nothing but the sign-in page (or "no access yet") is shown. It
then draws the pages :func:`allowed_pages` gives; a page the role may not use is still
registered, hidden, so that opening it by its address says so
(:func:`refuse_unless_allowed`) instead of showing another page.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

from dashboard import state
from vrp_metrics import access
from vrp_metrics.access import ActingUser, Action
from vrp_metrics.reporting import escape_markdown
from vrp_metrics.store.audit import Outcome

REQUIRE_SIGN_IN_ENV = "VRP_REQUIRE_SIGN_IN"
SIGN_IN = "sign_in"
"""The audit log's action name for a sign-in (DESIGN §5)."""
_SIGNED_IN = "_audit_sign_in_recorded"
"""Session key: this session's sign-in has its audit entry."""

PAGE_ACTIONS: dict[str, Action] = {
    "upload": Action.LOAD,
    "history": Action.WITHDRAW,
    "audit": Action.AUDIT,
}
"""Pages (by URL path) that only some roles may open, and the action each needs: loading
returns and their templates, the batches with withdrawal and the returns received, and
the audit log. Every other page is for everyone with access."""

PageSpec = Mapping[str, Any]
"""A page as ``st.Page`` takes it, by keyword: ``page``, ``title``, ``icon``, ``url_path``,
``default``."""


def sign_in_configured() -> bool:
    """Whether ``.streamlit/secrets.toml`` has an ``[auth]`` section."""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file, or one that cannot be read
        return False


def sign_in_required() -> bool:
    """Whether this server must not run without sign-in (``VRP_REQUIRE_SIGN_IN=1``)."""
    return os.environ.get(REQUIRE_SIGN_IN_ENV, "").strip().lower() in {"1", "true", "yes"}


def current_user() -> ActingUser:
    """The person using this session: from the ID token's claims when sign-in is
    configured (no roles while nobody is signed in), else the operating-system user."""
    if not sign_in_configured():
        return access.local_user()
    claims = st.user.to_dict()
    if not claims.get("is_logged_in"):
        return ActingUser("nobody", "nobody")
    return access.from_claims(claims)


def may(action: Action, group: str | None = None) -> bool:
    """Whether the current user may do ``action`` (for ``group``): pages use it to leave
    out what the role cannot do. The library checks every write again."""
    return access.may(current_user(), action, group)


# -- pages ------------------------------------------------------------------------


def may_open(user: ActingUser, url_path: str) -> bool:
    """Whether ``user`` may open the page at ``url_path``."""
    action = PAGE_ACTIONS.get(url_path)
    return user.has_access and (action is None or access.may(user, action))


def _url_path(spec: PageSpec) -> str:
    """The page's URL path as ``st.Page`` makes it: given, else the file's name."""
    if spec.get("default"):
        return ""
    return str(spec.get("url_path") or str(spec["page"]).rsplit("/", 1)[-1].removesuffix(".py"))


def allowed_pages(
    user: ActingUser, pages: Mapping[str, Sequence[PageSpec]]
) -> dict[str, list[st.Page]]:
    """The pages ``user`` may see, by section (a section left with none is left out)."""
    shown = {
        section: [st.Page(**spec) for spec in specs if may_open(user, _url_path(spec))]
        for section, specs in pages.items()
    }
    return {section: listed for section, listed in shown.items() if listed}


def refused_pages(user: ActingUser, pages: Mapping[str, Sequence[PageSpec]]) -> list[st.Page]:
    """The pages ``user`` may not open, hidden from the navigation: registered all the
    same so that their address answers with a refusal rather than another page."""
    return [
        st.Page(**spec, visibility="hidden")
        for specs in pages.values()
        for spec in specs
        if not may_open(user, _url_path(spec))
    ]


def navigation_pages(
    user: ActingUser, pages: Mapping[str, Sequence[PageSpec]]
) -> dict[str, list[st.Page]]:
    """What ``st.navigation`` takes: the allowed pages by section, and the refused ones
    hidden at the end (a hidden page is not listed, whatever its section)."""
    shown = allowed_pages(user, pages)
    hidden = refused_pages(user, pages)
    if hidden:
        last = list(shown)[-1]
        shown[last] = [*shown[last], *hidden]
    return shown


def refuse_unless_allowed(user: ActingUser, page: st.Page) -> None:
    """On a page ``user`` may not open (reached by its address): say so, show nothing of
    it, and stop."""
    if may_open(user, page.url_path):
        return
    action = PAGE_ACTIONS[page.url_path]
    st.title(page.title)
    st.warning(
        f"You cannot use this page: {escape_markdown(access.refusal(user, action))}. "
        "Choose another page in the menu; if you need this one, ask the VRU.",
        icon=":material/block:",
    )
    st.stop()


# -- the gate ---------------------------------------------------------------------


def _nothing_else(pages: Mapping[str, Sequence[PageSpec]]) -> None:
    """Register every page, hidden, with no menu: whatever address was opened, only what
    the gate shows is shown (not Streamlit's list of the pages/ folder)."""
    hidden = [st.Page(**spec, visibility="hidden") for specs in pages.values() for spec in specs]
    st.navigation(hidden, position="hidden")


def gate(pages: Mapping[str, Sequence[PageSpec]]) -> ActingUser:
    """The acting user, once they may see the dashboard; otherwise show only why not (and
    how to sign in, or out) and stop the run."""
    if not sign_in_configured():
        if sign_in_required():
            _nothing_else(pages)
            st.error(
                "This dashboard is set to require sign-in (VRP_REQUIRE_SIGN_IN=1), but no "
                "sign-in is configured: there is no [auth] section in "
                ".streamlit/secrets.toml. It shows nothing until one is added "
                "(docs/sign-in.md).",
                icon=":material/lock:",
            )
            st.stop()
        return access.local_user()
    user = current_user()
    if not st.user.get("is_logged_in"):
        _nothing_else(pages)
        _sign_in_page()
        st.stop()
    _record_sign_in(user)
    if not user.has_access:
        _nothing_else(pages)
        st.title("VRP performance dashboard")
        st.warning(
            f"You are signed in as {escape_markdown(user.identity)}, but you have no access "
            "yet — ask the VRU.",
            icon=":material/lock_person:",
        )
        if st.button("Sign out", key="sign-out-no-access"):
            sign_out()
        st.stop()
    return user


def _sign_in_page() -> None:
    st.title("VRP performance dashboard")
    st.markdown(
        "The performance dashboard of the HIPS Violence Reduction Partnership. "
        "Sign in with your work account to continue."
    )
    if st.button("Sign in", type="primary", icon=":material/login:", key="sign-in"):
        st.login()


def _token_issued() -> str:
    """When the ID token of this sign-in was issued (its ``iat`` claim), in words; empty
    when the claims have none."""
    issued = st.user.get("iat")
    if not isinstance(issued, int | float) or isinstance(issued, bool):
        return ""
    at = dt.datetime.fromtimestamp(issued, dt.UTC)
    return f"ID token issued {at:%Y-%m-%d %H:%M:%S} UTC"


def _record_sign_in(user: ActingUser) -> None:
    """One ``sign_in`` audit entry per sign-in (refused for someone with no recognised
    role, with the reason).

    The identity cookie signs each new tab or reload in again without the provider: those
    are the same sign-in (the same ID token), so an entry naming its token is written
    once, not once per tab. Without the token's time, once per session.
    """
    if st.session_state.get(_SIGNED_IN) == user.identity:
        return
    issued = _token_issued()
    store = state.store()
    if issued:
        earlier = store.audit_log(actor=user.identity, action=SIGN_IN)
        if earlier["detail"].str.contains(issued, regex=False).any():
            st.session_state[_SIGNED_IN] = user.identity
            return
    if user.has_access:
        outcome, reason = Outcome.DONE, ""
    else:
        outcome, reason = Outcome.REFUSED, access.refusal(user, Action.BROWSE)
    detail = "; ".join(part for part in (reason, issued) if part)
    store.record(user, SIGN_IN, "dashboard", outcome, detail)
    st.session_state[_SIGNED_IN] = user.identity


def sign_out() -> None:
    """End the sign-in: the browser is sent to the provider's sign-out, and comes back
    to the sign-in page. Nothing more of this page is drawn meanwhile (a rerun here could
    overtake the redirect)."""
    st.logout()
    st.stop()


def account(user: ActingUser) -> None:
    """The sidebar's account lines: who is signed in, and a Sign out button (nothing in
    local mode, where :func:`local_mode_note` speaks)."""
    if user.local:
        return
    roles = ", ".join(user.role_names())
    st.sidebar.caption(
        f":material/account_circle: Signed in as {escape_markdown(user.name)} "
        f"({escape_markdown(user.identity)}; {escape_markdown(roles)})"
    )
    if st.sidebar.button("Sign out", key="sign-out", icon=":material/logout:"):
        sign_out()


def local_mode_note(user: ActingUser) -> None:
    """Every page, in local mode, says so at its top."""
    if user.local:
        st.caption(
            f":material/computer: Local mode: no sign-in; changes are recorded as "
            f"{escape_markdown(user.identity)}."
        )
