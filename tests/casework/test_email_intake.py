"""Email intake from the casework mailboxes, polled over IMAP against a real Dovecot on loopback (tests/imap_server.py;
skipped without the dovecot binary unless REQUIRE_IMAP=1, as .ci/run sets)."""

from __future__ import annotations

from email.message import EmailMessage
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from casework import mail_poll, services
from casework.models import Attachment, Case, CaseEvent, Channel, Correspondent, IntakeMessage, Mailbox, Status
from tests.casework.factories import CorrespondentFactory, case_type
from tests.conftest import london
from tests.imap_server import PASSWORD, dovecot_server

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def message(
    *,
    sender="Jo Resident <jo.resident@example.org>",
    subject="Potholes on Mile End Road",
    body="Dear Mayor,\n\nThe potholes outside number 12 are getting worse.\n\nJo",
    date="Tue, 01 Dec 2026 15:30:00 +0000",
    message_id="<pothole-1@example.org>",
    headers=None,
    attachments=(("photo-report.pdf", "application", "pdf", PDF),),
) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "mayor@council.example.gov.uk"
    msg["Subject"] = subject
    if date:
        msg["Date"] = date
    if message_id:
        msg["Message-ID"] = message_id
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(body)
    for filename, maintype, subtype, data in attachments:
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return msg.as_bytes()


@pytest.fixture
def imap():
    with dovecot_server() as server:
        yield server


def mailbox_for(server, member, *, user="mayor", name="The Mayor's inbox", **fields) -> Mailbox:
    return Mailbox.objects.create(
        name=name,
        member=member,
        case_type=case_type("resident"),
        host=server.host if server else "127.0.0.1",
        port=server.port if server else 1,
        use_ssl=False,
        username=user,
        password=PASSWORD,
        **fields,
    )


def poll() -> str:
    out = StringIO()
    call_command("poll_mailboxes", stdout=out)
    return out.getvalue()


def test_a_message_with_a_pdf_becomes_exactly_one_case_even_when_polled_twice(imap, member_a):
    known = CorrespondentFactory(name="Jo Resident", email="JO.RESIDENT@example.org")
    CorrespondentFactory(name="Someone Else", email="someone@example.org")
    mailbox = mailbox_for(imap, member_a)
    imap.deliver("mayor", message())

    first = poll()
    assert "The Mayor's inbox: 1 case(s) logged" in first

    case = Case.objects.get()
    assert case.status == Status.RECEIVED
    assert case.channel == Channel.EMAIL
    assert case.member == member_a
    assert case.case_type == mailbox.case_type
    assert case.correspondent == known  # matched by address, capitals ignored; no new correspondent
    assert Correspondent.objects.count() == 2
    assert case.subject == "Potholes on Mile End Road"
    assert "potholes outside number 12" in case.body
    assert case.received_at == london("2026-12-01 15:30")
    assert case.reference in first
    attachment = Attachment.objects.get(case=case)
    assert attachment.original_name == "photo-report.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.file.read() == PDF
    assert b"\\Seen" in imap.flags("mayor")[0]  # marked read once taken

    assert "0 case(s) logged" in poll()  # the next poll starts after the last UID taken
    Mailbox.objects.filter(pk=mailbox.pk).update(last_uid=0, uid_validity=None)  # as if the server renumbered
    again = poll()
    assert "already taken" in again
    assert Case.objects.count() == 1
    assert Attachment.objects.count() == 1
    record = IntakeMessage.objects.get()
    assert (record.case, record.outcome, record.message_key) == (case, "case", "pothole-1@example.org")


def test_a_new_sender_becomes_a_new_correspondent(imap, member_a):
    mailbox_for(imap, member_a)
    imap.deliver("mayor", message(sender='"Sam Newcomer" <sam@example.net>', attachments=()))
    poll()
    case = Case.objects.get()
    assert (case.correspondent.name, case.correspondent.email) == ("Sam Newcomer", "sam@example.net")


def test_auto_replies_and_bounces_are_recorded_but_not_logged_as_cases(imap, member_a):
    mailbox_for(imap, member_a)
    imap.deliver("mayor", message(subject="Automatic reply: your letter", message_id="<ooo@example.org>"))
    imap.deliver(
        "mayor",
        message(subject="Thanks", message_id="<auto@example.org>", headers={"Auto-Submitted": "auto-replied"}),
    )
    bounce = message(
        sender="Mail Delivery System <MAILER-DAEMON@mx.example.org>",
        subject="Undelivered Mail Returned to Sender",
        message_id="<bounce@mx.example.org>",
        attachments=(),
    )
    imap.deliver("mayor", bounce)
    out = poll()
    assert Case.objects.count() == 0
    outcomes = sorted(IntakeMessage.objects.values_list("outcome", flat=True))
    assert outcomes == ["auto_reply", "auto_reply", "bounce"]
    assert "0 case(s) logged, 2 automatic reply (not logged), 1 bounce (not logged)" in out


def test_a_message_without_a_message_id_is_not_taken_twice(imap, member_a):
    mailbox = mailbox_for(imap, member_a)
    raw = message(message_id=None)
    imap.deliver("mayor", raw)
    poll()
    Mailbox.objects.filter(pk=mailbox.pk).update(last_uid=0, uid_validity=None)
    poll()
    assert Case.objects.count() == 1
    assert IntakeMessage.objects.get().message_key.startswith("sha256:")
    # and directly through the service, as an overlapping poll would
    assert services.email_take(actor=None, mailbox=mailbox, raw=raw) is None
    assert Case.objects.count() == 1


def test_an_unreachable_mailbox_is_reported_and_the_others_are_still_polled(imap, member_a, member_b):
    broken = mailbox_for(None, member_b, name="Cabinet Member's inbox (broken)")  # port 1: nothing listens
    mailbox_for(imap, member_a)
    imap.deliver("mayor", message())
    out = StringIO()
    with pytest.raises(CommandError, match="1 mailbox\\(es\\) could not be polled: Cabinet Member's inbox"):
        call_command("poll_mailboxes", stdout=out)
    assert "Cabinet Member's inbox (broken): not polled: the connection was refused" in out.getvalue()
    assert "The Mayor's inbox: 1 case(s) logged" in out.getvalue()
    assert Case.objects.get().member == member_a
    broken.refresh_from_db()
    assert "refused" in broken.last_error and broken.last_polled_at is not None


def test_a_wrong_password_is_reported_not_raised(imap, member_a):
    mailbox = mailbox_for(imap, member_a)
    Mailbox.objects.filter(pk=mailbox.pk).update(password="wrong")
    [result] = mail_poll.poll_all()
    assert result.error.startswith("the server refused the request")
    assert Case.objects.count() == 0


def test_a_refused_attachment_is_named_on_the_timeline_and_the_message_still_logged(imap, member_a):
    mailbox_for(imap, member_a)
    attachments = (("report.pdf", "application", "pdf", PDF), ("run-me.exe", "application", "octet-stream", b"MZ"))
    imap.deliver("mayor", message(attachments=attachments))
    poll()
    case = Case.objects.get()
    assert list(case.attachments.values_list("original_name", flat=True)) == ["report.pdf"]
    notes = case.events.filter(kind=CaseEvent.Kind.DOCUMENT).values_list("text", flat=True)
    assert any(text.startswith("Attachment not kept: run-me.exe must be a PDF") for text in notes)


def test_the_beat_task_polls_every_active_mailbox_and_the_schedule_is_seeded(imap, member_a):
    from django_celery_beat.models import PeriodicTask

    from casework import tasks

    mailbox_for(imap, member_a)
    mailbox_for(imap, member_a, user="cabinet", name="Paused", is_active=False)
    imap.deliver("mayor", message())
    imap.deliver("cabinet", message(message_id="<other@example.org>"))
    lines = tasks.poll_mailboxes.delay().get()
    assert lines == [f"The Mayor's inbox: 1 case(s) logged ({Case.objects.get().reference})"]
    assert PeriodicTask.objects.get(name="casework-poll-mailboxes").task == "casework.tasks.poll_mailboxes"


def test_a_case_type_no_longer_in_use_refuses_the_message_with_the_reason(imap, member_a):
    mailbox = mailbox_for(imap, member_a)
    mailbox.case_type.is_active = False
    mailbox.case_type.save()
    imap.deliver("mayor", message())
    poll()
    record = IntakeMessage.objects.get()
    assert (record.outcome, record.case) == ("refused", None)
    assert "no longer in use" in record.reason
    assert Case.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_polls_at_the_same_time_take_a_message_once(seeded_after_flush, member_a):
    """Two transactions insert the same (mailbox, key) at once: the unique constraint makes the second wait for the
    first and skip the message. PostgreSQL only (SQLite's in-memory test database has one writer at a time)."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent transactions: runs on CI's PostgreSQL pass")
    mailbox = mailbox_for(None, member_a)
    raw, results, barrier = message(), [], threading.Barrier(2)

    def take():
        try:
            barrier.wait(timeout=10)
            results.append(services.email_take(actor=None, mailbox=mailbox, raw=raw))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(r is None for r in results) == [False, True]
    assert Case.objects.count() == 1 and IntakeMessage.objects.count() == 1


def test_the_head_of_office_configures_a_mailbox_and_its_password_is_kept_when_left_empty(client, head, member_a):
    client.force_login(head)
    assert client.get(reverse("admin:casework_mailbox_add")).status_code == 200
    form = {
        "name": "The Mayor's inbox",
        "member": member_a.pk,
        "case_type": case_type("resident").pk,
        "is_active": "on",
        "host": "imap.example.gov.uk",
        "port": "993",
        "use_ssl": "on",
        "username": "mayor",
        "password": "",
        "folder": "INBOX",
    }
    refused = client.post(reverse("admin:casework_mailbox_add"), form)
    assert refused.status_code == 200 and "Enter the mailbox&#x27;s password" in refused.content.decode()
    client.post(reverse("admin:casework_mailbox_add"), {**form, "password": "s3cret"})
    mailbox = Mailbox.objects.get()
    change = client.get(reverse("admin:casework_mailbox_change", args=[mailbox.pk])).content.decode()
    assert 'name="password"' in change and "s3cret" not in change  # never shown again
    client.post(reverse("admin:casework_mailbox_change", args=[mailbox.pk]), {**form, "folder": "Casework"})
    mailbox.refresh_from_db()
    assert (mailbox.folder, mailbox.password) == ("Casework", "s3cret")
    assert client.get(reverse("admin:casework_intakemessage_changelist")).status_code == 200


def test_nul_characters_a_broken_mailer_sends_are_left_out():
    from casework.email_intake import parse_bytes

    raw = (
        b"From: Ann\x00 Lee <ann@example.org>\r\nSubject: Bin\x00s\r\nDate: Thu, 3 Dec 2026 10:00:00 +0000\r\n"
        b"Message-ID: <a\x00b@example.org>\r\n\r\nNot col\x00lected\r\n"
    )
    parsed = parse_bytes(raw)
    assert (parsed.sender_name, parsed.subject, parsed.body, parsed.message_id) == (
        "Ann Lee", "Bins", "Not collected", "ab@example.org"
    )  # fmt: skip
