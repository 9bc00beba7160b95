"""Who acts at each tier of a requisition's approval route, and what its route will be. Pure: reads the records
it is given (the requisition's steps and budget line prefetched) and the user's facts (`Buyer`); no writes.

- Budget holder: the line's holder, or their deputy (the record says the deputy acted for the holder). When the
  requester is the holder, the deputy; with no other deputy, the Head of Mayor's Office.
- Head of Mayor's Office: the Head, or a deputy named in the settings (acting for the Head).
- Director and procurement team: those named in the settings.
- Nobody approves their own requisition. Someone who approved at a lower tier and could act at a higher one is
  not asked twice: the higher step is marked "approved at an earlier tier" by the services.
"""

from __future__ import annotations

from mayoral_office.roles import Role
from procurement.models.access import BUDGET_HOLDER, DIRECTOR, HEAD, PROCUREMENT, Buyer
from procurement.models.requisitions import ApprovalStep, Requisition
from procurement.models.rules import TIER_LABELS, Band, ProcurementSettings, RuleSet


def band_of(rules: RuleSet, requisition: Requisition) -> Band:
    band = rules.band_for(requisition.gross)
    if not band.includes_vat:
        band = rules.band_for(requisition.net)
    return band


def current_step(requisition: Requisition) -> ApprovalStep | None:
    """The first waiting step of the latest round (steps prefetched)."""
    steps = list(requisition.steps.all())
    if not steps:
        return None
    last_round = max(s.round for s in steps)
    return next((s for s in steps if s.round == last_round and s.state == ApprovalStep.State.WAITING), None)


def acts_at(buyer: Buyer, requisition: Requisition, tier: str) -> bool:
    """May this user act at this tier of this requisition (never on their own)?"""
    if buyer.user_id is None or buyer.user_id == requisition.requester_id:
        return False
    line = requisition.budget_line
    if tier == BUDGET_HOLDER:
        if buyer.user_id in (line.holder_id, line.deputy_id):
            return True
        no_one_else = requisition.requester_id == line.holder_id and line.deputy_id in (None, requisition.requester_id)
        return no_one_else and buyer.head
    if tier == HEAD:
        return HEAD in buyer.tiers
    return tier in buyer.tiers and tier in (DIRECTOR, PROCUREMENT)


def acting_for(buyer: Buyer, requisition: Requisition, tier: str) -> int | None:
    """The absent approver a deputy acts for (recorded on the step), or None when they act in their own right:
    the line's holder for their deputy; the Head of Mayor's Office for a deputy named in the settings."""
    if tier == BUDGET_HOLDER and buyer.user_id == requisition.budget_line.deputy_id:
        return requisition.budget_line.holder_id
    if tier == HEAD and not buyer.head:
        return _heads().first()
    return None


def _heads():
    from mayoral_office.models import User

    return (
        User.objects.filter(is_active=True, groups__name=Role.HEAD_OF_OFFICE.label)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def tiers_without_approver(requisition: Requisition, tiers) -> list[str]:
    """The labels of the tiers of a route at which nobody could act (no Director or procurement team named, no
    Head of Mayor's Office): such a requisition would wait for ever."""
    people = ProcurementSettings.people()
    named = {DIRECTOR: people["directors"], PROCUREMENT: people["procurement_team"]}
    if HEAD in tiers:
        named[HEAD] = frozenset(_heads()) | people["head_deputies"]
    return [TIER_LABELS[tier] for tier in tiers if tier in named and not named[tier] - {requisition.requester_id}]
