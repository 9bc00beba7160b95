"""Every write of the action tracker: adding an action (by hand, or from the minutes of a meeting or a decision),
its dated updates (status and RAG rating), changing it, reopening it, and the bulk change of status.

An action arising from an agenda item or a decision is as restricted as what it arose from: it copies the
confidential flag, the Schedule 12A category, the lead officer and the portfolio (decisions/models/access.py)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from decisions import policy
from decisions.models import Action, ActionStatus, ActionUpdate, AgendaItem, Decision, Meeting, Rag
from decisions.models.access import Reader
from decisions.services._base import bump, claim
from mayoral_office import working_days
from mayoral_office.audit import service
from mayoral_office.errors import ServiceError

MAX_TEXT = 20_000  # a description or an update: a page of text is a few thousand characters
STATUS_LABELS = dict(ActionStatus.choices)
RAG_LABELS = dict(Rag.choices)


# --- checks -------------------------------------------------------------------------------------------------------
def _long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _text(value: str, *, field: str, missing: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ServiceError(missing, field=field)
    if len(value) > MAX_TEXT:
        raise ServiceError(f"{what} must be {MAX_TEXT:,} characters or fewer", field=field)
    return value


def _check_due(due_on) -> date:
    """A due date is a working day: never a weekend, a bank holiday or a council closure day."""
    if not isinstance(due_on, date):
        raise ServiceError("Enter the due date", field="due_on")
    if not working_days.is_working_day(due_on):
        reason = working_days.bank_holidays(due_on, due_on).get(due_on) or working_days.closure_days(
            due_on, due_on
        ).get(due_on)
        why = f" ({reason})" if reason else ""
        raise ServiceError(
            f"{_long_date(due_on)} is not a working day{why}: choose a working day for the due date", field="due_on"
        )
    return due_on


def _check_owner(owner, owner_directorate) -> None:
    if owner is None and owner_directorate is None:
        raise ServiceError("Choose who owns the action: a person, a directorate, or both", field="owner")
    if owner is not None:
        if not owner.is_active:
            raise ServiceError(f"{owner} can no longer sign in: choose another owner", field="owner")
        if Reader.of(owner).intern:
            raise ServiceError(f"{owner} is an intern and cannot own an action: choose another owner", field="owner")
    if owner_directorate is not None and not owner_directorate.is_active:
        raise ServiceError(f"{owner_directorate} is no longer active: choose another", field="owner_directorate")


def _check_owner_sees(action: Action) -> None:
    """The person who owns an action must be able to see it (an action from a confidential item cannot be given to
    a directorate contact, who never sees a restricted record)."""
    if action.owner_id and not Action.objects.visible_to(action.owner).filter(pk=action.pk).exists():
        raise ServiceError(
            f"{action.owner} may not see this action (it arises from a confidential or exempt item): "
            "choose an owner who may",
            field="owner",
        )


def _choice(value: str, labels: dict, *, field: str, what: str) -> str:
    value = value or ""
    if value and value not in labels:
        raise ServiceError(f"Choose a {what} from the list", field=field)
    return value


def _restriction(agenda_item: AgendaItem | None, decision: Decision | None) -> dict:
    """What the action copies from the item and the decision it arises from (the stricter of the two)."""
    sources = [s for s in (decision, agenda_item) if s is not None]
    return {
        "confidential": any(s.confidential for s in sources),
        "exempt_category": next((s.exempt_category for s in sources if s.exempt_category), None),
        "lead_officer_id": next((s.lead_officer_id for s in sources if s.lead_officer_id), None),
        "portfolio_id": next((s.portfolio_id for s in sources if s.portfolio_id), None),
    }


def _apply(action: Action, *, actor, text: str, status: str = "", rag: str = "") -> ActionUpdate:
    """A dated update, and the status and RAG rating it sets. Done records the day it was completed."""
    if status:
        action.status = status
        action.completed_on = timezone.localdate() if status == ActionStatus.DONE else None
    if rag:
        action.rag = rag
    bump(action)
    action.save()
    return ActionUpdate.objects.create(
        action=action, written_at=timezone.now(), author=actor, text=text, status=status, rag=rag
    )


# --- services -----------------------------------------------------------------------------------------------------
@service
def action_create(
    *,
    actor,
    description: str,
    due_on: date,
    owner=None,
    owner_directorate=None,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    decision: Decision | None = None,
) -> Action:
    """An action, added by hand or arising from a meeting, an agenda item or a decision."""
    policy.require(actor, "action.add")
    description = _text(description, field="description", missing="Enter what needs to be done", what="The description")
    _check_owner(owner, owner_directorate)
    _check_due(due_on)
    if meeting is None:
        meeting = (decision and decision.meeting) or (agenda_item and agenda_item.meeting) or None
    if agenda_item is None and decision is not None:
        agenda_item = decision.agenda_item
    action = Action.objects.create(
        description=description,
        due_on=due_on,
        owner=owner,
        owner_directorate=owner_directorate,
        meeting=meeting,
        agenda_item=agenda_item,
        decision=decision,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **_restriction(agenda_item, decision),
    )
    _check_owner_sees(action)
    return action


@service
def action_add_update(
    *, actor, action: Action, text: str, status: str = "", rag: str = "", expected_version: int | None = None
) -> ActionUpdate:
    """A dated update on progress, which may also change the status (Done records the day) and the RAG rating."""
    text = _text(text, field="text", missing="Enter the update", what="The update")
    status = _choice(status, STATUS_LABELS, field="status", what="status")
    rag = _choice(rag, RAG_LABELS, field="rag", what="RAG rating")
    action = claim(actor, "action.update", action, expected_version)
    return _apply(action, actor=actor, text=text, status=status, rag=rag)


@service
def action_edit(
    *,
    actor,
    action: Action,
    description: str,
    due_on: date,
    owner=None,
    owner_directorate=None,
    expected_version: int | None = None,
) -> Action:
    """Change what is to be done, by when and by whom (the office). A new due date or owner is noted in the
    action's updates, so its history shows when it moved."""
    description = _text(description, field="description", missing="Enter what needs to be done", what="The description")
    _check_owner(owner, owner_directorate)
    action = claim(actor, "action.edit", action, expected_version)
    notes = []
    if due_on != action.due_on:
        _check_due(due_on)
        notes.append(f"Due date changed from {_long_date(action.due_on)} to {_long_date(due_on)}.")
    before, after = action.owner_name, " / ".join(str(o) for o in (owner, owner_directorate) if o is not None)
    if before != after:
        notes.append(f"Owner changed from {before} to {after}.")
    action.description, action.due_on = description, due_on
    action.owner, action.owner_directorate = owner, owner_directorate
    if notes:
        _apply(action, actor=actor, text=" ".join(notes))
    else:
        bump(action)
        action.save()
    _check_owner_sees(action)
    return action


@service
def action_reopen(*, actor, action: Action, reason: str, expected_version: int | None = None) -> Action:
    """Open a closed (done or dropped) action again, with the reason (the office)."""
    reason = _text(reason, field="reason", missing="Enter why the action is reopened", what="The reason")
    action = claim(actor, "action.reopen", action, expected_version)
    _apply(action, actor=actor, text=f"Reopened: {reason}", status=ActionStatus.IN_PROGRESS)
    return action


@service
def actions_bulk_status(*, actor, actions, status: str) -> int:
    """Set the status of several actions at once (the office): all or nothing. Each is checked against the policy
    and gets a dated update (and so its own audit entry); those already at that status are left alone. Returns how
    many changed."""
    policy.require(actor, "action.bulk_update")
    if status not in STATUS_LABELS:
        raise ServiceError("Choose the status to set", field="status")
    label = STATUS_LABELS[status]
    changed = 0
    for action in actions:
        if action.status == status:
            continue
        try:
            locked = claim(actor, "action.update", action)
        except ServiceError as exc:
            raise ServiceError(f"“{str(action)[:60]}”: {exc.message}") from exc
        _apply(locked, actor=actor, text=f"Status set to {label} (bulk update).", status=status)
        changed += 1
    return changed
