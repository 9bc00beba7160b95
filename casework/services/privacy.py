"""Personal data: anonymising cases after their retention period, and the subject access export."""

from __future__ import annotations

import re
from datetime import date

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q
from django.utils import timezone

from casework import policy, subject_access
from casework.models import Case, CaseEvent, ContributionRequest, Correspondent, Draft
from casework.selectors import retention_due, same_person
from casework.services.drafts import DISPATCH
from mayoral_office import registry
from mayoral_office.audit import log_access, record_change, service
from mayoral_office.errors import ServiceError
from mayoral_office.models import AccessLog, Notification
from mayoral_office.outbox import emails_about

ANONYMISED = "[anonymised]"


@service
def cases_apply_retention(*, actor=None, today: date | None = None, expected_count: int | None = None) -> int:
    """Anonymise cases closed longer than their type's retention period. Statistics stay (type, member, ward,
    dates, status, targets); personal data, documents and drafts go. The bulk changes are made with auditlog off
    (so the personal data is not copied into the trail); one explicit audit entry records each case.

    `actor` None: the scheduled job. A person must be allowed to (the Head of Mayor's Office, from the retention
    screen); `expected_count` is how many cases the screen showed them, and the run is refused if that changed."""
    if actor is not None:
        policy.require(actor, "casework.retention")
    cases = list(retention_due(today).select_related("correspondent", "case_type"))
    if expected_count is not None and len(cases) != expected_count:
        raise ServiceError(
            f"The list has changed since you looked: {len(cases)} case(s) are due now, not {expected_count}. "
            "Check the list and run it again."
        )
    now = timezone.now()
    for case in cases:
        with disable_auditlog():
            _anonymise(case, now)
        record_change(
            actor=actor,
            obj=case,
            changes={"anonymised_at": (None, now.isoformat())},
            note=f"Anonymised by the retention job after {case.case_type.retention_years} years"
            + (f", run by {actor}" if actor is not None else ""),
        )
    return len(cases)


def _anonymise(case: Case, now) -> None:
    for attachment in case.attachments.all():
        attachment.file.delete(save=False)
        attachment.delete()
    case.drafts.update(body=ANONYMISED, review_comments="")
    case.contributions.update(question=ANONYMISED, answer="")
    case.events.exclude(kind=CaseEvent.Kind.STAGE).update(text=ANONYMISED)
    case.events.filter(kind=CaseEvent.Kind.STAGE).update(text="")
    case.summary = ""
    case.body = ""
    case.subject = ANONYMISED
    case.hold_reason = ""
    case.search_document = case.reference
    case.anonymised_at = now
    case.save()
    case.holds.update(reason=ANONYMISED)
    case.extensions.update(reason=ANONYMISED)
    correspondent = case.correspondent
    if correspondent.anonymised_at is None and not correspondent.cases.filter(anonymised_at__isnull=True).exists():
        for field in ["organisation", "address", "postcode", "email", "phone"]:
            setattr(correspondent, field, "")
        correspondent.name = ANONYMISED
        correspondent.anonymised_at = now
        correspondent.save()
        _redact_history(correspondent)
        _redact_access_log(correspondent, f"Correspondent {correspondent.pk} ({ANONYMISED})")
    _redact_history(case)
    _redact_access_log(case, case.reference)
    _redact_notifications(case.reference)
    # The emails sent to the correspondent about the case (the emailed response) also name them as the recipient.
    emails_about(case).update(to=[ANONYMISED])


def _redact_history(obj) -> None:
    """Earlier audit entries hold the personal data just removed: keep the entries, drop the values."""
    LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk)).update(
        changes={"redacted": ["", "personal data removed by the retention job"]},
        changes_text="",
        object_repr=str(obj)[:200],
        serialized_data=None,
    )


def _redact_access_log(obj, text: str) -> None:
    """The access log names what was read ("MO/2026/00042: Damp in my flat"); keep the entry, drop the name."""
    AccessLog.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)).update(
        object_repr=text[:250]
    )


REDACTED_NOTIFICATION = (
    "This message was removed by the retention job: it mentioned a case whose personal data has been anonymised."
)


def _redact_notifications(reference: str) -> None:
    """Emails in the outbox that mention the case (allocations, approvals, chasers, the emailed response) hold its
    subject, the correspondent's name and the letter itself: replace their text with a neutral note and drop their
    attachments, keeping the record that they were sent."""
    mention = re.compile(re.escape(reference) + r"(?![0-9])")  # MO/2026/10000 is not MO/2026/100001
    candidates = Notification.objects.filter(
        Q(subject__contains=reference) | Q(body__contains=reference) | Q(html_body__contains=reference)
    ).only("pk", "subject", "body", "html_body")
    ids = [n.pk for n in candidates if any(mention.search(t or "") for t in (n.subject, n.body, n.html_body))]
    if ids:
        Notification.objects.filter(pk__in=ids).update(
            subject="Removed by the retention job",
            body=REDACTED_NOTIFICATION,
            html_body="",
            attachments=[],
        )


# --- subject access -----------------------------------------------------------------------------------------
@service
def subject_access_export(*, actor, correspondent: Correspondent, request=None) -> bytes:
    """Everything the service holds about a correspondent, as a ZIP (casework.subject_access): a summary PDF,
    every case with its timeline, letters, contributions and documents, what other apps hold (the registry's
    personal-data providers), a JSON and CSVs of the same, and the items to review before release. Only the Head
    of Mayor's Office may produce it (it must include confidential cases). Logged in the access log and audited."""
    policy.require(actor, "correspondent.subject_access", correspondent)
    records = list(same_person(correspondent).select_related("ward"))
    cases = list(
        Case.objects.filter(correspondent__in=records)
        .select_related("case_type", "member", "officer", "correspondent")
        .prefetch_related(
            Prefetch("events", queryset=CaseEvent.objects.select_related("actor")),
            Prefetch(
                "contributions",
                queryset=ContributionRequest.objects.select_related("directorate", "requested_by", "answered_by"),
            ),
            Prefetch("drafts", queryset=Draft.objects.select_related("created_by", "reviewed_by")),
            "attachments",
        )
        .order_by("received_at")
    )
    emails: dict[str, list] = {}
    for email in emails_about(cases, kind=DISPATCH):
        emails.setdefault(email.regarding_id, []).append(email)
    others = registry.personal_data_for(subject_access.data_subject(correspondent, records))
    pack = subject_access.build(
        correspondent=correspondent, records=records, cases=cases, others=others, emails=emails, produced_by=actor
    )
    log_access(user=actor, objs=[correspondent], request=request, action="subject access export")
    record_change(
        actor=actor,
        obj=correspondent,
        changes={"subject_access_export": ("", f"{len(cases)} case(s), {len(others)} other part(s) of the service")},
        note="Subject access export",
        action="access",
    )
    return pack
