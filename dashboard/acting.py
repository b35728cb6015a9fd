"""Who is using the dashboard, for the library's role checks and the audit log.

Until sign-in is configured here this is the person at this computer (local mode: an
analyst's laptop, who may do everything). Where the dashboard signs people in, this one
function returns the signed-in user instead.
"""

from __future__ import annotations

from vrp_metrics.access import ActingUser, local_user


def acting_user() -> ActingUser:
    """The person acting in this session."""
    return local_user()
