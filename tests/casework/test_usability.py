"""Fixes from the usability walk-through of casework (Cabinet Support Officer and Head of Mayor's Office)."""

import io
from datetime import UTC, date, datetime, timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from casework import letters, selectors, services
from casework.models import Case, ReferenceCounter
from mayoral_office import chasing
from mayoral_office.errors import NeedsConfirmation, ServiceError
from mayoral_office.working_days import add_working_days
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
    assert sum(text.count(s) for s in letters.SIGN_OFFS) == 1
    assert "the survey is booked for tuesday." in text
    assert member_a.name.lower() in text  # the signature block is always there


def test_the_draft_form_says_the_letter_adds_greeting_sign_off_and_signature(client, log_case, member_a, officer_a):
    case = log_case(member=member_a, actor=officer_a)
    client.force_login(officer_a)
    page = client.get(reverse("casework:draft-create", args=[case.pk])).content.decode()
    assert "The letter adds the greeting" in page and "signature block" in page


# --- 2. received dates: not more than 2 years ago, and a 4-digit year -------------------------------------
@pytest.fixture
def intake(client, officer_a, member_a):
    from tests.casework.factories import case_type

    client.force_login(officer_a)

    def post(day, month, year):
        return client.post(
            reverse("casework:create"),
            {
                "case_type": case_type("resident").pk,
                "channel": "letter",
                "received_date_0": day,
                "received_date_1": month,
                "received_date_2": year,
                "member": member_a.pk,
                "kind": "resident",
                "name": "Margaret Okafor",
                "postcode": "E3 5LN",
                "subject": "Damp",
                "sensitivity": "standard",
                "priority": "normal",
            },
        )

    return post


FIXED_NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)  # a Friday


@pytest.fixture
def fixed_clock():
    with mock.patch("django.utils.timezone.now", return_value=FIXED_NOW):
        yield FIXED_NOW


def test_a_received_date_more_than_2_years_ago_is_refused(intake, fixed_clock):
    for day, month, year in [(5, 11, 1900), (19, 11, 2024)]:
        response = intake(day, month, year)
        assert response.status_code == 200
        assert "The date received must be within the last 2 years" in response.content.decode()
    assert not Case.objects.exists() and not ReferenceCounter.objects.filter(year=1900).exists()
    assert intake(20, 11, 2024).status_code == 302  # exactly 2 years ago is fine


def test_a_two_digit_year_is_refused_with_a_clear_message(intake, fixed_clock):
    response = intake(5, 11, 26)
    assert response.status_code == 200
    assert "Enter the year as 4 digits, for example 2026" in response.content.decode()
    assert not Case.objects.exists()


def test_the_service_refuses_an_ancient_received_date(head, member_a, fixed_clock):
    from tests.casework.factories import aware, case_type

    for received in [date(1900, 11, 5), date(2024, 11, 19)]:
        with pytest.raises(ServiceError, match="within the last 2 years"):
            services.case_log(
                actor=head,
                case_type=case_type("resident"),
                received_at=aware(received),
                member=member_a,
                subject="Damp",
                correspondent_details={"name": "Margaret Okafor"},
            )
    assert not Case.objects.exists()


# --- 3. "due this week" at a weekend is the coming week ---------------------------------------------------
def test_due_this_week_at_a_weekend_is_the_coming_working_week(head, member_a):
    from tests.casework.factories import CaseFactory

    wednesday = CaseFactory(member=member_a, response_due=date(2026, 11, 25))
    next_next_monday = CaseFactory(member=member_a, response_due=date(2026, 11, 30))
    thursday = CaseFactory(member=member_a, response_due=date(2026, 11, 19))
    for today, expected in [
        (date(2026, 11, 18), {thursday}),  # a Wednesday: to Sunday 22nd
        (date(2026, 11, 21), {wednesday}),  # a Saturday: the coming week, to Sunday 29th
        (date(2026, 11, 22), {wednesday}),  # a Sunday: likewise
        (date(2026, 11, 23), {wednesday}),  # the Monday: the same week
    ]:
        listed = set(selectors.queue(selectors.list_cases(head), "week", head, today=today))
        assert listed == expected, today
        assert selectors.queue_counts(head, today=today)["week"] == len(expected), today
    assert next_next_monday not in selectors.queue(selectors.list_cases(head), "week", head, today=date(2026, 11, 22))


# --- 4. contribution requests become "No longer needed" when the case is finished --------------------------
def _send_response(case, officer):
    draft = services.draft_save(actor=officer, case=case, body="Thank you for your letter.")
    services.draft_submit(actor=officer, draft=draft)
    draft.refresh_from_db()
    services.draft_review(actor=officer, draft=draft, approve=True)
    case.refresh_from_db()
    return services.response_record(actor=officer, case=case, sent_on=timezone.localdate(), method="letter")


def test_outstanding_requests_are_no_longer_needed_once_the_case_is_finished(
    client, log_case, member_a, officer_a, directorate, directorate_contact
):
    from casework.models import CaseEvent, ContributionRequest

    case = log_case(member=member_a, actor=officer_a)
    case = services.case_allocate(actor=officer_a, case=case, officer=officer_a)
    due = add_working_days(timezone.localdate(), 3)
    asked = services.contribution_request(
        actor=officer_a, case=case, directorate=directorate, question="Repair history?", due_on=due
    )
    answered = services.contribution_request(
        actor=officer_a, case=case, directorate=directorate, question="Any complaints?", due_on=due, confirmed=True
    )
    services.contribution_answer(actor=directorate_contact, contribution=answered, answer="None.")
    client.force_login(directorate_contact)
    assert case.reference in client.get(reverse("casework:contributions")).content.decode()

    _send_response(case, officer_a)

    asked.refresh_from_db()
    assert asked.state() == "not_needed" and asked.no_longer_needed_at is not None
    assert ContributionRequest.objects.get(pk=answered.pk).state() == "received"  # an answer stays an answer
    assert CaseEvent.objects.filter(case=case, text__contains="no longer needed").count() == 1
    listed = client.get(reverse("casework:contributions")).content.decode()
    assert reverse("casework:contribution", args=[asked.pk]) not in listed
    assert reverse("casework:contribution", args=[answered.pk]) in listed
    page = client.get(reverse("casework:contribution", args=[asked.pk])).content.decode()
    assert "No longer needed" in page and 'name="answer"' not in page
    with pytest.raises(ServiceError, match="no longer needed"):
        services.contribution_answer(actor=directorate_contact, contribution=asked, answer="Late")
    client.force_login(officer_a)
    assert "No longer needed" in client.get(reverse("casework:detail", args=[case.pk])).content.decode()


def test_a_request_no_longer_needed_is_not_chased(log_case, member_a, officer_a, directorate, head):
    from casework.models import ContributionRequest

    case = log_case(member=member_a, actor=officer_a)
    case = services.case_allocate(actor=officer_a, case=case, officer=officer_a)
    request = services.contribution_request(
        actor=officer_a,
        case=case,
        directorate=directorate,
        question="Repair history?",
        due_on=add_working_days(timezone.localdate(), 1),
    )
    ContributionRequest.objects.filter(pk=request.pk).update(due_on=timezone.localdate() - timedelta(days=3))
    _send_response(case, officer_a)
    chased = chasing.plan(timezone.localdate())
    assert not [line for lines in chased.values() for line in lines if line.kind.name == "casework.contribution"]


# --- 5. contribution due dates are checked ------------------------------------------------------------------
@pytest.fixture
def ask(client, log_case, member_a, officer_a, directorate, fixed_clock):
    case = log_case(member=member_a, actor=officer_a)  # received Friday 20 November 2026
    case = services.case_allocate(actor=officer_a, case=case, officer=officer_a)
    client.force_login(officer_a)

    def post(due: date, **extra):
        return client.post(
            reverse("casework:contribution-create", args=[case.pk]),
            {
                "directorate": directorate.pk,
                "question": "When was the last repair?",
                "due_on_0": due.day,
                "due_on_1": due.month,
                "due_on_2": due.year,
                **extra,
            },
        )

    post.case = case
    return post


def test_a_contribution_due_on_a_day_off_or_in_the_past_is_refused(ask):
    from casework.models import ContributionRequest

    assert ask.case.response_due == date(2026, 12, 4)
    for due, message in [
        (date(2026, 11, 21), "Saturday 21 November 2026 is a weekend; choose a working day"),
        (date(2026, 12, 25), "Friday 25 December 2026 is a bank holiday (Christmas Day); choose a working day"),
        (date(2026, 11, 19), "The date the contribution is due must be today or in the future"),
    ]:
        response = ask(due, confirm="on")
        assert response.status_code == 200
        assert message in response.content.decode(), due
    assert not ContributionRequest.objects.exists()


def test_a_contribution_due_after_the_response_needs_confirming(ask):
    from casework.models import ContributionRequest

    response = ask(date(2026, 12, 8))
    page = response.content.decode()
    assert response.status_code == 200
    assert "after the response to the correspondent is due (4 December 2026)" in page
    assert 'name="confirm"' in page
    assert not ContributionRequest.objects.exists()
    assert ask(date(2026, 12, 8), confirm="on").status_code == 302
    assert ContributionRequest.objects.get().due_on == date(2026, 12, 8)


def test_a_second_open_request_to_the_same_directorate_needs_confirming(ask, officer_a, directorate):
    from casework.models import ContributionRequest

    assert ask(date(2026, 11, 25)).status_code == 302
    page = ask(date(2026, 11, 26)).content.decode()
    assert "already has an open request on this case, due 25 November 2026" in page
    assert ContributionRequest.objects.count() == 1
    ask.case.refresh_from_db()
    with pytest.raises(NeedsConfirmation):
        services.contribution_request(
            actor=officer_a, case=ask.case, directorate=directorate, question="Again?", due_on=date(2026, 11, 26)
        )
    assert ask(date(2026, 11, 26), confirm="on").status_code == 302
    assert ContributionRequest.objects.count() == 2


# --- 6. possible duplicates ---------------------------------------------------------------------------------
def test_possible_duplicates_match_name_and_member_within_30_days_phone_and_subject_across_wards(
    log_case, member_a, member_b, head
):
    from tests.mayoral_office.factories import WardFactory

    north, south = WardFactory(name="North"), WardFactory(name="South")

    def person(name, **kwargs):
        return CorrespondentFactory(name=name, postcode="", **kwargs)

    case = log_case(
        member=member_a,
        received=date(2026, 11, 2),
        correspondent=person("Margaret Okafor", phone="020 7946 0000", ward=north),
        subject="Bins not collected",
    )
    same_name = log_case(
        member=member_a, received=date(2026, 10, 12), correspondent=person("margaret okafor"), subject="Noise"
    )
    same_name_long_ago = log_case(
        member=member_a, received=date(2026, 9, 1), correspondent=person("Margaret Okafor"), subject="Parking"
    )
    same_name_other_member = log_case(
        member=member_b, received=date(2026, 10, 30), correspondent=person("Margaret Okafor"), subject="Trees"
    )
    same_phone = log_case(
        member=member_b,
        received=date(2026, 3, 2),
        correspondent=person("M. Okafor-Smith", phone="+44 (0)20 7946-0000"),
        subject="Potholes",
    )
    same_subject_other_ward = log_case(
        member=member_a,
        received=date(2026, 10, 20),
        correspondent=person("Sam Green", ward=south),
        subject="Bins not collected",
    )
    found = set(selectors.possible_duplicates(head, case, limit=10))
    assert found == {same_name, same_phone, same_subject_other_ward}
    assert not {same_name_long_ago, same_name_other_member} & found


# --- 7. a directorate contact sees only links they can use, and a way back ----------------------------------
def test_a_directorate_contact_sees_no_link_they_cannot_use_and_has_a_back_link(
    client, log_case, member_a, head, directorate, directorate_contact
):
    case = log_case(member=member_a)
    request = services.contribution_request(
        actor=head,
        case=case,
        directorate=directorate,
        question="Repair history?",
        due_on=add_working_days(timezone.localdate(), 2),
    )
    client.force_login(directorate_contact)
    listed = client.get(reverse("casework:contributions")).content.decode()
    assert reverse("casework:by-member") not in listed
    assert "Work queue" not in listed  # (the top menu's "Casework" takes a contact to this page)
    assert client.get(reverse("casework:by-member")).status_code == 403  # the link hidden is the link refused
    answer_page = client.get(reverse("casework:contribution", args=[request.pk])).content.decode()
    assert f'href="{reverse("casework:contributions")}" class="govuk-back-link"' in answer_page
    assert reverse("casework:detail", args=[case.pk]) not in answer_page

    client.force_login(head)
    listed = client.get(reverse("casework:contributions")).content.decode()
    assert reverse("casework:by-member") in listed and "Work queue" in listed
    answer_page = client.get(reverse("casework:contribution", args=[request.pk])).content.decode()
    assert f'href="{reverse("casework:detail", args=[case.pk])}" class="govuk-back-link"' in answer_page


# --- 8. contact details ------------------------------------------------------------------------------------
@pytest.fixture
def intake_with(client, officer_a, member_a):
    from tests.casework.factories import case_type

    client.force_login(officer_a)
    today = timezone.localdate()

    def post(**overrides):
        data = {
            "case_type": case_type("resident").pk,
            "channel": "letter",
            "received_date_0": today.day,
            "received_date_1": today.month,
            "received_date_2": today.year,
            "member": member_a.pk,
            "kind": "resident",
            "name": "Margaret Okafor",
            "subject": "Damp",
            "sensitivity": "standard",
            "priority": "normal",
            **overrides,
        }
        return client.post(reverse("casework:create"), data)

    return post


@pytest.mark.parametrize("phone", ["call me maybe", "12", "0207946000012345", "020 7946 0000 ext. 4", "07700 900 12"])
def test_a_phone_number_that_is_not_one_is_refused(intake_with, phone):
    response = intake_with(phone=phone)
    assert response.status_code == 200
    assert "Enter a UK phone number" in response.content.decode()
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    "phone", ["020 7946 0000", "+44 (0)20 7946 0000", "02079460000", "(020) 7946-0000", "0044 20 7946 0000"]
)
def test_real_phone_numbers_are_accepted_and_stored_in_e164(intake_with, phone):
    from casework.models import Correspondent

    assert intake_with(phone=phone).status_code == 302
    stored = Correspondent.objects.values_list("phone", flat=True).get()
    assert stored == "+442079460000"


@pytest.mark.parametrize("typed, stored", [("E16AN", "E1 6AN"), ("e1  6an", "E1 6AN"), ("sw1a1aa", "SW1A 1AA")])
def test_a_postcode_is_stored_in_its_standard_form(intake_with, typed, stored):
    from casework.models import Correspondent

    assert intake_with(postcode=typed).status_code == 302
    assert Correspondent.objects.get().postcode == stored


def test_a_postcode_that_is_not_one_is_refused(intake_with):
    response = intake_with(postcode="E1 6A")
    assert "Enter a real postcode, like SW1A 1AA" in response.content.decode()
    assert not Case.objects.exists()


def test_the_optional_summary_says_so(client, officer_a):
    client.force_login(officer_a)
    page = client.get(reverse("casework:create")).content.decode()
    assert "Summary (optional)" in page


# --- 9. search: references however typed, phone numbers, wards; a reversed date range is an error ----------
def test_search_finds_a_reference_however_it_is_typed(head, member_a):
    from tests.casework.factories import CaseFactory

    case = CaseFactory(member=member_a, reference="MO/2026/00042")
    CaseFactory(member=member_a, reference="MO/2026/00420", subject="Other 42")
    for typed in ["mo/2026/42", "MO/2026/00042", "42", " MO / 2026 / 042 ", "2026/42"]:
        assert list(Case.objects.visible_to(head).search(typed)) == [case], typed


def test_search_finds_a_phone_number_and_a_ward(head, member_a):
    from tests.casework.factories import CaseFactory
    from tests.mayoral_office.factories import WardFactory

    bow = WardFactory(name="Bow East")
    by_phone = CaseFactory(member=member_a, correspondent=CorrespondentFactory(phone="(020) 7946-0000"))
    in_ward = CaseFactory(member=member_a, ward=bow)
    CaseFactory(member=member_a)
    assert list(Case.objects.visible_to(head).search("020 7946 0000")) == [by_phone]
    assert list(Case.objects.visible_to(head).search("02079460000")) == [by_phone]
    assert list(Case.objects.visible_to(head).search("+44 (0)20 7946 0000")) == [by_phone]
    assert list(Case.objects.visible_to(head).search("7946 0000")) == [by_phone]
    assert list(Case.objects.visible_to(head).search("bow east")) == [in_ward]


def test_a_from_date_after_the_to_date_is_a_filter_error(client, head, member_a):
    from tests.casework.factories import CaseFactory

    CaseFactory(member=member_a)
    client.force_login(head)
    page = client.get(
        reverse("casework:index"), {"queue": "all", "received_from": "2026-11-20", "received_to": "2026-11-01"}
    ).content.decode()
    assert "There is a problem with the filters" in page
    assert "The &#x27;from&#x27; date must be before the &#x27;to&#x27; date" in page


# --- 10. a member's queue tabs are named for a member -------------------------------------------------------
def test_a_member_sees_my_cases_and_my_cases_for_approval(client, log_case, member_a, member_a_user, officer_a):
    log_case(member=member_a, actor=officer_a)
    client.force_login(member_a_user)
    page = client.get(reverse("casework:index")).content.decode()
    assert "My cases for approval" in page and "My cases<" in page
    assert "My team" not in page and "Unallocated" not in page and "Log correspondence" not in page
    client.force_login(officer_a)
    page = client.get(reverse("casework:index")).content.decode()
    assert "My team&#x27;s" in page or "My team's" in page
    assert "My cases for approval" not in page


# --- 11. demo data --------------------------------------------------------------------------------------------
def test_demo_cases_have_the_type_of_their_correspondent_and_ask_the_portfolios_directorates(small_demo):
    from django.core.management import call_command

    from casework.models import ContributionRequest

    call_command("seed_demo")
    expected = {"mp": {"mp"}, "media": {"media"}, "councillor": {"member"}}
    cases = Case.objects.select_related("correspondent", "case_type")
    for case in cases:
        if case.correspondent.kind in expected:
            assert case.case_type.code in expected[case.correspondent.kind], case
    asked = ContributionRequest.objects.select_related("case__portfolio", "directorate")
    assert asked.exists()
    for request in asked:
        allowed = set(request.case.portfolio.directorates.all()) if request.case.portfolio else set()
        if allowed:
            assert request.directorate in allowed, request


# --- 12. one shared parser for ids from forms and query strings ---------------------------------------------
def test_casework_uses_the_shared_parse_pk(client, officer_a):
    from casework.views import fetch
    from mayoral_office.lists import parse_pk

    assert fetch.parse_pk is parse_pk
    client.force_login(officer_a)
    huge = str(2**63)  # no database key can hold it: not found, never a 500
    assert client.get(reverse("casework:create"), {"correspondent": huge}).status_code == 404
