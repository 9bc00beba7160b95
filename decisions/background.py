"""What decisions tells a briefing pack's background (registered with the core: `registry.background_for`): the
open actions and the pathway items still on their way for the members' portfolios (the pathway items narrowed to
those affecting the pack's ward, or the whole borough, when the pack has a ward; actions have no ward). A
selector: it reads only, in two queries whatever the number of records.

Only records every one of the pack's readers may see (each reader's `visible_to`), and no restricted (confidential
or exempt) record unless the pack may hold confidential material (`confidential_allowed`)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils import timezone

from decisions.models import Action, PathwayItem
from decisions.models.access import OPEN
from decisions.models.actions import OPEN_ACTION_STATUSES
from decisions.models.pathway import PathwayStatus
from mayoral_office.registry import BackgroundLine, BackgroundQuery

LIMIT = 10
LIVE_PATHWAY = (PathwayStatus.PROPOSED, PathwayStatus.IN_PROGRESS)


def _readable(queryset, readers: list, query: BackgroundQuery):
    for reader in readers:
        queryset = queryset.visible_to(reader)  # the intersection of what they all see
    return queryset if query.confidential_allowed else queryset.filter(OPEN)


def decision_lines(query: BackgroundQuery) -> list[BackgroundLine]:
    readers = [reader for reader in query.readers if reader is not None]
    if not readers or not query.portfolio_ids:
        return []
    portfolios = sorted(query.portfolio_ids)
    actions = _readable(
        Action.objects.filter(status__in=OPEN_ACTION_STATUSES, portfolio_id__in=portfolios), readers, query
    )
    items = PathwayItem.objects.filter(status__in=LIVE_PATHWAY, portfolio_id__in=portfolios)
    if query.ward_id:
        wards = PathwayItem.wards.through.objects.filter(pathwayitem_id=OuterRef("pk"))
        items = items.filter(Exists(wards.filter(ward_id=query.ward_id)) | ~Exists(wards))
    items = _readable(items, readers, query)
    lines = [_action_line(a) for a in actions.order_by("-created_at", "-pk")[:LIMIT]]
    lines += [_item_line(i) for i in items.order_by("-created_at", "-pk")[:LIMIT]]
    return lines


def _action_line(action: Action) -> BackgroundLine:
    description = " ".join(action.description.split())
    return BackgroundLine(
        source="Decisions",
        kind="Open action",
        title=description if len(description) <= 120 else description[:119] + "…",
        reference=f"Action {action.pk}",
        url=action.get_absolute_url(),
        when=action.due_on,
        detail=f"{action.get_status_display()}, due {action.due_on.day} {action.due_on:%B %Y}",
    )


def _item_line(item: PathwayItem) -> BackgroundLine:
    return BackgroundLine(
        source="Decisions",
        kind="Pathway item",
        title=item.title,
        reference=item.reference,
        url=item.get_absolute_url(),
        when=timezone.localtime(item.created_at).date(),
        detail=item.get_status_display() + (", key decision" if item.key_decision else ""),
    )
