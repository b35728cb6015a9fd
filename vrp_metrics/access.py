"""Who is acting, and what their roles allow (DESIGN §7).

The dashboard signs people in with OpenID Connect; their ID token's ``roles`` claim (a
list: Microsoft Entra app roles) gives their roles. The values are matched without regard
to case: ``VRP.Viewer``, ``VRP.Analyst``, ``VRP.Admin`` and ``VRP.Chair.<GROUP>`` for the
chair of a working group. Other values are ignored; no recognised role gives no access.

Every write in the library takes an :class:`ActingUser` and calls :func:`require` before
it changes anything, so a role is enforced whatever calls the library (a page, the command
line, a script), not only by the buttons a page shows.
"""

from __future__ import annotations

import getpass
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "Action",
    "ActingUser",
    "NotAllowed",
    "Role",
    "from_claims",
    "local_user",
    "may",
    "refusal",
    "require",
    "system_user",
]


class Role(StrEnum):
    VIEWER = "viewer"
    CHAIR = "chair"
    ANALYST = "analyst"
    ADMIN = "admin"


class Action(StrEnum):
    """What a person may be allowed to do; the values are the audit log's action names."""

    BROWSE = "browse"  # pages, tables, downloads
    EXPORT = "export"  # a table or the overview written to a file
    PACK = "pack"  # a meeting pack
    COMMENTARY = "commentary"  # a chair's commentary on a measure and period
    KEY_UPDATES = "key_updates"  # a group's key updates and decisions for a quarter
    RECORDS = "records"  # meetings, attendance, actions, Crest progress
    LOAD = "load"  # validate and load a return
    WITHDRAW = "withdraw"  # withdraw a loaded batch
    TEMPLATES = "templates"  # return templates and completeness
    AUDIT = "audit"  # read the audit log


# Actions about one working group: a chair may do them for their own groups.
_GROUP_ACTIONS = frozenset({Action.COMMENTARY, Action.KEY_UPDATES, Action.RECORDS})

_ALLOWED: dict[Role, frozenset[Action]] = {
    Role.VIEWER: frozenset({Action.BROWSE, Action.EXPORT, Action.PACK}),
    Role.CHAIR: frozenset(
        {Action.BROWSE, Action.EXPORT, Action.PACK, Action.COMMENTARY, Action.KEY_UPDATES}
        | {Action.RECORDS}
    ),
    Role.ANALYST: frozenset(
        {Action.BROWSE, Action.EXPORT, Action.PACK, Action.RECORDS}
        | {Action.LOAD, Action.WITHDRAW, Action.TEMPLATES}
    ),
    Role.ADMIN: frozenset(Action),
}

_ROLE_CLAIMS = {"vrp.viewer": Role.VIEWER, "vrp.analyst": Role.ANALYST, "vrp.admin": Role.ADMIN}
_CHAIR_PREFIX = "vrp.chair."

_ACTION_WORDS = {
    Action.BROWSE: "see the dashboard",
    Action.EXPORT: "download tables",
    Action.PACK: "download packs",
    Action.COMMENTARY: "write commentary",
    Action.KEY_UPDATES: "write key updates and decisions",
    Action.RECORDS: "record meetings, actions and Crest progress",
    Action.LOAD: "load returns",
    Action.WITHDRAW: "withdraw returns",
    Action.TEMPLATES: "download templates and check completeness",
    Action.AUDIT: "see the audit log",
}


class NotAllowed(PermissionError):
    """A role does not allow what was asked; the message says what and why."""


@dataclass(frozen=True)
class ActingUser:
    """A signed-in person (or the operating-system user in local mode).

    ``identity`` is what the audit log records (an email address where there is one);
    ``name`` is how pages greet them. ``chair_of`` holds the group codes they chair.
    """

    identity: str
    name: str
    roles: frozenset[Role] = frozenset()
    chair_of: frozenset[str] = frozenset()
    local: bool = False

    @property
    def has_access(self) -> bool:
        return bool(self.roles)

    def role_names(self) -> list[str]:
        """The roles as the audit log writes them: ``chair:DAWG`` for a chair."""
        names = [str(role) for role in Role if role in self.roles and role is not Role.CHAIR]
        names += [f"chair:{group}" for group in sorted(self.chair_of)]
        return names


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def from_claims(claims: Mapping[str, object]) -> ActingUser:
    """The acting user described by an ID token's claims (``st.user`` in the app).

    Identity: ``email``, else ``preferred_username``, else ``sub``; shown by ``name``.
    """
    identity = (
        _text(claims.get("email"))
        or _text(claims.get("preferred_username"))
        or _text(claims.get("sub"))
    )
    name = _text(claims.get("name")) or identity
    raw = claims.get("roles")
    values = [raw] if isinstance(raw, str) else raw if isinstance(raw, list | tuple) else []
    roles: set[Role] = set()
    chair_of: set[str] = set()
    for value in values:
        claim = _text(value).lower()
        if claim in _ROLE_CLAIMS:
            roles.add(_ROLE_CLAIMS[claim])
        elif claim.startswith(_CHAIR_PREFIX) and len(claim) > len(_CHAIR_PREFIX):
            chair_of.add(claim[len(_CHAIR_PREFIX) :].upper())
    if chair_of:
        roles.add(Role.CHAIR)
    return ActingUser(
        identity or "unknown", name or "unknown", frozenset(roles), frozenset(chair_of)
    )


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no USER or LOGNAME and no passwd entry (containers)
        return "unknown"


def local_user(name: str | None = None) -> ActingUser:
    """The person at this computer when no sign-in is configured (local mode).

    Local mode is one analyst's laptop: they may do everything, and their writes are
    recorded as the operating-system user (or ``name``, as ``--by`` gives it).
    """
    who = name or _os_user()
    return ActingUser(who, who, frozenset({Role.ADMIN}), local=True)


def system_user(name: str) -> ActingUser:
    """A program acting on its own account (the demo data loader): an admin by name."""
    return ActingUser(name, name, frozenset({Role.ADMIN}), local=True)


def may(user: ActingUser, action: Action, group: str | None = None) -> bool:
    """Whether ``user`` may do ``action`` (for ``group``, where the action is a group's)."""
    if any(action in _ALLOWED[role] for role in user.roles if role is not Role.CHAIR):
        return True
    if Role.CHAIR in user.roles and action in _ALLOWED[Role.CHAIR]:
        # Without a group, the question is whether they may do it for some group.
        return group is None or action not in _GROUP_ACTIONS or group.upper() in user.chair_of
    return False


def refusal(user: ActingUser, action: Action, group: str | None = None) -> str:
    """The words of a refusal: who, what they asked, and why not."""
    what = _ACTION_WORDS[action]
    if not user.roles:
        return f"{user.identity} has no access to the dashboard yet — ask the VRU"
    roles = ", ".join(user.role_names())
    if group is not None and action in _GROUP_ACTIONS and Role.CHAIR in user.roles:
        return (
            f"{user.identity} ({roles}) may not {what} for {group}: "
            "a chair writes for the groups they chair"
        )
    return f"{user.identity} ({roles}) may not {what}"


def require(user: ActingUser, action: Action, group: str | None = None) -> None:
    """Raise :class:`NotAllowed` unless ``user`` may do ``action``."""
    if not may(user, action, group):
        raise NotAllowed(refusal(user, action, group))
