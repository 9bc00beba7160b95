"""Private engagements: "Busy" (time only) to those who may see the diary but not the item, on screen exactly as
in the feed; the member always sees their own titles, in the app and in their own feed; the Executive Support
Officer who keeps the diary sees the title only if the member allows it (DiaryPreference, changed by the member or
the Head of Mayor's Office through a service, audited)."""

from datetime import date

import pytest
import recurring_ical_events
from auditlog.models import LogEntry
from django.urls import reverse
from icalendar import Calendar

from diary import services
from diary.models import DiaryPreference
from mayoral_office.roles import Role
from tests.diary.factories import at, make_engagement
from tests.mayoral_office.factories import SupportAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db

TITLE = "Hospital appointment"


@pytest.fixture
def private(mayor, exec_officer):
    """A private engagement in the Mayor's diary, next week, and another officer who reads that diary read only."""
    engagement = make_engagement(mayor.member, start=at(2026, 12, 9, 14), title=TITLE, is_private=True)
    intern = UserFactory(role=Role.INTERN, full_name="Ella Thompson")
    SupportAssignmentFactory(officer=intern, member=mayor.member)
    return engagement, intern


def on_screen(client, user, engagement) -> tuple[str, str]:
    """The week view and the engagement page as this user sees them."""
    client.force_login(user)
    week = client.get(reverse("diary:week") + f"?member={engagement.members.get().pk}&date=2026-12-09")
    page = client.get(reverse("diary:engagement", args=[engagement.pk]))
    assert week.status_code == page.status_code == 200
    return week.content.decode(), page.content.decode()


def in_feed(client, user, member) -> list[str]:
    """The summaries of the expanded feed made by this user (its address shows what they may read)."""
    token = services.feed_token_create(actor=user, member=member)
    cal = Calendar.from_ical(client.get(reverse("diary:feed", args=[token.token])).content)
    return [str(e["SUMMARY"]) for e in recurring_ical_events.of(cal).between(date(2026, 12, 1), date(2027, 1, 1))]


def allow(actor, member, on=True):
    services.diary_preference_set(actor=actor, member=member, officers_see_private_titles=on)


def test_another_officer_who_reads_the_diary_sees_busy_with_the_time(client, private):
    engagement, intern = private
    week, page = on_screen(client, intern, engagement)
    for html in (week, page):
        assert TITLE not in html and "Busy" in html
    assert "14:00" in week  # the time only


def test_the_member_sees_their_own_private_title_in_the_app_and_in_their_own_feed(client, private, mayor):
    engagement, _ = private
    week, page = on_screen(client, mayor, engagement)
    assert TITLE in week and TITLE in page
    assert in_feed(client, mayor, mayor.member) == [TITLE]


def test_the_eso_sees_busy_while_the_member_has_not_allowed_it(client, private, exec_officer, mayor):
    engagement, _ = private
    week, page = on_screen(client, exec_officer, engagement)
    assert TITLE not in week and TITLE not in page and "Busy" in week
    assert in_feed(client, exec_officer, mayor.member) == ["Busy"]


def test_the_eso_sees_the_title_once_the_member_allows_it_and_busy_again_when_withdrawn(
    client, private, exec_officer, mayor
):
    engagement, _ = private
    allow(mayor, mayor.member)
    week, page = on_screen(client, exec_officer, engagement)
    assert TITLE in week and TITLE in page
    assert in_feed(client, exec_officer, mayor.member) == [TITLE]
    allow(mayor, mayor.member, on=False)
    week, _ = on_screen(client, exec_officer, engagement)
    assert TITLE not in week
    assert in_feed(client, exec_officer, mayor.member) == ["Busy"]


def test_the_interns_view_is_busy_even_when_the_member_allows_officers(client, private, mayor):
    engagement, intern = private
    allow(mayor, mayor.member)
    week, page = on_screen(client, intern, engagement)
    assert TITLE not in week and TITLE not in page


def test_the_secret_address_of_the_members_own_feed_is_not_shown_to_an_officer_who_may_not_read_it(
    client, private, mayor, exec_officer
):
    token = services.feed_token_create(actor=mayor, member=mayor.member)
    client.force_login(exec_officer)
    page = client.get(reverse("diary:feed-manage", args=[mayor.member.pk])).content.decode()
    assert token.token not in page and "A subscription address exists" in page
    allow(mayor, mayor.member)
    assert token.token in client.get(reverse("diary:feed-manage", args=[mayor.member.pk])).content.decode()


def test_the_member_changes_the_setting_on_its_page_with_an_audit_entry(client, mayor):
    client.force_login(mayor)
    url = reverse("diary:preferences", args=[mayor.member.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"officers_see_private_titles": "on"})
    assert response.status_code == 302
    preference = DiaryPreference.objects.get(member=mayor.member)
    assert preference.officers_see_private_titles and preference.updated_by == mayor
    assert LogEntry.objects.get_for_object(preference).filter(actor=mayor).exists()


def test_the_head_may_change_it_and_the_eso_may_not(client, head, exec_officer, mayor):
    client.force_login(exec_officer)
    url = reverse("diary:preferences", args=[mayor.member.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"officers_see_private_titles": "on"}).status_code == 403
    assert not DiaryPreference.objects.exists()
    client.force_login(head)
    assert client.post(url, {"officers_see_private_titles": "on"}).status_code == 302
    assert DiaryPreference.objects.get().officers_see_private_titles
