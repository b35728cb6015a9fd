"""The catalogue of the Outcomes Based Performance Framework (OBPF), as data.

``data/catalogue.toml`` holds the strategic objectives, working groups, outcomes,
success measures, measures and score scales. It is loaded into the pydantic models
below (``extra="forbid"``), and cross-checked so that a broken entry fails at load
with a message naming it. A new measure is a new entry in the file, not new code.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from vrp_metrics import periods
from vrp_metrics.membership import Member, agency_key, membership_problems, read_membership

DEFAULT_CATALOGUE = Path(__file__).resolve().parent.parent / "data" / "catalogue.toml"


class Kind(StrEnum):
    count = "count"
    percentage = "percentage"
    mean_change = "mean_change"
    pct_improved = "pct_improved"
    tracker_green_pct = "tracker_green_pct"


class Polarity(StrEnum):
    """Which direction of the measure's value is good."""

    higher = "higher"
    lower = "lower"


class Frequency(StrEnum):
    quarterly = "quarterly"
    annual = "annual"


class YearAggregation(StrEnum):
    """How a count's quarters make its year: their sum, or the latest quarter."""

    sum = "sum"
    latest = "latest"


class CompareTo(StrEnum):
    """The comparator period for RAG when a measure has no target."""

    previous_period = "previous_period"
    same_period_last_year = "same_period_last_year"


class Rating(StrEnum):
    """What a measure's RAG status rests on, when the catalogue fixes it (DESIGN.md §4)."""

    target = "target"
    spc = "spc"
    comparator = "comparator"


class Direction(StrEnum):
    """The good direction of a score scale."""

    up = "up"
    down = "down"


class RagColour(StrEnum):
    green = "green"
    amber = "amber"
    red = "red"
    grey = "grey"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CodedText(_Model):
    """A ToC activity or Crest Advisory recommendation, with the number the ToR gives it."""

    code: str | None = None
    text: str


class StrategicObjective(_Model):
    code: str = Field(pattern=r"^SO\d+$")
    title: str
    statement: str
    why: str
    working_group: str


class WorkingGroup(_Model):
    code: str
    name: str
    short_name: str
    chair: str = ""
    aim: str = ""
    reports_to: str | None = None
    toc_activities: list[CodedText] = []
    crest_recommendations: list[CodedText] = []
    meetings_per_quarter: int = Field(default=1, ge=0)
    """The ToR's rhythm: DAWG meets monthly (3 a quarter), the others quarterly."""
    in_person_every: int = Field(default=3, ge=1)
    """Every n-th meeting is in person (the TVRP: alternate meetings, 2)."""
    hosts_specified_only: bool = True
    """In-person meetings are hosted in turn by the Specified Authorities (the TVRP's by
    any member)."""


class Outcome(_Model):
    code: str = Field(pattern=r"^\d+\.\d+$")
    title: str
    working_group: str


class SuccessMeasure(_Model):
    code: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    title: str


class Provider(_Model):
    name: str
    full_name: str
    programme: str = ""


class Scale(_Model):
    name: str
    provider: str
    areas: list[str] = Field(min_length=1)
    minimum: float | None = None
    maximum: float | None = None
    whole_numbers: bool = False
    good_direction: Direction

    @property
    def single_area(self) -> str | None:
        """The only area of a one-area scale (its ``area`` may be left blank)."""
        return self.areas[0] if len(self.areas) == 1 else None

    def range_text(self) -> str:
        kind = "a whole number" if self.whole_numbers else "a number"
        if self.minimum is not None and self.maximum is not None:
            return f"{kind} from {self.minimum:g} to {self.maximum:g}"
        if self.minimum is not None:
            return f"{kind} of at least {self.minimum:g}"
        return kind


class Rebase(_Model):
    """A period from which an SPC chart starts a new group, and why."""

    period: str
    reason: str

    @model_validator(mode="after")
    def _period_is_a_quarter(self) -> Rebase:
        parsed = periods.parse_period(self.period)
        if not periods.is_quarter(parsed):
            raise ValueError(f"rebase period {self.period!r} must be a quarter")
        return self


class Measure(_Model):
    code: str = Field(pattern=r"^\d+\.\d+\.\d+\.[a-z]$")
    title: str
    description: str
    working_group: str
    provider: str
    data_source: str
    kind: Kind
    polarity: Polarity
    frequency: Frequency = Frequency.quarterly
    year_aggregation: YearAggregation = YearAggregation.sum
    scale: str | None = None
    area: str | None = None
    target: float | None = None
    year_target: float | None = None
    target_tolerance: float = Field(default=0.10, ge=0, lt=1)
    change_tolerance: float = Field(default=0.05, ge=0, lt=1)
    compare_to: CompareTo = CompareTo.previous_period
    rating: Rating | None = None
    """A fixed basis for RAG; by default the target, else SPC, else the comparator."""
    rebase: list[Rebase] = []
    counts_people: bool = False
    """Whether a count is a number of people (a publication withholds 1 to 7 of them)."""

    @property
    def outcome_code(self) -> str:
        return ".".join(self.code.split(".")[:2])

    @property
    def success_measure_code(self) -> str:
        return ".".join(self.code.split(".")[:3])

    @property
    def from_readings(self) -> bool:
        """Whether the measure can be derived from outcome readings of a scale."""
        return self.scale is not None

    @property
    def unit(self) -> str:
        """The unit of the measure's value, as shown to users."""
        if self.kind in (Kind.percentage, Kind.pct_improved, Kind.tracker_green_pct):
            return "%"
        if self.kind is Kind.mean_change:
            return "points"
        return ""

    @property
    def improvement(self) -> str:
        """SPC improvement direction: ``increase`` or ``decrease``."""
        return "increase" if self.polarity is Polarity.higher else "decrease"

    @property
    def effective_year_target(self) -> float | None:
        """The target for a financial-year figure.

        An explicit ``year_target`` wins. Otherwise rates and averages share the
        quarterly target, while a summed count's year is four quarters' worth and so
        has no target unless one is given.
        """
        if self.year_target is not None or self.frequency is Frequency.annual:
            return self.year_target if self.year_target is not None else self.target
        if self.kind is Kind.count and self.year_aggregation is YearAggregation.sum:
            return None
        return self.target

    @model_validator(mode="after")
    def _kind_fits_source(self) -> Measure:
        derived = self.kind in (Kind.mean_change, Kind.pct_improved)
        if self.scale is not None and not derived:
            raise ValueError(f"a {self.kind} measure cannot take a scale")
        if self.area is not None and self.scale is None:
            raise ValueError("an area needs a scale")
        if self.frequency is Frequency.annual and self.kind is Kind.tracker_green_pct:
            raise ValueError("the data tracker measure is quarterly")
        if (
            self.rating is Rating.target
            and self.target is None
            and (self.frequency is Frequency.quarterly or self.year_target is None)
        ):
            raise ValueError('rating = "target" needs a target')
        if self.rating is Rating.spc and self.frequency is Frequency.annual:
            raise ValueError('rating = "spc" needs quarterly figures; this measure is annual')
        return self


DEFAULT_EARLIEST_PERIOD = "2015/16"


class Catalogue(_Model):
    earliest_period: str = DEFAULT_EARLIEST_PERIOD
    """The earliest financial year a return may give a period or a date in: an earlier one
    is a mistyped year (``1900/01``, ``0024/25``), which would otherwise become a
    participant's baseline or stretch every chart back to it."""
    strategic_objectives: list[StrategicObjective]
    working_groups: list[WorkingGroup]
    providers: list[Provider]
    outcomes: list[Outcome]
    success_measures: list[SuccessMeasure]
    scales: list[Scale]
    measures: list[Measure]
    members: list[Member] = []
    """Each group's member agencies (``membership.toml`` beside the catalogue file)."""
    returns_due_days: int = Field(default=30, ge=0, le=366)
    """A quarter's returns fall due this many days after the quarter ends."""

    @field_validator("earliest_period")
    @classmethod
    def _earliest_is_a_year(cls, label: str) -> str:
        parsed = periods.try_parse_period(label)
        if parsed is None or periods.is_quarter(parsed):
            raise ValueError(
                f"{label!r} is not a financial year: give one such as {periods.VALID_YEAR_FORMS}"
            )
        return periods.format_period(parsed)

    @property
    def earliest_start(self) -> dt.date:
        """The first day a return may give: 1 April of ``earliest_period``."""
        return periods.start_date(periods.parse_period(self.earliest_period))

    @model_validator(mode="after")
    def _cross_check(self) -> Catalogue:
        problems: list[str] = []
        for field, key in (
            ("strategic_objectives", "code"),
            ("working_groups", "code"),
            ("providers", "name"),
            ("outcomes", "code"),
            ("success_measures", "code"),
            ("scales", "name"),
            ("measures", "code"),
        ):
            seen: set[str] = set()
            for entry in getattr(self, field):
                value = getattr(entry, key)
                if value in seen:
                    problems.append(f"{field}: {key} {value!r} appears more than once")
                seen.add(value)
        groups = {g.code for g in self.working_groups}
        outcomes = {o.code for o in self.outcomes}
        success = {s.code for s in self.success_measures}
        providers = {p.name for p in self.providers}
        scales = {s.name: s for s in self.scales}
        for so in self.strategic_objectives:
            if so.working_group not in groups:
                problems.append(
                    f"strategic objective {so.code}: working group {so.working_group!r} "
                    "is not in working_groups"
                )
        for group in self.working_groups:
            if group.reports_to is not None and group.reports_to not in groups:
                problems.append(
                    f"working group {group.code}: reports_to {group.reports_to!r} is not a group"
                )
        for outcome in self.outcomes:
            if outcome.working_group not in groups:
                problems.append(
                    f"outcome {outcome.code}: working group {outcome.working_group!r} "
                    "is not in working_groups"
                )
        for sm in self.success_measures:
            if sm.code.rsplit(".", 1)[0] not in outcomes:
                problems.append(f"success measure {sm.code}: its outcome is not in outcomes")
        for scale in self.scales:
            if scale.provider not in providers:
                problems.append(f"scale {scale.name!r}: provider {scale.provider!r} is unknown")
        for m in self.measures:
            where = f"measure {m.code}"
            if m.working_group not in groups:
                problems.append(
                    f"{where}: working group {m.working_group!r} is not in working_groups"
                )
            if m.provider not in providers:
                problems.append(f"{where}: provider {m.provider!r} is not in providers")
            if m.success_measure_code not in success:
                problems.append(f"{where}: success measure {m.success_measure_code} is missing")
            if m.scale is not None:
                scale = scales.get(m.scale)
                if scale is None:
                    problems.append(f"{where}: scale {m.scale!r} is not in scales")
                elif m.area is not None and m.area not in scale.areas:
                    problems.append(f"{where}: area {m.area!r} is not an area of {m.scale!r}")
                elif m.area is None and scale.single_area is None:
                    problems.append(f"{where}: scale {m.scale!r} has several areas; name one")
        problems += membership_problems(self.members, groups)
        if problems:
            raise ValueError("the catalogue has problems:\n  " + "\n  ".join(problems))
        return self

    # -- look-ups -------------------------------------------------------------------
    @cached_property
    def _measures(self) -> dict[str, Measure]:
        return {m.code: m for m in self.measures}

    def measure(self, code: str) -> Measure:
        return self._measures[code]

    def has_measure(self, code: str) -> bool:
        return code in self._measures

    def measure_coded(self, code: str) -> Measure | None:
        """A measure by code, matched case-insensitively (``5.1.3.A``), or ``None``."""
        wanted = code.strip().casefold()
        return next((m for m in self.measures if m.code.casefold() == wanted), None)

    def scale(self, name: str) -> Scale:
        return next(s for s in self.scales if s.name == name)

    def scale_named(self, name: str) -> Scale | None:
        """A scale by name, matched case-insensitively, or ``None``."""
        wanted = name.strip().casefold()
        return next((s for s in self.scales if s.name.casefold() == wanted), None)

    def working_group(self, code: str) -> WorkingGroup:
        return next(g for g in self.working_groups if g.code == code)

    def objective(self, code: str) -> StrategicObjective:
        return next(o for o in self.strategic_objectives if o.code == code)

    def objective_of_group(self, group_code: str) -> StrategicObjective | None:
        return next((o for o in self.strategic_objectives if o.working_group == group_code), None)

    def outcome(self, code: str) -> Outcome:
        return next(o for o in self.outcomes if o.code == code)

    def success_measure(self, code: str) -> SuccessMeasure:
        return next(s for s in self.success_measures if s.code == code)

    def measures_of_group(self, group_code: str) -> list[Measure]:
        return [m for m in self.measures if m.working_group == group_code]

    def members_of(self, group_code: str, on: dt.date | None = None) -> list[Member]:
        """A group's member agencies (those who were members ``on`` a day, if given)."""
        return [
            m for m in self.members if m.group == group_code and (on is None or m.member_on(on))
        ]

    def member(self, group_code: str, agency: str) -> Member | None:
        """A group's member by agency, matched without regard to case or spaces."""
        key = agency_key(agency)
        return next(
            (m for m in self.members if m.group == group_code and agency_key(m.agency) == key),
            None,
        )

    def measures_of_provider(self, provider: str) -> list[Measure]:
        return [m for m in self.measures if m.provider == provider]

    def derived_measures(self, scale: str) -> list[Measure]:
        return [m for m in self.measures if m.scale == scale]


class CatalogueError(ValueError):
    """The catalogue file cannot be read or breaks a rule; the message names the entry."""


def _describe(error: ValidationError, data: dict) -> str:
    lines = []
    for item in error.errors():
        loc = item["loc"]
        where = ".".join(str(part) for part in loc)
        if len(loc) >= 2 and isinstance(loc[1], int):
            entry = data.get(str(loc[0]), [])[loc[1]]
            name = entry.get("code") or entry.get("name") if isinstance(entry, dict) else None
            if name:
                where = f"{loc[0]} entry {name!r}" + (
                    f", field {'.'.join(str(p) for p in loc[2:])}" if loc[2:] else ""
                )
        message = item["msg"].removeprefix("Value error, ")
        lines.append(f"{where}: {message}" if where else message)
    return "\n  ".join(lines)


def load_catalogue(path: Path | str | None = None) -> Catalogue:
    """Read and check the catalogue file (``data/catalogue.toml`` by default)."""
    path = Path(path) if path is not None else DEFAULT_CATALOGUE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise CatalogueError(
            f"cannot read the catalogue {path}: line {line} has a character that is not "
            "UTF-8 (the file was probably saved as Windows-1252 or Latin-1) — save it as "
            "UTF-8 and try again"
        ) from exc
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CatalogueError(f"cannot read the catalogue {path}: {exc}") from exc
    try:
        members = read_membership(path)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CatalogueError(f"cannot read the membership beside {path}: {exc}") from exc
    if members is not None:
        data = {**data, "members": members}
    try:
        return Catalogue.model_validate(data)
    except ValidationError as exc:
        raise CatalogueError(
            f"the catalogue {path} is not valid:\n  {_describe(exc, data)}"
        ) from exc
