"""Charts to PNG pictures with kaleido and Debian's chromium: one browser, started once
and kept warm for every chart of a pack (TOOLCHAIN: ~0.45 s a chart, where a browser per
chart costs ~3 s)."""

from __future__ import annotations

import contextlib
import os
import threading
import warnings
from collections.abc import Iterator

import plotly.graph_objects as go

BROWSER_ENV = "BROWSER_PATH"
DEBIAN_CHROMIUM = "/usr/bin/chromium"
CHART_WIDTH = 1000
CHART_HEIGHT = 520
SCALE = 1.5
"""Pixels per chart point: sharp on a projector without a heavy file."""

# kaleido's server is one per process: packs made at the same time take turns.
_browser_lock = threading.Lock()


@contextlib.contextmanager
def warm_browser() -> Iterator[None]:
    """One headless browser for the charts drawn inside the block, stopped after it."""
    import kaleido

    if os.path.exists(DEBIAN_CHROMIUM):
        os.environ.setdefault(BROWSER_ENV, DEBIAN_CHROMIUM)
    with _browser_lock:
        kaleido.start_sync_server(silence_warnings=True)
        try:
            yield
        finally:
            kaleido.stop_sync_server(silence_warnings=True)


def chart_png(figure: go.Figure, *, width: int = CHART_WIDTH, height: int = CHART_HEIGHT) -> bytes:
    """The chart as a PNG picture, as the app draws it (inside :func:`warm_browser`)."""
    height = int(figure.layout.height or height)
    with warnings.catch_warnings():
        # plotly warns that its (empty) browser options go unused with a warm server.
        warnings.simplefilter("ignore", UserWarning)
        return figure.to_image(format="png", width=width, height=height, scale=SCALE)
