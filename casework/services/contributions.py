"""Contributions: asking a directorate for input with its own due date, and its answer."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from casework import policy
from casework.deadlines import contribution_due_problem, contribution_warnings, fmt
from casework.models import Case, CaseEvent, ContributionRequest, Status
from casework.services._base import claim, event, lock, move
from mayoral_office.audit import service
from mayoral_office.errors import NeedsConfirmation, ServiceError
from mayoral_office.outbox import queue_email


@service
def contribution_request(
    *, actor, case: Case, directorate, question: str, due_on: date, confirmed: bool = False
) -> ContributionRequest:
    """Ask a directorate for input. A due date in the past or on a day off is refused; one after the case's
    response date, or a second open request to the same directorate, needs `confirmed`."""
    if not question.strip():
        raise ServiceError("Enter what you need from the directorate", field="question")
    case = claim(actor, "case.request_contribution", case)
    problem = contribution_due_problem(case, due_on)
    if problem:
        raise ServiceError(problem, field="due_on")
    warnings = contribution_warnings(case, directorate, due_on)
    if warnings and not confirmed:
        raise NeedsConfirmation(warnings)
    request = ContributionRequest.objects.create(
        case=case, directorate=directorate, question=question, due_on=due_on, requested_by=actor
    )
    if case.status in {Status.ALLOCATED, Status.DRAFTING, Status.REOPENED}:
        move(case, actor, Status.WITH_DIRECTORATE, f"Contribution requested from {directorate}")
    else:
        event(case, actor, CaseEvent.Kind.CONTRIBUTION, f"Contribution requested from {directorate}")
    case.save()
    queue_email(
        to=[directorate.email, *directorate.contacts.filter(is_active=True).values_list("email", flat=True)],
        subject=f"Contribution requested for {case.reference} by {fmt(due_on)}",
        body=f"The Mayor's Office asks {directorate} for a contribution to case {case.reference} "
        f"({case.subject}) by {fmt(due_on)}.\n\n{question}\n\nAnswer it in the Mayor's Office service.",
        kind="casework.contribution",
    )
    return request


@service
def contribution_answer(*, actor, contribution: ContributionRequest, answer: str) -> ContributionRequest:
    """The directorate contact answers (or an officer records an answer received by email)."""
    if not answer.strip():
        raise ServiceError("Enter your contribution", field="answer")
    policy.require(actor, "contribution.answer", contribution)
    contribution = ContributionRequest.objects.select_for_update().select_related("case").get(pk=contribution.pk)
    policy.require(actor, "contribution.answer", contribution)  # as it is now: answered or not needed meanwhile
    contribution.answer = answer
    contribution.answered_by = actor
    contribution.answered_at = timezone.now()
    contribution.save()
    case = lock(contribution.case)  # a directorate contact may answer, though they cannot see the case itself
    event(case, actor, CaseEvent.Kind.CONTRIBUTION, f"Contribution received from {contribution.directorate}")
    if case.status == Status.WITH_DIRECTORATE and not case.contributions.outstanding().exists():
        move(case, actor, Status.DRAFTING, "All contributions received")
    case.save()
    if case.officer and case.officer.email:
        queue_email(
            to=[case.officer.email],
            subject=f"Contribution received for {case.reference}",
            body=f"{contribution.directorate} answered the contribution request on {case.reference}.",
            kind="casework.contribution_answered",
        )
    return contribution
