"""Duplicates caught before saving: while logging correspondence the officer sees the correspondents we already
hold who match what they type (htmx, in a live region), with their open cases, and chooses one (no second record)
or adds the item to an open case as a follow-up. Without JavaScript the same choice is asked for on submit."""

import pytest
from django.urls import reverse
from django.utils import timezone

from casework import selectors, services
from casework.models import Case, CaseEvent, Correspondent, Status
from mayoral_office.errors import ServiceError
from tests.casework.factories import CaseFactory, CorrespondentFactory, case_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def margaret(member_a):
    person = CorrespondentFactory(
        name="Margaret Okafor", title="Mrs", email="margaret@example.org", phone="020 7946 0000", postcode="E3 5LN"
    )
    open_case = CaseFactory(member=member_a, correspondent=person, subject="Damp and mould", status=Status.ALLOCATED)
    CaseFactory(member=member_a, correspondent=person, subject="Old bins", status=Status.CLOSED)
    return person, open_case


@pytest.fixture
def intake(intake_form):
    return intake_form.with_(
        name="M Okafor", email="Margaret@Example.org", subject="Still damp", summary="The mould is back."
    )


def _matches_page(client, **typed):
    return client.get(reverse("casework:correspondent-matches"), typed, HTTP_HX_REQUEST="true")


# --- the selector ---------------------------------------------------------------------------------------------
def test_matches_by_email_phone_name_and_surname_at_postcode_with_open_cases_only(head, margaret):
    person, open_case = margaret
    other = CorrespondentFactory(name="Sam Green", postcode="E3 5LN")
    CaseFactory(correspondent=other)
    for typed in [
        {"email": "MARGARET@example.org"},
        {"phone": "+442079460000"},
        {"name": "margaret okafor"},
        {"name": "Mrs M Okafor", "postcode": "E3 5LN"},
    ]:
        found = selectors.correspondent_matches(head, **typed)
        assert found == [person], typed
        assert found[0].open_cases == [open_case]  # the closed case is not offered
    assert selectors.correspondent_matches(head, postcode="E3 5LN") == []  # a postcode alone is a street, not a person
    assert selectors.correspondent_matches(head) == []


def test_matches_only_correspondents_the_user_may_see_and_never_an_anonymised_one(officer_b, margaret, head):
    person, _ = margaret
    assert selectors.correspondent_matches(officer_b, email="margaret@example.org") == []  # member_a's correspondent
    Correspondent.objects.filter(pk=person.pk).update(anonymised_at=timezone.now())
    assert selectors.correspondent_matches(head, email="margaret@example.org") == []


def test_the_strongest_match_comes_first_in_two_queries(head, margaret, django_assert_num_queries):
    person, _ = margaret
    namesake = CorrespondentFactory(name="Margaret Okafor", email="", postcode="")
    CaseFactory(correspondent=namesake)
    selectors.correspondent_matches(head, email="x@example.org")  # the user's permissions, cached on the user
    with django_assert_num_queries(2):  # the correspondents; their open cases
        found = selectors.correspondent_matches(head, email="margaret@example.org", name="Margaret Okafor")
        assert [p.open_cases for p in found]
    assert found == [person, namesake]
    assert found[0].reasons == ["the same email address", "the same name"]


# --- the htmx endpoint ------------------------------------------------------------------------------------------
def test_typing_an_email_address_shows_them_and_their_open_cases(client, officer_a, margaret):
    person, open_case = margaret
    client.force_login(officer_a)
    page = _matches_page(client, email="margaret@example.org", phone="020 79", name="M", postcode="E3").content.decode()
    assert "Is this someone we already know?" in page
    assert f'value="person-{person.pk}"' in page and "Mrs Margaret Okafor" in page
    assert f'value="case-{open_case.pk}"' in page and f"Add to {open_case.reference} as a follow-up" in page
    assert 'value="new"' in page
    assert "The same email address" in page


def test_a_choice_already_made_stays_made_as_the_officer_types_on(client, officer_a, margaret):
    person, _ = margaret
    client.force_login(officer_a)
    page = _matches_page(client, email="margaret@example.org", match=f"person-{person.pk}").content.decode()
    assert f'value="person-{person.pk}" aria-describedby="match-person-{person.pk}-hint" checked' in page


def test_nothing_typed_or_nothing_matching_shows_nothing(client, officer_a, margaret):
    client.force_login(officer_a)
    assert _matches_page(client).content.decode().strip() == ""
    assert _matches_page(client, email="someone@else.org").content.decode().strip() == ""
    assert _matches_page(client, email="not an address", phone="call me", postcode="??").status_code == 200


def test_the_endpoint_is_refused_to_those_who_may_not_log_cases(client, directorate_contact, margaret):
    client.force_login(directorate_contact)
    assert _matches_page(client, email="margaret@example.org").status_code == 403


def test_the_intake_form_asks_as_the_officer_types_into_a_live_region(client, officer_a):
    client.force_login(officer_a)
    page = client.get(reverse("casework:create")).content.decode()
    assert '<div id="correspondent-matches" class="cw-matches" aria-live="polite">' in page
    url = reverse("casework:correspondent-matches")
    for name in ("email", "phone", "name", "postcode"):
        assert f'name="{name}"' in page
    assert page.count(f'hx-get="{url}"') == 4
    assert page.count('hx-trigger="input changed delay:400ms"') == 4
    assert '<datalist id="title-suggestions">' in page and '<option value="Baroness">' in page


# --- saving -------------------------------------------------------------------------------------------------------
def test_without_a_choice_the_matches_are_offered_on_submit_and_nothing_is_saved(intake, margaret):
    person, open_case = margaret
    response = intake()
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose whether this is someone we already know, or someone new" in page
    assert 'href="#id_match"' in page and 'id="id_match"' in page  # the error summary links to the first choice
    assert f'value="case-{open_case.pk}"' in page
    assert Correspondent.objects.count() == 1 and Case.objects.count() == 2


def test_choosing_them_attaches_the_case_to_their_record_and_makes_no_second_one(intake, margaret):
    person, _ = margaret
    response = intake(match=f"person-{person.pk}", name="", kind=None)  # their details need not be typed again
    assert response.status_code == 302
    assert Correspondent.objects.count() == 1
    case = Case.objects.get(subject="Still damp")
    assert case.correspondent == person


def test_adding_a_follow_up_puts_it_on_the_open_case_and_opens_no_new_case(intake, margaret, officer_a):
    person, open_case = margaret
    response = intake(match=f"case-{open_case.pk}", case_type=None, member=None, name="")
    assert response.status_code == 302 and response["Location"] == open_case.get_absolute_url()
    assert Case.objects.count() == 2 and Correspondent.objects.count() == 1
    entry = open_case.events.get(kind=CaseEvent.Kind.EMAIL)
    assert entry.text == "Follow-up received (email): Still damp\n\nThe mould is back."
    assert entry.actor == officer_a


def test_someone_new_makes_a_new_record(intake, margaret):
    assert intake(match="new", name="Margaret Okafor-Smith").status_code == 302
    assert Correspondent.objects.count() == 2


@pytest.mark.parametrize("match", ["person-999999", "case-999999", "person-abc", "case-²", "person-" + "9" * 40, "x"])
def test_a_tampered_choice_is_refused_in_words(intake, margaret, match):
    response = intake(match=match)
    assert response.status_code == 200
    assert "from the list" in response.content.decode() or "Choose whether" in response.content.decode()
    assert Correspondent.objects.count() == 1


def test_a_correspondent_or_case_the_officer_may_not_see_cannot_be_chosen(client, officer_b, member_b, margaret):
    person, open_case = margaret  # member_a's; officer_b supports member_b
    client.force_login(officer_b)
    today = timezone.localdate()
    base = {
        "case_type": case_type("resident").pk,
        "channel": "letter",
        "received_date_0": today.day,
        "received_date_1": today.month,
        "received_date_2": today.year,
        "member": member_b.pk,
        "subject": "Hello",
        "sensitivity": "standard",
        "priority": "normal",
    }
    for match, message in [(f"person-{person.pk}", "Choose the correspondent"), (f"case-{open_case.pk}", "open case")]:
        response = client.post(reverse("casework:create"), {**base, "match": match})
        assert response.status_code == 200 and message in response.content.decode()
    assert not open_case.events.exists()


def test_a_follow_up_to_a_finished_case_is_refused(officer_a, margaret):
    _, open_case = margaret
    Case.objects.filter(pk=open_case.pk).update(status=Status.CLOSED)
    open_case.refresh_from_db()
    with pytest.raises(ServiceError, match="finished"):
        services.case_follow_up(actor=officer_a, case=open_case, received_at=timezone.now(), subject="More")
