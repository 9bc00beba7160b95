"""Scheduled reminders: emails only (each kept in the outbox), no record changes, so no audit entries."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from casework.deadlines import fmt
from casework.models import Case, ContributionRequest, working_q
from casework.selectors import allocatable_officers
from mayoral_office.outbox import queue_email
from mayoral_office.roles import Role


def cases_chase_overdue(*, today: date | None = None) -> int:
    """Email each officer a list of their overdue cases, each directorate its overdue contributions, the Head of
    Office the cases past their escalation date. Returns how many emails were queued."""
    today = today or timezone.localdate()
    sent = 0
    with transaction.atomic():
        by_officer: dict = {}
        for case in Case.objects.overdue(today).filter(officer__isnull=False).select_related("officer"):
            by_officer.setdefault(case.officer, []).append(case)
        for officer, cases in by_officer.items():
            lines = "\n".join(f"- {c.reference} {c.subject} (due {fmt(c.response_due)})" for c in cases)
            queue_email(to=[officer.email], subject=f"{len(cases)} overdue case(s)", body=lines, kind="casework.chase")
            sent += 1
        by_directorate: dict = {}
        late = ContributionRequest.objects.outstanding().filter(due_on__lt=today).select_related("case", "directorate")
        for item in late:
            by_directorate.setdefault(item.directorate, []).append(item)
        for directorate, items in by_directorate.items():
            queue_email(
                to=[directorate.email, *directorate.contacts.values_list("email", flat=True)],
                subject=f"{len(items)} overdue contribution request(s) from the Mayor's Office",
                body="\n".join(f"- {i.case.reference} (due {fmt(i.due_on)})" for i in items),
                kind="casework.chase_contribution",
            )
            sent += 1
        escalated = list(Case.objects.filter(working_q(), escalation_due__lt=today))
        if escalated:
            heads = allocatable_officers().filter(groups__name=Role.HEAD_OF_OFFICE.label)
            queue_email(
                to=list(heads.values_list("email", flat=True)),
                subject=f"{len(escalated)} case(s) past their escalation date",
                body="\n".join(f"- {c.reference} {c.subject}" for c in escalated),
                kind="casework.escalation",
            )
            sent += 1
    return sent
