"""Fixes from the usability walk-through of casework (Cabinet Support Officer and Head of Mayor's Office)."""

import io

import pytest
from django.urls import reverse

from casework import services
from tests.casework.factories import CorrespondentFactory

pytestmark = pytest.mark.django_db


# --- 1. the response letter does not repeat the greeting or sign-off --------------------------------------
def _letter_text(client, case) -> str:
    from pypdf import PdfReader

    response = client.get(reverse("casework:letter", args=[case.pk]))
    assert response["Content-Type"] == "application/pdf"
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


@pytest.mark.parametrize(
    "body",
    [
        "The survey is booked for Tuesday.",
        "Dear Ms Jones,\n\nThe survey is booked for Tuesday.\n\nYours sincerely,",
        "dear Ms Jones\n\nThe survey is booked for Tuesday.\n\nKind regards\nAlice Able\nCabinet Member",
        "Dear Ms Jones\n\nThe survey is booked for Tuesday.\n\nBest wishes,",
        "The survey is booked for Tuesday.\n\nYours faithfully",
    ],
)
def test_the_letter_adds_greeting_and_sign_off_only_when_the_draft_has_none(
    client, log_case, member_a, officer_a, body
):
    case = log_case(member=member_a, actor=officer_a, correspondent=CorrespondentFactory(name="Ms Jones"))
    case = services.case_allocate(actor=officer_a, case=case, officer=officer_a)
    services.draft_save(actor=officer_a, case=case, body=body)
    client.force_login(officer_a)
    text = _letter_text(client, case).lower()
    assert text.count("dear ") == 1  # once: the draft's own greeting, or the letter's
    assert sum(text.count(s) for s in services.SIGN_OFFS) == 1
    assert "the survey is booked for tuesday." in text
    assert member_a.name.lower() in text  # the signature block is always there


def test_the_draft_form_says_the_letter_adds_greeting_sign_off_and_signature(client, log_case, member_a, officer_a):
    case = log_case(member=member_a, actor=officer_a)
    client.force_login(officer_a)
    page = client.get(reverse("casework:draft-create", args=[case.pk])).content.decode()
    assert "The letter adds the greeting" in page and "signature block" in page
