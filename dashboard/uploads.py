"""The Upload returns page's pieces: each file's validation report and its preview,
checked once per file and store revision.

File names and the values quoted in a report come from the partner: they are shown as
plain text (escaped for Markdown) and written to downloads formula-safe.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import state
from dashboard.downloads import export_frame, file_stem, table_downloads
from dashboard.tables import column_table, fitting_height, wrapped_table
from dashboard.widgets import attempt
from vrp_metrics import reporting
from vrp_metrics.reporting import escape_markdown
from vrp_metrics.store import Store
from vrp_metrics.templates import KIND_TITLES

_CHECKED = "analyst_checked_uploads"


def checked_upload(file: Any, store: Store, catalogue: Any) -> tuple[Any, Any]:
    """An uploaded file's validation report and, when it is valid, its preview.

    Both are remembered for the session until the file or the store changes, so that
    using the page's other widgets does not check every file again. ``(None, None)``
    (with an error shown) when checking fails; the preview is ``None`` for a file with
    errors.
    """
    from vrp_metrics.preview import preview
    from vrp_metrics.returns import validate_file

    revision = store.revision
    remembered = {
        key: checked
        for key, checked in st.session_state.get(_CHECKED, {}).items()
        if key[1] == revision  # what was checked against an earlier store is stale
    }
    st.session_state[_CHECKED] = remembered
    key = (file.file_id, revision)
    if key in remembered:
        return remembered[key]
    report = attempt(
        f"checking {file.name}", validate_file, (file.name, file.getvalue()), catalogue
    )
    if report is None:
        return None, None
    changes = None
    if report.ok:
        changes = attempt(
            f"working out what {file.name} would change",
            preview,
            store,
            catalogue,
            report,
            before=state.figures(),
        )
        if changes is None:
            return report, None
    remembered[key] = (report, changes)
    return report, changes


def forget_uploads() -> None:
    """Drop the remembered checks (after a load, when the uploader is emptied)."""
    st.session_state.pop(_CHECKED, None)


WRAPPED_PROBLEMS = 50
_PROBLEM_HEADINGS = {
    "row": "Row",
    "column": "Column",
    "value": "Value",
    "message": "What is wrong, and what would be valid",
}
_PROBLEM_COLUMNS = {
    "row": st.column_config.NumberColumn("Row", help="Spreadsheet row: the header is row 1"),
    "column": st.column_config.TextColumn("Column"),
    "value": st.column_config.TextColumn("Value"),
    "message": st.column_config.TextColumn("What is wrong, and what would be valid", width="large"),
}


def problems_table(problems: list[Any]) -> None:
    """Errors or warnings of a report: row, column, value and message.

    Up to ``WRAPPED_PROBLEMS`` of them show as a plain table whose messages wrap, so each
    can be read in full; more go in a scrolling table.
    """
    frame = reporting.problems_frame(problems)
    if len(frame) <= WRAPPED_PROBLEMS:
        wrapped_table(frame, _PROBLEM_HEADINGS)
    else:
        st.dataframe(frame, column_config=_PROBLEM_COLUMNS, hide_index=True)


def same_file(name: str, first: str) -> None:
    """A file chosen twice (under any name): it is checked, previewed and loaded once."""
    name, first = escape_markdown(name), escape_markdown(first)
    st.markdown(f"#### {name}")
    st.info(
        f"The same file as {first} above (the same content): it is loaded once, as {first}.",
        icon=":material/content_copy:",
    )


def validation_report(report: Any, *, key: str) -> None:
    """A file's heading and verdict, its errors as a table, and its warnings apart, and
    all of them to download, to send to the partner. ``key`` tells the file's buttons
    from another's (the uploader's file id: two files may share a name)."""
    st.markdown(f"#### {escape_markdown(report.file)}")
    if report.ok:
        kind = KIND_TITLES[report.kind]
        rows = f"{report.rows:,} row{'' if report.rows == 1 else 's'}"
        st.success(f"✓ Valid: {rows}, {kind}.")
    else:
        count = len(report.errors)
        kind = f" ({KIND_TITLES[report.kind]})" if report.kind else ""
        st.error(
            f"✗ {count:,} error{'' if count == 1 else 's'}{kind} — nothing will be loaded. "
            "Correct the file and upload it again."
        )
        problems_table(report.errors)
    if report.warnings:
        count = len(report.warnings)
        st.warning(
            f"{count:,} warning{'' if count == 1 else 's'}: worth a look, but they do not stop "
            "the file loading."
        )
        problems_table(report.warnings)
    if report.errors or report.warnings:
        table_downloads(
            reporting.report_table(report),
            name=file_stem(report.file.rsplit(".", 1)[0], "errors"),
            key=f"report-{key}",
            what="the errors" if report.errors else "the warnings",
        )


_CHANGE_COLUMNS = {
    "status": st.column_config.TextColumn("Change"),
    "measure_code": st.column_config.TextColumn("Code"),
    "period": st.column_config.TextColumn("Period"),
    "old_text": st.column_config.TextColumn("Now", alignment="right"),
    "new_text": st.column_config.TextColumn("After loading", alignment="right"),
    "old_rag_text": st.column_config.TextColumn("RAG now"),
    "new_rag_text": st.column_config.TextColumn("RAG after"),
    "title": st.column_config.TextColumn("Measure"),
}


def preview_changes(preview: Any, report: Any, *, key: str) -> None:
    """What loading a file (``report``'s) would change: a summary, the table (every
    figure to download), and the warnings; ``key`` as for :func:`validation_report`."""
    st.markdown(f"**If loaded:** {preview.summary}")
    changed = preview.changed()
    if not changed.empty:
        column_table(
            changed, _CHANGE_COLUMNS, download=None, height=fitting_height(len(changed), 420)
        )
    if len(changed) < len(preview.changes):
        with st.expander(f"Every figure the file gives ({len(preview.changes):,})"):
            column_table(preview.changes, _CHANGE_COLUMNS, download=None)
    if not preview.changes.empty:
        table_downloads(
            export_frame(preview.changes, _CHANGE_COLUMNS),
            name=file_stem(report.file.rsplit(".", 1)[0], "if loaded"),
            key=f"preview-{key}",
            what="every figure it gives",
        )
    for warning in preview.warnings:
        st.warning(warning, icon=":material/warning:")
