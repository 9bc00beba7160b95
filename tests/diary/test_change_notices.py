"""Change notices: one email with an iCalendar attachment whose UID stays the same and SEQUENCE goes up, so
the recipient's Outlook entry is updated rather than duplicated."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from diary import services
from diary.data import EngagementData, engagement_data_of
from diary.models import EngagementStatus
from mayoral_office.models import Notification
from tests.diary.factories import at, make_engagement

pytestmark = pytest.mark.django_db


def ics_of(message):
    attachments = [a for a in message.attachments if a[0] == "invite.ics"]
    assert len(attachments) == 1
    filename, content, mimetype = attachments[0]
    assert mimetype.startswith("text/calendar")
    cal = Calendar.from_ical(content)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    return cal, events[0]


def test_moving_by_an_hour_sends_one_email_with_same_uid_and_higher_sequence(
    mayor, exec_officer, mailoutbox, django_capture_on_commit_callbacks
):
    mayor_member = mayor.member
    with django_capture_on_commit_callbacks(execute=True):
        engagement = services.engagement_create(
            actor=exec_officer,
            data=EngagementData(
                title="Opening of Bow Library",
                kind="civic_function",
                starts_at=at(2026, 6, 12, 14),
                ends_at=at(2026, 6, 12, 15),
                location="Bow Library",
            ),
            members=[mayor_member],
            attendee_officers=[exec_officer],
        )
    assert len(mailoutbox) == 1
    _, first_event = ics_of(mailoutbox[0])
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.engagement_move(
            actor=exec_officer,
            engagement=engagement,
            starts_at=engagement.starts_at + timedelta(hours=1),
            ends_at=engagement.ends_at + timedelta(hours=1),
        )
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert set(message.to) == {mayor_member.email, exec_officer.email}
    cal, event = ics_of(message)
    assert str(cal["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == str(first_event["UID"]) == engagement.uid
    assert int(event["SEQUENCE"]) > int(first_event["SEQUENCE"])
    assert event.decoded("DTSTART") == at(2026, 6, 12, 15)
    assert "15:00 to 16:00" in message.body
    assert Notification.objects.filter(kind="diary.change", status="sent").count() == 2


def test_cancelling_sends_method_cancel_with_same_uid(
    member_a, officer_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        engagement = services.engagement_create(
            actor=officer_a,
            data=EngagementData(
                title="Estate walkabout",
                kind="site_visit",
                starts_at=at(2026, 6, 12, 9),
                ends_at=at(2026, 6, 12, 10),
            ),
            members=[member_a],
        )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.engagement_cancel(actor=officer_a, engagement=engagement, reason="Weather warning")
    assert len(mailoutbox) == 1
    cal, event = ics_of(mailoutbox[0])
    assert str(cal["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == engagement.uid
    assert int(event["SEQUENCE"]) == 1


def test_changing_only_notes_sends_nothing(member_a, officer_a, mailoutbox, django_capture_on_commit_callbacks):
    engagement = make_engagement(member_a, start=at(2026, 6, 12, 9))
    data = engagement_data_of(engagement)
    data.notes = "Bring the ward map"
    with django_capture_on_commit_callbacks(execute=True):
        services.engagement_update(actor=officer_a, engagement=engagement, data=data, members=[member_a])
    assert mailoutbox == []
    engagement.refresh_from_db()
    assert engagement.sequence == 0


def test_changing_place_sends_notice(member_a, officer_a, mailoutbox, django_capture_on_commit_callbacks):
    engagement = make_engagement(member_a, start=at(2026, 6, 12, 9))
    data = engagement_data_of(engagement)
    data.location = "Town Hall, Committee Room 2"
    with django_capture_on_commit_callbacks(execute=True):
        services.engagement_update(actor=officer_a, engagement=engagement, data=data, members=[member_a])
    assert len(mailoutbox) == 1
    _, event = ics_of(mailoutbox[0])
    assert str(event["LOCATION"]) == "Town Hall, Committee Room 2"
    assert int(event["SEQUENCE"]) == 1


def test_provisional_engagement_sends_no_invitation(
    member_a, officer_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.engagement_create(
            actor=officer_a,
            data=EngagementData(
                title="Maybe",
                kind="event",
                starts_at=at(2026, 6, 12, 9),
                ends_at=at(2026, 6, 12, 10),
                status=EngagementStatus.PROVISIONAL,
            ),
            members=[member_a],
        )
    assert mailoutbox == []


def test_nothing_is_sent_when_the_transaction_rolls_back(
    member_a, officer_a, mailoutbox, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        services.engagement_create(
            actor=officer_a,
            data=EngagementData(
                title="Rolled back",
                kind="event",
                starts_at=at(2026, 6, 12, 9),
                ends_at=at(2026, 6, 12, 10),
            ),
            members=[member_a],
        )
        raise RuntimeError("boom")
    assert mailoutbox == []


def test_external_guests_with_an_address_get_the_notice(
    member_a, officer_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.engagement_create(
            actor=officer_a,
            data=EngagementData(
                title="Meeting with the housing association",
                kind="external_meeting",
                starts_at=at(2026, 6, 12, 9),
                ends_at=at(2026, 6, 12, 10),
                external_guests=(
                    "Ruth Barnes, Poplar Housing <Ruth.Barnes@poplar.example.org>\nA guest with no address"
                ),
            ),
            members=[member_a],
        )
    assert set(mailoutbox[0].to) == {member_a.email, "ruth.barnes@poplar.example.org"}
