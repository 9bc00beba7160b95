"""Which week "the week" is: this week on a weekday, the coming week on a Saturday or Sunday. The clock is fixed
in every test (patched at `django.utils.timezone.localdate`), never today's date."""

import re
from datetime import date
from unittest import mock

import pytest
from django.urls import reverse

from diary.calendars import default_week_start

pytestmark = pytest.mark.django_db

SUNDAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("today", "monday"),
    [
        (date(2026, 11, 16), date(2026, 11, 16)),  # Monday
        (date(2026, 11, 20), date(2026, 11, 16)),  # Friday
        (date(2026, 11, 21), date(2026, 11, 23)),  # Saturday
        (SUNDAY, date(2026, 11, 23)),
    ],
)
def test_default_week_start(today, monday):
    assert default_week_start(today) == monday


def fixed_today(day):
    return mock.patch("django.utils.timezone.localdate", return_value=day)


def test_week_view_on_a_sunday_shows_the_coming_week_and_links_its_pack(client, exec_officer, mayor):
    client.force_login(exec_officer)
    with fixed_today(SUNDAY):
        html = client.get(reverse("diary:week") + f"?member={mayor.member.pk}").content.decode()
    assert "Week of 23 November 2026 to 29 November 2026" in html
    pack = re.search(r'href="(/diary/week-ahead\.pdf[^"]*)"', html)[1]
    assert pack == f"/diary/week-ahead.pdf?member={mayor.member.pk}&amp;date=2026-11-23"


def test_week_view_on_a_wednesday_shows_this_week(client, exec_officer, mayor):
    client.force_login(exec_officer)
    with fixed_today(date(2026, 11, 18)):
        html = client.get(reverse("diary:week") + f"?member={mayor.member.pk}").content.decode()
    assert "Week of 16 November 2026 to 22 November 2026" in html
    assert f"?member={mayor.member.pk}&amp;date=2026-11-16" in html


def test_a_date_asked_for_still_wins_at_the_weekend(client, exec_officer, mayor):
    client.force_login(exec_officer)
    with fixed_today(SUNDAY):
        html = client.get(reverse("diary:week") + f"?member={mayor.member.pk}&date=2026-11-22").content.decode()
    assert "Week of 16 November 2026 to 22 November 2026" in html


def test_day_view_on_a_saturday_links_the_pack_for_the_coming_week(client, exec_officer, mayor):
    client.force_login(exec_officer)
    with fixed_today(date(2026, 11, 21)):
        html = client.get(reverse("diary:day") + f"?member={mayor.member.pk}").content.decode()
    assert "Saturday 21 November 2026" in html  # the day view still shows today
    assert f"week-ahead.pdf?member={mayor.member.pk}&amp;date=2026-11-23" in html


@pytest.mark.parametrize(("today", "monday"), [(SUNDAY, "2026-11-23"), (date(2026, 11, 18), "2026-11-16")])
def test_week_ahead_pack_without_a_date_is_the_week_the_week_view_shows(client, exec_officer, mayor, today, monday):
    client.force_login(exec_officer)
    with fixed_today(today):
        response = client.get(reverse("diary:week-ahead") + f"?member={mayor.member.pk}")
    assert response.status_code == 200
    assert f"week-ahead-{mayor.member.pk}-{monday}.pdf" in response["Content-Disposition"]
