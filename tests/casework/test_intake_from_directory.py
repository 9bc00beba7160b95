"""Correspondents picked from the stakeholder directory on the intake form: as the officer types, the people of the
directory who match are offered beside the correspondents we already hold; choosing one fills in what was left
blank from their entry. (A person's directory page also opens the form filled in: tests/mayoral_office/
test_directory.py.)"""

import pytest
from django.urls import reverse

from casework.models import Case, Correspondent
from mayoral_office import directory
from mayoral_office.models import OrganisationKind
from tests.casework.factories import CorrespondentFactory

pytestmark = pytest.mark.django_db
URL = reverse("casework:create")


@pytest.fixture
def osei(head):
    hospital = directory.organisation_save(actor=head, name="Royal London Hospital", kind=OrganisationKind.ANCHOR)
    return directory.person_save(
        actor=head,
        name="Dr Helen Osei",
        role="Chief Executive",
        organisation=hospital,
        email="h.osei@rlh.example.org",
        phone="020 7946 0123",
    )


def test_typing_a_name_offers_the_people_of_the_directory_who_match(client, officer_a, osei):
    client.force_login(officer_a)
    page = client.get(reverse("casework:correspondent-matches"), {"name": "Helen Osei"}).content.decode()
    assert f'value="directory-{osei.pk}"' in page
    assert "Dr Helen Osei, Royal London Hospital: from the stakeholder directory" in page
    assert "Chief Executive. h.osei@rlh.example.org." in page
    by_email = client.get(reverse("casework:correspondent-matches"), {"email": "H.OSEI@rlh.example.org"})
    assert f'value="directory-{osei.pk}"' in by_email.content.decode()
    nobody = client.get(reverse("casework:correspondent-matches"), {"name": "Someone Else"}).content.decode()
    assert "directory-" not in nobody


def test_choosing_a_directory_person_logs_the_case_with_their_details(intake_form, osei):
    response = intake_form(name="Helen Osei", match=f"directory-{osei.pk}")
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    person = case.correspondent
    assert (person.name, person.organisation, person.email, person.kind) == (
        "Helen Osei",  # what the officer typed is kept
        "Royal London Hospital",
        "h.osei@rlh.example.org",
        Correspondent.Kind.AGENCY,  # an anchor institution writes as an agency
    )
    assert person.phone.as_e164 == "+442079460123"


def test_a_directory_person_can_be_chosen_with_nothing_typed(intake_form, osei):
    assert intake_form(match=f"directory-{osei.pk}").status_code == 302
    assert Case.objects.get().correspondent.name == "Dr Helen Osei"


def test_matching_directory_people_do_not_stop_a_new_correspondent(intake_form, osei):
    """Only a correspondent we already hold asks for a choice; the directory is a help, not a question."""
    response = intake_form(name="Helen Osei")
    assert response.status_code == 302
    assert Case.objects.get().correspondent.email == ""


def test_a_tampered_directory_choice_is_refused_and_nothing_saved(intake_form, osei):
    response = intake_form(name="Helen Osei", match="directory-999999")
    assert "Choose the person from the stakeholder directory again" in response.content.decode()
    assert not Case.objects.exists() and not Correspondent.objects.exists()


def test_both_are_offered_when_we_hold_them_too(intake_form, osei, log_case, member_a):
    held = CorrespondentFactory(name="Dr Helen Osei", email="h.osei@rlh.example.org")
    log_case(member=member_a, correspondent=held)
    page = intake_form(email="h.osei@rlh.example.org").content.decode()
    assert "Choose whether this is someone we already know, or someone new" in page
    assert f'value="person-{held.pk}"' in page and f'value="directory-{osei.pk}"' in page


def test_a_long_organisation_name_and_an_odd_phone_number_are_taken_as_a_correspondent_may_hold_them(intake_form, head):
    long_name = "The Eastbridge and Riverside Community Housing, Health and Wellbeing " * 2
    organisation = directory.organisation_save(actor=head, name=long_name[:200], kind=OrganisationKind.VOLUNTARY)
    person = directory.person_save(actor=head, name="Pat Long", organisation=organisation, phone="ext 4412")
    assert intake_form(match=f"directory-{person.pk}").status_code == 302
    held = Case.objects.get().correspondent
    assert held.organisation == long_name[:150].rstrip() and not held.phone


def test_a_directory_person_we_already_hold_by_email_is_not_made_twice(intake_form, osei, log_case, member_a):
    held = CorrespondentFactory(name="Helen Osei", email="h.osei@rlh.example.org")
    log_case(member=member_a, correspondent=held)
    response = intake_form(match=f"directory-{osei.pk}")
    assert (
        "We already hold Helen Osei with the email address of Dr Helen Osei: choose them" in response.content.decode()
    )
    assert Correspondent.objects.count() == 1 and Case.objects.count() == 1
