"""What the procurement services share: claiming a record for a change (`AppPolicy.claim`: the policy before and
after the row lock, and the version check), `bump`, and the next number of a gapless yearly sequence."""

from __future__ import annotations

from mayoral_office.policy import bump
from procurement import policy
from procurement.models import Counter

__all__ = ["bump", "claim", "next_number"]


def claim(actor, action: str, obj, expected_version: int | None = None):
    return policy.policy.claim(actor, action, obj, expected_version)


def next_number(kind: str, year: int) -> int:
    """The next number of `kind` in the financial year, under a row lock held to the end of the transaction: two
    approvals at once wait for each other, and a transaction that rolls back gives its number back (no gaps)."""
    Counter.objects.bulk_create([Counter(kind=kind, year=year)], ignore_conflicts=True)  # ON CONFLICT DO NOTHING
    counter = Counter.objects.select_for_update().get(kind=kind, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last
