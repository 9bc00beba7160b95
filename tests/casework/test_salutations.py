"""Salutations from the correspondent's title and surname, in the proper UK forms (Debrett's; UK Parliament for
MPs), with the correspondent's own salutation winning; and the letter greets and addresses them so."""

import io

import pytest
from django.urls import reverse

from casework import letters, services
from casework.models import Correspondent
from tests.casework.factories import CorrespondentFactory


def person(name, title="", kind=Correspondent.Kind.RESIDENT, salutation=""):
    return Correspondent(name=name, title=title, kind=kind, salutation=salutation)


@pytest.mark.parametrize(
    "correspondent, greeting",
    [
        (person("Ahmed Miah", "Mr"), "Dear Mr Miah,"),
        (person("Rhys Davies", "Cllr", Correspondent.Kind.COUNCILLOR), "Dear Cllr Davies,"),
        (person("Priya Shah OBE", "Dr"), "Dear Dr Shah,"),
        (person("Mr Ahmed Miah"), "Dear Mr Miah,"),  # a title typed into the name
        (person("Sam Green"), "Dear Sam Green,"),  # no title: the full name
    ],
)
def test_title_and_surname(correspondent, greeting):
    assert letters.salutation(correspondent) == greeting


@pytest.mark.parametrize(
    "correspondent, greeting, address",
    [
        (person("Rupa Ali MP", "Ms", Correspondent.Kind.MP), "Dear Ms Ali,", "Rupa Ali MP"),
        (person("Rupa Ali", "Ms", Correspondent.Kind.MP), "Dear Ms Ali,", "Rupa Ali MP"),
        (person("John Smith", "Rt Hon", Correspondent.Kind.MP), "Dear John Smith,", "The Rt Hon John Smith MP"),
        (person("Tom Hart", "Rt Hon Mr", Correspondent.Kind.MP), "Dear Mr Hart,", "The Rt Hon Tom Hart MP"),
    ],
)
def test_an_mp_is_greeted_without_mp_which_goes_on_the_address_block(correspondent, greeting, address):
    assert letters.salutation(correspondent) == greeting
    assert letters.addressee(correspondent) == address


@pytest.mark.parametrize(
    "correspondent, greeting",
    [
        (person("Chris Smith", "Lord"), "Dear Lord Smith,"),
        (person("Lord Smith of Finsbury"), "Dear Lord Smith,"),
        (person("Jane Jones", "Baroness"), "Dear Baroness Jones,"),
        (person("Amelia Hart", "Lady"), "Dear Lady Hart,"),
        (person("John Major", "Sir"), "Dear Sir John,"),
        (person("Judi Dench", "Dame"), "Dear Dame Judi,"),
        (person("Keir Starmer KCB MP", "Rt Hon Sir", Correspondent.Kind.MP), "Dear Sir Keir,"),
    ],
)
def test_peers_knights_and_dames(correspondent, greeting):
    assert letters.salutation(correspondent) == greeting


@pytest.mark.parametrize("override, greeting", [("Dear Margaret", "Dear Margaret,"), ("My Lord,", "My Lord,")])
def test_the_correspondents_own_salutation_wins(override, greeting):
    assert letters.salutation(person("Margaret Okafor", "Mrs", salutation=override)) == greeting


@pytest.mark.django_db
def test_the_letter_greets_and_addresses_the_correspondent_properly(client, log_case, member_a, officer_a):
    from pypdf import PdfReader

    mp = CorrespondentFactory(name="Rupa Ali", title="Ms", kind=Correspondent.Kind.MP)
    case = services.case_allocate(
        actor=officer_a, case=log_case(member=member_a, actor=officer_a, correspondent=mp), officer=officer_a
    )
    services.draft_save(actor=officer_a, case=case, body="Thank you for your letter about the survey.")
    client.force_login(officer_a)
    response = client.get(reverse("casework:letter", args=[case.pk]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Dear Ms Ali," in text
    assert "Rupa Ali MP" in text and "Ms Ali MP" not in text and "Dear Rupa Ali" not in text
