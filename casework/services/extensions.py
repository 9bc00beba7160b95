"""Moving target dates: extensions with a type, a length and a reason; and council closure days."""

from __future__ import annotations

from datetime import date

from django.db.models import F, Q

from casework.deadlines import apply_deadlines, fmt, working_days_text
from casework.models import OPEN_STATUSES, Case, CaseEvent, Extension
from casework.services._base import claim, event
from mayoral_office.audit import service
from mayoral_office.errors import ServiceError
from mayoral_office.working_days import add_working_days


@service
def case_extend(*, actor, case: Case, kind: str, working_days: int, reason: str) -> Extension:
    if working_days < 1 or working_days > 60:
        raise ServiceError("An extension must be between 1 and 60 working days", field="working_days")
    if not reason.strip():
        raise ServiceError("Enter the reason for the extension", field="reason")
    case = claim(actor, "case.extend", case)
    previous = case.response_due
    extension = Extension.objects.create(
        case=case, kind=kind, working_days=working_days, reason=reason, previous_due=previous, created_by=actor
    )
    apply_deadlines(case)
    # An extension only ever gives more time: never a date earlier than the target it extends.
    if previous is not None:
        floor = add_working_days(previous, working_days, calendar=case.calendar)
        if case.response_due is None or case.response_due < floor:
            case.response_due = floor
    extension.new_due = case.response_due
    extension.save(update_fields=["new_due"])
    case.save()
    event(
        case,
        actor,
        CaseEvent.Kind.DEADLINE,
        f"Extended by {working_days_text(working_days)} ({extension.get_kind_display().lower()}): {reason}. "
        f"Response target moved from {fmt(previous)} to {fmt(case.response_due)}.",
    )
    return extension


@service
def case_recalculate_for_closure_day(*, actor, changed_day: date, note: str) -> int:
    """Registered with the core: a closure day was added or removed, so open deadlines after it follow. Each case
    that moves is saved (audited) and its timeline says why."""
    affected = (
        Case.objects.filter(status__in=OPEN_STATUSES, received_at__date__lte=changed_day)
        .filter(
            Q(response_due__gte=changed_day) | Q(acknowledge_due__gte=changed_day) | Q(escalation_due__gte=changed_day)
        )
        .select_related("case_type", "correspondent")
        .prefetch_related("extensions")
    )
    affected = affected.select_for_update(of=("self",))  # SQLite has no row locks: Django leaves it out there
    changed = 0
    for case in affected:
        moves = apply_deadlines(case)
        if moves:
            case.version = F("version") + 1
            case.save(update_fields=["acknowledge_due", "response_due", "escalation_due", "version"])
            event(case, actor, CaseEvent.Kind.DEADLINE, f"{note}. " + "; ".join(moves) + ".")
            changed += 1
    return changed
