"""Who may see the decisions app's records (DESIGN.md section 1, issue 11 "Access").

A record is *restricted* when it is confidential or exempt (Schedule 12A): agenda items, pathway items, decisions
and actions. A restricted record follows the rule for confidential casework: the Head of Mayor's Office, its lead
officer (an officer of the office), and the members who hold its portfolio. Interns and directorate contacts never
see one. The rest depends on who the user is to the office:

- the Head of Mayor's Office sees everything;
- Executive and Cabinet Support Officers see every meeting and every open record, interns too (read and draft);
- a member sees the meetings of the bodies they sit on and the records of their portfolios;
- a directorate contact sees only their directorate's actions (and their own) and the open agenda and pathway
  items they lead.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from mayoral_office.access import is_directorate_contact, is_draft_only, sees_everything
from mayoral_office.roles import Role

OPEN = Q(confidential=False, exempt_category__isnull=True)


@dataclass(frozen=True)
class Reader:
    """The facts about a user the decisions app's access rules read (computed once per user and request)."""

    user_id: int | None
    everything: bool = False
    officer: bool = False  # an Executive or Cabinet Support Officer: every meeting and open record
    intern: bool = False  # as an officer, never a restricted record, and draft only
    member_id: int | None = None
    portfolio_ids: frozenset[int] = frozenset()
    contact_directorate_id: int | None = None
    contact: bool = False

    @property
    def nothing(self) -> bool:
        return not (self.everything or self.officer or self.intern or self.member_id or self.contact)

    @classmethod
    def of(cls, user) -> Reader:
        cached = getattr(user, "_decisions_reader", None)
        if cached is not None:
            return cached
        if not (user and user.is_authenticated and user.is_active):
            reader = cls(user_id=None)
        elif sees_everything(user):
            reader = cls(user_id=user.pk, everything=True)
        else:
            member = getattr(user, "member", None) if user.has_role(Role.MEMBER) else None
            contact = is_directorate_contact(user)
            reader = cls(
                user_id=user.pk,
                officer=user.has_role(Role.EXECUTIVE_SUPPORT, Role.CABINET_SUPPORT) and not is_draft_only(user),
                intern=is_draft_only(user),
                member_id=member.pk if member else None,
                portfolio_ids=frozenset(member.portfolios.values_list("pk", flat=True)) if member else frozenset(),
                contact=contact,
                contact_directorate_id=user.directorate_id if contact else None,
            )
        user._decisions_reader = reader
        return reader


def restricted_q(reader: Reader, prefix: str = "") -> Q:
    """The records (with `confidential`, `exempt_category`, `lead_officer` and `portfolio` under `prefix`) this
    reader may see as far as restriction goes: every open one, and the restricted ones that are theirs."""
    p = prefix
    if reader.everything:
        return Q()
    q = Q(**{f"{p}confidential": False, f"{p}exempt_category__isnull": True})
    if reader.intern:
        return q  # never a restricted record, whatever else they are
    if reader.officer:
        q |= Q(**{f"{p}lead_officer_id": reader.user_id})
    if reader.portfolio_ids:
        q |= Q(**{f"{p}portfolio_id__in": sorted(reader.portfolio_ids)})
    return q


class Restricted:
    """A record that may be confidential or exempt (its `confidential` and `exempt_category` fields): agenda items,
    pathway items, decisions and actions."""

    @property
    def is_restricted(self) -> bool:
        return bool(self.confidential or self.exempt_category)

    @property
    def is_confidential(self) -> bool:
        """Reads of a restricted record are logged in the access log (the authorising fetch)."""
        return self.is_restricted


def may_read_restricted(reader: Reader, record) -> bool:
    """`restricted_q` for one record in memory."""
    if not record.is_restricted or reader.everything:
        return not reader.nothing
    if reader.intern:
        return False
    return (reader.officer and record.lead_officer_id == reader.user_id) or (
        record.portfolio_id is not None and record.portfolio_id in reader.portfolio_ids
    )
