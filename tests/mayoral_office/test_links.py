"""A record's address from `mayoral_office.links` is the one Django's reverse() gives, whatever the key, the script
prefix the office is served under and the URLconf."""

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix

from mayoral_office.links import plain_url, record_url, url_for_each


@pytest.mark.parametrize("name", ["diary:engagement", "briefings:pack", "casework:detail", "decisions:meeting"])
@pytest.mark.parametrize("pk", [1, 7, 2026, 10**9])
def test_a_records_address_is_the_one_reverse_gives(name, pk):
    assert record_url(name, pk) == reverse(name, args=[pk])


def test_the_addresses_of_many_records_of_one_pattern_are_the_ones_reverse_gives():
    url = url_for_each("casework:detail")
    assert [url(pk) for pk in (1, 42, 10**6)] == [reverse("casework:detail", args=[pk]) for pk in (1, 42, 10**6)]


def test_the_address_follows_the_script_prefix_the_office_is_served_under():
    try:
        set_script_prefix("/mayors-office/")
        assert record_url("diary:engagement", 12) == "/mayors-office/diary/engagements/12/"
        assert plain_url("casework:index") == "/mayors-office/casework/"
    finally:
        clear_script_prefix()
    assert record_url("diary:engagement", 12) == reverse("diary:engagement", args=[12]) == "/diary/engagements/12/"
    assert plain_url("casework:index") == reverse("casework:index") == "/casework/"


def test_the_address_follows_the_urlconf(settings):
    assert record_url("diary:engagement", 5) == "/diary/engagements/5/"
    settings.ROOT_URLCONF = "tests.mayoral_office.urls_elsewhere"
    assert record_url("diary:engagement", 5) == reverse("diary:engagement", args=[5])
    assert record_url("diary:engagement", 5) == "/elsewhere/diary/engagements/5/"
