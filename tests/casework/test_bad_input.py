"""Acceptance 5: bad input gets a GOV.UK error summary or a conflict message, never a 500, and nothing
half-saved is left behind."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from casework.models import Attachment, Case, CaseEvent, Correspondent

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake(intake_form):
    return intake_form.with_(channel="letter", name="Margaret Okafor", postcode="E3 5LN", subject="Damp")


def _nothing_saved():
    return not Case.objects.exists() and not Correspondent.objects.exists() and not Attachment.objects.exists()


def _error_summary(response):
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body
    return body


def test_a_good_intake_is_saved(intake):
    response = intake()
    assert response.status_code == 302
    assert Case.objects.count() == 1


def test_missing_received_date(intake):
    body = _error_summary(intake(received_date_0="", received_date_1="", received_date_2=""))
    assert "Enter the date received" in body
    assert _nothing_saved()


def test_received_date_in_the_future(intake):
    tomorrow = timezone.localdate() + timedelta(days=1)
    body = _error_summary(
        intake(received_date_0=tomorrow.day, received_date_1=tomorrow.month, received_date_2=tomorrow.year)
    )
    assert "The date received must be today or in the past" in body
    assert _nothing_saved()


def test_received_date_that_does_not_exist(intake):
    body = _error_summary(intake(received_date_0="31", received_date_1="2", received_date_2="2026"))
    assert "The date received must be a real date" in body
    body = _error_summary(intake(received_date_0="x", received_date_1="2", received_date_2="2026"))
    assert "The date received must be a real date" in body
    assert _nothing_saved()


def test_unknown_ward(intake):
    body = _error_summary(intake(ward="999999"))
    assert "Choose a ward from the list" in body
    body = _error_summary(intake(ward="not-a-number"))
    assert "Choose a ward from the list" in body
    assert _nothing_saved()


def test_bad_postcode_and_time(intake):
    body = _error_summary(intake(postcode="NOT A POSTCODE", received_time="25:99"))
    assert "Enter a real postcode" in body
    assert "Enter a real time" in body
    assert _nothing_saved()


def test_a_50_mb_upload_is_refused(intake, settings):
    big = SimpleUploadedFile("scan.pdf", b"%PDF" + b"0" * (50 * 1024 * 1024), content_type="application/pdf")
    body = _error_summary(intake(attachments=big))
    assert "scan.pdf must be smaller than 20 MB" in body
    assert _nothing_saved()


def test_an_exe_upload_is_refused(intake, private_media):
    exe = SimpleUploadedFile("invoice.exe", b"MZ\x90\x00" + b"\x00" * 100, content_type="application/octet-stream")
    body = _error_summary(intake(attachments=exe))
    assert "invoice.exe must be a PDF, image (PNG, JPG, GIF), Word document or email file" in body
    disguised = SimpleUploadedFile("invoice.pdf", b"MZ\x90\x00" + b"\x00" * 100, content_type="application/pdf")
    body = _error_summary(intake(attachments=disguised))
    assert "invoice.pdf is not a real PDF file" in body
    assert _nothing_saved()
    assert not private_media.exists() or not any(private_media.rglob("*.*"))


def test_an_exe_added_to_an_existing_case_is_refused(client, officer_a, intake):
    intake()
    case = Case.objects.get()
    exe = SimpleUploadedFile("run.exe", b"MZ" + b"\x00" * 10)
    body = _error_summary(client.post(reverse("casework:attachment-add", args=[case.pk]), {"file": exe}))
    assert "run.exe must be a PDF" in body
    assert not case.attachments.exists()


def test_a_second_simultaneous_save_gets_a_conflict_message(client, officer_a, intake, django_user_model):
    intake()
    case = Case.objects.get()
    url = reverse("casework:edit", args=[case.pk])
    form_a = client.get(url).context["form"].initial
    form_b = dict(form_a)
    today = timezone.localdate()

    def data(form, subject):
        return {
            "version": form["version"],
            "case_type": form["case_type"],
            "channel": form["channel"],
            "received_date_0": today.day,
            "received_date_1": today.month,
            "received_date_2": today.year,
            "subject": subject,
            "summary": "",
            "body": "",
            "sensitivity": "standard",
            "priority": "normal",
        }

    first = client.post(url, data(form_a, "First officer's subject"))
    assert first.status_code == 302
    second = client.post(url, data(form_b, "Second officer's subject"))
    body = _error_summary(second)
    assert "Someone else changed this case while you were working on it" in body
    case.refresh_from_db()
    assert case.subject == "First officer's subject"
    assert case.version == form_a["version"] + 1


def test_a_stale_stage_move_is_refused(client, officer_a, intake):
    intake()
    case = Case.objects.get()
    stale = case.version
    client.post(reverse("casework:acknowledge", args=[case.pk]), {"version": stale})
    events = CaseEvent.objects.count()
    response = client.post(reverse("casework:acknowledge", args=[case.pk]), {"version": stale}, follow=True)
    assert "Someone else changed this case" in response.content.decode()
    assert CaseEvent.objects.count() == events
    response = client.post(reverse("casework:resume", args=[case.pk]), {"version": "junk"}, follow=True)
    assert response.status_code == 200


def test_bad_filters_and_unknown_records_never_give_a_500(client, officer_a, intake):
    intake()
    response = client.get(reverse("casework:index"), {"received_from": "31/02/2026", "member": "abc", "queue": "x"})
    assert response.status_code == 200
    assert "There is a problem with the filters" in response.content.decode()
    assert client.get(reverse("casework:export-csv"), {"due_to": "never"}).status_code == 200  # the list, with errors
    assert client.get(reverse("casework:detail", args=[999999])).status_code == 404
    assert client.get(reverse("casework:move", args=[Case.objects.get().pk, "explode"])).status_code == 404
    response = client.post(reverse("casework:bulk-allocate"), {"cases": ["999999"], "officer": "x"}, follow=True)
    assert response.status_code == 200
    assert Case.objects.get().officer is None


def test_review_and_contribution_forms_explain_their_errors(client, head, intake, directorate, officer_a):
    intake()
    case = Case.objects.get()
    client.force_login(head)
    yesterday = timezone.localdate() - timedelta(days=1)
    body = _error_summary(
        client.post(
            reverse("casework:contribution-create", args=[case.pk]),
            {
                "directorate": directorate.pk,
                "question": "",
                "due_on_0": yesterday.day,
                "due_on_1": yesterday.month,
                "due_on_2": yesterday.year,
            },
        )
    )
    assert "Enter what you need from the directorate" in body
    assert "The date the contribution is due must be today or in the future" in body
    assert not case.contributions.exists()


ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.mark.parametrize("odd", ["²", "arabic-indic", "fullwidth"])
def test_an_odd_correspondent_id_on_the_intake_page_is_not_found_never_a_500(client, officer_a, intake, odd):
    intake()
    pk = str(Correspondent.objects.get().pk)
    value = {"arabic-indic": pk.translate(ARABIC_INDIC), "fullwidth": pk.translate(FULLWIDTH)}.get(odd, odd)
    client.force_login(officer_a)
    assert client.get(reverse("casework:create"), {"correspondent": value}).status_code == 404
    assert client.post(reverse("casework:create"), {"correspondent": value}).status_code == 404
    assert client.get(reverse("casework:create"), {"correspondent": pk}).status_code == 200


def test_a_version_in_other_digits_is_a_conflict_not_a_match(client, officer_a, intake):
    intake()
    case = Case.objects.get()
    client.force_login(officer_a)
    value = str(case.version).translate(ARABIC_INDIC)  # int() would read it as the current version
    response = client.post(reverse("casework:acknowledge", args=[case.pk]), {"version": value}, follow=True)
    assert response.status_code == 200
    assert "Someone else changed this case" in response.content.decode()
    case.refresh_from_db()
    assert case.acknowledged_on is None


@pytest.mark.parametrize("day, month", [("99999999999", "1"), ("1", "99999999999")])
def test_an_enormous_day_or_month_is_not_a_real_date_never_a_500(day, month):
    from casework.forms.fields import UKDateField

    with pytest.raises(ValidationError, match="must be a real date"):
        UKDateField(what="the date received").clean([day, month, "2026"])
