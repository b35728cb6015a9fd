"""Errors stay inside: a visitor sees a plain message, the server's log the detail.

No page shows a traceback, an exception's own words or a path on the server. The detail
goes to the log (the ``dashboard`` logger; with no logging set up, the server's standard
error) under a short reference that the plain message repeats, so a user can quote it.
``client.showErrorDetails = "none"`` in .streamlit/config.toml covers anything that
escapes the guard.
"""

from __future__ import annotations

import logging
import re
import uuid
from types import TracebackType

import streamlit as st
from streamlit.runtime.scriptrunner import RerunException, StopException

from vrp_metrics.reporting import escape_markdown

_log = logging.getLogger("dashboard")

PAGE_FAILED = (
    "Something went wrong on this page; the error has been logged. Other pages still work."
)

# st.stop, st.rerun and st.switch_page end a run by raising these: they are how the
# script is meant to stop, not failures, and must reach Streamlit untouched.
_CONTROL_FLOW = (RerunException, StopException)

# An absolute path (POSIX or Windows) in a message: the directories are the server's
# business, so only the file's own name is kept.
_PATH = re.compile(r"(?<![\w:/.])(?:[A-Za-z]:\\|/)(?:[^\s\"'/\\:]+[/\\])+([^\s\"'/\\:]*)")


def log_failure(what: str) -> str:
    """Log the exception being handled, with its traceback, as ``what`` failing; returns
    the short reference logged with it."""
    reference = uuid.uuid4().hex[:8]
    _log.exception("%s failed (reference %s)", what, reference)
    return reference


def public_message(error: BaseException) -> str:
    """An error written for users (e.g. a ``StoreError``), fit to show: paths cut to the
    file's name, and escaped for Markdown (it may quote a file name or a value)."""
    return escape_markdown(_PATH.sub(r"\1", str(error)))


class PageGuard:
    """``with PageGuard(title): page.run()``: any exception from the page is logged and
    shown as :data:`PAGE_FAILED`, and the rest of the app (the sidebar, other pages)
    carries on. Streamlit's own stop and rerun pass through."""

    def __init__(self, page: str) -> None:
        self.page = page

    def __enter__(self) -> PageGuard:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool:
        if error is None or isinstance(error, _CONTROL_FLOW):
            return False
        if not isinstance(error, Exception):  # KeyboardInterrupt, SystemExit
            return False
        reference = log_failure(f"The page {self.page!r}")
        st.error(f"{PAGE_FAILED} (Reference {reference}.)", icon=":material/error:")
        return True
