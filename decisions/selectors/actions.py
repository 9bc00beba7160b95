"""Reads of the action tracker, always from `Action.objects.visible_to(user)`: the list (with "my actions" and "my
directorate's actions"), the detail page, the pick-lists of the list's filters and of the action form. No HTTP."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from decisions.models import Action, ActionUpdate, AgendaItem, Body, Decision, Meeting, MeetingStatus
from mayoral_office.models import Directorate
from mayoral_office.roles import Role

# What a row of the list (and of an export) reads besides the action's own columns.
LIST_RELATED = ("owner", "owner_directorate", "meeting__body")
DETAIL_RELATED = (
    "owner",
    "owner_directorate",
    "meeting__body",
    "agenda_item",
    "decision",
    "created_by",
)
# Who may own an action: the office, members and directorate contacts (an intern writes nothing here).
OWNER_ROLES = [
    Role.HEAD_OF_OFFICE.label,
    Role.EXECUTIVE_SUPPORT.label,
    Role.CABINET_SUPPORT.label,
    Role.MEMBER.label,
    Role.DIRECTORATE_CONTACT.label,
]
MEETINGS_BEFORE = timedelta(days=120)  # the meetings the action form offers: recent ones and those coming soon
MEETINGS_AFTER = timedelta(days=60)


def actions_for(user) -> QuerySet:
    """Every action the user may see, with what a row of the list shows, soonest due first."""
    return Action.objects.visible_to(user).select_related(*LIST_RELATED).order_by("due_on", "pk")


def action_for_page() -> QuerySet:
    """The queryset the detail and action pages fetch one action from (through the authorising fetch)."""
    return Action.objects.select_related(*DETAIL_RELATED)


def updates_of(action: Action) -> list[ActionUpdate]:
    """The action's dated updates, newest first, with their authors."""
    return list(action.updates.select_related("author").order_by("-written_at", "-pk"))


def meeting_visible(user, action: Action) -> bool:
    """Whether the page may link to the meeting the action arose from (a directorate contact sees an action of
    their directorate, but not necessarily its meeting)."""
    return action.meeting_id is not None and Meeting.objects.visible_to(user).filter(pk=action.meeting_id).exists()


def _visible(model, user, pk) -> bool:
    return pk is not None and model.objects.visible_to(user).filter(pk=pk).exists()


def action_page(user, action: Action) -> dict:
    """What the action's page may say of where it arose from, each checked by its own access rule (seeing the
    action, or its meeting, is not seeing a confidential or exempt item or decision of it): whether to link to the
    meeting, and whether to name its agenda item and its decision. One query each, only for those it has."""
    return {
        "meeting_link": meeting_visible(user, action),
        "item_visible": _visible(AgendaItem, user, action.agenda_item_id),
        "decision_visible": _visible(Decision, user, action.decision_id),
    }


# --- pick-lists ---------------------------------------------------------------------------------------------------
def possible_owners() -> QuerySet:
    """The people an action can be given to: active users of the office, members and directorate contacts."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=OWNER_ROLES)
        .exclude(groups__name=Role.INTERN.label)
        .distinct()
        .order_by("full_name")
    )


def owning_directorates() -> QuerySet:
    return Directorate.objects.filter(is_active=True).order_by("name")


def form_meetings(user, also=None) -> QuerySet:
    """The meetings an action added by hand may arise from: those held recently or coming soon that the user may
    see (ten years of meetings would be a select nobody can use), and `also` (the one already chosen)."""
    now = timezone.now()
    window = Q(starts_at__gte=now - MEETINGS_BEFORE, starts_at__lte=now + MEETINGS_AFTER) & ~Q(
        status=MeetingStatus.CANCELLED
    )
    if also is not None:
        window |= Q(pk=also)
    recent = Meeting.objects.visible_to(user).filter(window)
    return recent.select_related("body").order_by("-starts_at")


def filter_owners(user) -> QuerySet:
    """The people who own an action the user may see (a directorate contact is offered no one else's name)."""
    owners = Action.objects.visible_to(user).filter(owner__isnull=False).values("owner_id")
    return get_user_model().objects.filter(pk__in=owners).order_by("full_name")


def filter_directorates(user) -> QuerySet:
    directorates = Action.objects.visible_to(user).filter(owner_directorate__isnull=False)
    return Directorate.objects.filter(pk__in=directorates.values("owner_directorate_id")).order_by("name")


def filter_bodies(user) -> QuerySet:
    bodies = Action.objects.visible_to(user).filter(meeting__isnull=False).values("meeting__body_id")
    return Body.objects.filter(pk__in=bodies).order_by("name")


def filter_meetings(user) -> QuerySet:
    """The meetings that actions the user may see arose from and that the user may see, newest first (a directorate
    contact sees their directorate's actions, not the meetings they arose from): those of the last four months and
    the next two, as ten years of meetings would be a select of thousands that nobody can use (300 KB on every page
    at 5,000 meetings; an older meeting's actions are found by body and dates)."""
    meetings = Action.objects.visible_to(user).filter(meeting__isnull=False).values("meeting_id")
    now = timezone.now()
    recent = Q(starts_at__gte=now - MEETINGS_BEFORE, starts_at__lte=now + MEETINGS_AFTER)
    return (
        Meeting.objects.visible_to(user).filter(recent, pk__in=meetings).select_related("body").order_by("-starts_at")
    )


def source_item(user, pk) -> AgendaItem | None:
    """The agenda item an action is being added from (?item=), if the user may see it."""
    return AgendaItem.objects.visible_to(user).select_related("meeting__body").filter(pk=pk).first()


def source_decision(user, pk) -> Decision | None:
    """The decision an action is being added from (?decision=), if the user may see it."""
    return Decision.objects.visible_to(user).select_related("meeting__body").filter(pk=pk).first()
