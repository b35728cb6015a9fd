"""Working-group membership: each group's member agencies, from its ToR distribution list.

Membership is data beside the catalogue (``data/membership.toml``), read with it and
checked by the same pydantic models (DESIGN §9). It lists agencies, never people: a
member is an agency of a group, with its standing under the Serious Violence Duty
(``Specified`` or ``Relevant`` Authority, or ``Other``), the role it plays there, and
optionally the dates it joined and left, so that a meeting after an agency left the
group does not count it.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, model_validator

MEMBERSHIP_FILE = "membership.toml"
"""The file name of the membership, in the catalogue's folder."""


class Authority(StrEnum):
    """An agency's standing under the Serious Violence Duty (ToR "Specified or Relevant
    Authority"; the ToRs' "N/A" is ``Other``)."""

    specified = "Specified"
    relevant = "Relevant"
    other = "Other"


class Member(BaseModel):
    """One agency's place in one working group."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    group: str
    agency: str
    authority: Authority
    role: str = ""
    """What the agency does in the group, in the ToR's words (roles, never names)."""
    attends: bool = True
    """False where the ToR says "attendance not yet required"."""
    joined: dt.date | None = None
    left: dt.date | None = None

    @model_validator(mode="after")
    def _left_after_joined(self) -> Member:
        if self.joined and self.left and self.left < self.joined:
            raise ValueError(f"{self.agency} in {self.group}: left is before joined")
        return self

    def member_on(self, day: dt.date) -> bool:
        """Whether the agency was a member of the group on ``day``."""
        return (self.joined is None or self.joined <= day) and (
            self.left is None or day <= self.left
        )


def agency_key(text: str) -> str:
    """Agencies compare without regard to case or runs of spaces."""
    return " ".join(text.casefold().split())


def membership_problems(members: list[Member], groups: set[str]) -> list[str]:
    """What is wrong with the membership: unknown groups, an agency listed twice."""
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()
    for member in members:
        if member.group not in groups:
            problems.append(f"members: {member.agency!r} names group {member.group!r}, not a group")
        key = (member.group, agency_key(member.agency))
        if key in seen:
            problems.append(f"members: {member.agency!r} is listed twice for {member.group}")
        seen.add(key)
    return problems


def read_membership(catalogue_path: Path) -> list[dict] | None:
    """The ``[[members]]`` of the membership file beside a catalogue file, if there is one."""
    path = catalogue_path.parent / MEMBERSHIP_FILE
    if not path.exists():
        return None
    return tomllib.loads(path.read_text(encoding="utf-8")).get("members", [])
