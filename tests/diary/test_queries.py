"""The week view and the forward look run the same number of SQL queries at 10 and at 100 engagements."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.diary.factories import at, make_engagement

pytestmark = pytest.mark.django_db


def fill(members, n, *, start, officer, first=0):
    for i in range(first, first + n):
        e = make_engagement(
            *members,
            start=start + timedelta(hours=i % 10, days=(i // 10) % 7),
            hours=1,
            title=f"Engagement {i}",
            lead_officer=officer,
            is_private=(i % 5 == 0),
            briefing_required=(i % 2 == 0),
        )
        e.attendee_officers.set([officer])


def count_queries(client, url):
    client.get(url)  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


@pytest.mark.parametrize("view", ["week", "combined_week", "month"])
def test_week_view_same_queries_at_10_and_100(client, officer_a, member_a, intern, view):
    monday = at(2026, 6, 8, 8)
    client.force_login(intern)  # an intern: private items are masked, so the masking is counted too
    member_param = "all" if view == "combined_week" else member_a.pk
    url_name = "diary:month" if view == "month" else "diary:week"
    url = reverse(url_name) + f"?member={member_param}&date=2026-06-10"
    fill([member_a], 10, start=monday, officer=officer_a)
    small, response = count_queries(client, url)
    html = response.content.decode()
    assert "Engagement 9" in html and "Busy" in html and "Engagement 5<" not in html  # 5 is private
    fill([member_a], 90, start=monday, officer=officer_a, first=10)
    large, response = count_queries(client, url)
    assert "Engagement 99" in response.content.decode()
    assert small == large


def test_forward_look_same_queries_at_10_and_100(client, officer_a, member_a, member_b, head):
    start = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0) + timedelta(days=1)
    client.force_login(head)
    url = reverse("diary:forward-look")
    fill([member_a, member_b], 10, start=start, officer=officer_a)
    small, response = count_queries(client, url)
    assert "Engagement 9" in response.content.decode()
    fill([member_a, member_b], 90, start=start + timedelta(days=8), officer=officer_a, first=10)
    large, response = count_queries(client, url)
    assert "Showing 1 to 25 of 100" in response.content.decode()
    assert small == large


def test_a_list_of_engagements_reads_its_members_once_each_in_office_and_name_order(mayor, member_a, member_b):
    from diary.models import Engagement
    from mayoral_office.models import Member

    start = at(2026, 12, 7)
    both = make_engagement(member_b, member_a, mayor.member, start=start)
    only_b = make_engagement(member_b, start=start + timedelta(hours=2))
    make_engagement(member_a, start=start + timedelta(hours=4))  # not in the list below
    in_order = Member.objects.filter(pk__in=[member_a.pk, member_b.pk, mayor.member.pk]).order_by("office", "name")

    with CaptureQueriesContext(connection) as ctx:
        listed = list(Engagement.objects.filter(pk__in=[both.pk, only_b.pk]).order_by("starts_at").with_members())
        members = [list(e.members.all()) for e in listed]
        preferences = [hasattr(m, "diary_preference") for row in members for m in row]  # loaded with them
    assert len(ctx.captured_queries) == 3  # the engagements, which members each has, those members
    assert [[m.pk for m in row] for row in members] == [[m.pk for m in in_order], [member_b.pk]]
    assert preferences == [False] * 4
    b_in_first = next(m for m in members[0] if m.pk == member_b.pk)
    assert b_in_first is members[1][0]  # one object a member, however many engagements it is in
    # a further query on them still means that engagement's members, not every member
    assert list(listed[1].members.filter(pk=member_a.pk)) == []
    assert list(listed[0].members.filter(pk=member_a.pk)) == [member_a]
