"""Issue 9: an approved response is emailed from the case, from the office's address, with the signed letter as a
PDF, through the outbox; the timeline records it and the case shows whether the email was sent, failed or bounced.
Sent through Django's real SMTP backend to a local SMTP server (tests/smtp_server.py)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from casework import services
from casework.models import Case, CaseEvent, Status
from mayoral_office.errors import ServiceError
from mayoral_office.models import Notification
from tests.casework.factories import CorrespondentFactory
from tests.smtp_server import local_smtp_server, use_smtp

pytestmark = pytest.mark.django_db
OFFICE = "mayors.office@eastbridge.gov.uk"
BODY = "Dear Mrs Okafor,\n\nThe repair to your roof is booked for 9 December.\n\nYours sincerely,"


@pytest.fixture
def smtp(settings):
    settings.OFFICE_EMAIL = OFFICE
    settings.DEFAULT_FROM_EMAIL = "no-reply@eastbridge.gov.uk"
    with local_smtp_server() as (port, state):
        use_smtp(settings, port)
        yield state


@pytest.fixture
def approved(log_case, officer_a, member_a, member_a_user):
    def make(email="margaret.okafor@example.org"):
        correspondent = CorrespondentFactory(name="Margaret Okafor", email=email)
        case = log_case(member=member_a, correspondent=correspondent, officer=officer_a, subject="Leaking roof")
        services.draft_save(actor=officer_a, case=case, body=BODY)
        services.draft_submit(actor=officer_a, draft=Case.objects.get(pk=case.pk).latest_draft)
        services.draft_review(actor=member_a_user, draft=Case.objects.get(pk=case.pk).latest_draft, approve=True)
        case = Case.objects.get(pk=case.pk)
        assert case.status == Status.APPROVED
        return case

    return make


def _send(client, case, capture):
    with capture(execute=True):  # the outbox sends after the transaction commits
        return client.post(reverse("casework:response-email", args=[case.pk]), {"version": case.version}, follow=True)


def test_the_approved_response_is_emailed_with_the_signed_letter_attached(
    client, smtp, approved, officer_a, clock, django_capture_on_commit_callbacks
):
    case = approved()
    client.force_login(officer_a)
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'data-action="draft.send_email"' in page and "Send by email" in page

    response = _send(client, case, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "on its way to margaret.okafor@example.org" in response.content.decode()

    (received,) = smtp.messages
    assert received.mail_from == OFFICE and received.recipients == ["margaret.okafor@example.org"]
    message = received.message
    assert message["From"] == OFFICE and message["To"] == "margaret.okafor@example.org"
    assert case.reference in message["Subject"]
    assert "Please find attached a letter from Cllr Alice Able" in message.get_body(("plain",)).get_content()
    (attachment,) = list(message.iter_attachments())
    filename = f"{case.reference.replace('/', '-')}-response.pdf"
    assert attachment.get_filename() == filename and attachment.get_content_type() == "application/pdf"
    pdf = attachment.get_content()
    assert pdf[:4] == b"%PDF"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "The repair to your roof is booked for 9 December." in text
    assert "DRAFT" not in text  # the signed, final letter

    case = Case.objects.get(pk=case.pk)
    assert case.status == Status.RESPONSE_SENT and case.response_method == "email"
    assert case.response_sent_on == clock.today
    email_event = case.events.get(kind=CaseEvent.Kind.EMAIL)
    assert email_event.text.startswith("Emailed to margaret.okafor@example.org") and email_event.actor == officer_a
    assert case.events.filter(kind=CaseEvent.Kind.STAGE, to_status=Status.RESPONSE_SENT, text__contains="email")

    page = client.get(case.get_absolute_url()).content.decode()
    assert "Emailed to margaret.okafor@example.org" in page  # the timeline
    assert 'data-outbox-status="sent"' in page and ">Sent</strong>" in page
    assert 'data-action="draft.send_email"' not in page  # sent once


def test_an_smtp_failure_shows_on_the_case(client, smtp, approved, officer_a, django_capture_on_commit_callbacks):
    smtp.refuse["margaret.okafor@example.org"] = "Mailbox unavailable"
    case = approved()
    client.force_login(officer_a)
    _send(client, case, django_capture_on_commit_callbacks)
    assert smtp.messages == []
    notification = Notification.objects.get(kind="casework.dispatch")
    assert notification.status == Notification.Status.FAILED

    page = client.get(case.get_absolute_url()).content.decode()
    assert 'data-outbox-status="failed"' in page and "Not sent" in page
    assert "550 5.1.1 Mailbox unavailable" in page
    assert "The outbox will try again (1 attempt so far)." in page
    assert "Margaret Okafor may not have the response" in page


def test_a_bounce_reported_later_shows_on_the_case(
    client, smtp, approved, officer_a, django_capture_on_commit_callbacks
):
    case = approved()
    client.force_login(officer_a)
    _send(client, case, django_capture_on_commit_callbacks)
    call_command("outbox_bounced", "--to", "margaret.okafor@example.org", "--reason", "550 5.1.1 User unknown")
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'data-outbox-status="bounced"' in page and "Bounced" in page and "550 5.1.1 User unknown" in page
    assert "Margaret Okafor may not have the response" in page


def test_a_queued_email_shows_as_queued(client, approved, officer_a):
    case = approved()
    services.response_email(actor=officer_a, case=case)  # not committed here: the send has not run
    client.force_login(officer_a)
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'data-outbox-status="pending"' in page and "Queued" in page


def test_no_email_address_means_no_button_and_the_service_says_why(client, approved, officer_a, mailoutbox):
    case = approved(email="")
    client.force_login(officer_a)
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'data-action="draft.send_email"' not in page
    assert 'data-action="case.record_response"' in page  # post stays a recorded method
    with pytest.raises(ServiceError, match="There is no email address for Margaret Okafor"):
        services.response_email(actor=officer_a, case=case)
    response = client.post(reverse("casework:response-email", args=[case.pk]), {"version": case.version}, follow=True)
    assert "There is no email address for Margaret Okafor" in response.content.decode()
    assert not Notification.objects.filter(kind="casework.dispatch").exists()
    assert Case.objects.get(pk=case.pk).status == Status.APPROVED


def test_a_draft_not_yet_approved_cannot_be_emailed(client, log_case, officer_a, member_a):
    case = log_case(member=member_a, officer=officer_a)
    services.draft_save(actor=officer_a, case=case, body=BODY)
    with pytest.raises(ServiceError, match="must approve the response before it is sent"):
        services.response_email(actor=officer_a, case=Case.objects.get(pk=case.pk))
    assert not Notification.objects.filter(kind="casework.dispatch").exists()


@pytest.mark.parametrize("persona", ["member_a_user", "intern"])
def test_only_the_office_sends_the_response(client, request, persona, approved):
    case = approved()
    client.force_login(request.getfixturevalue(persona))
    assert client.post(reverse("casework:response-email", args=[case.pk]), {"version": case.version}).status_code == 403
    assert not Notification.objects.filter(kind="casework.dispatch").exists()


def test_a_stale_page_sends_nothing(client, approved, officer_a):
    case = approved()
    client.force_login(officer_a)
    response = client.post(reverse("casework:response-email", args=[case.pk]), {"version": 1}, follow=True)
    assert "Someone else changed this case" in response.content.decode()
    assert not Notification.objects.filter(kind="casework.dispatch").exists()


def test_retention_removes_the_emailed_letter_and_the_address_from_the_outbox(approved, officer_a, head):
    from datetime import timedelta

    from django.utils import timezone

    case = approved()
    services.response_email(actor=officer_a, case=case)
    services.case_move(actor=officer_a, case=Case.objects.get(pk=case.pk), to_status=Status.CLOSED)
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - timedelta(days=7 * 366))
    assert services.cases_apply_retention(actor=head) == 1
    notification = Notification.objects.get(kind="casework.dispatch")
    assert notification.attachments == [] and notification.to == ["[anonymised]"]
    assert case.reference not in notification.subject and "Okafor" not in notification.body
