"""The decisions figures for the dashboard (registered in apps.py): Decision Pathway items at risk or in breach of
their statutory publication dates, and actions overdue by owner, each over what the viewer may see and linking to
the filtered list.

The pathway's flags are worked out from each item's dates and the days off (decisions/pathway.py), as the pathway
list does: only the items with a decision meeting are read, once, whatever their number."""

from __future__ import annotations

from django.db.models import Count, F
from django.urls import reverse

from decisions.models import Action, PathwayItem, PathwayStatus
from decisions.models.actions import OPEN_ACTION_STATUSES
from decisions.selectors import pathway as pathway_selectors
from mayoral_office.dashboard import link
from mayoral_office.registry import Cell, Chart, MemberLine, MemberViewSection, Period, Table

FLAGS = [("at_risk", "At risk (not yet published, deadline close)"), ("breach", "In breach (published late or not)")]


def pathway_flags(user) -> Table:
    counts = pathway_selectors.flag_counts(PathwayItem.objects.visible_to(user), [flag for flag, _ in FLAGS])
    return Table(
        "decisions.pathway_flags",
        "Decision Pathway items at risk or in breach",
        ("Pathway items", "Number"),
        tuple((Cell(label), Cell(counts[flag], link("decisions:pathway", flagged=flag))) for flag, label in FLAGS),
        note="Against the Forward Plan and publication deadlines before each item's decision meeting.",
    )


def actions_overdue(user, period: Period) -> Table:
    groups = (
        Action.objects.visible_to(user)
        .filter(status__in=OPEN_ACTION_STATUSES, due_on__lt=period.today, owner__isnull=False)
        .values_list("owner_id", "owner__full_name")
        .annotate(n=Count("pk"))
        .order_by("-n", "owner__full_name")
    )
    return Table(
        "decisions.actions_overdue",
        "Actions overdue by owner",
        ("Owner", "Actions overdue"),
        tuple((Cell(name), Cell(n, link("decisions:actions", overdue="yes", owner=pk))) for pk, name, n in groups),
        chart=Chart("bar", (1,), horizontal=True),
        note="Open or in progress, past their due date.",
    )


def tables(user, period: Period) -> list[Table]:
    return [pathway_flags(user), actions_overdue(user, period)]


def member_view(user, member, today) -> list[MemberViewSection]:
    """The decisions coming in the member's portfolios: pathway items not yet decided, by their decision meeting
    (registered in apps.py)."""
    portfolios = list(member.portfolios.values_list("pk", flat=True))
    items = (
        PathwayItem.objects.visible_to(user)
        .filter(portfolio__in=portfolios, status__in=[PathwayStatus.PROPOSED, PathwayStatus.IN_PROGRESS])
        .select_related("decision_meeting")
        .order_by(F("decision_meeting__starts_at").asc(nulls_last=True), "pk")
    )
    return [
        MemberViewSection(
            "Decisions coming in your portfolio",
            tuple(
                MemberLine(
                    f"{item.reference} {item.title}",
                    reverse("decisions:pathway-item", args=[item.pk]),
                    item.decision_meeting.starts_at.date() if item.decision_meeting else None,
                    item.get_status_display(),
                )
                for item in items[:8]
            ),
            items.count(),
            link("decisions:pathway", portfolio=portfolios[0]) if len(portfolios) == 1 else link("decisions:pathway"),
            empty="No decisions on the pathway for your portfolio.",
            order=50,
        )
    ]
