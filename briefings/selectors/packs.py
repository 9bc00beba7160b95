"""Reads of packs, always from `Pack.objects.visible_to(user)` (a member sees only the packs issued to them): the
pack list with each pack's open commissions counted (its stage, late or not, without reading its sections), the
queryset the pack page is fetched from, what the pack page shows of each section, and the pick-lists of the
filters and the pack form. No HTTP."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from briefings import deadlines, policy
from briefings.models import BriefingSettings, Commission, Pack, PackStatus, PackVersion, Section, SectionKind
from briefings.models.commissions import OPEN_STATES
from mayoral_office.models import Member, Ward
from mayoral_office.roles import Role

LIST_RELATED = ("lead_officer",)
DETAIL_RELATED = ("lead_officer", "engagement", "meeting__body", "ward", "cleared_by")
# Who may lead a pack: those who prepare packs (the Head and the support officers; never an intern).
LEAD_ROLES = [Role.HEAD_OF_OFFICE.label, Role.EXECUTIVE_SUPPORT.label, Role.CABINET_SUPPORT.label]


def open_commissions_count() -> Coalesce:
    """The number of open commissions on the pack's sections: one subquery a row, never a join of every section."""
    counted = (
        Commission.objects.filter(section__pack=OuterRef("pk"), state__in=OPEN_STATES)
        .order_by()
        .values("section__pack")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def pack_list(user, filters=None, *, withdrawn: bool = False) -> QuerySet:
    """Every pack the user may see (withdrawn ones only with `withdrawn`), soonest due first, with its lead officer,
    members and open commissions counted (`pack.stage(open_commissions=pack.open_commissions)`). `filters`: the
    list's query (a QueryDict or dict), applied through PackFilter; the view uses `filtered_page` with the same
    FilterSet instead."""
    packs = Pack.objects.visible_to(user)
    packs = packs.filter(status=PackStatus.WITHDRAWN) if withdrawn else packs.exclude(status=PackStatus.WITHDRAWN)
    qs = (
        packs.select_related(*LIST_RELATED)
        .prefetch_related("members")
        .annotate(open_commissions=open_commissions_count())
        .order_by("due_on", "pk")
    )
    if filters is not None:
        from briefings.filters import PackFilter

        filterset = PackFilter(filters, queryset=qs)
        return filterset.qs if filterset.is_valid() else qs.none()
    return qs


def pack_detail_queryset() -> QuerySet:
    """The queryset the pack page (and the pack's forms) fetch one pack from, through the authorising fetch: its
    members, sections in order with their commissions and the people asked, issued versions (newest first), lead
    officer, engagement and meeting."""
    sections = Section.objects.order_by("position", "pk").prefetch_related(
        Prefetch("commissions", queryset=Commission.objects.select_related("assignee").order_by("-pk"))
    )
    versions = PackVersion.objects.defer("snapshot").order_by("-number")
    return Pack.objects.select_related(*DETAIL_RELATED).prefetch_related(
        "members", Prefetch("sections", queryset=sections), Prefetch("versions", queryset=versions)
    )


def pack_page(user, pack: Pack) -> dict:
    """What the pack page shows: for the office (`pack.work`), every section with `section.allowed` (what the user
    may do to it now), in order; for a member, no section in preparation, only the issued versions."""
    actions = policy.available_actions(user, pack) | policy.available_actions(user, None)
    works = "pack.work" in actions
    sections = list(pack.sections.all()) if works else []
    for section in sections:
        section.pack = pack  # the prefetched pack: the section's rules read it without a query
        section.allowed = policy.available_actions(user, section)
    versions = list(pack.versions.all())
    return {
        "actions": actions,
        "sections": sections,
        "versions": versions,
        "latest": versions[0] if versions else None,
        "members": list(pack.members.all()),
        "stage": pack.stage(),
    }


def section_of(pack: Pack, pk) -> Section | None:
    """One of the pack's prefetched sections."""
    return next((s for s in pack.sections.all() if str(s.pk) == str(pk)), None)


# --- pick-lists (reference tables kept between requests: mayoral_office.choices) ----------------------------------
def possible_leads() -> QuerySet:
    """Active users with a role that prepares packs. A plain filter (no subquery), so its options are kept between
    requests; the service refuses anyone who does not prepare packs (an intern)."""
    return get_user_model().objects.filter(is_active=True, groups__name__in=LEAD_ROLES).distinct().order_by("full_name")


def possible_members() -> QuerySet:
    return Member.objects.order_by("name")


def wards() -> QuerySet:
    return Ward.objects.order_by("name")


# --- what a new pack is for ---------------------------------------------------------------------------------------
def engagement_for(user, pk):
    """The engagement a pack is being made for (?engagement=), if the user may see it in the diary."""
    from diary.models import Engagement

    return Engagement.objects.visible_to(user).prefetch_related("members").filter(pk=pk).first()


def meeting_for(user, pk):
    """The meeting a pack is being made for (?meeting=), if the user may see it."""
    from decisions.models import Meeting

    return Meeting.objects.visible_to(user).select_related("body").filter(pk=pk).first()


def with_stages(packs) -> list[Pack]:
    """The list's rows with `current_stage` set from their counted open commissions (no query)."""
    rows = list(packs)
    for pack in rows:
        pack.current_stage = pack.stage(open_commissions=getattr(pack, "open_commissions", None))
    return rows


# --- what a new pack starts with ------------------------------------------------------------------------------------
ENGAGEMENT_SECTIONS = (
    SectionKind.SUMMARY,
    SectionKind.KEY_MESSAGES,
    SectionKind.SPEAKING_NOTES,
    SectionKind.ATTENDEES,
    SectionKind.BACKGROUND,
)
MEETING_SECTIONS = (SectionKind.SUMMARY, SectionKind.AGENDA, SectionKind.KEY_MESSAGES, SectionKind.BACKGROUND)
STANDALONE_SECTIONS = (SectionKind.SUMMARY,)


def _event_day(engagement, meeting) -> date:
    if engagement is not None:
        return engagement.local_start.date()
    return timezone.localtime(meeting.starts_at).date()


def computed_due(engagement=None, meeting=None) -> date:
    """When a pack for this engagement or meeting is due (the briefing rules)."""
    days = BriefingSettings.current().due_working_days_before
    return deadlines.pack_due(_event_day(engagement, meeting), days)


def default_section_kinds(engagement=None, meeting=None) -> tuple[str, ...]:
    """The sections a new pack starts with, before the officer chooses."""
    if engagement is not None:
        extra = (SectionKind.SPEECH,) if engagement.speech_required else ()
        return tuple(ENGAGEMENT_SECTIONS) + extra
    if meeting is not None:
        return MEETING_SECTIONS
    return STANDALONE_SECTIONS


def new_pack_initial(user, *, engagement=None, meeting=None) -> dict:
    """What the new-pack form starts with: from the engagement or meeting when there is one, the user as lead officer
    when they prepare packs, and the usual starting sections."""
    from briefings.models.access import Reader

    reader = Reader.of(user)
    lead = user.pk if (reader.everything or reader.officer) else None
    initial = {"marking": "OFFICIAL", "lead_officer": lead}
    initial["section_kinds"] = list(default_section_kinds(engagement, meeting))
    if engagement is not None:
        initial["title"] = f"Briefing: {engagement.title}"[:200]
        initial["members"] = [m.pk for m in engagement.members.all()]
        initial["organisations"] = engagement.organiser
        initial["lead_officer"] = lead or engagement.lead_officer_id
    elif meeting is not None:
        initial["title"] = f"Briefing: {meeting.body.name}, {timezone.localtime(meeting.starts_at):%-d %B %Y}"[:200]
    return initial


def section_pack_queryset() -> QuerySet:
    """The queryset a section's pages fetch its pack from (by the section's key), with the sections and their
    commissions the section's rules read."""
    sections = Section.objects.order_by("position", "pk").prefetch_related("commissions")
    return Pack.objects.prefetch_related("members", Prefetch("sections", queryset=sections))


# --- engagements and their briefings ------------------------------------------------------------------------------
def engagements_to_brief(user) -> QuerySet:
    """The engagements the user may see that need a briefing (not cancelled, not shown to them only as "Busy"), each
    with `briefing_cleared`: whether a live pack for it is cleared or issued. Soonest first."""
    from diary import policy as diary_policy
    from diary.models import Engagement, EngagementStatus

    cleared = Pack.objects.live().filter(engagement=OuterRef("pk"), status__in=[PackStatus.CLEARED, PackStatus.ISSUED])
    return (
        Engagement.objects.visible_to(user)
        .filter(briefing_required=True)
        .exclude(status=EngagementStatus.CANCELLED)
        .exclude(diary_policy.hidden_details_q(user))
        .annotate(briefing_cleared=Exists(cleared))
        .prefetch_related("members")
        .order_by("starts_at", "pk")
    )
