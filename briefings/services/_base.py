"""What the briefings services share: claiming a record for a change (the policy before and after the row lock)
and the optimistic version check. Internal to the services package: views never call these."""

from __future__ import annotations

from briefings import policy
from mayoral_office.errors import Conflict


def claim(actor, action: str, obj, expected_version: int | None = None):
    """`obj` locked for this change, after checking who may (before the lock: a stranger learns nothing) and then
    its state as it is now, not as the officer's page showed it. With `expected_version`, refuses a record someone
    else has saved since the page was loaded."""
    policy.policy.policy_for(obj).require_permission(actor, action, obj)
    fresh = type(obj).objects.select_for_update(of=("self",)).get(pk=obj.pk)
    if expected_version is not None and getattr(fresh, "version", expected_version) != expected_version:
        raise Conflict()
    policy.policy.policy_for(fresh).require_state(action, fresh)
    return fresh


def bump(obj) -> None:
    """A saved change: the next form opened on the old version is refused."""
    if hasattr(obj, "version"):
        obj.version += 1
