"""Small layout pieces every page shares: the demo banner, empty states, RAG words."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import state
from vrp_metrics import reporting
from vrp_metrics.catalogue import CodedText, Measure
from vrp_metrics.charts.theme import RAG_STYLE
from vrp_metrics.charts.trend import LINE_COLOUR, trend_figure, trend_table
from vrp_metrics.store import Store, StoreError

DEMO_TEXT = (
    "**Synthetic demonstration data.** The figures here come from returns made up by the "
    "dashboard's demo generator: no real people, no real partner returns. To use the "
    "dashboard for real, start it on a new database file."
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


# --- The board's pages: RAG counts, the measures table, a measure's trend ---------------

RAG_ORDER = ("green", "amber", "red", "grey")
COMMENTARY_AUTHOR = "commentary_author"
"""Session key of the name last used to save a commentary, offered in every form."""
COMMENTARY_SAVED = "commentary_saved"


def query_choice(
    label: str, options: Mapping[str, str], *, key: str, help: str | None = None
) -> str:
    """A segmented control over ``options`` (code → label) whose code lives in the URL.

    ``?{key}=CODE`` chooses on arrival (an unknown code falls back to the first), and
    the choice is written back so the address can be shared.
    """
    codes = list(options)
    if st.session_state.get(key) not in codes:
        wanted = st.query_params.get(key)
        st.session_state[key] = wanted if wanted in codes else codes[0]
    chosen = st.segmented_control(
        label, codes, required=True, format_func=options.__getitem__, key=key, help=help
    )
    st.query_params[key] = chosen
    return chosen


def rag_counts_row(
    counts: pd.DataFrame | Mapping[str, Any],
    key: str | None = None,
    *,
    columns: list | None = None,
) -> None:
    """Four metrics: how many measures are Green, Amber, Red and Not rated, in words.

    ``counts`` is one row of ``reporting.rag_counts``, or the whole frame and the
    objective or working group code (``key``) whose row to show; ``columns`` are four
    containers to put the metrics in.
    """
    row = counts
    if isinstance(counts, pd.DataFrame):
        wanted = (counts["objective"] == key) | (counts["working_group"] == key)
        row = counts[wanted].iloc[0].to_dict()
    for column, rag in zip(columns or st.columns(len(RAG_ORDER)), RAG_ORDER, strict=True):
        column.metric(reporting.rag_text(rag), int(row[rag]), border=True)


def objective_counts(counts: pd.DataFrame) -> None:
    """Each strategic objective with its working group, and its row of RAG counts."""
    for row in counts.to_dict("records"):
        with st.container(border=True):
            name, *rags = st.columns([3, 1, 1, 1, 1], vertical_alignment="center")
            name.markdown(f"**{row['objective']} {row['objective_title']}**")
            measures = "1 measure" if row["total"] == 1 else f"{row['total']} measures"
            name.caption(f"{row['working_group_name']} working group · {measures}")
            rag_counts_row(row, columns=rags)


MEASURES_COLUMNS = {
    "link": st.column_config.LinkColumn(
        "Code",
        display_text=r"measure=([^&]+)",
        help="Open the measure page for this measure and period",
        pinned=True,
    ),
    "title": st.column_config.TextColumn("Measure", width="large"),
    "rag_text": st.column_config.TextColumn(
        "RAG", help="Against the target, or else against the comparator period"
    ),
    "value_text": st.column_config.TextColumn("Value", alignment="right", width=110),
    "change_text": st.column_config.TextColumn(
        "Change",
        alignment="right",
        width=110,
        help="Against the comparator period; pp = percentage points",
    ),
    "trend": st.column_config.LineChartColumn(
        "Last 8 quarters",
        help="Oldest on the left (years for an annual measure)",
        color=LINE_COLOUR,
    ),
    "basis": st.column_config.TextColumn(
        "Based on", help="Numerator / denominator for a percentage; n = cohort size"
    ),
    "comparator_text": st.column_config.TextColumn("Comparator", alignment="right", width=110),
    "comparator_period": st.column_config.TextColumn("Comparator period"),
    "variation_label": st.column_config.TextColumn(
        "SPC variation", width=210, help="The Making Data Count variation icon, in words"
    ),
    "assurance_label": st.column_config.TextColumn(
        "SPC assurance", width=210, help="The Making Data Count assurance icon, in words"
    ),
    "working_group_name": st.column_config.TextColumn("Group"),
    "provider": st.column_config.TextColumn("Provider"),
    "source_text": st.column_config.TextColumn(
        "Source", help="Where the figure came from: a partner return, readings or the tracker"
    ),
    "has_commentary": st.column_config.CheckboxColumn("Commentary"),
}


def _tint(colour: str, share: float = 0.3) -> str:
    """A light tint of a hex colour (``share`` of it on white), for cell backgrounds."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - share * (255 - c)):02x}" for c in rgb)


_RAG_TINTS = {
    style.symbol: f"background-color: {_tint(style.colour)}" for style in RAG_STYLE.values()
}


def _rag_tint(column: pd.Series) -> list[str]:
    """A light RAG background behind each RAG cell; its words and symbol carry the meaning."""
    return [_RAG_TINTS.get(str(text)[:1], "") for text in column]


def measures_table(table: pd.DataFrame, *, key: str | None = None) -> None:
    """The table of measures (``reporting.overview_table``), every row visible."""
    st.dataframe(
        table.style.apply(_rag_tint, subset=["rag_text"]),
        column_order=list(MEASURES_COLUMNS),
        column_config=MEASURES_COLUMNS,
        hide_index=True,
        height="content",
        key=key,
    )


def missing_returns(notes: pd.DataFrame, period: str) -> None:
    """The returns still owed for a period, one warning per provider and return."""
    if notes.empty:
        st.success(f"All expected returns for {period} are in.", icon=":material/task_alt:")
        return
    for note in notes.to_dict("records"):
        st.warning(f"{note['message']}  \nWaiting for it: {note['measures']}.")


def measure_trend(
    table: pd.DataFrame, series: pd.DataFrame, measure: Measure, *, heading: str = "####"
) -> bool:
    """A measure's heading, its rating in words, its trend chart and the chart's numbers.

    ``table`` is ``reporting.overview_table`` for the period. Returns whether the measure
    reports for the period (an annual measure does not report for a quarter).
    """
    st.markdown(f"{heading} {measure.code} {measure.title}")
    rows = table[table["measure_code"] == measure.code]
    if rows.empty:
        empty_state(
            f"{measure.code} is an annual measure: choose a financial year in the sidebar "
            "to see it."
        )
        return False
    row = rows.iloc[0]
    source = f" · {row['source_text']}" if row["source_text"] else ""
    st.markdown(f"**{row['statement']}**{source}")
    spc = dict.fromkeys([row["variation_label"], row["assurance_label"]])  # once if the same
    st.caption(
        f"SPC: {' · '.join(spc)}",
        help="\n\n".join(dict.fromkeys([row["variation_text"], row["assurance_text"]])),
    )
    if series.empty:
        empty_state(
            f"No figures for {measure.code} up to {row['period']} yet. They appear once "
            f"{measure.provider} sends a return (Upload returns page)."
        )
        return True
    last = str(series["period"].iloc[-1])
    st.plotly_chart(
        trend_figure(
            series,
            title=f"{measure.code}: {'quarterly' if ' Q' in last else 'yearly'} figures to {last}",
            unit=measure.unit,
            kind=measure.kind,
            target=measure.target,
        ),
        key=f"trend-{measure.code}",
        theme=None,
    )
    with st.expander(f"Numbers behind the chart: {measure.code}"):
        st.dataframe(trend_table(series), hide_index=True, height="content")
        st.caption(measure.description)
    st.page_link(
        "pages/measure.py",
        label=f"More on {measure.code}: SPC chart, returns and history",
        icon=":material/show_chart:",
        query_params={"measure": measure.code, "period": row["period"]},
    )
    return True


def show_commentary(commentary: pd.DataFrame, code: str, period: str) -> dict | None:
    """The latest commentary on a measure for a period, with who wrote it and when."""
    found = commentary[(commentary["measure_code"] == code) & (commentary["period"] == period)]
    if found.empty:
        st.caption(f"No commentary on {code} for {period} yet.")
        return None
    entry = found.iloc[-1].to_dict()
    quoted = "\n".join(f"> {line}" for line in str(entry["body"]).splitlines())
    st.markdown(f"**Commentary for {period}**\n\n{quoted}")
    written = pd.Timestamp(entry["written_at"]).strftime("%d %B %Y at %H:%M")
    st.caption(f"Written by {entry['author']} on {written}")
    return entry


def commentary_form(store: Store, code: str, period: str, entry: Mapping | None) -> None:
    """A form to write or edit the chair's commentary; saving stores a new version."""
    if st.session_state.get(COMMENTARY_SAVED) == (code, period):
        st.success(f"Commentary on {code} for {period} saved.", icon=":material/check:")
        del st.session_state[COMMENTARY_SAVED]
    current = str(entry["body"]) if entry else ""
    remembered = st.session_state.get(COMMENTARY_AUTHOR, "")
    version = hashlib.sha1(f"{current}|{remembered}".encode()).hexdigest()[:8]
    label = "Edit the commentary" if entry else "Write a commentary"
    with st.expander(f"{label} on {code} for {period}"), st.form(f"commentary-{code}"):
        author = st.text_input("Your name", value=remembered, key=f"author-{code}-{version}")
        body = st.text_area(
            "Commentary",
            value=current,
            key=f"body-{code}-{period}-{version}",
            help="A few sentences for the SVRP: what the figure shows and what is being done. "
            "Saving an empty text removes the commentary.",
        )
        saved = st.form_submit_button("Save commentary", type="primary")
    if not saved:
        return
    if not author.strip():
        st.error("Enter your name so that readers know who wrote the commentary, then save.")
        return
    try:
        store.add_commentary(code, period, body, author=author.strip())
    except StoreError as exc:
        st.error(f"The commentary was not saved: {exc}")
        return
    st.session_state[COMMENTARY_AUTHOR] = author.strip()
    st.session_state[COMMENTARY_SAVED] = (code, period)
    st.rerun()


def coded_list(items: list[CodedText], empty: str) -> None:
    """ToC activities or Crest Advisory recommendations as a list, each with its number."""
    if not items:
        st.caption(empty)
        return
    st.markdown(
        "\n".join(
            f"- **{item.code}** {item.text}" if item.code else f"- {item.text}" for item in items
        )
    )


# --- Analysts' pages: upload returns, data tracker, returns and history -----------------

ANALYST_NAME = "analyst_name"
"""Session key of the analyst's name, remembered across pages and used on every load."""
FLASH = "analyst_flash"
"""Session key of the messages to show once after a load or a withdrawal."""
KIND_WORDS = {
    "measure": "measure return",
    "readings": "outcome readings return",
    "tracker": "data tracker return",
}
"""The kinds of partner return (DESIGN §3), as the analysts' pages name them."""


def analyst_name_input(page: str) -> str:
    """The "Your name" box of an analysts' page; the name is remembered across pages.

    Each page has its own box (``page`` names it), filled in with the name last typed on
    any page.
    """
    name = st.text_input(
        "Your name",
        value=st.session_state.get(ANALYST_NAME, ""),
        key=f"analyst-name-{page}",
        help="Recorded with every load and withdrawal, so the history shows who did what.",
    )
    st.session_state[ANALYST_NAME] = name
    return name.strip()


def attempt(what: str, call: Any, *args: Any, **kwargs: Any) -> Any:
    """``call(*args, **kwargs)``, or ``None`` and a plain error message if it fails.

    ``what`` completes "… while {what}", e.g. "checking returns.csv".
    """
    try:
        return call(*args, **kwargs)
    except StoreError as exc:
        st.error(f"Something went wrong while {what}: {exc}", icon=":material/error:")
    except Exception as exc:  # noqa: BLE001 - the page must never show a traceback
        st.error(
            f"Something went wrong while {what}, and nothing was written. Try again; if it "
            f"happens again, tell the dashboard's maintainers ({type(exc).__name__}: {exc}).",
            icon=":material/error:",
        )
    return None


def flash(message: str) -> None:
    """Keep a success message to show at the top of the page after the next rerun."""
    st.session_state.setdefault(FLASH, []).append(message)


def show_flash() -> None:
    for message in st.session_state.pop(FLASH, []):
        st.success(message, icon=":material/check_circle:")


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
    frame = pd.DataFrame(
        [p.to_dict() for p in problems], columns=["row", "column", "value", "message"]
    ).astype({"row": "Int64"})
    if len(frame) <= WRAPPED_PROBLEMS:
        wrapped_table(frame, _PROBLEM_HEADINGS)
    else:
        st.dataframe(frame, column_config=_PROBLEM_COLUMNS, hide_index=True)


def validation_report(report: Any) -> None:
    """A file's heading and verdict, its errors as a table, and its warnings apart."""
    st.markdown(f"#### {report.file}")
    if report.ok:
        kind = KIND_WORDS[report.kind]
        rows = f"{report.rows:,} row{'' if report.rows == 1 else 's'}"
        st.success(f"✓ Valid: {rows}, {kind}.")
    else:
        count = len(report.errors)
        kind = f" ({KIND_WORDS[report.kind]})" if report.kind else ""
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


def preview_changes(preview: Any) -> None:
    """What loading a file would change: a summary, the table, and the warnings."""
    st.markdown(f"**If loaded:** {preview.summary}")
    changed = preview.changed()
    if not changed.empty:
        st.dataframe(
            changed,
            column_order=list(_CHANGE_COLUMNS),
            column_config=_CHANGE_COLUMNS,
            hide_index=True,
            height=min(420, 38 + 35 * len(changed)),
        )
    if len(changed) < len(preview.changes):
        with st.expander(f"Every figure the file gives ({len(preview.changes):,})"):
            st.dataframe(
                preview.changes,
                column_order=list(_CHANGE_COLUMNS),
                column_config=_CHANGE_COLUMNS,
                hide_index=True,
            )
    for warning in preview.warnings:
        st.warning(warning, icon=":material/warning:")


_BATCH_COLUMNS = {
    "batch_id": st.column_config.NumberColumn("Batch", format="%d"),
    "status": st.column_config.TextColumn("Status", width="medium"),
    "file_name": st.column_config.TextColumn("File"),
    "kind": st.column_config.TextColumn("Kind", help="measure, readings or tracker return"),
    "rows_loaded": st.column_config.NumberColumn("Rows", format="localized"),
    "loaded_by": st.column_config.TextColumn("Loaded by"),
    "loaded_at": st.column_config.DatetimeColumn("Loaded at", format="DD/MM/YYYY HH:mm"),
    "replaced_batches": st.column_config.ListColumn(
        "Replaced batches", help="Earlier batches whose figures this one replaced"
    ),
}


def _batch_status(row: Mapping[str, Any]) -> str:
    if row["in_force"]:
        return "In force"
    when = pd.Timestamp(row["withdrawn_at"]).strftime("%d/%m/%y %H:%M")
    return f"Withdrawn {when} by {row['withdrawn_by']}"


def batches_table(batches: pd.DataFrame) -> None:
    """Every batch: who loaded which file when, its rows, what it replaced, its status."""
    in_force = int(batches["in_force"].sum())
    st.caption(f"{len(batches):,} batches, {in_force:,} in force, newest first.")
    frame = batches.assign(status=[_batch_status(row) for row in batches.to_dict("records")])
    st.dataframe(
        frame,
        column_order=list(_BATCH_COLUMNS),
        column_config=_BATCH_COLUMNS,
        hide_index=True,
        height=min(600, 38 + 35 * len(frame)),
    )


def batch_label(row: Mapping[str, Any]) -> str:
    loaded = pd.Timestamp(row["loaded_at"]).strftime("%d/%m/%Y")
    kind = KIND_WORDS.get(row["kind"], row["kind"])
    return f"Batch {row['batch_id']} · {row['file_name']} · {kind} · {loaded}, {row['loaded_by']}"


def withdraw_form(store: Store, batches: pd.DataFrame, by: str) -> None:
    """Choose a batch in force, confirm, withdraw it: what it replaced is in force again."""
    in_force = {row["batch_id"]: row for row in batches.to_dict("records") if row["in_force"]}
    if not in_force:
        empty_state("No batch is in force, so there is nothing to withdraw.")
        return
    batch_id = st.selectbox(
        "Batch to withdraw", list(in_force), format_func=lambda b: batch_label(in_force[b])
    )
    replaced = [int(b) for b in in_force[batch_id]["replaced_batches"]]
    if replaced:
        listed = ", ".join(str(b) for b in replaced)
        st.warning(
            f"Batch {batch_id} replaced figures of batch{'es' if len(replaced) > 1 else ''} "
            f"{listed}: once it is withdrawn, those figures are in force again (unless a later "
            "batch replaced them too)."
        )
    else:
        st.warning(f"Batch {batch_id} replaced nothing: its figures will simply stop counting.")
    sure = st.checkbox(
        "I understand the figures it replaced will be in force again",
        key=f"withdraw-sure-{batch_id}",
    )
    clicked = st.button(
        f"Withdraw batch {batch_id}",
        type="primary",
        disabled=not (sure and by),
        help=None if by else "Enter your name above first.",
        key="withdraw-button",
    )
    if clicked and attempt(f"withdrawing batch {batch_id}", _withdraw, store, batch_id, by):
        flash(
            f"Batch {batch_id} ({in_force[batch_id]['file_name']}) is withdrawn: its figures "
            "no longer count, and what it replaced is in force again."
        )
        st.rerun()


def _withdraw(store: Store, batch_id: int, by: str) -> bool:
    store.withdraw(batch_id, by=by)
    return True


def completeness_words(completeness: pd.DataFrame) -> pd.DataFrame:
    """Providers × periods (newest first) in words: "✓ 3 of 3", "✗ 2 of 3 (missing 1)";
    empty where nothing is owed (e.g. a quarterly provider in a year column)."""
    if completeness.empty:
        return pd.DataFrame(columns=["provider"])

    def words(expected: int, received: int) -> str:
        if received >= expected:
            return f"✓ {received} of {expected}"
        return f"✗ {received} of {expected} (missing {expected - received})"

    frame = completeness.assign(
        text=[
            words(int(e), int(r))
            for e, r in zip(completeness["expected"], completeness["received"], strict=True)
        ],
        # a year column goes after the last quarter of its year (which starts 9 months in)
        order=completeness["period_start"]
        + pd.to_timedelta([0 if " Q" in p else 360 for p in completeness["period"]], unit="D"),
    )
    columns = frame.sort_values("order", ascending=False)["period"].drop_duplicates().tolist()
    table = frame.pivot(index="provider", columns="period", values="text")
    table = table.reindex(columns=columns).fillna("").reset_index()
    table.columns.name = None
    return table


def completeness_grid(completeness: pd.DataFrame) -> None:
    """Expected vs received returns per provider and period, in words, newest first."""
    table = completeness_words(completeness)
    config = {"provider": st.column_config.TextColumn("Provider", pinned=True)}
    st.dataframe(table, column_config=config, hide_index=True, height="content")


def wrapped_table(
    frame: pd.DataFrame, headings: Mapping[str, str], *, nowrap: tuple[str, ...] = ()
) -> None:
    """Columns of ``frame`` under the given headings, in a plain table whose long text
    wraps (for barriers, actions and messages that must be read in full); the ``nowrap``
    columns (e.g. "◆ Amber") are kept on one line."""
    shown = frame[list(headings)].astype("string").fillna("")
    for column in nowrap:
        shown[column] = shown[column].str.replace(" ", "\N{NO-BREAK SPACE}", regex=False)
    st.table(shown.rename(columns=dict(headings)), hide_index=True)
