"""The Decision Pathway and the decision register: adding and changing a proposal (moving its decision meeting notes
every date that moves), recording each stage's meeting and outcome, a general exception or special urgency, its
first publication on the Forward Plan; publishing, calling in, the outcome of a call-in and implementing a
decision; and following a council closure day. Every function is a `@service`: the policy first, then the checks,
then the write and its history."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from auditlog.models import LogEntry
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from decisions import deadlines, policy
from decisions import pathway as helper
from decisions.models import (
    Decision,
    DecisionSettings,
    DecisionStatus,
    ExceptionKind,
    MeetingStatus,
    PathwayItem,
    PathwayNote,
    PathwayStage,
    PathwayStatus,
    PathwayStep,
    StepOutcome,
)
from decisions.models.meetings import EXEMPT_CATEGORIES
from decisions.services._base import bump, claim
from mayoral_office import audit
from mayoral_office.audit import service
from mayoral_office.errors import ServiceError
from mayoral_office.working_days import add_working_days, bank_holidays

MAX_TEXT = 20_000
MAX_VALUE = Decimal("999999999999.99")  # the most the value field holds (14 digits, 2 after the point)
UNDECIDED = (PathwayStatus.PROPOSED, PathwayStatus.IN_PROGRESS)
DECIDING = (StepOutcome.APPROVED, StepOutcome.REJECTED)


# --- helpers --------------------------------------------------------------------------------------------------
def _next_reference(year: int) -> str:
    """The next free reference of the year: DP/2026/001, DP/2026/002, ..."""
    prefix = f"DP/{year}/"
    taken = PathwayItem.objects.filter(reference__startswith=prefix).values_list("reference", flat=True)
    numbers = [int(ref[len(prefix) :]) for ref in taken if ref[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def _note(item: PathwayItem, actor, text: str) -> PathwayNote:
    return PathwayNote.objects.create(item=item, written_at=timezone.now(), author=actor, text=text)


def _text(value: str, field: str, what: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ServiceError(f"Enter {what}", field=field)
    if len(value) > limit:
        raise ServiceError(f"{what[0].upper()}{what[1:]} must be {limit:,} characters or fewer", field=field)
    return value


def _past_or_today(day: date | None, field: str, what: str, *, required: bool = False) -> date | None:
    if day is None:
        if required:
            raise ServiceError(f"Enter {what}", field=field)
        return None
    if day > timezone.localdate():
        raise ServiceError(f"{what[0].upper()}{what[1:]} cannot be in the future", field=field)
    return day


def _value(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        value = Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ServiceError("Enter the value in pounds, for example 750000", field="value") from exc
    if not value.is_finite():
        raise ServiceError("Enter the value in pounds, for example 750000", field="value")
    if value < 0:
        raise ServiceError("The value must be £0 or more", field="value")
    if value > MAX_VALUE:
        raise ServiceError("The value must be less than £1,000,000,000,000", field="value")
    if value != value.quantize(Decimal("0.01")):
        raise ServiceError("The value can have at most 2 decimal places (pence)", field="value")
    return value


def _details(
    *,
    title,
    directorate,
    key_decision,
    summary,
    value,
    wards,
    key_decision_reason,
    decision_meeting,
    exempt_category,
) -> dict:
    """The checked details of a proposal; the key-decision answer needs a reason when it differs from the rule."""
    if directorate is None:
        raise ServiceError("Choose the directorate", field="directorate")
    if key_decision is None:
        raise ServiceError("Say whether this is a key decision", field="key_decision")
    if exempt_category is not None and exempt_category not in dict(EXEMPT_CATEGORIES):
        raise ServiceError("Choose an exempt category from the list", field="exempt_category")
    if decision_meeting is not None and decision_meeting.status == MeetingStatus.CANCELLED:
        raise ServiceError("That meeting is cancelled: choose another", field="decision_meeting")
    wards = list(wards or [])
    value = _value(value)
    reason = _text(key_decision_reason, "key_decision_reason", "the reason for the key-decision answer")
    suggested, why = helper.suggest_key_decision(value, len(wards), DecisionSettings.current())
    if bool(key_decision) != suggested and not reason:
        answer = "is" if key_decision else "is not"
        raise ServiceError(f"{why} Give a reason why it {answer} a key decision", field="key_decision_reason")
    return {
        "title": _text(title, "title", "a title", required=True, limit=200),
        "summary": _text(summary, "summary", "the summary"),
        "directorate": directorate,
        "key_decision": bool(key_decision),
        "key_decision_reason": reason,
        "value": value,
        "decision_meeting": decision_meeting,
        "exempt_category": exempt_category,
        "wards": wards,
    }


def _default_stages():
    return PathwayStage.objects.filter(is_active=True, only_where_needed=False)


def _set_stages(item: PathwayItem, stages) -> None:
    """The item passes through these stages: a new stage gets a step; a stage left out loses its step, unless a
    meeting or an outcome is already recorded for it."""
    wanted = {stage.pk: stage for stage in stages}
    if not wanted:
        raise ServiceError("Choose at least one stage", field="stages")
    steps = {step.stage_id: step for step in item.steps.select_related("stage")}
    for stage_id, step in steps.items():
        if stage_id not in wanted:
            if step.meeting_id or step.outcome != StepOutcome.PENDING:
                raise ServiceError(f"The {step.stage.name} stage has a meeting or outcome recorded", field="stages")
            step.delete()
    for stage_id, stage in wanted.items():
        if stage_id not in steps:
            PathwayStep.objects.create(item=item, stage=stage)


def _dates(item: PathwayItem, meeting) -> list:
    rules = DecisionSettings.current().rules()
    return helper.plan_for(item, meeting.day, today=timezone.localdate(), rules=rules) if meeting else []


# --- the pathway ----------------------------------------------------------------------------------------------
@service
def pathway_create(
    *,
    actor,
    title: str,
    directorate,
    key_decision: bool,
    summary: str = "",
    lead_officer=None,
    portfolio=None,
    value=None,
    wards=(),
    key_decision_reason: str = "",
    decision_meeting=None,
    stages=None,
    confidential: bool = False,
    exempt_category: int | None = None,
) -> PathwayItem:
    """Put a proposal on the Decision Pathway, with a step for each of its stages (by default every active stage
    but those only where needed) and its reference (DP/2026/001)."""
    policy.require(actor, "pathway.add")
    details = _details(
        title=title,
        directorate=directorate,
        key_decision=key_decision,
        summary=summary,
        value=value,
        wards=wards,
        key_decision_reason=key_decision_reason,
        decision_meeting=decision_meeting,
        exempt_category=exempt_category,
    )
    wards = details.pop("wards")
    fields = {**details, "lead_officer": lead_officer, "portfolio": portfolio, "confidential": bool(confidential)}
    for _attempt in range(5):  # two officers adding at once take the same number: the second takes the next
        try:
            with transaction.atomic():
                item = PathwayItem.objects.create(reference=_next_reference(timezone.localdate().year), **fields)
            break
        except IntegrityError:
            continue
    else:
        raise ServiceError("The proposal could not be given a reference: try again")
    item.wards.set(wards)
    _set_stages(item, list(stages) if stages is not None else list(_default_stages()))
    answer = "a key decision" if item.key_decision else "not a key decision"
    _note(item, actor, f"Added to the Decision Pathway as {answer}.")
    if decision_meeting is not None:
        _note(item, actor, helper.meeting_moved_note(None, decision_meeting, [], _dates(item, decision_meeting)))
    return item


@service
def pathway_update(
    *,
    actor,
    item: PathwayItem,
    title: str,
    directorate,
    key_decision: bool,
    summary: str = "",
    lead_officer=None,
    portfolio=None,
    value=None,
    wards=(),
    key_decision_reason: str = "",
    decision_meeting=None,
    stages=None,
    confidential: bool = False,
    exempt_category: int | None = None,
    report_published_on: date | None = None,
    expected_version: int | None = None,
) -> PathwayItem:
    """Change a proposal. Moving its decision meeting recalculates every date, and its history says which moved."""
    item = claim(actor, "pathway.edit", item, expected_version)
    details = _details(
        title=title,
        directorate=directorate,
        key_decision=key_decision,
        summary=summary,
        value=value,
        wards=wards,
        key_decision_reason=key_decision_reason,
        decision_meeting=decision_meeting,
        exempt_category=exempt_category,
    )
    report_published_on = _past_or_today(report_published_on, "report_published_on", "the report's publication")
    wards = details.pop("wards")
    old_meeting = item.decision_meeting
    before = _dates(item, old_meeting)
    was_key = item.key_decision
    for name, value_ in details.items():
        setattr(item, name, value_)
    item.lead_officer, item.portfolio, item.confidential = lead_officer, portfolio, bool(confidential)
    item.report_published_on = report_published_on
    bump(item)
    item.save()
    item.wards.set(wards)
    if stages is not None:
        _set_stages(item, list(stages))
    if was_key != item.key_decision:
        _note(item, actor, f"Key decision changed to {'yes' if item.key_decision else 'no'}.")
    if (old_meeting.pk if old_meeting else None) != (decision_meeting.pk if decision_meeting else None):
        after = _dates(item, decision_meeting)
        _note(item, actor, helper.meeting_moved_note(old_meeting, decision_meeting, before, after))
    return item


@service
def pathway_record_step(
    *,
    actor,
    item: PathwayItem,
    step: PathwayStep,
    meeting=None,
    outcome: str = StepOutcome.PENDING,
    outcome_on: date | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> PathwayStep:
    """Record the meeting that considered a stage and its outcome. An approval or rejection at the decision meeting
    decides the item."""
    item = claim(actor, "pathway.edit", item, expected_version)
    if step.item_id != item.pk:
        raise ServiceError("That stage is not on this item's pathway")
    step = PathwayStep.objects.select_related("stage__body").get(pk=step.pk)
    if outcome not in StepOutcome.values:
        raise ServiceError("Choose an outcome from the list", field="outcome")
    note = _text(note, "note", "the note")
    if meeting is not None:
        if step.stage.body_id and meeting.body_id != step.stage.body_id:
            raise ServiceError(f"Choose a meeting of the {step.stage.body.name}", field="meeting")
        if meeting.status == MeetingStatus.CANCELLED:
            raise ServiceError("That meeting is cancelled: choose another", field="meeting")
    if outcome == StepOutcome.PENDING:
        outcome_on = None
    else:
        if meeting is not None and meeting.starts_at > timezone.now():
            raise ServiceError("That meeting has not happened yet: record its outcome afterwards", field="outcome")
        outcome_on = outcome_on or (meeting.day if meeting else None)
        _past_or_today(outcome_on, "outcome_on", "the date of the outcome", required=True)
    step.meeting, step.outcome, step.outcome_on, step.note = meeting, outcome, outcome_on, note
    step.save()
    if item.status == PathwayStatus.PROPOSED and (meeting is not None or outcome != StepOutcome.PENDING):
        item.status = PathwayStatus.IN_PROGRESS
    if meeting is not None and meeting.pk == item.decision_meeting_id and outcome in DECIDING:
        item.status = PathwayStatus.DECIDED
    bump(item)
    item.save()
    words = f"{step.stage.name}: {step.get_outcome_display().lower()}"
    words += f" at {helper.meeting_label(meeting)}" if meeting else ""
    words += f" on {outcome_on:%-d %B %Y}" if outcome_on else ""
    _note(item, actor, words + (f". {note}" if note else "."))
    return step


@service
def pathway_record_exception(
    *,
    actor,
    item: PathwayItem,
    kind: str,
    reason: str,
    scrutiny_chair: str,
    agreed_on: date | None,
    expected_version: int | None = None,
) -> PathwayItem:
    """A general exception (the chair of scrutiny informed) or special urgency (the chair's agreement): the Forward
    Plan breach is then shown as authorised."""
    item = claim(actor, "pathway.record_exception", item, expected_version)
    if kind not in (ExceptionKind.GENERAL_EXCEPTION, ExceptionKind.SPECIAL_URGENCY):
        raise ServiceError("Choose general exception or special urgency", field="kind")
    item.exception_kind = kind
    item.exception_reason = _text(reason, "reason", "why the decision cannot wait", required=True)
    item.scrutiny_chair = _text(scrutiny_chair, "scrutiny_chair", "the chair of scrutiny", required=True, limit=150)
    item.exception_agreed_on = _past_or_today(
        agreed_on, "agreed_on", "the date the chair was informed or agreed", required=True
    )
    bump(item)
    item.save()
    _note(item, actor, f"{item.exception_summary}. {item.exception_reason}")
    return item


@service
def pathway_publish_forward_plan(
    *, actor, item: PathwayItem, on: date | None = None, expected_version: int | None = None
) -> PathwayItem:
    """Record the key decision's first publication on the Forward Plan. Once recorded the date stands (it proves
    a late entry): it is never moved."""
    item = claim(actor, "pathway.edit", item, expected_version)
    if not item.key_decision:
        raise ServiceError("Only a key decision goes on the Forward Plan")
    if item.forward_plan_published_on is not None:
        raise ServiceError(
            f"It was first published on the Forward Plan on {item.forward_plan_published_on:%-d %B %Y}: that date "
            "stands",
            field="on",
        )
    on = _past_or_today(on or timezone.localdate(), "on", "the date of publication")
    item.forward_plan_published_on = on
    bump(item)
    item.save()
    words = f"Published on the Forward Plan on {on:%-d %B %Y}"
    if item.decision_meeting_id:
        due, _ = deadlines.forward_plan_deadline(item.decision_meeting.day, DecisionSettings.current().rules())
        if on > due:
            words += f", {(on - due).days} days after the last day for it ({due:%-d %B %Y})"
    _note(item, actor, words + ".")
    return item


# --- the decision register ------------------------------------------------------------------------------------
def _takes_effect_after_call_in(decision: Decision) -> bool:
    """An executive decision (Cabinet, or a member acting alone: no meeting) may be called in; others take effect
    on publication."""
    return decision.meeting_id is None or decision.meeting.body.takes_executive_decisions


@service
def decision_publish(*, actor, decision: Decision, on: date | None = None) -> Decision:
    """Publish a decision: an executive decision's call-in period and the day it takes effect follow from the
    date; any other decision takes effect on publication. A pathway item it decides records the date too."""
    decision = claim(actor, "decision.publish", decision)
    on = _past_or_today(on or timezone.localdate(), "on", "the date of publication")
    if on < decision.taken_on:
        raise ServiceError(f"It cannot be published before it was taken ({decision.taken_on:%-d %B %Y})", field="on")
    decision = Decision.objects.select_related("meeting__body").get(pk=decision.pk)
    rules = DecisionSettings.current().rules()
    decision.published_on, decision.status = on, DecisionStatus.PUBLISHED
    if _takes_effect_after_call_in(decision):
        decision.call_in_ends_on = deadlines.call_in_end(on, rules)[0]
        decision.effective_on = deadlines.effective_date(on, rules)[0]
    else:
        decision.call_in_ends_on, decision.effective_on = None, on
    decision.save()
    if decision.pathway_item_id:
        item = PathwayItem.objects.select_for_update(of=("self",)).get(pk=decision.pathway_item_id)
        item.decision_published_on = item.decision_published_on or on
        if item.status != PathwayStatus.WITHDRAWN:
            item.status = PathwayStatus.DECIDED
        bump(item)
        item.save()
        after = f"; call-in ends {decision.call_in_ends_on:%-d %B %Y}" if decision.call_in_ends_on else ""
        _note(
            item,
            actor,
            f"Decision {decision.reference} published on {on:%-d %B %Y}{after}; takes effect "
            f"{decision.effective_on:%-d %B %Y}.",
        )
    return decision


@service
def decision_call_in(*, actor, decision: Decision, reason: str) -> Decision:
    """Call in a published executive decision during its call-in period: it does not take effect."""
    decision = claim(actor, "decision.call_in", decision)
    reason = _text(reason, "reason", "why it was called in", required=True)
    decision.status, decision.effective_on = DecisionStatus.CALLED_IN, None
    decision.save()
    audit.record_change(actor=actor, obj=decision, changes={"call_in_reason": ["", reason]}, note="Called in")
    if decision.pathway_item_id:
        _note(decision.pathway_item, actor, f"Decision {decision.reference} called in: {reason}")
    return decision


CALL_IN_OUTCOMES = {
    "confirmed": "confirmed after call-in",
    "withdrawn": "referred back: a new decision will be recorded",
}


def _last_call_in_step(decision: Decision) -> dict:
    """The changes of the decision's latest call-in entry in the audit trail: its calling in, or an outcome."""
    entries = LogEntry.objects.get_for_object(decision).filter(
        Q(changes__has_key="call_in_reason") | Q(changes__has_key="call_in_outcome")
    )
    return entries.order_by("-pk").values_list("changes", flat=True).first() or {}


@service
def decision_resolve_call_in(*, actor, decision: Decision, outcome: str, note: str) -> Decision:
    """The outcome of a call-in. Scrutiny takes no further action, or the decision-maker reconsiders and confirms
    it ("confirmed"): it takes effect on the next working day. Or it is referred back to the decision-maker
    ("withdrawn"): it is not implemented and stays called in; if they change it, the new decision is recorded (and
    if they confirm it on reconsideration, that is recorded here as "confirmed")."""
    decision = claim(actor, "decision.resolve_call_in", decision)  # the policy: called in
    if outcome not in CALL_IN_OUTCOMES:
        raise ServiceError("Choose the outcome of the call-in", field="outcome")
    note = _text(note, "note", "what was decided, by whom and when", required=True)
    if outcome == "withdrawn" and _last_call_in_step(decision).get("call_in_outcome", ["", ""])[1] == "withdrawn":
        raise ServiceError(
            "It has already been referred back: record its confirmation, or the new decision the decision-maker takes",
            field="outcome",
        )
    words = CALL_IN_OUTCOMES[outcome]
    if outcome == "confirmed":
        decision.status = DecisionStatus.PUBLISHED
        decision.effective_on = add_working_days(timezone.localdate(), 1)
        decision.save()
        words += f": takes effect {decision.effective_on:%-d %B %Y}"
    audit.record_change(
        actor=actor,
        obj=decision,
        changes={"call_in_outcome": ["", outcome]},
        note=f"{words[0].upper()}{words[1:]}. {note}",
    )
    if decision.pathway_item_id:
        _note(decision.pathway_item, actor, f"Decision {decision.reference} {words}. {note}")
    return decision


@service
def decision_implement(*, actor, decision: Decision) -> Decision:
    """Mark a published decision implemented, once it has taken effect."""
    decision = claim(actor, "decision.implement", decision)  # the policy: published, and in effect
    decision.status = DecisionStatus.IMPLEMENTED
    decision.save()
    if decision.pathway_item_id:
        _note(decision.pathway_item, actor, f"Decision {decision.reference} implemented.")
    return decision


# --- closure days ---------------------------------------------------------------------------------------------
@service
def pathway_recalculate_for_closure_day(*, actor, changed_day: date, note: str) -> int:
    """Registered with the core: a closure day was added or removed. Every undecided item whose dates move gets a
    history note naming them, and a published decision not yet in effect has its dates moved (one confirmed after a
    call-in takes effect the working day after its confirmation). Returns how many items and decisions changed."""
    if changed_day.weekday() >= 5 or bank_holidays(changed_day, changed_day):
        return 0  # a day off already: nothing counts differently
    rules = DecisionSettings.current().rules()
    items = list(
        PathwayItem.objects.filter(status__in=UNDECIDED, decision_meeting__isnull=False)
        .select_related("decision_meeting__body")
        .order_by("pk")
    )
    decisions = list(
        Decision.objects.filter(
            status=DecisionStatus.PUBLISHED, published_on__lt=changed_day, effective_on__gte=changed_day
        )
        .exclude(call_in_ends_on__isnull=True)
        .order_by("pk")
    )
    if not (items or decisions):
        return 0
    now = helper.DaysOff.around([changed_day, *(i.decision_meeting.day for i in items)])
    was = now.toggled(changed_day)
    changed = 0
    for item in items:
        day, published = item.decision_meeting.day, item.decision_published_on
        before = helper.due_dates(day, days_off=was, rules=rules, published_on=published)
        after = helper.due_dates(day, days_off=now, rules=rules, published_on=published)
        moved = [
            f"{helper.SHORT_LABELS[key]} {helper.short_day(before[key])} → {helper.short_day(due)}"
            for key, due in after.items()
            if before[key] != due
        ]
        if moved:
            _note(item, actor, f"{note}: {', '.join(moved)}.")
            changed += 1
    for decision in decisions:
        call_in = now.after(decision.published_on, rules.call_in_working_days)
        if decision.effective_on == was.after(was.after(decision.published_on, rules.call_in_working_days), 1):
            effective = now.after(call_in, 1)
        else:  # confirmed after a call-in: the working day after its confirmation (the last before it took effect)
            effective = now.after(was.before(decision.effective_on, 1), 1)
        if (call_in, effective) != (decision.call_in_ends_on, decision.effective_on):
            decision.call_in_ends_on, decision.effective_on = call_in, effective
            decision.save(update_fields=["call_in_ends_on", "effective_on"])
            changed += 1
    return changed
