"""The weekly week-ahead email, a scheduled job (diary.tasks.send_week_ahead, `manage.py diary_send_week_ahead`).
It only reads the diaries and queues emails (each kept in the outbox), so it is not a service: it changes no
record and writes no audit entry (like casework/reminders.py)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from diary import selectors
from diary.notices import member_email, week_ahead_text
from mayoral_office.models import Member, Notification, SupportAssignment
from mayoral_office.outbox import queue_email


def week_ahead_send(*, week_start: date) -> int:
    """Email each member and the officers who support them the week of `week_start`, once per member and week
    (a second run sends nothing). Returns how many emails were queued."""
    monday = week_start - timedelta(days=week_start.weekday())
    sent = 0
    with transaction.atomic():
        for member in Member.objects.current().select_related("user"):
            kind = f"diary.week-ahead:{member.pk}:{monday.isoformat()}"
            if Notification.objects.filter(kind=kind).exists():
                continue
            officers = SupportAssignment.objects.current().filter(member=member, officer__is_active=True)
            recipients = {a.officer.email for a in officers.select_related("officer")} | {member_email(member)}
            recipients.discard("")
            if not recipients:
                continue
            days = selectors.member_days([member], monday, monday + timedelta(days=6))
            queue_email(
                to=sorted(recipients),
                subject=f"Week ahead: {member.name}, week of {monday.day} {monday:%B %Y}",
                body=week_ahead_text(member, days),
                kind=kind,
            )
            sent += 1
    return sent
