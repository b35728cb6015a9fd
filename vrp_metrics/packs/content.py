"""A meeting pack's content (DESIGN §8), built from the frames the pages read.

In order: cover, summary (RAG and SPC per objective and group), exceptions (red, or
special-cause concern, each with its commentary), each working group's key updates and
decisions and the returns still missing, one section per measure, and the method. The
writers (``pptx_writer``, ``pdf_writer``) only lay this out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from vrp_metrics import disclosure
from vrp_metrics.catalogue import Catalogue
from vrp_metrics.completeness import missing_returns
from vrp_metrics.completeness.returns import expected_returns
from vrp_metrics.demo import includes_demo_data
from vrp_metrics.metrics import figures_for_period, measure_figures
from vrp_metrics.packs.measures import MeasureSection, measure_section
from vrp_metrics.packs.method import METHOD
from vrp_metrics.packs.scope import PackError, Scope, pack_period, protective_marking, resolve_scope
from vrp_metrics.reporting import (
    MISSING,
    latest_commentary,
    missing_return_notes,
    overview_table,
    rag_counts,
)
from vrp_metrics.store import Store

DEMO_NOTICE = (
    "Demonstration data: the figures in this pack are synthetic, made up to show how the "
    "dashboard works. They describe no real people, services or places."
)

SUMMARY_COLUMNS: tuple[str, ...] = (
    "Objective",
    "Working group",
    "● Green",
    "◆ Amber",
    "■ Red",
    "○ Not rated",
    "SPC: improving",
    "SPC: concern",
    "SPC: no significant change",
    "SPC: not available",
)
EXCEPTION_COLUMNS: tuple[str, ...] = ("Measure", "Figure", "RAG", "SPC", "Commentary")


@dataclass
class GroupSection:
    """A working group's key updates and decisions for the period, and missing returns."""

    code: str
    name: str
    key_updates: str
    key_updates_by: str
    missing: pd.DataFrame  # provider, period, measures, message


@dataclass
class Pack:
    """Everything a pack shows, ready to lay out; ``public`` packs have withheld
    figures as ``[c]`` everywhere and carry :data:`vrp_metrics.disclosure.NOTE`."""

    scope: Scope
    period: str
    as_at: str
    made_at: str
    marking: str
    public: bool
    demo: bool
    summary: pd.DataFrame
    exceptions: pd.DataFrame
    groups: list[GroupSection]
    measures: list[MeasureSection]
    method: list[tuple[str, str]] = field(default_factory=lambda: list(METHOD))

    @property
    def title(self) -> str:
        return f"{self.scope.title}: performance pack for {self.period}"

    @property
    def disclosure_note(self) -> str:
        return disclosure.NOTE if self.public else ""

    @property
    def cover_lines(self) -> list[str]:
        """The cover's facts, in order: scope, period, as at, the notices that apply."""
        lines = [
            f"Scope: {self.scope.title}",
            f"Period: {self.period}" + ("" if " Q" in self.period else " (financial year)"),
            f"Figures as at: {self.as_at}",
            f"Made: {self.made_at}",
            "For publication: figures about fewer than 8 people are withheld ([c])"
            if self.public
            else "Internal: not for publication (figures about few people are shown)",
        ]
        if self.demo:
            lines.append(DEMO_NOTICE)
        return lines


def _as_at_text(store: Store, as_at_batch: int | None) -> str:
    batches = store.batches()
    if as_at_batch is None:
        if batches.empty:
            return "now (no returns loaded)"
        latest = batches.sort_values("batch_id").iloc[-1]
        when = f"{latest['loaded_at']:%d %B %Y %H:%M}"
        return f"now — the latest return batch is {int(latest['batch_id'])}, loaded {when}"
    chosen = batches[batches["batch_id"] == as_at_batch]
    loaded = f", loaded {chosen['loaded_at'].iloc[0]:%d %B %Y %H:%M}" if len(chosen) else ""
    return f"just after return batch {as_at_batch}{loaded}"


def _latest_returned(store: Store, catalogue: Catalogue) -> dict[str, str]:
    """The latest period each provider has returned anything for."""
    owed = expected_returns(store, catalogue)
    received = owed[owed["received"]].sort_values("period_start")
    return {
        str(provider): str(rows["period"].iloc[-1])
        for provider, rows in received.groupby("provider", sort=False)
    }


def _summary(
    table: pd.DataFrame, period_figures: pd.DataFrame, catalogue: Catalogue, scope: Scope
) -> pd.DataFrame:
    counts = rag_counts(period_figures, catalogue, by="objective")
    counts = counts[counts["working_group"].isin(scope.groups)]
    rows = []
    for count in counts.to_dict("records"):
        icons = table.loc[table["working_group"] == count["working_group"], "variation_icon"]
        icons = icons.fillna("")
        rows.append(
            [
                f"{count['objective']} {count['objective_title']}",
                count["working_group_name"],
                int(count["green"]),
                int(count["amber"]),
                int(count["red"]),
                int(count["grey"]),
                int(icons.str.startswith("improvement").sum()),
                int(icons.str.startswith("concern").sum()),
                int((icons == "common_cause").sum()),
                int((icons == "").sum()),
            ]
        )
    return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))


def _exceptions(sections: list[MeasureSection], table: pd.DataFrame) -> pd.DataFrame:
    concern = set(
        table.loc[table["variation_icon"].fillna("").str.startswith("concern"), "measure_code"]
    )
    rows = [
        [
            f"{s.code} {s.title}",
            s.value_text,
            s.rag_text,
            s.spc_text,
            s.commentary or "No commentary for this period.",
        ]
        for s in sections
        if s.rag == "red" or s.code in concern
    ]
    return pd.DataFrame(rows, columns=list(EXCEPTION_COLUMNS))


def _groups(store: Store, catalogue: Catalogue, scope: Scope, period: str) -> list[GroupSection]:
    updates = store.key_updates(period=period)
    owed = missing_returns(store, catalogue, period)
    sections = []
    for code in scope.groups:
        group = catalogue.working_group(code)
        mine = updates[updates["working_group"] == code]
        codes = {m.code for m in catalogue.measures_of_group(code)}
        notes = missing_return_notes(owed[owed["measure_code"].isin(codes)])
        entry = mine.iloc[-1] if len(mine) else None
        sections.append(
            GroupSection(
                code=code,
                name=f"{group.name} ({group.short_name})",
                key_updates=str(entry["body"]) if entry is not None else "",
                key_updates_by=(
                    f"{entry['author_name']}, {pd.Timestamp(entry['written_at']):%d %B %Y}"
                    if entry is not None
                    else ""
                ),
                missing=notes[["provider", "period", "measures", "message"]],
            )
        )
    return sections


def build_pack(
    store: Store,
    catalogue: Catalogue,
    scope: str,
    period: str,
    *,
    as_at_batch: int | None = None,
    public: bool = False,
    marking: str | None = None,
    figures: pd.DataFrame | None = None,
    now: dt.datetime | None = None,
) -> Pack:
    """The content of a pack for ``scope`` (``svrp``, ``SO1``…, a group code) and
    ``period`` (a quarter or a financial year), with the figures as they stand now or
    just after ``as_at_batch``. ``public`` withholds figures about fewer than 8 people
    (DESIGN §8); ``marking`` is the dashboard's protective-marking setting
    (:func:`~vrp_metrics.packs.scope.protective_marking`). ``figures`` may pass the
    figures frame a page already holds (as :func:`measure_figures` gives it).

    Raises :class:`~vrp_metrics.packs.scope.PackError` for a scope or period that does
    not exist or a period with no figures.
    """
    chosen = resolve_scope(catalogue, scope)
    label = pack_period(period)
    if as_at_batch is not None:
        known = set(store.batches()["batch_id"].astype(int))
        if as_at_batch not in known:
            raise PackError(f"there is no return batch {as_at_batch} in this database")
    raw = (
        figures
        if figures is not None
        else measure_figures(store, catalogue, as_at_batch=as_at_batch)
    )
    if not (raw["period"] == label).any():
        raise PackError(f"there are no figures for {label} in this database")
    shown = disclosure.protect_figures(raw, catalogue) if public else disclosure.no_withholding(raw)
    commentary = store.commentary(period=label)
    table = overview_table(shown, catalogue, label, commentary)
    period_figures = figures_for_period(shown, catalogue, label)
    table = table.merge(period_figures[["measure_code", "withheld"]], on="measure_code", how="left")
    table = table[table["measure_code"].isin(chosen.measures)].reset_index(drop=True)
    returned = _latest_returned(store, catalogue)
    sections = [
        measure_section(
            row,
            shown,
            raw if public else None,
            catalogue,
            latest_commentary(commentary, str(row["measure_code"]), label),
            returned.get(str(row["provider"]), MISSING),
        )
        for row in table.to_dict("records")
    ]
    made = now or dt.datetime.now()
    return Pack(
        scope=chosen,
        period=label,
        as_at=_as_at_text(store, as_at_batch),
        made_at=f"{made:%d %B %Y %H:%M}",
        marking=protective_marking(marking),
        public=public,
        demo=includes_demo_data(store),
        summary=_summary(table, period_figures, catalogue, chosen),
        exceptions=_exceptions(sections, table),
        groups=_groups(store, catalogue, chosen, label),
        measures=sections,
    )
