"""Acceptance 7: the subject-access export and the retention job work and leave audit entries."""

import io
import os
import zipfile
from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from casework import selectors, services
from casework.models import Case, CaseEvent, Correspondent, Status
from casework.services.privacy import ANONYMISED
from mayoral_office.models import AccessLog
from tests.casework.factories import CorrespondentFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%letter\n"


@pytest.fixture
def correspondent():
    return CorrespondentFactory(name="Margaret Okafor", email="margaret@example.org", phone="020 7946 0000")


def _close(case, actor, *, on):
    case = services.case_allocate(actor=actor, case=case, officer=actor)
    services.draft_save(actor=actor, case=case, body="Dear Ms Okafor, thank you.")
    case.refresh_from_db()
    services.draft_submit(actor=actor, draft=case.drafts.get())
    services.draft_review(actor=actor, draft=case.drafts.get(), approve=True)
    case.refresh_from_db()
    case = services.response_record(
        actor=actor, case=case, sent_on=case.received_on + timedelta(days=3), method="letter"
    )
    case = services.case_move(actor=actor, case=case, to_status=Status.CLOSED)
    Case.objects.filter(pk=case.pk).update(
        closed_at=timezone.make_aware(timezone.datetime.combine(on, timezone.datetime.min.time()))
    )
    return Case.objects.get(pk=case.pk)


def test_subject_access_export_has_a_pdf_summary_and_the_documents_and_is_audited(
    client, head, member_a, member_b, log_case, correspondent
):
    first = log_case(
        member=member_a,
        correspondent=correspondent,
        subject="Damp in my flat",
        body="My flat has black mould.",
        files=[SimpleUploadedFile("photo.pdf", PDF)],
    )
    log_case(member=member_b, correspondent=correspondent, subject="Noise", sensitivity="confidential")
    log_case(member=member_a, subject="Someone else's case")
    client.force_login(head)
    response = client.post(reverse("casework:subject-access", args=[correspondent.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert "summary.pdf" in names
    assert archive.read("summary.pdf").startswith(b"%PDF")
    folder = first.reference.replace("/", "-")
    assert archive.read(f"{folder}/documents/{first.attachments.get().pk}-photo.pdf") == PDF
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(archive.read("summary.pdf"))).pages)
    assert "Margaret Okafor" in text and "Damp in my flat" in text and "Noise" in text
    assert "Someone else" not in text
    assert AccessLog.objects.filter(user=head, object_id=str(correspondent.pk), action="subject access export").exists()
    entry = LogEntry.objects.get(object_pk=str(correspondent.pk), action=LogEntry.Action.ACCESS)
    assert entry.actor == head


def test_only_the_head_of_office_may_export_everything(client, officer_a, member_a, log_case, correspondent):
    log_case(member=member_a, correspondent=correspondent)
    client.force_login(officer_a)
    assert client.post(reverse("casework:subject-access", args=[correspondent.pk])).status_code == 403
    assert not AccessLog.objects.exists()


def test_retention_anonymises_old_closed_cases_keeping_statistics_and_an_audit_entry(
    head, member_a, log_case, correspondent, private_media
):
    old = log_case(
        member=member_a,
        correspondent=correspondent,
        received=date(2018, 3, 1),
        subject="Damp in my flat",
        body="Black mould",
        files=[SimpleUploadedFile("photo.pdf", PDF)],
    )
    stored = old.attachments.get().file.path
    old = _close(old, head, on=date(2018, 3, 20))  # resident correspondence: kept 6 years
    recent = _close(log_case(member=member_a, received=date(2025, 3, 3), subject="Recent"), head, on=date(2025, 3, 20))
    still_open = log_case(member=member_a, received=date(2018, 3, 1), subject="Never closed")

    assert list(selectors.retention_due(today=date(2026, 6, 1))) == [old]
    count = services.cases_apply_retention(actor=None, today=date(2026, 6, 1))
    assert count == 1

    old.refresh_from_db()
    correspondent.refresh_from_db()
    # personal data gone
    assert old.subject == ANONYMISED and old.body == "" and old.summary == ""
    assert correspondent.name == ANONYMISED and correspondent.email == "" and correspondent.phone == ""
    assert not old.attachments.exists()
    assert not os.path.exists(stored)
    assert set(old.drafts.values_list("body", flat=True)) == {ANONYMISED}
    assert not CaseEvent.objects.filter(case=old, text__icontains="Okafor").exists()
    # statistics stay
    assert (old.case_type.code, old.member, old.status, old.reference) == (
        "resident",
        member_a,
        Status.CLOSED,
        old.reference,
    )
    assert old.response_due and old.response_sent_on and old.received_at
    # the audit trail records the anonymisation and no longer holds the old values
    entry = LogEntry.objects.filter(object_pk=str(old.pk), additional_data__isnull=False).latest("timestamp")
    assert "retention job" in entry.additional_data["note"]
    assert not LogEntry.objects.filter(changes_text__icontains="Black mould").exists()
    assert "Black mould" not in str(
        list(LogEntry.objects.filter(object_pk=str(old.pk)).values_list("changes", flat=True))
    )
    # the others are untouched, and a second run does nothing
    recent.refresh_from_db()
    still_open.refresh_from_db()
    assert recent.subject == "Recent" and still_open.subject == "Never closed"
    assert services.cases_apply_retention(actor=None, today=date(2026, 6, 1)) == 0


def test_the_correspondent_keeps_their_details_while_any_case_is_not_yet_due(head, member_a, log_case, correspondent):
    old = _close(
        log_case(member=member_a, correspondent=correspondent, received=date(2018, 3, 1)),
        head,
        on=date(2018, 3, 20),
    )
    log_case(member=member_a, correspondent=correspondent, received=date(2025, 3, 3))
    services.cases_apply_retention(actor=None, today=date(2026, 6, 1))
    old.refresh_from_db()
    correspondent.refresh_from_db()
    assert old.anonymised_at is not None
    assert correspondent.name == "Margaret Okafor"


def test_the_retention_and_chasing_commands_run(head, member_a, log_case, correspondent):
    out = io.StringIO()
    call_command("casework_retention", "--dry-run", stdout=out)
    assert "0 case(s) would be anonymised" in out.getvalue()
    call_command("casework_retention", stdout=out)
    assert "0 case(s) anonymised" in out.getvalue()
    case = log_case(member=member_a, received=date(2026, 1, 5))
    services.case_allocate(actor=head, case=case, officer=head)
    call_command("chase", "--at", "2026-12-04 09:00", stdout=out)  # a Friday, after the digest time
    assert "1 digest(s)" in out.getvalue()
    from mayoral_office.models import Notification

    chase = Notification.objects.get(kind="chase.digest")
    assert case.reference in chase.body and chase.to == [head.email]


def test_a_correspondent_page_lists_all_their_cases(client, head, member_a, member_b, log_case, correspondent):
    cases = [log_case(member=m, correspondent=correspondent) for m in (member_a, member_b)]
    client.force_login(head)
    body = client.get(reverse("casework:correspondent", args=[correspondent.pk])).content.decode()
    for case in cases:
        assert case.reference in body
    assert Correspondent.objects.count() == 1


def test_new_correspondence_from_a_known_correspondent_keeps_one_record(client, officer_a, member_a, log_case):
    person = CorrespondentFactory(name="Winston Clarke")
    first = log_case(member=member_a, actor=officer_a, correspondent=person)
    client.force_login(officer_a)
    page = client.get(reverse("casework:correspondent", args=[person.pk])).content.decode()
    assert f"?correspondent={person.pk}" in page
    form_page = client.get(reverse("casework:create"), {"correspondent": person.pk}).content.decode()
    assert "Winston Clarke" in form_page and 'name="name"' not in form_page
    today = timezone.localdate()
    response = client.post(
        reverse("casework:create"),
        {
            "correspondent": person.pk,
            "case_type": first.case_type_id,
            "channel": "email",
            "received_date_0": today.day,
            "received_date_1": today.month,
            "received_date_2": today.year,
            "member": member_a.pk,
            "subject": "Follow-up",
            "sensitivity": "standard",
            "priority": "normal",
        },
    )
    assert response.status_code == 302
    assert person.cases.count() == 2
    assert Correspondent.objects.count() == 1


def test_a_correspondent_the_officer_cannot_see_cannot_be_reused(client, officer_b, member_a, log_case):
    person = CorrespondentFactory()
    log_case(member=member_a, correspondent=person)
    client.force_login(officer_b)
    assert client.get(reverse("casework:create"), {"correspondent": person.pk}).status_code == 404
    assert client.get(reverse("casework:create"), {"correspondent": "junk"}).status_code == 404


def test_subject_access_includes_records_with_the_same_email(client, head, member_a, log_case, correspondent):
    log_case(member=member_a, correspondent=correspondent, subject="First letter")
    other_record = CorrespondentFactory(name="M. Okafor", email="MARGARET@example.org")
    log_case(member=member_a, correspondent=other_record, subject="Second letter")
    client.force_login(head)
    response = client.post(reverse("casework:subject-access", args=[correspondent.pk]))
    from pypdf import PdfReader

    archive = zipfile.ZipFile(io.BytesIO(response.content))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(archive.read("summary.pdf"))).pages)
    assert "First letter" in text and "Second letter" in text


def test_retention_removes_the_case_from_the_access_log_and_the_outbox(head, member_a, member_a_user, log_case):
    from mayoral_office.audit import log_access
    from mayoral_office.models import Notification

    person = CorrespondentFactory(name="Margaret Okafor", email="margaret@example.org")
    old = log_case(member=member_a, correspondent=person, received=date(2018, 3, 1), subject="Damp at 4 Elm Road")
    log_access(user=head, objs=[old])  # "MO/2018/00001: Damp at 4 Elm Road"
    log_access(user=head, objs=[person], action="subject access export")  # "Margaret Okafor"
    old = _close(old, head, on=date(2018, 3, 20))  # queues "Response for your approval: <reference>" to the member
    other = log_case(member=member_a, received=date(2025, 3, 3), subject="Noise from the pub")
    log_access(user=head, objs=[other])
    other_email = Notification.objects.create(
        to=["x@example.org"], subject=f"About {other.reference}", body="Noise from the pub", kind="casework.test"
    )
    about_old = Notification.objects.filter(Q(subject__contains=old.reference) | Q(body__contains=old.reference))
    assert about_old.exists()
    assert AccessLog.objects.filter(object_repr__contains="Elm Road").exists()

    assert services.cases_apply_retention(actor=None, today=date(2026, 6, 1)) == 1

    assert not AccessLog.objects.filter(object_repr__contains="Elm Road").exists()
    assert not AccessLog.objects.filter(object_repr__contains="Okafor").exists()
    assert AccessLog.objects.filter(object_id=str(old.pk), object_repr=old.reference).exists()
    for field in ("subject", "body", "html_body"):
        for text in ("Elm Road", "Okafor"):
            assert not Notification.objects.filter(**{f"{field}__contains": text}).exists()
    assert about_old.count() == 0 and Notification.objects.filter(subject="Removed by the retention job").exists()
    # another case's entries are untouched
    other_email.refresh_from_db()
    assert other_email.body == "Noise from the pub"
    assert AccessLog.objects.filter(object_repr=str(other)).exists()
