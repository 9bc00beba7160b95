"""Issue 9, acceptance 4: the subject access ZIP holds everything the service holds on the person (a summary PDF,
every case with its timeline, every version of the response as a letter and the one sent, contribution answers,
the uploaded documents, what other apps hold through the registry's personal-data hook) and a JSON and CSVs of the
same, with confidential and third-party items marked for redaction review. The tests open the ZIP."""

import csv
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from casework import services
from casework.models import Case, Correspondent, Status
from mayoral_office import registry
from mayoral_office.working_days import add_working_days
from tests.casework.factories import CorrespondentFactory

pytestmark = pytest.mark.django_db
PHOTO = b"\x89PNG\r\n\x1a\n fake image"
LEASE = b"%PDF-1.4\n%lease\n"


@pytest.fixture
def no_providers(monkeypatch):
    monkeypatch.setattr(registry, "_personal_data_providers", {})


def _open(client, head, correspondent):
    client.force_login(head)
    response = client.post(reverse("casework:subject-access", args=[correspondent.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.testzip() is None
    return archive, json.loads(archive.read("subject-access.json"))


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def person(log_case, head, officer_a, member_a, member_b, member_a_user, directorate, directorate_contact):
    """Margaret Okafor: a case answered by email (two versions, a directorate's answer, two documents), a
    confidential case, a case under a second record with her email address; and someone else's case."""
    margaret = CorrespondentFactory(name="Margaret Okafor", email="margaret@example.org")
    answered = log_case(
        member=member_a,
        correspondent=margaret,
        officer=officer_a,
        subject="Leaking roof",
        files=[
            SimpleUploadedFile("roof photo.png", PHOTO, content_type="image/png"),
            SimpleUploadedFile("lease.pdf", LEASE, content_type="application/pdf"),
        ],
    )
    item = services.contribution_request(
        actor=officer_a,
        case=answered,
        directorate=directorate,
        question="When is the repair booked?",
        due_on=add_working_days(timezone.localdate(), 3),
    )
    services.contribution_answer(
        actor=directorate_contact, contribution=item, answer="Booked for 9 December; Mr Jones next door reported it."
    )
    services.draft_save(actor=officer_a, case=Case.objects.get(pk=answered.pk), body="Dear Mrs Okafor, version one.")
    services.draft_save(actor=officer_a, case=Case.objects.get(pk=answered.pk), body="Dear Mrs Okafor, the repair.")
    services.draft_submit(actor=officer_a, draft=Case.objects.get(pk=answered.pk).latest_draft)
    services.draft_review(actor=member_a_user, draft=Case.objects.get(pk=answered.pk).latest_draft, approve=True)
    services.response_email(actor=officer_a, case=Case.objects.get(pk=answered.pk))
    confidential = log_case(member=member_b, correspondent=margaret, subject="Safeguarding", sensitivity="confidential")
    second_record = CorrespondentFactory(name="M. Okafor", email="MARGARET@example.org")
    other_record = log_case(member=member_a, correspondent=second_record, subject="Noise from the pub")
    log_case(member=member_a, subject="Someone else's case")
    return margaret, [Case.objects.get(pk=c.pk) for c in (answered, confidential, other_record)]


def test_the_zip_holds_every_case_letter_and_document_and_a_json_listing_them(client, head, person, no_providers):
    margaret, cases = person
    answered = cases[0]
    archive, data = _open(client, head, margaret)
    names = set(archive.namelist())

    # Every one of her cases, and no one else's.
    assert [c["reference"] for c in data["cases"]] == [c.reference for c in cases]
    summary = _text(archive.read("summary.pdf"))
    assert archive.read("summary.pdf")[:4] == b"%PDF"
    for case in cases:
        assert case.reference in summary and case.subject in summary
    assert "Someone else" not in summary and "Someone else" not in json.dumps(data)

    # Every version of the response as a letter, the sent one marked so; every document, byte for byte.
    answered_data = data["cases"][0]
    letters = {d["version"]: d for d in answered_data["drafts"]}
    assert set(letters) == {1, 2} and letters[2]["sent"] and not letters[1]["sent"]
    folder = answered.reference.replace("/", "-")
    assert letters[2]["letter"] == f"{folder}/letters/sent-response-version-2.pdf"
    for draft in letters.values():
        assert draft["letter"] in names and archive.read(draft["letter"])[:4] == b"%PDF"
    assert "the repair" in _text(archive.read(letters[2]["letter"]))
    documents = {d["name"]: d for d in answered_data["documents"]}
    assert set(documents) == {"roof photo.png", "lease.pdf"}
    assert archive.read(documents["roof photo.png"]["path"]) == PHOTO
    assert archive.read(documents["lease.pdf"]["path"]) == LEASE
    for attachment in answered.attachments.all():
        assert any(
            path.endswith(f"/documents/{attachment.pk}-{attachment.original_name.replace(' ', '_')}") for path in names
        )

    # The timeline, the contribution answer and the email that sent the response.
    timeline = [e["text"] for e in answered_data["timeline"]]
    assert any(text.startswith("Emailed to margaret@example.org") for text in timeline)
    (contribution,) = answered_data["contributions"]
    assert contribution["answer"].startswith("Booked for 9 December") and contribution["redaction_review"]
    assert "Aisha Patel" in contribution["third_party_names"]
    assert answered_data["emails"][0]["to"] == ["margaret@example.org"]

    # The JSON lists exactly the files of the ZIP; the CSVs hold the same cases and documents.
    assert set(data["files"]) == names
    rows = list(csv.DictReader(io.StringIO(archive.read("cases.csv").decode("utf-8-sig"))))
    assert [row["reference"] for row in rows] == [c.reference for c in cases]
    documents_csv = list(csv.DictReader(io.StringIO(archive.read("documents.csv").decode("utf-8-sig"))))
    assert {row["path"] for row in documents_csv} == {d["path"] for d in documents.values()}
    assert len(list(csv.DictReader(io.StringIO(archive.read("timeline.csv").decode("utf-8-sig"))))) == sum(
        len(c["timeline"]) for c in data["cases"]
    )


def test_confidential_and_third_party_items_are_marked_for_redaction_review(client, head, person, no_providers):
    margaret, (answered, confidential, other_record) = person
    archive, data = _open(client, head, margaret)
    by_reference = {c["reference"]: c for c in data["cases"]}
    assert (
        by_reference[confidential.reference]["confidential"]
        and by_reference[confidential.reference]["redaction_review"]
    )
    assert by_reference[other_record.reference]["redaction_review"]  # matched only by the email address
    assert "M. Okafor" in by_reference[other_record.reference]["redaction_reasons"][0]
    review = archive.read("REDACTION-REVIEW.txt").decode()
    assert f"{confidential.reference}: Confidential case" in review
    assert f"{answered.reference}: the answer from Housing and Regeneration" in review and "Aisha Patel" in review
    assert f"{other_record.reference}: Recorded under another correspondent record (M. Okafor)" in review
    assert len(data["redaction_review"]) == 3  # the JSON flags the same items, one line each in the text
    for number, entry in enumerate(data["redaction_review"], start=1):
        assert f"{number}. {entry['item']}: {entry['reason']}." in review
    assert "Before release: items to review" in _text(archive.read("summary.pdf"))


def test_other_apps_add_their_records_through_the_registry(client, head, person, monkeypatch):
    """The diary registers a personal-data provider; casework never imports it."""
    monkeypatch.setattr(registry, "_personal_data_providers", {})
    margaret, _cases = person
    asked = []

    def diary_provider(subject: registry.DataSubject):
        asked.append(subject)
        if "margaret@example.org" not in [e.lower() for e in subject.emails]:
            return None
        return registry.PersonalData(
            app_label="diary",
            label="Diary: engagements and invitations",
            records=(
                {"type": "invitation", "title": "Opening of Bow library", "starts": "2026-12-09T10:00"},
                {
                    "type": "engagement",
                    "title": "Residents' meeting",
                    "redaction_review": True,
                    "redaction_reason": "Names the other residents who attended",
                },
            ),
            files=(("invitations/opening-of-bow-library.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),),
        )

    registry.register_personal_data_provider(diary_provider)
    archive, data = _open(client, head, margaret)
    (subject,) = asked
    assert subject.name == "Margaret Okafor" and subject.emails == ("margaret@example.org", "MARGARET@example.org")
    (diary,) = data["other_services"]
    assert diary["app"] == "diary" and [r["title"] for r in diary["records"]][0] == "Opening of Bow library"
    assert archive.read("diary/invitations/opening-of-bow-library.ics").startswith(b"BEGIN:VCALENDAR")
    assert "diary/records.csv" in archive.namelist()
    assert "Diary: engagements and invitations: Residents' meeting" in archive.read("REDACTION-REVIEW.txt").decode()
    summary = _text(archive.read("summary.pdf"))
    assert "Opening of Bow library" in summary and "Residents' meeting" in summary


def test_without_other_providers_the_pack_says_so(client, head, person, no_providers):
    margaret, _cases = person
    archive, data = _open(client, head, margaret)
    assert data["other_services"] == [] and not any(n.startswith("diary/") for n in archive.namelist())
    assert "No other part of the service holds records about this person." in _text(archive.read("summary.pdf"))


def test_the_pack_for_a_seeded_demo_correspondent_is_complete(client, head, small_demo, no_providers):
    """On the demo data: the correspondent with the most cases gets all of them, every draft as a letter and every
    document, and the JSON lists the same."""
    call_command("seed_demo", stdout=io.StringIO())
    busiest = Correspondent.objects.annotate(n=Count("cases")).order_by("-n", "pk").first()
    cases = list(Case.objects.filter(correspondent__email__iexact=busiest.email).order_by("received_at"))
    archive, data = _open(client, head, busiest)
    names = set(archive.namelist())
    assert [c["reference"] for c in data["cases"]] == [c.reference for c in cases]
    for case, case_data in zip(cases, data["cases"], strict=True):
        assert len(case_data["drafts"]) == case.drafts.count()
        assert all(d["letter"] in names for d in case_data["drafts"])
        assert len(case_data["documents"]) == case.attachments.count()
        assert all(d["path"] in names for d in case_data["documents"])
        assert len(case_data["timeline"]) == case.events.count()
        if case.status in (Status.RESPONSE_SENT, Status.CLOSED) and case.response_draft_id:
            assert any(d["sent"] for d in case_data["drafts"])
    assert set(data["files"]) == names
