"""Who may see the briefings app's records (DESIGN.md section 1, issue 12 "Access").

- the Head of Mayor's Office sees every pack;
- Executive and Cabinet Support Officers see every OFFICIAL pack; an OFFICIAL-SENSITIVE pack follows the rule for
  confidential casework: its lead officer and the officers supporting one of its members (and the Head);
- interns see OFFICIAL packs only;
- a member sees the packs issued to them (the latest issued version, never a draft);
- a commissioned contributor (a directorate contact, or an officer who could not otherwise see the pack) sees only
  the commissions sent to them and the section each asks for.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from mayoral_office.access import is_directorate_contact, is_draft_only, sees_everything, supported_member_ids
from mayoral_office.roles import Role


@dataclass(frozen=True)
class Reader:
    """The facts about a user the briefings rules read (computed once per user and request)."""

    user_id: int | None
    everything: bool = False
    officer: bool = False  # an Executive or Cabinet Support Officer
    intern: bool = False
    member_id: int | None = None
    supported_member_ids: frozenset[int] = frozenset()
    contact: bool = False
    clears: bool = False  # the Head of Mayor's Office, or an officer named as a clearance delegate

    @property
    def office(self) -> bool:
        """Works on packs (not only reads issued ones): the Head and the support officers, interns too."""
        return self.everything or self.officer or self.intern

    @classmethod
    def of(cls, user) -> Reader:
        cached = getattr(user, "_briefings_reader", None)
        if cached is not None:
            return cached
        if not (user and user.is_authenticated and user.is_active):
            reader = cls(user_id=None)
        elif sees_everything(user):
            reader = cls(user_id=user.pk, everything=True, clears=True)
        else:
            member = getattr(user, "member", None) if user.has_role(Role.MEMBER) else None
            intern = is_draft_only(user)
            reader = cls(
                user_id=user.pk,
                officer=user.has_role(Role.EXECUTIVE_SUPPORT, Role.CABINET_SUPPORT) and not intern,
                intern=intern,
                member_id=member.pk if member else None,
                supported_member_ids=frozenset(supported_member_ids(user)),
                contact=is_directorate_contact(user),
                clears=not intern and _is_clearance_delegate(user),
            )
        user._briefings_reader = reader
        return reader


def _is_clearance_delegate(user) -> bool:
    from briefings.models.packs import BriefingSettings

    through = BriefingSettings.clearance_delegates.through
    officer = user.has_role(Role.EXECUTIVE_SUPPORT, Role.CABINET_SUPPORT)
    return officer and through.objects.filter(user_id=user.pk).exists()


def pack_q(reader: Reader, prefix: str = "") -> Q:
    """The packs (under `prefix`) this reader may open. Distinct rows need `.distinct()` only where `members` is
    joined; callers use `Pack.objects.visible_to`, which filters by primary key instead."""
    from briefings.models.packs import Marking, PackStatus

    p = prefix
    if reader.user_id is None:
        return Q(pk__in=[])
    if reader.everything:
        return Q()
    q = Q(pk__in=[])
    if reader.officer:
        q |= Q(**{f"{p}marking": Marking.OFFICIAL})
        q |= Q(**{f"{p}lead_officer_id": reader.user_id})
        if reader.supported_member_ids:
            q |= Q(**{f"{p}members__in": sorted(reader.supported_member_ids)})
    elif reader.intern:
        q |= Q(**{f"{p}marking": Marking.OFFICIAL})
    if reader.member_id:
        q |= Q(**{f"{p}members": reader.member_id, f"{p}latest_version__gt": 0}) & ~Q(
            **{f"{p}status": PackStatus.WITHDRAWN}
        )
    return q


def may_read_pack(reader: Reader, pack) -> bool:
    """`pack_q` for one pack in memory (its members are read once)."""
    from briefings.models.packs import Marking, PackStatus

    if reader.user_id is None:
        return False
    if reader.everything:
        return True
    member_ids = {m.pk for m in pack.members.all()}
    if reader.officer and (
        pack.marking == Marking.OFFICIAL
        or pack.lead_officer_id == reader.user_id
        or member_ids & reader.supported_member_ids
    ):
        return True
    if reader.intern and pack.marking == Marking.OFFICIAL:
        return True
    return bool(reader.member_id in member_ids and pack.latest_version > 0 and pack.status != PackStatus.WITHDRAWN)


def works_on_pack(reader: Reader, pack) -> bool:
    """May work on the pack itself (not only read its issued version): the office, where it may see the pack."""
    return reader.office and may_read_pack(reader, pack)
