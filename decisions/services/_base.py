"""What the decisions services share: claiming a record for a change (the policy before and after the row lock,
and the optimistic version check: `AppPolicy.claim`) and `bump`. Internal to the services package."""

from __future__ import annotations

from decisions import policy
from mayoral_office.policy import bump

__all__ = ["bump", "claim"]


def claim(actor, action: str, obj, expected_version: int | None = None):
    return policy.decisions.claim(actor, action, obj, expected_version)
