"""The iCalendar subscription feed: valid RFC 5545, private titles hidden, revocable."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from diary import services
from diary.models import EngagementKind, EngagementStatus
from tests.diary.factories import make_engagement

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed_token(officer_a, member_a):
    return services.feed_token_create(actor=officer_a, member=member_a)


def test_feed_parses_with_icalendar_and_hides_private_titles(client, feed_token, member_a):
    from django.utils import timezone

    soon = timezone.localtime() + timezone.timedelta(days=2)
    make_engagement(member_a, start=soon, title="Cabinet pre-meet", location="Town Hall")
    make_engagement(
        member_a,
        start=soon + timezone.timedelta(hours=3),
        title="Dentist",
        is_private=True,
        kind=EngagementKind.PRIVATE,
    )
    response = client.get(reverse("diary:feed", args=[feed_token.token]))  # no sign-in: calendars cannot sign in
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    cal = Calendar.from_ical(body)
    assert str(cal["VERSION"]) == "2.0" and "PRODID" in cal
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert sorted(summaries) == ["Busy", "Cabinet pre-meet"]
    assert "Dentist" not in body
    for event in cal.walk("VEVENT"):
        assert event.get("UID") and event.get("DTSTAMP") and event.get("DTSTART")
    assert cal.walk("VTIMEZONE"), "local times need their VTIMEZONE"


def test_feed_stops_working_after_revocation(client, feed_token, officer_a):
    url = reverse("diary:feed", args=[feed_token.token])
    assert client.get(url).status_code == 200
    services.feed_token_revoke(actor=officer_a, token=feed_token)
    assert client.get(url).status_code == 404


def test_new_address_turns_off_the_old_one(client, feed_token, officer_a, member_a):
    new = services.feed_token_create(actor=officer_a, member=member_a)
    assert client.get(reverse("diary:feed", args=[feed_token.token])).status_code == 404
    assert client.get(reverse("diary:feed", args=[new.token])).status_code == 200


def test_unknown_token_is_404(client, db):
    assert client.get(reverse("diary:feed", args=["nonsense"])).status_code == 404


def test_feed_shows_cancelled_items_only_if_they_were_sent(client, feed_token, member_a):
    from django.utils import timezone

    soon = timezone.localtime() + timezone.timedelta(days=2)
    make_engagement(member_a, start=soon, title="Never sent", status=EngagementStatus.CANCELLED)
    sent = make_engagement(member_a, start=soon, title="Was sent", status=EngagementStatus.CANCELLED)
    sent.notices_sent = True
    sent.save()
    cal = Calendar.from_ical(client.get(reverse("diary:feed", args=[feed_token.token])).content)
    events = {str(e["SUMMARY"]): str(e["STATUS"]) for e in cal.walk("VEVENT")}
    assert events == {"Was sent": "CANCELLED"}


def test_revoke_through_the_subscription_page(client, officer_a, member_a, feed_token):
    client.force_login(officer_a)
    page = client.get(reverse("diary:feed-manage", args=[member_a.pk]))
    assert feed_token.token in page.content.decode()
    client.post(reverse("diary:feed-manage", args=[member_a.pk]), {"action": "revoke", "token": feed_token.pk})
    assert client.get(reverse("diary:feed", args=[feed_token.token])).status_code == 404


def test_officer_of_another_member_cannot_see_feed_page(client, officer_b, member_a, feed_token):
    client.force_login(officer_b)
    assert client.get(reverse("diary:feed-manage", args=[member_a.pk])).status_code == 404


def test_a_read_only_viewer_never_sees_the_secret_address(client, intern, member_a, feed_token):
    client.force_login(intern)
    page = client.get(reverse("diary:feed-manage", args=[member_a.pk])).content.decode()
    assert feed_token.token not in page
    assert "A subscription address exists" in page
    response = client.post(reverse("diary:feed-manage", args=[member_a.pk]), {"action": "create"})
    assert response.status_code == 403  # may read the diary, may never manage its subscription
    assert member_a.feed_tokens.count() == 1


def test_a_bad_token_id_is_a_404_not_a_500(client, officer_a, member_a, feed_token):
    client.force_login(officer_a)
    response = client.post(reverse("diary:feed-manage", args=[member_a.pk]), {"action": "revoke", "token": "\u00b2"})
    assert response.status_code == 404


def test_a_change_is_in_the_feed_the_next_time_a_calendar_asks(client, feed_token, officer_a, member_a):
    """The feed is kept between requests (calendars ask every few minutes): a change, even one that sends no
    notice, is in the very next copy."""
    from dataclasses import replace
    from datetime import timedelta

    from django.utils import timezone

    from diary.data import engagement_data_of

    engagement = make_engagement(member_a, start=timezone.localtime() + timedelta(days=2), title="Cabinet pre-meet")
    url = reverse("diary:feed", args=[feed_token.token])

    def the_event():
        (event,) = Calendar.from_ical(client.get(url).content).walk("VEVENT")
        return event

    before = the_event()
    services.engagement_move(
        actor=officer_a,
        engagement=engagement,
        starts_at=engagement.starts_at + timedelta(hours=1),
        ends_at=engagement.ends_at + timedelta(hours=1),
    )
    moved = the_event()
    assert moved["DTSTART"].dt == before["DTSTART"].dt + timedelta(hours=1)
    engagement.refresh_from_db()
    data = replace(engagement_data_of(engagement), notes="Bring the ward map")
    services.engagement_update(actor=officer_a, engagement=engagement, data=data, members=[member_a])
    assert "Bring the ward map" in str(the_event()["DESCRIPTION"])


def test_the_kept_feed_follows_what_its_maker_may_read_and_the_members_choice(
    client, feed_token, member_a, head, officer_a
):
    """The file is kept between fetches; a member allowing their officers to read private titles, or the officer who
    made the address ceasing to support them, is in the next fetch though no engagement changed."""
    from django.utils import timezone

    from mayoral_office.models import SupportAssignment

    make_engagement(member_a, start=timezone.localtime() + timezone.timedelta(days=2), title="Dentist", is_private=True)
    url = reverse("diary:feed", args=[feed_token.token])

    def summaries():
        return [str(e["SUMMARY"]) for e in Calendar.from_ical(client.get(url).content).walk("VEVENT")]

    assert summaries() == ["Busy"]
    services.diary_preference_set(actor=head, member=member_a, officers_see_private_titles=True)
    assert summaries() == ["Dentist"]
    SupportAssignment.objects.filter(officer=officer_a, member=member_a).update(
        ends_on=timezone.localdate() - timezone.timedelta(days=1)
    )
    assert summaries() == ["Busy"]  # its maker no longer keeps the diary: it shows what they may read now
