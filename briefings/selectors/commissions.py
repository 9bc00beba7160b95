"""Reads of commissions, always from `Commission.objects.visible_to(user)` (a directorate contact sees only the
commissions sent to them): the sections asked of the user, the late ones the lead officer and the Head chase, the
list with its filters' pick-lists, and the queryset the commission pages are fetched from. No HTTP."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from briefings import deadlines
from briefings.models import BriefingSettings, Commission, Pack, PackStatus, Section
from briefings.models.access import Reader, may_read_pack
from briefings.models.commissions import OPEN_STATES, WITH_CONTRIBUTOR
from mayoral_office.roles import Role

# What a row of the list shows besides the commission's own columns.
LIST_RELATED = ("section__pack", "assignee")
DETAIL_RELATED = ("section__pack__lead_officer", "assignee", "requested_by")
ASSIGNEE_ROLES = [
    Role.HEAD_OF_OFFICE.label,
    Role.EXECUTIVE_SUPPORT.label,
    Role.CABINET_SUPPORT.label,
    Role.DIRECTORATE_CONTACT.label,
]


def _open_first(qs: QuerySet) -> QuerySet:
    return qs.annotate(
        closed=Case(When(state__in=OPEN_STATES, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("closed", "due_on", "pk")


def commissions_for(user) -> QuerySet:
    """Every commission the user may see (those asked of them, and those on packs they may open), soonest due
    first, with what a row of the list shows."""
    return Commission.objects.visible_to(user).select_related(*LIST_RELATED).order_by("due_on", "pk")


def my_commissions(user) -> QuerySet:
    """The sections asked of the user: open ones first (soonest due first), then those accepted or cancelled."""
    if not getattr(user, "is_authenticated", False):
        return Commission.objects.none()
    return _open_first(Commission.objects.filter(assignee_id=user.pk).select_related(*LIST_RELATED))


def late_q(user, prefix: str = "") -> Q | None:
    """Whose late commissions the user chases: the Head all of them, an officer those on the packs they lead;
    anyone else none (None)."""
    reader = Reader.of(user)
    if reader.everything:
        return Q()
    if reader.officer:
        return Q(**{f"{prefix}section__pack__lead_officer_id": reader.user_id})
    return None


def late_commissions(user, today=None) -> QuerySet:
    """The commissions past their due date and still with their contributor, on live packs: for the lead officer
    those on the packs they lead, for the Head of Mayor's Office all of them; for anyone else none."""
    whose = late_q(user)
    if whose is None:
        return Commission.objects.none()
    return (
        Commission.objects.late(today)
        .filter(whose)
        .exclude(section__pack__status=PackStatus.WITHDRAWN)
        .select_related(*LIST_RELATED)
        .order_by("due_on", "pk")
    )


def default_due(pack) -> date:
    """When a commissioned section is due unless the officer says otherwise: the briefing rules' working days
    before the pack is due (seed 1), and never before today."""
    rule = BriefingSettings.current().commission_working_days_before_due
    return max(deadlines.commission_due(pack.due_on, rule), timezone.localdate())


def commission_detail_queryset() -> QuerySet:
    """The queryset the commission's pages fetch it from (through the authorising fetch): its section, pack,
    lead officer, the people asked and asking, and the pack's members (the page names them)."""
    return Commission.objects.select_related(*DETAIL_RELATED).prefetch_related("section__pack__members")


def commission_page(user, commission: Commission) -> dict:
    """What the commission's page shows besides the commission: the pack's members, and whether to link to the
    pack (the office, where it may open the pack; never a contributor, who sees only the section asked of them)."""
    pack = commission.section.pack
    reader = Reader.of(user)
    return {
        "section": commission.section,
        "pack": pack,
        "members": list(pack.members.all()),
        "pack_link": reader.office and may_read_pack(reader, pack),
        "today": timezone.localdate(),
    }


def section_for_commission(pack: Pack, pk) -> Section | None:
    """A section of a pack the user may see (already fetched through the authorising fetch), with its commissions
    (the policy reads whether one is open) and its pack."""
    return (
        Section.objects.filter(pack=pack, pk=pk)
        .select_related("pack")
        .prefetch_related("commissions", "pack__members")
        .first()
    )


# --- pick-lists ---------------------------------------------------------------------------------------------------
def possible_assignees() -> QuerySet:
    """Who a section may be asked of: active directorate contacts and officers (never a member or an intern)."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=ASSIGNEE_ROLES)
        .exclude(groups__name__in=[Role.MEMBER.label, Role.INTERN.label])
        .select_related("directorate")
        .distinct()
        .order_by("full_name")
    )


def filter_assignees(user) -> QuerySet:
    """The people asked for commissions the user may see (a contributor is offered only their own name)."""
    asked = Commission.objects.visible_to(user).values("assignee_id")
    return get_user_model().objects.filter(pk__in=asked).order_by("full_name")


def open_asked_of(user) -> QuerySet:
    """The user's commissions still with them to write, on packs in preparation."""
    return Commission.objects.filter(
        assignee_id=user.pk, state__in=WITH_CONTRIBUTOR, section__pack__status=PackStatus.DRAFT
    )
