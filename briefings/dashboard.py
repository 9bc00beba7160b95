"""Briefings' figure for the dashboard (registered in apps.py): the engagements of the next 14 days that need a
briefing and have no cleared (or issued) pack yet, over what the viewer may see, linking to that list."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q

from briefings.filters import NOT_CLEARED
from briefings.models import Pack
from briefings.selectors.packs import engagements_to_brief
from mayoral_office.dashboard import link
from mayoral_office.filters import start_of_day
from mayoral_office.registry import Cell, MemberLine, MemberViewSection, Period, Table

AHEAD_DAYS = 14


def uncleared(user, period: Period) -> Table:
    start, end = period.today, period.today + timedelta(days=AHEAD_DAYS)
    window = engagements_to_brief(user).filter(
        starts_at__gte=start_of_day(start), starts_at__lt=start_of_day(end + timedelta(days=1))
    )
    found = window.order_by().aggregate(needing=Count("pk"), uncleared=Count("pk", filter=Q(briefing_cleared=False)))
    url = "briefings:engagement_list"
    return Table(
        "briefings.uncleared",
        f"Engagements in the next {AHEAD_DAYS} days and their briefings",
        ("Engagements", "Number"),
        (
            (Cell("Needing a briefing"), Cell(found["needing"], link(url, date_from=start, date_to=end))),
            (
                Cell("Without a cleared briefing"),
                Cell(found["uncleared"], link(url, date_from=start, date_to=end, briefing=NOT_CLEARED)),
            ),
        ),
        note="A briefing counts as cleared once its pack is cleared or issued.",
    )


def tables(user, period: Period) -> list[Table]:
    return [uncleared(user, period)]


def member_view(user, member, today) -> list[MemberViewSection]:
    """A member's briefing packs: those due from a week ago on, soonest first (registered in apps.py)."""
    packs = (
        Pack.objects.visible_to(user)
        .live()
        .filter(members=member, due_on__gte=today - timedelta(days=7))
        .order_by("due_on", "pk")
    )
    return [
        MemberViewSection(
            "Your briefing packs",
            tuple(
                MemberLine(pack.title, pack.get_absolute_url(), pack.due_on, pack.get_status_display())
                for pack in packs.only("pk", "title", "due_on", "status")[:8]
            ),
            packs.count(),
            link("briefings:pack_list", member=member.pk),
            empty="No briefing packs for you at the moment.",
            order=30,
        )
    ]
