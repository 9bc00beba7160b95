"""The weekly week-ahead email (a scheduled job and a management command)."""

import io

import pytest
from django.core.management import CommandError, call_command

from diary.models import EngagementStatus
from tests.diary.factories import at, make_engagement

pytestmark = pytest.mark.django_db


def test_week_ahead_email_goes_once_to_member_and_officers(
    officer_a, member_a, mailoutbox, django_capture_on_commit_callbacks
):
    make_engagement(member_a, start=at(2026, 6, 9, 14), title="Estate walkabout", location="Lansbury Estate")
    make_engagement(member_a, start=at(2026, 6, 10, 9), title="Called off", status=EngagementStatus.CANCELLED)
    make_engagement(member_a, start=at(2026, 6, 11, 18), title="Dentist", is_private=True)
    make_engagement(member_a, start=at(2026, 6, 16, 9), title="Next week")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("diary_send_week_ahead", "--week", "2026-06-10", stdout=io.StringIO())
    mine = [m for m in mailoutbox if member_a.name in m.subject]
    assert len(mine) == 1
    message = mine[0]
    assert set(message.to) == {member_a.email, officer_a.email}
    assert "week of 8 June 2026" in message.subject
    for day in ["Monday 8 June 2026", "Tuesday 9 June 2026", "Sunday 14 June 2026"]:
        assert day in message.body
    assert "14:00-15:00  Estate walkabout, Lansbury Estate" in message.body
    assert "Called off" not in message.body and "Next week" not in message.body
    assert "Dentist" not in message.body and "Private engagement" in message.body

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("diary_send_week_ahead", "--week", "2026-06-08", stdout=io.StringIO())
    assert mailoutbox == []  # already sent for that week


def test_week_ahead_command_rejects_a_bad_date(db):
    with pytest.raises(CommandError, match="Give the week as a date"):
        call_command("diary_send_week_ahead", "--week", "next tuesday")
