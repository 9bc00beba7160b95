"""The pack status the diary shows on each engagement that needs a briefing (registered in apps.py as the
"diary.engagement" badges): computed from the packs themselves every time, so it never drifts from them. The diary
never imports this app: it asks the registry (`registry.badges_for`)."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

from briefings import policy
from briefings.models import Pack
from briefings.models.access import Reader, pack_q
from briefings.models.commissions import OPEN_STATES
from briefings.models.packs import Stage
from mayoral_office.registry import Badge

# GOV.UK tag colours for each stage ("" is the default dark blue).
COLOURS = {
    Stage.NONE: "grey",
    Stage.COMMISSIONED: "light-blue",
    Stage.IN_DRAFT: "yellow",
    Stage.CLEARED: "turquoise",
    Stage.ISSUED: "green",
    Stage.LATE: "red",
}


def engagement_badges(user, engagements) -> dict[int, Badge]:
    """{engagement pk: Badge} for the engagements that need a briefing: the stage of the latest live pack for each
    (withdrawn packs do not count), or "None", with a link to start one for those who may create packs. The link
    to a pack is given only to those who may open it. One query however many engagements (the open commissions
    are counted and the pack's visibility to this user worked out in it); reading who the user is may take one
    more, once a request."""
    wanted = [e.pk for e in engagements if getattr(e, "briefing_required", True)]
    return _badges(user, "engagement", wanted)


def meeting_badges(user, meetings) -> dict[int, Badge]:
    """{meeting pk: Badge}: the same for the meetings of `decisions` (every meeting may have a pack). A user who
    may neither start a pack nor read the meeting's pack gets no badge."""
    badges = _badges(user, "meeting", [m.pk for m in meetings])
    return {pk: badge for pk, badge in badges.items() if badge.url}


def _badges(user, field: str, wanted: list[int]) -> dict[int, Badge]:
    if not wanted:
        return {}
    reader = Reader.of(user)
    key = f"{field}_id"
    packs = (
        Pack.objects.live()
        .filter(**{f"{key}__in": wanted})
        .annotate(
            open_commissions=Count("sections__commissions", filter=Q(sections__commissions__state__in=OPEN_STATES))
        )
        .annotate(readable=Exists(Pack.objects.filter(pack_q(reader), pk=OuterRef("pk"))))
        .only("pk", key, "status", "due_on", "created_at")
        .order_by(key, "-created_at", "-pk")
    )
    latest: dict[int, Pack] = {}
    for pack in packs:
        latest.setdefault(getattr(pack, key), pack)
    creates = "pack.create" in policy.available_actions(user, None)
    create_url = reverse("briefings:pack_create")
    badges = {}
    for pk in wanted:
        pack = latest.get(pk)
        if pack is None:
            badges[pk] = Badge(Stage.NONE.label, COLOURS[Stage.NONE], f"{create_url}?{field}={pk}" if creates else "")
            continue
        stage = Stage(pack.stage(open_commissions=pack.open_commissions))
        badges[pk] = Badge(stage.label, COLOURS[stage], pack.get_absolute_url() if pack.readable else "")
    return badges
