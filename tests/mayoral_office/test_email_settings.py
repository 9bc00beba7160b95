"""Your email settings: anyone signed in chooses whether they are also emailed at once when something new is due for
them (User.chase_alerts), through an audited service; the page says the digest and escalations always go. The
header links to it."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from mayoral_office import services
from mayoral_office.errors import PermissionDenied
from mayoral_office.models import ChaseSettings, User
from tests.query_counts import OFFICER, SIGNED_IN

pytestmark = pytest.mark.django_db
LABEL = "Email me at once when something new is due for me, as well as the daily digest"
URL = "/account/email/"


def _entries(user):
    return LogEntry.objects.filter(content_type__model="user", object_pk=str(user.pk))


def test_the_url_is_named():
    assert reverse("email-settings") == URL


@pytest.mark.parametrize("persona", ["officer_a", "head", "member_a_user", "directorate_contact", "intern"])
def test_everyone_signed_in_opens_their_email_settings(client, request, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    body = client.get(URL).content.decode()
    assert LABEL in body and 'type="checkbox"' in body and 'name="chase_alerts"' in body
    assert "Escalations and the daily digest cannot be turned off" in body
    assert user.email in body and "08:00" in body


def test_the_page_says_when_the_digest_is_written(client, officer_a):
    ChaseSettings.objects.create(digest_time="07:15")
    client.force_login(officer_a)
    assert "On each working day at 07:15" in client.get(URL).content.decode()


def test_signed_out_it_asks_for_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_turning_alerts_on_and_off_is_saved_and_audited(client, officer_a):
    client.force_login(officer_a)
    response = client.post(URL, {"chase_alerts": "on"}, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert "Your email settings are saved" in response.content.decode()
    assert User.objects.get(pk=officer_a.pk).chase_alerts
    assert "checked" in response.content.decode().split('name="chase_alerts"')[1].split(">")[0]
    entry = _entries(officer_a).latest("timestamp")
    assert entry.actor == officer_a and entry.changes_dict["chase_alerts"] == ["False", "True"]

    client.post(URL, {})  # an unticked box is not sent
    assert not User.objects.get(pk=officer_a.pk).chase_alerts
    assert _entries(officer_a).latest("timestamp").changes_dict["chase_alerts"] == ["True", "False"]


def test_saving_without_a_change_writes_nothing(officer_a):
    before = _entries(officer_a).count()
    services.user_set_chase_alerts(actor=officer_a, user=officer_a, alerts=False)
    assert _entries(officer_a).count() == before


def test_only_the_office_configurers_set_someone_elses(head, officer_a, officer_b):
    with pytest.raises(PermissionDenied):
        services.user_set_chase_alerts(actor=officer_b, user=officer_a, alerts=True)
    assert not User.objects.get(pk=officer_a.pk).chase_alerts
    services.user_set_chase_alerts(actor=head, user=officer_a, alerts=True)
    assert User.objects.get(pk=officer_a.pk).chase_alerts
    assert _entries(officer_a).latest("timestamp").actor == head


def test_the_header_links_to_the_email_settings_near_sign_out(client, officer_a):
    client.force_login(officer_a)
    body = client.get(reverse("home")).content.decode()
    account = body.split('class="app-header__account"')[1].split("</div>")[0]
    assert f'href="{URL}"' in account and "Sign out" in account


def test_the_page_runs_its_pinned_queries(client, officer_a, django_assert_num_queries):
    client.force_login(officer_a)
    client.get(URL)
    # the menu's sections read the officer's relationships (OFFICER), as on every page
    with django_assert_num_queries(len(SIGNED_IN + OFFICER)):  # (the chasing rules are kept in the cache)
        assert client.get(URL).status_code == 200
