"""A working group's records as frames for its page, the overview and packs (DESIGN §9):
its meetings and attendance grid, each member agency's share of meetings attended, its
actions (open, overdue, done in a quarter) and its Crest recommendations' standing.

The quarter figures ``ATT.<GROUP>`` and ``CREST.<GROUP>`` are in the measures figures
(``vrp_metrics.metrics.measure_figures(..., records=True)``); these are the details.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from vrp_metrics import periods
from vrp_metrics.catalogue import Catalogue
from vrp_metrics.records.codes import attendance_code, crest_code, listed_recommendations
from vrp_metrics.sqlfiles import with_effective
from vrp_metrics.store import Store

ATTENDANCE_WORDS = {"Present": "Present", "Apologies": "Apologies", "Absent": "Absent"}
NOT_RECORDED = "Not recorded"
"""The grid's word for a member agency a meeting record leaves out."""
NOT_EXPECTED = "Not expected"
"""The grid's word for a member the ToR does not yet expect to attend, left out."""


def _query(store: Store, relative_sql: str, params: dict, **tables: pd.DataFrame) -> pd.DataFrame:
    with store.cursor() as cur:
        raw = cur.raw
        for name, frame in tables.items():
            raw.register(name, frame)
        try:
            return raw.execute(with_effective(relative_sql), {"as_at": None, **params}).df()
        finally:
            for name in tables:
                raw.unregister(name)


def _label(start: object) -> str:
    return periods.format_period(periods.from_start(pd.Timestamp(start), quarterly=True))


def meetings(store: Store, group: str) -> pd.DataFrame:
    """The group's meetings in force, oldest first, with a ``period`` column (quarter):
    format, host, and how many places were present, sent apologies or were absent."""
    frame = _query(store, "records/meetings.sql", {"group": group})
    frame["period"] = [_label(s) for s in frame["period_start"]]
    return frame


def attendance_grid(store: Store, catalogue: Catalogue, group: str) -> pd.DataFrame:
    """One row per member agency, one column per meeting (``dd/mm/yyyy``, newest first),
    each cell a word: Present, Apologies, Absent, "Not recorded" (a member left out of
    the record) or "Not expected" (one the ToR does not yet expect); empty where the
    agency was not a member on that date. Words, never colour alone."""
    rows = _query(store, "records/attendance_rows.sql", {"group": group})
    dates = sorted(rows["meeting_date"].unique(), reverse=True)
    members = catalogue.members_of(group)
    agencies = [m.agency for m in members] + sorted(
        set(rows["agency"]) - {m.agency for m in members}
    )
    given = {(a, pd.Timestamp(d)): w for d, a, w in rows.itertuples(index=False)}
    table: dict[str, list[str]] = {"agency": agencies}
    for day in dates:
        when = pd.Timestamp(day)
        column = []
        for agency in agencies:
            member = catalogue.member(group, agency)
            if (agency, when) in given:
                column.append(given[(agency, when)])
            elif member is not None and member.member_on(when.date()):
                column.append(NOT_RECORDED if member.attends else NOT_EXPECTED)
            else:
                column.append("")
        table[f"{when:%d/%m/%Y}"] = column
    return pd.DataFrame(table)


def agency_attendance(
    store: Store, catalogue: Catalogue, group: str, *, specified_only: bool = True
) -> pd.DataFrame:
    """Per member agency and quarter: ``meetings`` held while it was a member,
    ``attended`` (present) and ``share`` (0–100). Specified Authorities only, unless
    ``specified_only`` is false."""
    members = catalogue.members_of(group)
    table = pd.DataFrame(
        {
            "group_code": pd.Series([group] * len(members), dtype="str"),
            "agency": pd.Series([m.agency for m in members], dtype="str"),
            "authority": pd.Series([str(m.authority) for m in members], dtype="str"),
            "joined": pd.Series([m.joined for m in members], dtype="datetime64[us]"),
            "left": pd.Series([m.left for m in members], dtype="datetime64[us]"),
        }
    )
    frame = _query(store, "records/agency_attendance.sql", {"group": group}, record_member=table)
    if specified_only:
        frame = frame[frame["authority"] == "Specified"]
    frame = frame.assign(period=[_label(s) for s in frame["period_start"]])
    return frame.reset_index(drop=True)


def actions(store: Store, group: str, *, today: dt.date | None = None) -> pd.DataFrame:
    """The group's actions in force: ``is_open`` (Open or In progress), ``overdue`` (open
    and past its due date on ``today``) and ``done_period`` (the quarter it was done in)."""
    today = today or dt.date.today()
    frame = _query(store, "records/actions.sql", {"group": group, "today": today})
    frame["done_period"] = [_label(s) if pd.notna(s) else None for s in frame["done_quarter_start"]]
    return frame


def actions_summary(
    store: Store, group: str, period: str, *, today: dt.date | None = None
) -> dict[str, int]:
    """How many of the group's actions are ``open`` and ``overdue`` now, and how many
    were ``done`` in ``period`` (a quarter, or the quarters of a financial year)."""
    frame = actions(store, group, today=today)
    parsed = periods.parse_period(period)
    quarters = [parsed] if periods.is_quarter(parsed) else list(periods.quarters_of(parsed))
    labels = {periods.format_period(q) for q in quarters}
    return {
        "open": int(frame["is_open"].sum()),
        "overdue": int(frame["overdue"].sum()),
        "done": int(frame["done_period"].isin(labels).sum()),
    }


def action_history(store: Store, group: str) -> pd.DataFrame:
    """Every version of the group's actions, as each batch gave it (newest first)."""
    return _query(store, "records/action_history.sql", {"group": group})


def crest_updates(store: Store, group: str) -> pd.DataFrame:
    """The group's Crest tracker updates in force, oldest first: its history."""
    return _query(store, "records/crest_updates.sql", {"group": group})


def crest_standing(
    store: Store, catalogue: Catalogue, group: str, on: dt.date | None = None
) -> pd.DataFrame:
    """Each recommendation listed for the group with its status ``on`` a day (its latest
    update on or before it; "Not started" when it has none), the date and evidence."""
    updates = crest_updates(store, group)
    if on is not None:
        updates = updates[updates["as_of"] <= pd.Timestamp(on)]
    latest = updates.sort_values("as_of").groupby("recommendation").tail(1)
    latest = latest.set_index("recommendation")
    texts = {r.code: r.text for r in catalogue.working_group(group).crest_recommendations}
    rows = []
    for code in listed_recommendations(catalogue, group):
        found = code in latest.index
        rows.append(
            {
                "recommendation": code,
                "text": texts[code],
                "status": latest.at[code, "status"] if found else "Not started",
                "as_of": latest.at[code, "as_of"] if found else pd.NaT,
                "evidence": latest.at[code, "evidence"] if found else None,
            }
        )
    return pd.DataFrame(rows, columns=["recommendation", "text", "status", "as_of", "evidence"])


RAG_WORDS = {"green": "Green", "amber": "Amber", "red": "Red", "grey": "Not rated"}


def group_summary(figures: pd.DataFrame, catalogue: Catalogue, period: str) -> pd.DataFrame:
    """Per working group, its attendance and Crest readiness for ``period`` from the
    figures with records (``measure_figures(..., records=True)``), in words: the figure,
    its parts and its RAG status; "no meetings" or "none listed" where there is none."""
    label = periods.format_period(periods.parse_period(period))
    found = figures[figures["period"] == label].set_index("measure_code")
    rows = []
    for group in catalogue.working_groups:
        row: dict[str, object] = {"group": group.code, "name": group.short_name}
        for prefix, code, none in (
            ("attendance", attendance_code(group.code), "no meetings recorded"),
            ("crest", crest_code(group.code), "no update recorded"),
        ):
            if prefix == "crest" and not listed_recommendations(catalogue, group.code):
                row[prefix], row[f"{prefix}_rag"] = "none listed", ""
            elif code in found.index:
                f = found.loc[code]
                row[prefix] = (
                    f"{f['value']:.0f}% ({int(f['numerator'])} of {int(f['denominator'])})"
                )
                row[f"{prefix}_rag"] = RAG_WORDS.get(str(f["rag"]), "Not rated")
            else:
                row[prefix], row[f"{prefix}_rag"] = none, "Not rated"
        rows.append(row)
    return pd.DataFrame(rows)
