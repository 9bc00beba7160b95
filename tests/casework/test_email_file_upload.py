"""Logging a case from an email file an officer saved (.eml, or Outlook's .msg) on casework:create-from-email, and
the parsing it shares with the mailbox poll (casework/email_intake.py). tests/casework/fixtures/sample.msg is built
from the MS-OXMSG specification by make_sample_msg.js beside it (no Outlook here; extract-msg only reads)."""

from __future__ import annotations

import contextlib
from email.message import EmailMessage
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casework.email_intake import UnreadableEmail, html_to_text, parse_bytes, parse_upload
from casework.models import Attachment, Case, Channel, Correspondent, Status
from tests.casework.factories import CorrespondentFactory, case_type
from tests.casework.test_email_intake import PDF, message
from tests.conftest import london

pytestmark = pytest.mark.django_db
SAMPLE_MSG = Path(__file__).parent / "fixtures" / "sample.msg"
URL = reverse("casework:create-from-email")


@pytest.fixture
def post(client, officer_a, member_a):
    client.force_login(officer_a)

    def send(name: str, data: bytes, **fields):
        form = {"case_type": case_type("resident").pk, "member": member_a.pk, "sensitivity": "standard", **fields}
        return client.post(URL, {**form, "email_file": SimpleUploadedFile(name, data)})

    return send


def test_the_new_case_page_links_to_the_email_file_page(client, officer_a):
    client.force_login(officer_a)
    page = client.get(reverse("casework:create")).content.decode()
    assert f'href="{URL}"' in page
    assert "Log a case from an email file" in client.get(URL).content.decode()


def test_an_eml_file_is_logged_with_its_sender_subject_text_date_and_attachment(post, log_case, member_a):
    known = CorrespondentFactory(name="Jo Resident", email="jo.resident@example.org")
    log_case(member=member_a, correspondent=known)  # the officer sees Jo through this case
    response = post("pothole.eml", message())
    case = Case.objects.exclude(correspondent=known, subject="Damp in my flat").get()
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    assert (case.status, case.channel, case.member) == (Status.RECEIVED, Channel.EMAIL, member_a)
    assert case.correspondent == known
    assert case.subject == "Potholes on Mile End Road"
    assert "potholes outside number 12" in case.body
    assert case.received_at == london("2026-12-01 15:30")
    attachment = Attachment.objects.get(case=case)
    assert (attachment.original_name, attachment.file.read()) == ("photo-report.pdf", PDF)


def test_an_outlook_msg_file_is_logged_the_same_way(post, member_a):
    response = post("street-lighting.msg", SAMPLE_MSG.read_bytes())
    case = Case.objects.get()
    assert response.status_code == 302
    assert case.subject == "Street lighting on Roman Road"
    assert "Three street lights on Roman Road" in case.body
    assert case.received_at == london("2026-11-30 14:05")
    assert (case.correspondent.name, case.correspondent.email) == ("Priya Shah", "priya.shah@example.org")
    attachment = Attachment.objects.get(case=case)
    assert (attachment.original_name, attachment.content_type, attachment.file.read()) == (
        "lighting-photos.pdf",
        "application/pdf",
        PDF,
    )


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("letter.txt", b"Dear Mayor", "The file must be an email saved as .eml, or an Outlook message saved as .msg"),
        ("letter.pdf", PDF, "The file must be an email saved as .eml, or an Outlook message saved as .msg"),
        ("garbage.eml", b"\x00\x01\x02 not an email at all", "This file is not an email"),
        ("fake.msg", b"From: a@example.org\r\n\r\nhello", "This is not an Outlook .msg file"),
        ("broken.msg", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "This Outlook file cannot be read"),
        ("empty.eml", b"", "The chosen file is empty"),
    ],
)
def test_a_wrong_or_unreadable_file_gets_a_clear_error_and_nothing_is_saved(post, name, data, error):
    response = post(name, data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert Case.objects.count() == 0 and Correspondent.objects.count() == 0


def test_an_automatic_reply_is_refused_with_the_reason(post):
    response = post("ooo.eml", message(subject="Out of Office: back on Monday"))
    assert "This email is an automatic reply. It was not logged as a case" in response.content.decode()
    assert Case.objects.count() == 0


def test_missing_choices_are_asked_for(post):
    response = post("pothole.eml", message(), case_type="", member="")
    page = response.content.decode()
    assert "Choose the type of case" in page and "Choose the member it is addressed to" in page
    assert Case.objects.count() == 0


def test_a_member_the_officer_does_not_support_is_not_a_valid_choice(post, member_b):
    response = post("pothole.eml", message(), member=member_b.pk)
    assert "Choose a member" in response.content.decode()
    assert Case.objects.count() == 0


# --- parsing ------------------------------------------------------------------------------------------------------
def test_an_html_only_message_becomes_readable_text_without_its_scripts():
    msg = EmailMessage()
    msg["From"] = "a@example.org"
    msg["Subject"] = "Bins"
    msg.set_content(
        "<html><head><style>p{color:red}</style></head><body><p>Bins &amp; recycling</p><script>alert(1)</script>"
        "<p>not collected<br>since May</p></body></html>",
        subtype="html",
    )
    assert parse_bytes(msg.as_bytes()).body == "Bins & recycling\nnot collected\nsince May"
    assert html_to_text("<img src=x onerror=alert(1)>Hello") == "Hello"


@pytest.mark.parametrize(
    ("headers", "subject", "auto"),
    [
        ({"Auto-Submitted": "auto-replied"}, "Re: bins", True),
        ({"Auto-Submitted": "no"}, "Re: bins", False),
        ({"X-Autoreply": "yes"}, "Re: bins", True),
        ({"X-Autorespond": "1"}, "Re: bins", True),
        ({"Precedence": "bulk"}, "Save our library", False),  # a campaign email is still correspondence
        ({"Precedence": "junk"}, "Newsletter", True),
        ({}, "Automatic reply: Re: bins", True),
        ({}, "Out of Office: back Monday", True),
        ({}, "Out of date bins policy", False),
    ],
)
def test_automatic_replies_are_recognised(headers, subject, auto):
    assert parse_bytes(message(headers=headers, subject=subject)).auto_reply is auto


def test_bounces_are_recognised():
    report = (
        b"From: mx.example.org <delivery@mx.example.org>\r\nSubject: Delivery report\r\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
        b"--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\n--b--\r\n"
    )
    assert parse_bytes(report).bounce
    assert parse_bytes(message(headers={"Return-Path": "<>"})).bounce
    assert parse_bytes(message(sender="postmaster@example.org")).bounce
    assert not parse_bytes(message()).bounce


def test_parse_upload_refuses_other_extensions():
    with pytest.raises(UnreadableEmail):
        parse_upload("notes.docx", b"PK\x03\x04")


def test_a_damaged_file_is_unreadable_never_an_error_page():
    """Bytes of the sample .msg changed at random (seeded), and odd .eml headers: each is read or refused with
    UnreadableEmail (a message on the form), never another exception (a 500)."""
    import random

    rng, sample = random.Random(11), SAMPLE_MSG.read_bytes()
    damaged = [
        b'From: "unterminated\r\nTo: ,,,,\r\nMessage-ID: <<>>\r\nDate: 99 Foo 20x\r\n\r\n',
        b"Subject: =?utf-8?q?broken\r\nContent-Type: multipart/mixed; boundary=\r\n\r\n--\r\n",
        b"Content-Transfer-Encoding: base64\r\nSubject: a\r\nContent-Type: text/html; charset=nonesuch\r\n\r\n!!",
    ]
    for _ in range(60):
        data = bytearray(sample)
        for _ in range(20):
            data[rng.randrange(len(data))] = rng.randrange(256)
        damaged.append(bytes(data))
    for data in damaged:
        for name in ("file.eml", "file.msg"):
            with contextlib.suppress(UnreadableEmail):
                parse_upload(name, data)
