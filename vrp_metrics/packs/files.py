"""A pack to a file: charts drawn once in one warm browser, then the writer of the format;
the file is written to a temporary name beside the target and renamed at the end, so
a failure leaves no file (and no half-written one)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from vrp_metrics.packs.content import Pack
from vrp_metrics.packs.measures import MeasureSection
from vrp_metrics.packs.pdf_writer import pdf_bytes
from vrp_metrics.packs.pictures import chart_png, warm_browser
from vrp_metrics.packs.pptx_writer import pptx_bytes

FORMATS: dict[str, str] = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
}
"""Each pack format and its MIME type."""

Progress = Callable[[int, int, str], None]


def pack_bytes(pack: Pack, fmt: str, *, on_progress: Progress | None = None) -> bytes:
    """The pack as a PowerPoint (``pptx``) or tagged PDF (``pdf``) file's bytes.

    ``on_progress(done, total, what)`` is called as each chart is drawn and once more
    before the file is put together (for a progress bar)."""
    if fmt not in FORMATS:
        raise ValueError(f"a pack's format is one of {', '.join(FORMATS)}, not {fmt!r}")
    charted = [s for s in pack.measures if s.chart is not None]
    total = len(charted) + 1
    pictures: dict[str, bytes] = {}
    if charted:
        with warm_browser():
            for done, section in enumerate(charted):
                if on_progress:
                    on_progress(done, total, f"Drawing the chart of {section.code}")
                pictures[section.code] = chart_png(section.chart)  # type: ignore[arg-type]
    if on_progress:
        on_progress(total - 1, total, f"Putting the {fmt.upper()} file together")

    def picture(section: MeasureSection) -> bytes | None:
        return pictures.get(section.code)

    return pptx_bytes(pack, picture) if fmt == "pptx" else pdf_bytes(pack, picture)


def write_whole(
    out: str | Path, data: bytes, *, before_rename: Callable[[], None] | None = None
) -> Path:
    """Write ``data`` to ``out`` through a temporary file beside it, renamed at the end:
    ``out`` is either the whole file or untouched. ``before_rename`` runs last before the
    rename (e.g. the audit entry); if it fails, nothing is left behind."""
    target = Path(out)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        if before_rename is not None:
            before_rename()
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return target


def write_pack(
    pack: Pack, fmt: str, out: str | Path, *, before_rename: Callable[[], None] | None = None
) -> Path:
    """Write the pack to ``out`` whole, or leave nothing there (see :func:`write_whole`)."""
    return write_whole(out, pack_bytes(pack, fmt), before_rename=before_rename)
