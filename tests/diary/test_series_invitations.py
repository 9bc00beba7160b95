"""A recurring series reaches Outlook as one entry: one invitation for the series (RRULE, EXDATE for skipped
dates, Europe/London local time), a notice with RECURRENCE-ID for one changed occurrence, METHOD:CANCEL with the
same UID and a higher SEQUENCE for one cancelled occurrence or the whole series, and a feed that agrees. The
files are parsed with `icalendar` and expanded with a second library, `recurring_ical_events`."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
import recurring_ical_events
from django.urls import reverse
from icalendar import Calendar

from diary import services
from diary.data import EngagementData, engagement_data_of
from diary.models import LONDON, EngagementStatus, Frequency
from mayoral_office.errors import NeedsConfirmation
from tests.diary.factories import date_parts

pytestmark = pytest.mark.django_db

# Four Saturdays either side of the clocks going forward (Sunday 28 March 2027).
FOUR = [date(2027, 3, 13), date(2027, 3, 20), date(2027, 3, 27), date(2027, 4, 3)]


def ics_of(message):
    (content,) = [a[1] for a in message.attachments if a[0] == "invite.ics"]
    return Calendar.from_ical(content)


def expanded(cal, first=date(2026, 1, 1), last=date(2028, 12, 31)):
    """The dates a second calendar library makes of the file (its own RRULE, EXDATE and RECURRENCE-ID rules)."""
    return sorted(e.decoded("DTSTART") for e in recurring_ical_events.of(cal).between(first, last))


def weekly_surgery(officer, member, *, status=EngagementStatus.CONFIRMED, days=FOUR, **kw):
    return services.series_create(
        actor=officer,
        data=EngagementData(
            title="Ward surgery",
            kind="ward_surgery",
            starts_at=datetime.combine(days[0], time(10), tzinfo=LONDON),
            ends_at=datetime.combine(days[0], time(12), tzinfo=LONDON),
            location="Bow Community Hall",
            status=status,
        ),
        members=[member],
        attendee_officers=[officer],
        frequency=Frequency.WEEKLY,
        until=days[-1],
        **kw,
    )


@pytest.fixture
def sent(officer_a, member_a, mailoutbox, django_capture_on_commit_callbacks):
    """A weekly series of four, created and sent."""
    with django_capture_on_commit_callbacks(execute=True):
        series = weekly_surgery(officer_a, member_a)
    assert len(mailoutbox) == 1, "one invitation for the whole series"
    cal = ics_of(mailoutbox[0])
    mailoutbox.clear()
    return series, cal


def test_a_weekly_series_of_four_sends_one_invitation_whose_dates_are_the_four(sent, officer_a, member_a):
    series, cal = sent
    assert str(cal["METHOD"]) == "REQUEST"
    (event,) = cal.walk("VEVENT")
    assert str(event["UID"]) == series.uid
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    starts = expanded(cal)
    assert starts == [datetime.combine(day, time(10), tzinfo=LONDON) for day in FOUR]
    assert [s.astimezone(LONDON).time() for s in starts] == [time(10)] * 4  # 10:00 on each, GMT and BST
    assert [s.astimezone(UTC).hour for s in starts] == [10, 10, 10, 9]  # the clocks go forward on Sunday 28 March
    assert {str(a).removeprefix("mailto:") for a in event["ATTENDEE"]} >= {officer_a.email}


def test_cancelling_the_third_sends_a_cancel_with_its_recurrence_id_and_a_higher_sequence(
    sent, client, officer_a, member_a, mailoutbox, django_capture_on_commit_callbacks
):
    series, first = sent
    third = series.occurrences.order_by("starts_at")[2]
    with django_capture_on_commit_callbacks(execute=True):
        services.engagement_cancel(actor=officer_a, engagement=third, reason="Member on leave")
    assert len(mailoutbox) == 1
    cal = ics_of(mailoutbox[0])
    assert str(cal["METHOD"]) == "CANCEL"
    (event,) = cal.walk("VEVENT")
    assert str(event["UID"]) == series.uid == str(first.walk("VEVENT")[0]["UID"])
    assert event.decoded("RECURRENCE-ID") == datetime(2027, 3, 27, 10, tzinfo=LONDON)
    assert event.decoded("SEQUENCE") > first.walk("VEVENT")[0].decoded("SEQUENCE")
    assert str(event["STATUS"]) == "CANCELLED"

    # The member's feed agrees: the series, with the third skipped.
    token = services.feed_token_create(actor=officer_a, member=member_a)
    feed = Calendar.from_ical(client.get(reverse("diary:feed", args=[token.token])).content)
    assert expanded(feed) == [datetime.combine(day, time(10), tzinfo=LONDON) for day in FOUR if day != FOUR[2]]
    (master,) = feed.walk("VEVENT")
    assert str(master["UID"]) == series.uid and "EXDATE" in master


def test_moving_one_occurrence_sends_it_alone_with_its_recurrence_id_and_the_feed_shows_the_move(
    sent, client, officer_a, member_a, mailoutbox, django_capture_on_commit_callbacks
):
    series, first = sent
    second = series.occurrences.order_by("starts_at")[1]
    with django_capture_on_commit_callbacks(execute=True):
        services.engagement_move(
            actor=officer_a,
            engagement=second,
            starts_at=second.starts_at + timedelta(hours=1),
            ends_at=second.ends_at + timedelta(hours=1),
        )
    cal = ics_of(mailoutbox[0])
    assert str(cal["METHOD"]) == "REQUEST"
    (event,) = cal.walk("VEVENT")
    assert str(event["UID"]) == series.uid
    assert event.decoded("RECURRENCE-ID") == datetime(2027, 3, 20, 10, tzinfo=LONDON)  # the time it was due
    assert event.decoded("DTSTART") == datetime(2027, 3, 20, 11, tzinfo=LONDON)
    assert event.decoded("SEQUENCE") > first.walk("VEVENT")[0].decoded("SEQUENCE")

    token = services.feed_token_create(actor=officer_a, member=member_a)
    feed = Calendar.from_ical(client.get(reverse("diary:feed", args=[token.token])).content)
    assert expanded(feed) == [
        datetime(2027, 3, 13, 10, tzinfo=LONDON),
        datetime(2027, 3, 20, 11, tzinfo=LONDON),
        datetime(2027, 3, 27, 10, tzinfo=LONDON),
        datetime(2027, 4, 3, 10, tzinfo=LONDON),
    ]


def test_a_change_of_notes_on_one_occurrence_sends_nothing(sent, officer_a, mailoutbox):
    series, _ = sent
    second = series.occurrences.order_by("starts_at")[1]
    data = engagement_data_of(second)
    data.notes = "Bring the ward map"
    services.engagement_update(actor=officer_a, engagement=second, data=data, members=[second.members.get()])
    assert mailoutbox == []


def test_cancelling_the_whole_series_sends_one_cancel_of_the_series(
    sent, officer_a, mailoutbox, django_capture_on_commit_callbacks
):
    series, first = sent
    with django_capture_on_commit_callbacks(execute=True):
        count = services.series_cancel_from(actor=officer_a, engagement=series.occurrences.order_by("starts_at")[0])
    assert count == 4
    assert len(mailoutbox) == 1
    cal = ics_of(mailoutbox[0])
    assert str(cal["METHOD"]) == "CANCEL"
    (event,) = cal.walk("VEVENT")
    assert str(event["UID"]) == series.uid and "RECURRENCE-ID" not in event
    assert event.decoded("SEQUENCE") > first.walk("VEVENT")[0].decoded("SEQUENCE")


def test_cancelling_from_the_third_on_sends_one_cancel_naming_each_occurrence(
    sent, officer_a, mailoutbox, django_capture_on_commit_callbacks
):
    series, _ = sent
    with django_capture_on_commit_callbacks(execute=True):
        services.series_cancel_from(actor=officer_a, engagement=series.occurrences.order_by("starts_at")[2])
    assert len(mailoutbox) == 1
    cal = ics_of(mailoutbox[0])
    assert str(cal["METHOD"]) == "CANCEL"
    ids = [e.decoded("RECURRENCE-ID") for e in cal.walk("VEVENT")]
    assert ids == [datetime(2027, 3, 27, 10, tzinfo=LONDON), datetime(2027, 4, 3, 10, tzinfo=LONDON)]


def test_a_provisional_series_sends_nothing_until_an_occurrence_is_confirmed(
    officer_a, member_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        series = weekly_surgery(officer_a, member_a, status=EngagementStatus.PROVISIONAL)
    assert mailoutbox == []
    first = series.occurrences.order_by("starts_at")[0]
    data = engagement_data_of(first)
    data.status = EngagementStatus.CONFIRMED
    with django_capture_on_commit_callbacks(execute=True):
        services.engagement_update(actor=officer_a, engagement=first, data=data, members=[member_a])
    cal = ics_of(mailoutbox[0])
    assert str(cal["METHOD"]) == "REQUEST"
    assert len(expanded(cal)) == 4  # the whole series, now that it is in calendars


# --- bank holidays and closure days -----------------------------------------------------------------------------
# Mondays from 21 December 2026: Monday 28 December is the substitute bank holiday for Boxing Day.
MONDAYS = [date(2026, 12, 21), date(2026, 12, 28), date(2027, 1, 4)]


def test_an_occurrence_on_a_bank_holiday_is_flagged_when_the_series_is_made(officer_a, member_a):
    with pytest.raises(NeedsConfirmation) as refused:
        weekly_surgery(officer_a, member_a, days=MONDAYS)
    assert "Monday 28 December 2026" in str(refused.value) and "bank holiday" in str(refused.value)
    series = weekly_surgery(officer_a, member_a, days=MONDAYS, conflict_reason="Surgery runs on bank holidays")
    assert series.occurrences.count() == 3


def test_leaving_out_the_bank_holiday_skips_it_with_an_exdate(
    officer_a, member_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        series = weekly_surgery(officer_a, member_a, days=MONDAYS, skip_days_off=True)
    assert [o.occurrence_date for o in series.occurrences.order_by("starts_at")] == [MONDAYS[0], MONDAYS[2]]
    cal = ics_of(mailoutbox[0])
    (event,) = cal.walk("VEVENT")
    assert "EXDATE" in event
    assert expanded(cal) == [datetime.combine(day, time(10), tzinfo=LONDON) for day in (MONDAYS[0], MONDAYS[2])]


def test_a_council_closure_day_is_flagged_too(officer_a, member_a):
    from mayoral_office.models import ClosureDay

    ClosureDay.objects.create(date=MONDAYS[2], reason="Office move")
    with pytest.raises(NeedsConfirmation) as refused:
        weekly_surgery(officer_a, member_a, days=MONDAYS)
    assert "Monday 4 January 2027 (Office move)" in str(refused.value)


def test_the_form_shows_the_bank_holiday_warning_and_the_reason_box(client, officer_a, member_a):
    client.force_login(officer_a)
    post = {
        "title": "Ward surgery",
        "kind": "ward_surgery",
        "members": [member_a.pk],
        **date_parts("start_date", MONDAYS[0]),
        "start_time": "10:00",
        "end_time": "12:00",
        "status": "confirmed",
        "repeat": "weekly",
        **date_parts("repeat_until", MONDAYS[-1]),
    }
    html = client.post(reverse("diary:engagement-create"), post).content.decode()
    assert "Falls on a bank holiday or closure day: 1 occurrence (Monday 28 December 2026" in html
    assert 'name="conflict_reason"' in html
    response = client.post(reverse("diary:engagement-create"), {**post, "skip_days_off": "on"})
    assert response.status_code == 302
    assert member_a.engagements.count() == 2


def test_the_clock_change_keeps_local_time_in_the_rule(sent):
    """DTSTART carries its TZID and UNTIL is UTC (RFC 5545 for a local start), so every expansion is 10:00."""
    _, cal = sent
    (event,) = cal.walk("VEVENT")
    until = event["RRULE"]["UNTIL"][0]
    assert until.tzinfo is not None and until.utcoffset() == timedelta(0)
    assert until == datetime(2027, 4, 3, 9, tzinfo=UTC)  # 10:00 BST
    assert cal.walk("VTIMEZONE"), "local times need their VTIMEZONE"


def test_the_form_message_counts_one_engagement_in_the_singular(client, officer_a, member_a):
    client.force_login(officer_a)
    post = {
        "title": "Ward surgery",
        "kind": "ward_surgery",
        "members": [member_a.pk],
        **date_parts("start_date", FOUR[0]),
        "start_time": "10:00",
        "end_time": "12:00",
        "status": "confirmed",
        "repeat": "weekly",
        **date_parts("repeat_until", FOUR[0]),
    }
    response = client.post(reverse("diary:engagement-create"), post, follow=True)
    html = response.content.decode()
    assert "1 engagement added: Ward surgery" in html and "1 engagements" not in html
