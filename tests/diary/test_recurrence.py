"""Recurring engagements keep their local wall-clock time across the clock changes (last Sunday of March and
of October), and a single occurrence can be cancelled without touching the rest."""

from datetime import UTC, date, time, timedelta

import pytest
from django.urls import reverse

from diary import services
from diary.data import EngagementData
from diary.models import Engagement, EngagementStatus, Frequency
from mayoral_office.errors import NeedsConfirmation
from tests.diary.factories import at, date_parts

pytestmark = pytest.mark.django_db


def surgery(officer, member, first_day, until):
    return services.series_create(
        actor=officer,
        data=EngagementData(
            title="Ward surgery",
            kind="ward_surgery",
            starts_at=at(*first_day, 10),
            ends_at=at(*first_day, 12),
            location="Bow Community Hall",
        ),
        members=[member],
        frequency=Frequency.WEEKLY,
        until=until,
    )


@pytest.mark.parametrize(
    ("first_day", "until", "clock_change", "utc_hours_before", "utc_hours_after"),
    [
        ((2026, 3, 21), date(2026, 4, 4), date(2026, 3, 29), 10, 9),  # GMT -> BST
        ((2026, 10, 17), date(2026, 10, 31), date(2026, 10, 25), 9, 10),  # BST -> GMT
    ],
)
def test_weekly_surgery_with_cancelled_occurrence_across_clock_change(
    client, officer_a, member_a, first_day, until, clock_change, utc_hours_before, utc_hours_after
):
    series = surgery(officer_a, member_a, first_day, until)
    occurrences = list(series.occurrences.order_by("starts_at"))
    assert [o.occurrence_date for o in occurrences] == [date(*first_day) + timedelta(weeks=i) for i in range(3)]
    for o in occurrences:
        assert o.local_start.time() == time(10, 0) and o.local_end.time() == time(12, 0)
    before, after = occurrences[1], occurrences[2]  # the Saturdays either side of the change
    assert before.occurrence_date < clock_change < after.occurrence_date
    assert before.starts_at.astimezone(UTC).hour == utc_hours_before
    assert after.starts_at.astimezone(UTC).hour == utc_hours_after

    # Cancel the middle one only (the day before the clocks change).
    cancelled = occurrences[1]
    services.engagement_cancel(actor=officer_a, engagement=cancelled, reason="Member on leave")
    assert [o.status for o in series.occurrences.order_by("starts_at")] == [
        EngagementStatus.CONFIRMED,
        EngagementStatus.CANCELLED,
        EngagementStatus.CONFIRMED,
    ]

    # The week view shows 10:00 either side of the change, and the cancelled one as cancelled.
    client.force_login(officer_a)
    for occurrence in occurrences:
        html = client.get(
            reverse("diary:week") + f"?member={member_a.pk}&date={occurrence.occurrence_date.isoformat()}"
        ).content.decode()
        assert "10:00–12:00" in html
        assert "Ward surgery" in html
        if occurrence.pk == cancelled.pk:
            assert "Cancelled" in html and "<s>Ward surgery</s>" in html
        else:
            assert "<s>Ward surgery</s>" not in html


def test_monthly_meeting_on_first_tuesday(officer_a, member_a):
    series = services.series_create(
        actor=officer_a,
        data=EngagementData(
            title="Portfolio meeting",
            kind="internal_meeting",
            starts_at=at(2026, 1, 6, 9),
            ends_at=at(2026, 1, 6, 10),
        ),
        members=[member_a],
        frequency=Frequency.MONTHLY_WEEKDAY,
        until=date(2026, 4, 30),
    )
    days = [o.occurrence_date for o in series.occurrences.order_by("starts_at")]
    assert days == [date(2026, 1, 6), date(2026, 2, 3), date(2026, 3, 3), date(2026, 4, 7)]


def test_series_conflict_saves_nothing(officer_a, member_a):
    from tests.diary.factories import make_engagement

    make_engagement(member_a, start=at(2026, 3, 28, 10), title="Community fun day")
    with pytest.raises(NeedsConfirmation) as exc:
        surgery(officer_a, member_a, (2026, 3, 21), date(2026, 4, 4))
    assert [c.title for c in exc.value.items] == ["Community fun day"]
    assert exc.value.field == "conflict_reason" and "Community fun day" in exc.value.message
    assert Engagement.objects.filter(title="Ward surgery").count() == 0


def test_series_through_the_form(client, officer_a, member_a):
    client.force_login(officer_a)
    response = client.post(
        reverse("diary:engagement-create"),
        {
            "title": "Ward surgery",
            "kind": "ward_surgery",
            "members": [member_a.pk],
            **date_parts("start_date", (21, 3, 2026)),
            "start_time": "10:00",
            "end_time": "12:00",
            "status": "confirmed",
            "repeat": "weekly",
            **date_parts("repeat_until", (4, 4, 2026)),
        },
    )
    assert response.status_code == 302
    assert Engagement.objects.filter(title="Ward surgery").count() == 3


def test_series_end_before_start_is_refused(client, officer_a, member_a):
    client.force_login(officer_a)
    response = client.post(
        reverse("diary:engagement-create"),
        {
            "title": "Ward surgery",
            "kind": "ward_surgery",
            "members": [member_a.pk],
            **date_parts("start_date", (21, 3, 2026)),
            "start_time": "10:00",
            "end_time": "12:00",
            "status": "confirmed",
            "repeat": "weekly",
            **date_parts("repeat_until", (1, 3, 2026)),
        },
    )
    assert response.status_code == 200
    assert "The last date must be on or after the first date" in response.content.decode()
    assert not Engagement.objects.exists()


def test_cancel_this_and_later_occurrences_keeps_earlier_ones(client, officer_a, member_a):
    series = surgery(officer_a, member_a, (2026, 3, 21), date(2026, 4, 11))
    occurrences = list(series.occurrences.order_by("starts_at"))
    client.force_login(officer_a)
    url = reverse("diary:engagement-cancel", args=[occurrences[2].pk])
    assert "Also cancel every later occurrence" in client.get(url).content.decode()
    response = client.post(url, {"reason": "Surgery moves to the library", "and_later": "on"})
    assert response.status_code == 302
    statuses = [o.status for o in series.occurrences.order_by("starts_at")]
    assert statuses == ["confirmed", "confirmed", "cancelled", "cancelled"]


def test_one_off_cancel_page_has_no_series_option(client, officer_a, member_a):
    from tests.diary.factories import make_engagement

    engagement = make_engagement(member_a)
    client.force_login(officer_a)
    html = client.get(reverse("diary:engagement-cancel", args=[engagement.pk])).content.decode()
    assert "Also cancel every later occurrence" not in html


def test_surgery_in_the_feed_keeps_local_time_across_clock_change_and_drops_cancelled(client, officer_a, member_a):
    import recurring_ical_events
    from django.utils import timezone
    from icalendar import Calendar

    # A series around the next clock change, whatever today is: March and October of the coming year.
    year = timezone.localdate().year + 1
    series = surgery(officer_a, member_a, (year, 3, 21), date(year, 4, 11))
    cancelled = series.occurrences.order_by("starts_at")[1]
    services.engagement_cancel(actor=officer_a, engagement=cancelled)
    token = services.feed_token_create(actor=officer_a, member=member_a)
    cal = Calendar.from_ical(client.get(reverse("diary:feed", args=[token.token])).content)
    assert len(cal.walk("VEVENT")) == 1  # the series is one entry: its rule, the cancelled date as EXDATE
    expanded = recurring_ical_events.of(cal).between(date(year, 3, 1), date(year, 5, 1))
    starts = sorted(e.decoded("DTSTART") for e in expanded)
    assert len(starts) == 3
    assert cancelled.occurrence_date not in [s.date() for s in starts]
    assert {(s.hour, s.minute) for s in starts} == {(10, 0)}
    assert {s.astimezone(UTC).hour for s in starts} == {10, 9}  # GMT before the change, BST after
