"""The briefings landing page and the lines of "Your work" on the home page, each in a fixed number of queries
however many packs and commissions there are. No HTTP."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from briefings.models import Commission, Pack, PackStatus
from briefings.models.access import Reader
from briefings.models.commissions import WITH_CONTRIBUTOR
from briefings.selectors import commissions as commission_selectors
from mayoral_office.access import is_draft_only, sees_everything
from mayoral_office.registry import WorkItem
from mayoral_office.roles import Role
from mayoral_office.working_days import add_working_days

SOON_WORKING_DAYS = 5
LANDING_ROWS = 10
IN_HAND = (PackStatus.DRAFT, PackStatus.CLEARED)  # packs still to issue


def _prepares(user) -> bool:
    """The Head or an Executive or Cabinet Support Officer (from the roles alone: no query)."""
    if sees_everything(user):
        return True
    return user.has_role(Role.EXECUTIVE_SUPPORT, Role.CABINET_SUPPORT) and not is_draft_only(user)


def _led(user) -> Q:
    """The packs the user leads; for the Head of Mayor's Office, every pack."""
    return Q() if sees_everything(user) else Q(lead_officer_id=user.pk)


def home_work(user) -> list[WorkItem]:
    """The user's briefings to-do: the sections asked of them (everyone), and for officers and the Head the packs
    due in the next five working days and the late commissions they chase. One query for a contributor; three
    for an officer (the commissions, the calendar's closure days, the packs)."""
    if not (user and user.is_authenticated):
        return []
    today = timezone.localdate()
    prepares = _prepares(user)
    asked = Q(assignee_id=user.pk, state__in=WITH_CONTRIBUTOR, section__pack__status=PackStatus.DRAFT)
    late = Q(state__in=WITH_CONTRIBUTOR, due_on__lt=today) & ~Q(section__pack__status=PackStatus.WITHDRAWN)
    if not sees_everything(user):
        late &= Q(section__pack__lead_officer_id=user.pk)
    counts = Commission.objects.filter(asked | late if prepares else asked).aggregate(
        asked=Count("pk", filter=asked), late=Count("pk", filter=late)
    )
    items = []
    if counts["asked"]:
        url = reverse("briefings:commission_list") + "?scope=mine&state=open"
        items.append(WorkItem("Briefing sections asked of you", counts["asked"], url))
    if not prepares:
        return items
    soon = add_working_days(today, SOON_WORKING_DAYS)
    due = Pack.objects.filter(_led(user), status__in=IN_HAND, due_on__gte=today, due_on__lte=soon).count()
    if due:
        items.append(WorkItem("Briefing packs due in the next 5 working days", due, reverse("briefings:index")))
    if counts["late"]:
        items.append(
            WorkItem("Late briefing commissions", counts["late"], reverse("briefings:commission_list") + "?scope=late")
        )
    return items


def landing(user) -> dict:
    """The section's landing page. For the office: the packs due in the next five working days and the late ones
    (those the user leads; for the Head all), the late commissions they chase and the sections asked of them. For a
    member: the packs issued to them, latest first."""
    reader = Reader.of(user)
    today = timezone.localdate()
    context = {
        "prepares": reader.everything or reader.officer,
        "member": bool(reader.member_id),
        "today": today,
        "asked": list(
            commission_selectors.open_asked_of(user)
            .select_related("section__pack")
            .order_by("due_on", "pk")[:LANDING_ROWS]
        ),
    }
    if reader.everything or reader.officer:
        context["all_packs"] = reader.everything
        led = Pack.objects.filter(_led(user), status__in=IN_HAND).select_related("lead_officer")
        soon = add_working_days(today, SOON_WORKING_DAYS)
        context["due_soon"] = list(
            led.filter(due_on__gte=today, due_on__lte=soon).order_by("due_on", "pk")[:LANDING_ROWS]
        )
        context["late_packs"] = list(led.filter(due_on__lt=today).order_by("due_on", "pk")[:LANDING_ROWS])
        context["late_commissions"] = list(commission_selectors.late_commissions(user, today)[:LANDING_ROWS])
    if reader.member_id:
        issued = Pack.objects.visible_to(user).filter(members=reader.member_id, latest_version__gt=0)
        context["issued"] = list(issued.exclude(status=PackStatus.WITHDRAWN).order_by("-due_on", "-pk")[:LANDING_ROWS])
    return context
