"""Reads for meetings and agendas, always from `visible_to(user)`: the meetings list, a meeting's page (its agenda,
matters arising, decisions and actions), the forward agenda planner of a body, and the agenda pack's contents."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from decisions.models import Action, AgendaItem, Body, Decision, ItemKind, Meeting, MeetingStatus
from decisions.models.access import Reader
from decisions.models.actions import OPEN_ACTION_STATUSES
from mayoral_office import registry


def meetings(user):
    """The meetings list's rows: each with its body and how many items the user can see on its agenda."""
    items = (
        AgendaItem.objects.visible_to(user)
        .filter(kind=ItemKind.ITEM, meeting=OuterRef("pk"))
        .order_by()
        .values("meeting")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # counted for the rows of the page only (the paginator reads the keys first, then those rows)
    return Meeting.objects.visible_to(user).select_related("body").annotate(item_count=Subquery(items))


def meeting_for_page():
    return Meeting.objects.select_related("body", "minutes_approved_at__body")


def agenda(user, meeting: Meeting) -> list[AgendaItem]:
    """The agenda in order: the items the user may see (a restricted item they may not see is left out)."""
    return list(
        AgendaItem.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("lead_officer", "portfolio", "pathway_item")
        .order_by("position", "pk")
    )


def agenda_for_page(user, meeting: Meeting) -> dict:
    """The agenda the user may see, numbered as on the whole agenda, and, for the office's officers only, how many
    items are not shown to them (never their titles; nobody else learns that there are any)."""
    items = numbered(meeting, agenda(user, meeting))
    reader = Reader.of(user)
    hidden = meeting.total_items - len(items) if (reader.everything or reader.officer) else 0
    return {"agenda": items, "hidden": hidden}


def numbered(meeting: Meeting, items: list[AgendaItem]) -> list[AgendaItem]:
    """Each item with its number on the whole agenda (`number`), the same for every reader, whatever items are
    hidden from them."""
    numbers = {
        pk: n for n, pk in enumerate(meeting.agenda_items.order_by("position", "pk").values_list("pk", flat=True), 1)
    }
    for item in items:
        item.number = numbers[item.pk]
    meeting.total_items = len(numbers)
    return items


def matters_arising(user, meeting: Meeting) -> list[Action]:
    """Actions from earlier meetings of the same body still open when this one meets: carried over to it
    automatically. For a meeting already held, those open then (done since, on or after its day, included)."""
    still_open = Q(status__in=OPEN_ACTION_STATUSES)
    if meeting.starts_at <= timezone.now():
        still_open |= Q(completed_on__gte=meeting.day)
    return list(
        Action.objects.visible_to(user)
        .filter(still_open, meeting__body_id=meeting.body_id, meeting__starts_at__lt=meeting.starts_at)
        .select_related("owner", "owner_directorate", "meeting")
        .order_by("due_on", "pk")
    )


def meeting_decisions(user, meeting: Meeting) -> list[Decision]:
    return list(Decision.objects.visible_to(user).filter(meeting=meeting).order_by("reference"))


def meeting_actions(user, meeting: Meeting) -> list[Action]:
    return list(
        Action.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("owner", "owner_directorate", "agenda_item")
        .order_by("agenda_item__position", "due_on", "pk")
    )


def item_for_page():
    return AgendaItem.objects.select_related("meeting__body", "body", "lead_officer", "portfolio", "pathway_item")


def previous_meeting(meeting: Meeting):
    return (
        Meeting.objects.filter(body_id=meeting.body_id, starts_at__lt=meeting.starts_at)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-starts_at")
        .first()
    )


def later_meetings_started(meeting: Meeting):
    """Meetings of the same body, after this one and started: where its minutes can be approved."""
    return Meeting.objects.filter(
        body_id=meeting.body_id, starts_at__gt=meeting.starts_at, starts_at__lte=timezone.now()
    ).exclude(status=MeetingStatus.CANCELLED)


def planner(user, body: Body) -> dict:
    """The forward agenda planner: the body's next meetings with the items booked into them, and the items waiting
    for a slot."""
    visible = AgendaItem.objects.visible_to(user).filter(kind=ItemKind.ITEM).select_related("lead_officer")
    upcoming = (
        Meeting.objects.visible_to(user)
        .filter(body=body, starts_at__gte=timezone.now(), status=MeetingStatus.SCHEDULED)
        .order_by("starts_at")
        .prefetch_related(Prefetch("agenda_items", queryset=visible.order_by("position", "pk"), to_attr="booked"))[:12]
    )
    waiting = visible.filter(body=body, meeting__isnull=True).order_by("created_at", "pk")
    return {"upcoming": list(upcoming), "waiting": list(waiting)}


def bodies(user):
    return Body.objects.visible_to(user).filter(is_active=True).order_by("name")


def pack_items(user, meeting: Meeting, *, public: bool) -> list[AgendaItem]:
    """The agenda pack's items in order, numbered as on the whole agenda. The public version (what the council
    publishes) keeps every item's place but leaves out the content of exempt and confidential ones; the full one has
    the items the user may see. A directorate contact's pack, either version, has only the items they lead."""
    reader = Reader.of(user)
    if public and not reader.contact:  # the agenda as the council publishes it, the same for every reader
        items = list(meeting.agenda_items.select_related("lead_officer", "portfolio").order_by("position", "pk"))
    else:  # a directorate contact's (even the public version): only the items they lead
        items = agenda(user, meeting)
    return numbered(meeting, items)


def people_for(meeting: Meeting):
    """Who can be marked present or absent: the body's members and officers, the office's officers, the items' lead
    officers, and anyone already recorded."""
    from django.contrib.auth import get_user_model

    from mayoral_office.roles import Role

    office = [Role.HEAD_OF_OFFICE.label, Role.EXECUTIVE_SUPPORT.label, Role.CABINET_SUPPORT.label]
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(member__bodies=meeting.body_id)
            | Q(decision_bodies=meeting.body_id)
            | Q(groups__name__in=office)
            | Q(agenda_items_led__meeting=meeting)
            | Q(meetings_attended=meeting)
            | Q(meetings_apologised=meeting)
        )
        .distinct()
        .order_by("full_name")
    )


def upcoming_of(user, body: Body) -> list[Meeting]:
    """The body's meetings still to come, where an item from the planner can be booked."""
    return list(
        Meeting.objects.visible_to(user)
        .filter(body=body, starts_at__gte=timezone.now(), status=MeetingStatus.SCHEDULED)
        .order_by("starts_at")[:12]
    )


def minutes(user, meeting: Meeting) -> list[AgendaItem]:
    """The minutes as the user may read them: the items they may see, numbered as on the agenda, each with the
    decisions (`minuted_decisions`) and actions (`minuted_actions`) recorded on it that they may see."""
    items = (
        AgendaItem.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("lead_officer", "portfolio")
        .prefetch_related(
            Prefetch(
                "decisions",
                queryset=Decision.objects.visible_to(user).order_by("reference"),
                to_attr="minuted_decisions",
            ),
            Prefetch(
                "actions",
                queryset=Action.objects.visible_to(user)
                .select_related("owner", "owner_directorate")
                .order_by("due_on", "pk"),
                to_attr="minuted_actions",
            ),
        )
        .order_by("position", "pk")
    )
    return numbered(meeting, list(items))


def approval_help(meeting: Meeting, where) -> str:
    """What the officer approving minutes needs to know: that it locks the meeting, or when it can be done."""
    if where.exists():
        return (
            "Approving the minutes makes this meeting read-only: its agenda, minutes, decisions and actions arising "
            "can no longer be changed here."
        )
    upcoming = (
        Meeting.objects.filter(body_id=meeting.body_id, starts_at__gt=meeting.starts_at)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("starts_at")
        .first()
    )
    when = f" The next is on {timezone.localtime(upcoming.starts_at):%-d %B %Y}." if upcoming else ""
    return f"Minutes are approved at a later meeting of {meeting.body}, once it has started.{when}"


def briefing_badge(user, meeting):
    """Where the meeting's briefing pack has got to, as the briefings app says through the registry (with a link
    to the pack, or to start one), or None when no app says anything this user may follow."""
    return registry.badges_for("decisions.meeting", user, [meeting]).get(meeting.pk)
