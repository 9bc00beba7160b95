"""Logging a case from an email file an officer saved (.eml, or Outlook's .msg) dropped on the intake form
(casework:create), and the parsing it shares with the mailbox poll (casework/email_intake.py).
tests/casework/fixtures/sample.msg is built from the MS-OXMSG specification by make_sample_msg.js beside it (no
Outlook here; extract-msg only reads)."""

from __future__ import annotations

import contextlib
import os
import re
import time
from email.message import EmailMessage
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casework import email_files
from casework.email_intake import UnreadableEmail, html_to_text, parse_bytes, parse_upload
from casework.models import Attachment, Case, CaseEvent, Channel, Correspondent, Status
from tests.casework.factories import CorrespondentFactory, case_type
from tests.casework.test_email_intake import PDF, message
from tests.conftest import london

pytestmark = pytest.mark.django_db
SAMPLE_MSG = Path(__file__).parent / "fixtures" / "sample.msg"
URL = reverse("casework:create")


def kept_files() -> list[str]:
    try:
        return default_storage.listdir(email_files.FOLDER)[1]
    except FileNotFoundError:
        return []


def value_of(page: str, name: str) -> str:
    """The value an input of the page has (a text box's, or the checked radio's)."""
    for tag in re.findall(r"<input[^>]*>", page):
        if f'name="{name}"' in tag and ("radio" not in tag or "checked" in tag):
            found = re.search(r'value="([^"]*)"', tag)
            return found.group(1) if found else ""
    return ""


def token_on(page: str) -> str:
    return value_of(page, "email_token")


@pytest.fixture
def post(client, officer_a, member_a):
    """The intake form as an officer fills it with an email file: only what the email cannot say."""
    client.force_login(officer_a)

    def send(filename: str | None = None, data: bytes = b"", **fields):
        form = {
            "case_type": case_type("resident").pk,
            "member": member_a.pk,
            "sensitivity": "standard",
            "priority": "normal",
            "kind": "resident",
            **fields,
        }
        if filename is not None:
            form["email_file"] = SimpleUploadedFile(filename, data)
        return client.post(URL, form)

    return send


def test_the_intake_form_takes_an_email_file(client, officer_a):
    client.force_login(officer_a)
    page = client.get(URL).content.decode()
    assert 'name="email_file"' in page and "data-email-drop" in page
    assert 'name="read_email"' in page and "Read the email" in page


def test_reading_an_email_fills_in_the_form_logs_nothing_and_logging_it_keeps_its_attachment(post):
    page = post("pothole.eml", message(), read_email="1").content.decode()
    assert Case.objects.count() == 0 and Correspondent.objects.count() == 0
    filled = {name: value_of(page, name) for name in ("subject", "name", "email", "channel", "received_time")}
    assert filled == {
        "subject": "Potholes on Mile End Road",
        "name": "Jo Resident",
        "email": "jo.resident@example.org",
        "channel": "email",
        "received_time": "15:30",
    }
    assert [value_of(page, f"received_date_{part}") for part in range(3)] == ["1", "12", "2026"]
    assert "The potholes outside number 12" in page
    assert "Attachments kept with the case: photo-report.pdf" in page
    assert "govuk-error-summary" not in page  # nothing is asked for yet
    assert len(kept_files()) == 1

    # The form comes back without the file (a browser never sends it twice): the token brings it back.
    response = post(
        email_token=token_on(page),
        subject="Potholes on Mile End Road",
        name="Jo Resident",
        email="jo.resident@example.org",
        channel="email",
        received_date_0="1",
        received_date_1="12",
        received_date_2="2026",
        received_time="15:30",
        body="The potholes outside number 12 are getting worse.",
    )
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    assert (case.status, case.channel, case.subject) == (Status.RECEIVED, Channel.EMAIL, "Potholes on Mile End Road")
    assert case.received_at == london("2026-12-01 15:30")
    attachment = Attachment.objects.get(case=case)
    assert (attachment.original_name, attachment.file.read()) == ("photo-report.pdf", PDF)
    assert kept_files() == []  # logged: the kept email is forgotten


def test_an_eml_file_logged_at_once_takes_its_sender_subject_text_date_and_attachment(post, member_a):
    response = post("pothole.eml", message())
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    assert (case.status, case.channel, case.member) == (Status.RECEIVED, Channel.EMAIL, member_a)
    assert (case.correspondent.name, case.correspondent.email) == ("Jo Resident", "jo.resident@example.org")
    assert case.subject == "Potholes on Mile End Road"
    assert "potholes outside number 12" in case.body
    assert case.received_at == london("2026-12-01 15:30")
    assert Attachment.objects.get(case=case).original_name == "photo-report.pdf"


def test_a_sender_we_hold_is_matched_and_the_case_logged_for_them(post, log_case, member_a):
    """The usability issue's duplicate matching: the same address asks whether this is Jo, before a second record
    is made; chosen, the case is theirs, with the email's attachment."""
    known = CorrespondentFactory(name="Jo Resident", email="jo.resident@example.org")
    log_case(member=member_a, correspondent=known)  # the officer sees Jo through this case
    page = post("pothole.eml", message()).content.decode()
    assert "Choose whether this is someone we already know, or someone new" in page
    assert f'value="person-{known.pk}"' in page and "the same email address" in page.lower()
    assert Case.objects.count() == 1 and Correspondent.objects.count() == 1

    response = post(email_token=token_on(page), match=f"person-{known.pk}")
    case = Case.objects.exclude(subject="Damp in my flat").get()
    assert response.status_code == 302
    assert case.correspondent == known and Correspondent.objects.count() == 1
    assert case.subject == "Potholes on Mile End Road" and case.received_at == london("2026-12-01 15:30")
    assert Attachment.objects.get(case=case).original_name == "photo-report.pdf"


def test_an_email_that_follows_up_an_open_case_adds_its_attachment_there(post, log_case, member_a):
    known = CorrespondentFactory(name="Jo Resident", email="jo.resident@example.org")
    open_case = log_case(member=member_a, correspondent=known)
    response = post("pothole.eml", message(), match=f"case-{open_case.pk}")
    assert response.status_code == 302 and Case.objects.count() == 1
    assert Attachment.objects.get().case == open_case
    assert open_case.events.filter(text__startswith="Follow-up received (email): Potholes on Mile End Road").exists()


def test_what_the_officer_typed_is_kept_over_what_the_email_says(post):
    post("pothole.eml", message(), subject="Road repairs, Mile End", name="Joanna Resident")
    case = Case.objects.get()
    assert (case.subject, case.correspondent.name) == ("Road repairs, Mile End", "Joanna Resident")


def test_an_attachment_that_cannot_be_kept_is_named_on_the_timeline(post):
    email = message(
        attachments=(
            ("photo-report.pdf", "application", "pdf", PDF),
            ("run-me.exe", "application", "octet-stream", b"MZ"),
        )
    )
    page = post("two.eml", email, read_email="1").content.decode()
    assert "Not kept (the case's timeline will say so): run-me.exe must be a PDF" in page
    post("two.eml", email)
    case = Case.objects.get()
    assert [a.original_name for a in case.attachments.all()] == ["photo-report.pdf"]
    assert case.events.filter(kind=CaseEvent.Kind.DOCUMENT, text__startswith="Attachment not kept: run-me.exe").exists()


def test_an_outlook_msg_file_is_logged_the_same_way(post):
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
@pytest.mark.parametrize("read", ["1", ""])
def test_a_wrong_or_unreadable_file_gets_a_clear_error_and_nothing_is_saved(post, name, data, error, read):
    response = post(name, data, read_email=read)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert Case.objects.count() == 0 and Correspondent.objects.count() == 0


@pytest.mark.parametrize("read", ["1", ""])
def test_an_automatic_reply_is_refused_with_the_reason(post, read):
    response = post("ooo.eml", message(subject="Out of Office: back on Monday"), read_email=read)
    assert "This email is an automatic reply. It is not logged as a case" in response.content.decode()
    assert Case.objects.count() == 0


def test_missing_choices_are_asked_for_and_the_email_is_kept(post):
    page = post("pothole.eml", message(), case_type="", member="").content.decode()
    assert "Choose the type of case" in page and "Choose the member it is addressed to" in page
    assert "Read from <strong>pothole.eml</strong>" in page and token_on(page)
    assert Case.objects.count() == 0


def test_a_member_the_officer_does_not_support_is_not_a_valid_choice(post, member_b):
    response = post("pothole.eml", message(), member=member_b.pk)
    assert "Choose a member" in response.content.decode()
    assert Case.objects.count() == 0


def test_another_officers_or_a_tampered_token_brings_back_nothing(post, client, officer_b):
    page = post("pothole.eml", message(), read_email="1").content.decode()
    token = token_on(page)
    client.force_login(officer_b)
    for forged in (token, token[:-2] + "xx"):
        response = client.post(URL, {"email_token": forged})
        assert "Choose the email file again: the one read earlier is no longer kept" in response.content.decode()
    assert Case.objects.count() == 0


def test_email_files_left_for_a_day_are_deleted(post):
    post("pothole.eml", message(), read_email="1")
    post("ooo.eml", message(subject="Second"), read_email="1")
    old, new = sorted(kept_files())
    day_ago = time.time() - 25 * 3600
    os.utime(default_storage.path(f"{email_files.FOLDER}/{old}"), (day_ago, day_ago))
    assert email_files.forget_stale() == 1
    assert kept_files() == [new]


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


def test_a_token_whose_file_is_gone_is_said_once_and_then_the_case_logs_without_it(post):
    page = post("pothole.eml", message(), read_email="1").content.decode()
    token = token_on(page)
    email_files.forget(token)  # logged meanwhile in another tab, or a day old
    fields = {"subject": "Potholes", "name": "Jo Resident", "channel": "email", "received_date_0": "1"}
    fields |= {"received_date_1": "12", "received_date_2": "2026"}
    again = post(email_token=token, **fields).content.decode()
    assert "Choose the email file again: the one read earlier is no longer kept" in again
    assert token_on(again) == "" and Case.objects.count() == 0
    assert post(email_token="", **fields).status_code == 302
    assert Case.objects.get().attachments.count() == 0


def test_a_second_email_chosen_instead_replaces_what_the_first_filled_in(post):
    first = post("pothole.eml", message(), read_email="1").content.decode()
    fields = {name: value_of(first, name) for name in ("subject", "name", "email", "channel", "received_time")}
    fields |= {f"received_date_{part}": value_of(first, f"received_date_{part}") for part in range(3)}
    fields["body"] = "Dear Mayor,\n\nThe potholes outside number 12 are getting worse.\n\nJo"
    second = message(
        sender="Sam Trader <sam@bowmarket.example.org>",
        subject="Market stall licences",
        body="Dear Mayor, the licence fees...",
        date="Mon, 30 Nov 2026 09:15:00 +0000",
        message_id="<stalls@example.org>",
    )
    page = post("stalls.eml", second, read_email="1", email_token=token_on(first), **fields).content.decode()
    assert [value_of(page, name) for name in ("subject", "name", "email", "received_time")] == [
        "Market stall licences",
        "Sam Trader",
        "sam@bowmarket.example.org",
        "09:15",
    ]
    assert [value_of(page, f"received_date_{part}") for part in range(3)] == ["30", "11", "2026"]
    assert "licence fees" in page and "potholes" not in page


def test_read_the_email_again_without_a_new_file_logs_nothing(post):
    page = post("pothole.eml", message(), read_email="1").content.decode()
    again = post(read_email="1", email_token=token_on(page)).content.decode()
    assert Case.objects.count() == 0 and "Read from <strong>pothole.eml</strong>" in again
    # without an email, the button's name (Enter in a field) logs the case as usual
    assert post(read_email="1", subject="Bins", name="Ann Other", channel="letter", received_date_0="1",
                received_date_1="12", received_date_2="2026").status_code == 302  # fmt: skip
