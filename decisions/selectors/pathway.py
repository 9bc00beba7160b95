"""Reads of the Decision Pathway, the Forward Plan and the decision register, always from `visible_to(user)`, with
their preloading next to the query. The statutory dates are computed (decisions/pathway.py), never stored: a list
judges its rows with one read of the days off."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from decisions import pathway as helper
from decisions.deadlines import State
from decisions.models import (
    AgendaItem,
    Body,
    Decision,
    DecisionSettings,
    Meeting,
    MeetingStatus,
    PathwayItem,
    PathwayNote,
    PathwayStage,
    PathwayStatus,
    PathwayStep,
)
from mayoral_office.lists import parse_pk
from mayoral_office.roles import Role

LIST_RELATED = ("directorate", "portfolio", "lead_officer", "decision_meeting__body")
FLAG_FILTERS = {
    "any": set(helper.FLAGGED),
    "at_risk": {State.AT_RISK},
    "breach": {State.BREACH, State.MET_LATE},
    "authorised": {State.AUTHORISED},
}
# helper.Planned's fields, in order, as `_flags` reads them
PLANNED_FIELDS = (
    "pk",
    "status",
    "key_decision",
    "forward_plan_published_on",
    "report_published_on",
    "decision_published_on",
    "exception_kind",
    "meeting_day",
    "decision_meeting_id",
)
RESTRICTED = Q(confidential=True) | Q(exempt_category__isnull=False)
LEAD_ROLES = [Role.HEAD_OF_OFFICE, Role.EXECUTIVE_SUPPORT, Role.CABINET_SUPPORT, Role.DIRECTORATE_CONTACT]


def _rules():
    return DecisionSettings.current().rules()


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


# --- the pathway ----------------------------------------------------------------------------------------------
def pathway_items(user):
    """The pathway list: every item the user may see, newest first, with what a row shows."""
    return PathwayItem.objects.visible_to(user).select_related(*LIST_RELATED)


def pathway_item_detail():
    """The queryset the item page is fetched from (through the authorising fetch): its stages with their meetings,
    its wards and its history."""
    steps = PathwayStep.objects.select_related("stage", "meeting__body")
    notes = PathwayNote.objects.select_related("author")
    return PathwayItem.objects.select_related(*LIST_RELATED).prefetch_related(
        Prefetch("steps", steps), Prefetch("notes", notes), "wards"
    )


def pathway_item_for_change():
    return PathwayItem.objects.select_related("decision_meeting__body").prefetch_related("wards", "steps")


def item_page(user, item: PathwayItem) -> dict:
    """What the item page shows beyond the item: its dates (each with why and its state), the rule's suggestion
    on the key decision, and the decisions taken on it that the user may see."""
    settings = DecisionSettings.current()
    dates = helper.dates_of(item, today=timezone.localdate(), rules=settings.rules())
    suggested, why = helper.suggest_key_decision(item.value, len(item.wards.all()), settings)
    decisions = Decision.objects.visible_to(user).filter(pathway_item=item).select_related("meeting__body")
    return {
        "dates": dates,
        "flags": [d for d in dates if d.state in helper.SHOWN] if item.status != PathwayStatus.WITHDRAWN else [],
        "suggested_key": suggested,
        "suggestion": why,
        "decisions": list(decisions),
        "agenda_items": list(
            AgendaItem.objects.visible_to(user)
            .filter(pathway_item=item, meeting__isnull=False)
            .select_related("meeting__body")
            .order_by("meeting__starts_at")
        ),
    }


def decision_settings() -> DecisionSettings:
    return DecisionSettings.current()


def with_flags(items, settings: DecisionSettings) -> list[dict]:
    """A page of items (decision meetings preloaded), each with the flags it shows: one read of the days off."""
    items = list(items)
    found = helper.flags_of(items, today=timezone.localdate(), rules=settings.rules())
    return [{"item": item, "flags": found.get(item.pk, [])} for item in items]


def step_of(item: PathwayItem, step_pk) -> PathwayStep | None:
    """One stage of the item's pathway (None for a key that is not one of them)."""
    key = parse_pk(step_pk)
    if key is None:
        return None
    return PathwayStep.objects.select_related("stage__body", "meeting__body").filter(item=item, pk=key).first()


def flagged(queryset, which: str):
    """The items of `queryset` with a flag of this kind ("any", "at_risk", "breach", "authorised"), judged today:
    their deadlines are computed, so the items with a decision meeting are read (only what the flags need)."""
    states = FLAG_FILTERS[which]
    keys = [pk for pk, shown in _flags(queryset).items() if any(flag.state in states for flag in shown)]
    return queryset.filter(pk__in=keys)


def flag_counts(queryset, kinds) -> dict[str, int]:
    """How many items of `queryset` have a flag of each kind (as `flagged(queryset, kind).count()`), the flags worked
    out once for them all."""
    found = _flags(queryset).values()
    return {kind: sum(any(flag.state in FLAG_FILTERS[kind] for flag in shown) for shown in found) for kind in kinds}


def _flags(queryset) -> dict:
    """{item id: its flags today} for the items of `queryset` with a decision meeting (one query): read as rows of
    values (`helper.Planned`), each meeting's day in the database, not as model objects (a few hundred items: a
    third of the time)."""
    rows = (
        queryset.filter(decision_meeting__isnull=False)
        .exclude(status=PathwayStatus.WITHDRAWN)
        .annotate(meeting_day=TruncDate("decision_meeting__starts_at"))
        .values_list(*PLANNED_FIELDS)
        .order_by()
    )
    planned = [helper.Planned(*row[:6], bool(row[6]), *row[7:]) for row in rows]  # an exception agreed: authorised
    return helper.flags_of(planned, today=timezone.localdate(), rules=_rules())


def decision_meetings(user, current=None):
    """The meetings a decision may be taken at: scheduled meetings of Cabinet and Full Council (and any body that
    takes executive decisions) from today to two years on, and the item's own."""
    now = timezone.now()
    deciding = Q(body__takes_executive_decisions=True) | Q(body__kind=Body.Kind.COUNCIL)
    window = Q(starts_at__gte=_start_of(timezone.localdate()), starts_at__lt=now + timedelta(days=730))
    chosen = Q(pk=current.pk) if current is not None else Q(pk__in=[])
    meetings = Meeting.objects.visible_to(user).filter(deciding).exclude(status=MeetingStatus.CANCELLED)
    return meetings.filter(window | chosen).select_related("body").order_by("starts_at")


def stage_meetings(user, stage: PathwayStage, current=None):
    """The meetings that may have considered a stage: its body's, from a year ago to a year on."""
    today = timezone.localdate()
    window = Q(
        starts_at__gte=_start_of(today - timedelta(days=366)), starts_at__lt=_start_of(today + timedelta(days=366))
    )
    chosen = Q(pk=current.pk) if current is not None else Q(pk__in=[])
    meetings = Meeting.objects.visible_to(user).exclude(status=MeetingStatus.CANCELLED)
    if stage.body_id:
        meetings = meetings.filter(body_id=stage.body_id)
    return meetings.filter(window | chosen).select_related("body").order_by("starts_at")


def lead_officers():
    """Who may lead a proposal: the office's officers and the directorate contacts."""
    names = [role.label for role in LEAD_ROLES]
    return get_user_model().objects.filter(is_active=True, groups__name__in=names).distinct().order_by("full_name")


def stages():
    return PathwayStage.objects.filter(is_active=True)


def default_stages():
    return stages().filter(only_where_needed=False)


# --- the Forward Plan -----------------------------------------------------------------------------------------
def forward_plan(user, settings: DecisionSettings):
    """The key decisions to be taken in the coming months (DecisionSettings.forward_plan_months), soonest first."""
    first, last = helper.forward_plan_window(timezone.localdate(), settings.forward_plan_months)
    return (
        PathwayItem.objects.visible_to(user)
        .filter(
            key_decision=True,
            decision_meeting__starts_at__gte=_start_of(first),
            decision_meeting__starts_at__lt=_start_of(last + timedelta(days=1)),
        )
        .exclude(status=PathwayStatus.WITHDRAWN)
        .exclude(decision_meeting__status=MeetingStatus.CANCELLED)
        .select_related(*LIST_RELATED)
        .prefetch_related("wards")
        .order_by("decision_meeting__starts_at", "reference")
    )


def forward_plan_context(settings: DecisionSettings) -> dict:
    first, last = helper.forward_plan_window(timezone.localdate(), settings.forward_plan_months)
    return {"plan_from": first, "plan_to": last}


def forward_plan_entries(items, settings: DecisionSettings) -> list[dict]:
    """Each item with its Forward Plan deadline and state: first published on time, late (in breach), or its
    breach authorised by an exception; not yet published (due, at risk or in breach)."""
    items = list(items)
    if not items:
        return []
    today, rules = timezone.localdate(), settings.rules()
    days_off = helper.DaysOff.around([today, *(item.decision_meeting.day for item in items)])
    rows = []
    for item in items:
        flag = helper.flags(item, today=today, days_off=days_off, rules=rules)[0]
        rows.append({"item": item, "due": flag.due, "state": flag.state, "rule": flag.rule})
    return rows


def restricted(items):
    """The restricted records of a list (for the access log of an export)."""
    return [item for item in items if item.is_restricted]


def private_label(item) -> str:
    """Why a key decision is taken in private, in the words the public Forward Plan uses."""
    if item.confidential:
        return "Private: confidential information"
    return f"Private: exempt under paragraph {item.exempt_category} of Part 1 of Schedule 12A"


@dataclass(frozen=True)
class Withheld:
    """A key decision to be taken in private as the public Forward Plan shows it. The 2012 Access to Information
    Regulations still require it on the plan: its reference, decision-maker and date, when it was first published,
    and that it is private and why; never its title, summary, lead officer or wards (a template cannot show what it
    is not given)."""

    reference: str
    decision_meeting: Meeting
    forward_plan_published_on: date | None
    exception_kind: str
    exception_kind_label: str
    scrutiny_chair: str
    exception_agreed_on: date | None
    private: str

    @classmethod
    def of(cls, item: PathwayItem) -> Withheld:
        return cls(
            reference=item.reference,
            decision_meeting=item.decision_meeting,
            forward_plan_published_on=item.forward_plan_published_on,
            exception_kind=item.exception_kind,
            exception_kind_label=item.get_exception_kind_display(),
            scrutiny_chair=item.scrutiny_chair,
            exception_agreed_on=item.exception_agreed_on,
            private=private_label(item),
        )

    def get_exception_kind_display(self) -> str:
        return self.exception_kind_label


def public_forward_plan(entries: list[dict]) -> list[dict]:
    """The entries of the published Forward Plan: an open key decision as it is, one to be taken in private with
    its exempt details withheld (`Withheld`, and `private` saying why)."""
    return [
        {**entry, "item": Withheld.of(entry["item"]), "private": private_label(entry["item"])}
        if entry["item"].is_restricted
        else entry
        for entry in entries
    ]


# --- the decision register ------------------------------------------------------------------------------------
def register(user):
    """Every decision the user may see, newest first."""
    return Decision.objects.visible_to(user).select_related("meeting__body", "portfolio", "lead_officer")


def decision_detail():
    return Decision.objects.select_related("meeting__body", "portfolio", "lead_officer", "pathway_item")


def decision_page(user, decision: Decision) -> dict:
    """The decision's pathway item, if the user may see it."""
    item = None
    if decision.pathway_item_id:
        item = PathwayItem.objects.visible_to(user).filter(pk=decision.pathway_item_id).first()
    return {"pathway_item": item, "today": timezone.localdate()}
