"""Phone numbers and postcodes by well-kept libraries: django-phonenumber-field (E.164) and django-localflavor's GB
postcode field; the data migration that brings existing rows into the same form; matching and search by phone
with no digit-stripping SQL expression."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from casework import search, selectors
from casework.forms import UKPhoneNumberField, UKPostcodeField
from casework.models import Case, Correspondent
from tests.casework.factories import CaseFactory, CorrespondentFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("casework.migrations.0009_correspondent_phone_postcode_normalise")


@pytest.mark.parametrize(
    "typed", ["020 7946 0000", "(020) 7946-0000", "+44 (0)20 7946 0000", "0044 20 7946 0000", "02079460000"]
)
def test_a_uk_phone_number_however_typed_cleans_to_e164(typed):
    assert UKPhoneNumberField().clean(typed).as_e164 == "+442079460000"


@pytest.mark.parametrize("typed", ["call me maybe", "12", "020 7946", "0207946000012345"])
def test_a_phone_number_that_is_not_real_gets_the_plain_english_message(typed):
    with pytest.raises(Exception) as caught:
        UKPhoneNumberField().clean(typed)
    assert caught.value.messages == ["Enter a UK phone number, like 020 7946 0000 or +44 20 7946 0000"]


@pytest.mark.parametrize("typed, clean", [("sw1a1aa", "SW1A 1AA"), (" e3   5ln ", "E3 5LN"), ("M1 1AE", "M1 1AE")])
def test_a_postcode_cleans_to_its_standard_form(typed, clean):
    assert UKPostcodeField().clean(typed) == clean


@pytest.mark.parametrize("typed", ["E1 6A", "NOT A POSTCODE", "QQ1 1QQ", "SW1A 1AAA"])
def test_a_postcode_that_is_not_real_gets_the_plain_english_message(typed):
    with pytest.raises(Exception) as caught:
        UKPostcodeField().clean(typed)
    assert caught.value.messages == ["Enter a real postcode, like SW1A 1AA"]


def test_the_model_stores_a_phone_number_in_e164():
    person = CorrespondentFactory(phone="(020) 7946-0000")
    assert Correspondent.objects.filter(pk=person.pk).values_list("phone", flat=True).get() == "+442079460000"


def test_the_data_migration_brings_phones_into_e164_clears_unreal_ones_and_standardises_postcodes(capsys):
    # The models as they were before the migration (phone still a plain CharField), on today's tables.
    old = MigrationExecutor(connection).loader.project_state(("casework", "0008_correspondent_title_salutation"))
    Old = old.apps.get_model("casework", "Correspondent")
    rows = {
        "bracketed": Old.objects.create(name="A", phone="(020) 7946-0000", postcode="e3 5ln"),
        "international": Old.objects.create(name="B", phone="+44 (0)161 496 0000", postcode="SW1A1AA"),
        "nonsense": Old.objects.create(name="C", phone="ring the office", postcode="not known"),
        "empty": Old.objects.create(name="D", phone="", postcode=""),
    }
    migration.normalise(old.apps, None)
    stored = {key: Old.objects.values_list("phone", "postcode").get(pk=row.pk) for key, row in rows.items()}
    assert stored == {
        "bracketed": ("+442079460000", "E3 5LN"),
        "international": ("+441614960000", "SW1A 1AA"),
        "nonsense": ("", "NOT KNOWN"),
        "empty": ("", ""),
    }
    printed = capsys.readouterr().out
    assert "1 correspondent phone number(s) were not real phone numbers and have been cleared" in printed


def test_no_digit_stripping_expression_is_left_in_matching_or_search():
    assert not hasattr(search, "phone_digits_expression")
    for module in (selectors, search):
        with open(module.__file__) as source:
            assert "Replace(" not in source.read()


def test_search_and_possible_duplicates_match_a_phone_number_typed_another_way(head, member_a):
    first = CaseFactory(member=member_a, correspondent=CorrespondentFactory(phone="020 7946 0000", postcode=""))
    second = CaseFactory(member=member_a, correspondent=CorrespondentFactory(phone="+44 (0)20 7946-0000", postcode=""))
    CaseFactory(member=member_a, correspondent=CorrespondentFactory(phone="0161 496 0000", postcode=""))
    assert set(Case.objects.visible_to(head).search("+44 20 7946 0000")) == {first, second}
    assert list(selectors.possible_duplicates(head, first)) == [second]
