"""The outbox carries binary attachments and the sender's address, is sent through a real SMTP conversation (a local
server), records a refusal in words, can be marked bounced (a service with its audit entry: the configuration site
and a management command), and says which record an email was about. The registry's personal-data hook."""

from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.contrib.admin.sites import site
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from mayoral_office import mailer, outbox, registry
from mayoral_office.errors import PermissionDenied, ServiceError
from mayoral_office.models import Notification, Ward
from tests.smtp_server import local_smtp_server, use_smtp

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n\x00\xff binary \r\n.\r\n..\n%%EOF\n"  # bytes that are not text, and a line SMTP must dot-stuff


@pytest.fixture
def smtp(settings):
    with local_smtp_server() as (port, state):
        use_smtp(settings, port)
        yield state


def _queue(**extra):
    return outbox.queue_email(
        to=["resident@example.org"],
        subject="Your letter",
        body="Please find the letter attached.",
        attachments=[{"filename": "letter.pdf", "content": PDF, "mimetype": "application/pdf"}],
        **extra,
    )


def test_a_binary_attachment_and_the_sender_travel_through_smtp(smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = _queue(from_email="mayors.office@example.gov.uk", kind="test.letter")
    stored = Notification.objects.get(pk=notification.pk)
    assert stored.status == Notification.Status.SENT and stored.attempts == 1
    assert stored.attachments[0]["encoding"] == "base64"  # JSON holds text; the PDF is encoded
    (received,) = smtp.messages
    assert received.mail_from == "mayors.office@example.gov.uk"
    assert received.recipients == ["resident@example.org"]
    message = received.message
    assert message["From"] == "mayors.office@example.gov.uk"
    (part,) = list(message.iter_attachments())
    assert part.get_filename() == "letter.pdf" and part.get_content_type() == "application/pdf"
    assert part.get_content() == PDF


def test_text_attachments_are_sent_as_before(smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.queue_email(
            to=["a@example.org"],
            subject="Invitation",
            body="See the invitation.",
            attachments=[{"filename": "invite.ics", "content": "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"}],
        )
    (part,) = list(smtp.messages[0].message.iter_attachments())
    assert part.get_filename() == "invite.ics" and b"BEGIN:VCALENDAR" in part.get_content()


def test_a_refused_address_is_recorded_in_words_and_retried(smtp, django_capture_on_commit_callbacks):
    smtp.refuse["resident@example.org"] = "Mailbox unavailable"
    with django_capture_on_commit_callbacks(execute=True):
        notification = _queue()
    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED
    assert "refused the address" in notification.last_error
    assert "550 5.1.1 Mailbox unavailable" in notification.last_error
    assert notification.will_retry and smtp.messages == []


def test_an_unreachable_server_is_recorded(settings, django_capture_on_commit_callbacks):
    with local_smtp_server() as (port, _state):
        pass  # the port is closed again
    use_smtp(settings, port)
    with django_capture_on_commit_callbacks(execute=True):
        notification = _queue()
    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED
    assert notification.last_error.startswith("The mail server could not be reached")


def _sent(**extra):
    notification = _queue(**extra)
    Notification.objects.filter(pk=notification.pk).update(status=Notification.Status.SENT)
    return Notification.objects.get(pk=notification.pk)


def test_marking_a_sent_email_bounced_is_audited_and_it_is_never_sent_again(head, clock):
    notification = _sent()
    outbox.notification_mark_bounced(actor=head, notification=notification, reason="550 No such user")
    notification.refresh_from_db()
    assert notification.status == Notification.Status.BOUNCED and notification.bounce_reason == "550 No such user"
    assert abs((notification.bounced_at - clock.now()).total_seconds()) < 60
    entry = LogEntry.objects.get(object_pk=str(notification.pk), content_type__model="notification")
    assert entry.actor == head and "bounced: 550 No such user" in entry.additional_data["note"]
    assert mailer.sweep() == 0 and not mailer.deliver(notification)
    assert Notification.objects.get(pk=notification.pk).status == Notification.Status.BOUNCED


def test_only_a_sent_email_can_bounce_and_only_the_office_configurers_may_say_so(head, officer_a):
    pending = _queue()
    with pytest.raises(ServiceError, match="Only a sent email can bounce"):
        outbox.notification_mark_bounced(actor=head, notification=pending, reason="550")
    with pytest.raises(ServiceError, match="Enter what the mail system said"):
        outbox.notification_mark_bounced(actor=head, notification=_sent(), reason=" ")
    with pytest.raises(PermissionDenied):
        outbox.notification_mark_bounced(actor=officer_a, notification=_sent(), reason="550")
    assert not Notification.objects.filter(status=Notification.Status.BOUNCED).exists()


def test_the_command_marks_a_bounce_by_id_or_by_address():
    first, second = _sent(), _sent()
    out = StringIO()
    call_command("outbox_bounced", str(first.pk), "--reason", "550 User unknown", stdout=out)
    assert "marked as bounced" in out.getvalue()
    call_command("outbox_bounced", "--to", "Resident@Example.org", "--reason", "552 Mailbox full", stdout=out)
    assert Notification.objects.get(pk=first.pk).status == Notification.Status.BOUNCED
    assert Notification.objects.get(pk=second.pk).bounce_reason == "552 Mailbox full"
    entry = LogEntry.objects.filter(object_pk=str(second.pk), content_type__model="notification").get()
    assert entry.actor is None  # the mail system's job: "System"
    with pytest.raises(CommandError, match="No sent email matches"):
        call_command("outbox_bounced", "--to", "nobody@example.org", "--reason", "550")
    with pytest.raises(CommandError, match="Give the outbox email's id"):
        call_command("outbox_bounced", "--reason", "550")


def test_the_configuration_site_marks_bounces_and_shows_attachments_by_name(head):
    notification = _sent()
    model_admin = site._registry[Notification]
    request = RequestFactory().post("/")
    request.user = head
    request._messages = type("M", (), {"add": lambda *a, **k: None})()
    assert "mark_bounced" in model_admin.get_actions(request)
    model_admin.mark_bounced(request, Notification.objects.filter(pk=notification.pk))
    assert Notification.objects.get(pk=notification.pk).status == Notification.Status.BOUNCED
    assert model_admin.attachment_list(notification).startswith("letter.pdf (")
    assert "attachments" not in model_admin.get_fields(request, notification)


def test_emails_about_a_record_in_one_query(django_assert_num_queries):
    ward, other = Ward.objects.create(name="Bow East"), Ward.objects.create(name="Mile End")
    about = _queue(kind="test.letter", regarding=ward)
    _queue(kind="test.other", regarding=ward)
    _queue(kind="test.letter", regarding=other)
    _queue(kind="test.letter")
    outbox.emails_about(ward)  # the content type is cached after its first use, as in a running server
    with django_assert_num_queries(1):
        assert list(outbox.emails_about(ward, kind="test.letter")) == [about]
    assert outbox.emails_about(ward).count() == 2 and outbox.emails_about([ward, other]).count() == 3
    assert list(outbox.emails_about([])) == []


def test_personal_data_providers_are_asked_about_the_person(monkeypatch):
    monkeypatch.setattr(registry, "_personal_data_providers", {})
    seen = []

    def diary_like(subject):
        seen.append(subject)
        if "margaret@example.org" not in subject.emails:
            return None
        return registry.PersonalData(
            app_label="diary",
            label="Diary",
            records=({"type": "invitation", "title": "Opening of the library"},),
            files=(("invitation-1.ics", b"BEGIN:VCALENDAR"),),
        )

    def holds_nothing(subject):
        return registry.PersonalData(app_label="empty", label="Empty")

    registry.register_personal_data_provider(diary_like)
    registry.register_personal_data_provider(diary_like)  # twice is harmless
    registry.register_personal_data_provider(holds_nothing)
    subject = registry.DataSubject(name="Margaret Okafor", emails=("margaret@example.org",), phones=("+447700900123",))
    assert subject.email == "margaret@example.org" and subject.phone == "+447700900123"
    (found,) = registry.personal_data_for(subject)
    assert found.app_label == "diary" and found.records[0]["title"] == "Opening of the library"
    assert seen == [subject]
    assert registry.personal_data_for(registry.DataSubject(name="Someone else")) == []
