"""The words and the recipients of the diary's emails, with no writes: change notices (with their calendar file),
the note to a delegate, and the week-ahead email. The services and the week-ahead job queue them."""

from __future__ import annotations

from django.template.defaultfilters import pluralize

from diary.guests import guest_emails
from diary.ical import notice_ics, series_notice_ics, series_template
from diary.models import Engagement, EngagementStatus, Invitation, RecurringSeries
from diary.schedule import describe_series, describe_when
from mayoral_office.models import Member


def member_email(member: Member) -> str:
    return member.email or (member.user.email if member.user_id else "")


def notice_recipients(engagement: Engagement) -> list[str]:
    """Everyone a change to the engagement is sent to: its members, attending officers, lead officer and the
    external guests with an address."""
    addresses = {member_email(member) for member in engagement.members.all()}
    addresses.update(officer.email for officer in engagement.attendee_officers.all())
    if engagement.lead_officer_id:
        addresses.add(engagement.lead_officer.email)
    addresses.update(guest_emails(engagement.external_guests))
    return sorted(a for a in addresses if a)


def _notice_email(engagement: Engagement, *, recipients, cancel, prefix, when, ics, regarding, extra=()) -> dict:
    place = engagement.location or engagement.online_link or "No location given"
    body = "\n".join(
        [
            f"{prefix}: {engagement.title}",
            "",
            f"When: {when}",
            f"Where: {place}",
            *extra,
            "",
            "The attached calendar file updates the entry in your calendar.",
            "Mayor's Office",
        ]
    )
    attachment = {
        "filename": "invite.ics",
        "content": ics,
        "mimetype": f"text/calendar; method={'CANCEL' if cancel else 'REQUEST'}",
    }
    return {
        "to": recipients,
        "subject": f"{prefix}: {engagement.title} – {when}",
        "body": body,
        "attachments": [attachment],
        "kind": "diary.change",
        "regarding": regarding,
    }


def series_notice(
    series: RecurringSeries, occurrences: list[Engagement], *, recipients, cancel: bool, what: str, only=None
) -> dict:
    """The one email for a series: the whole series (a new one, or every occurrence cancelled), or `only` some of
    its occurrences (changed or cancelled on their own), by RECURRENCE-ID."""
    ics = series_notice_ics(series, occurrences, recipients=recipients, cancel=cancel, only=only)
    if only:
        first = only[0]
        more = len(only) - 1
        when = describe_when(first) + (f" and {more} later occurrence{pluralize(more)}" if more else "")
        return _notice_email(
            first, recipients=recipients, cancel=cancel, prefix=what, when=when, ics=ics, regarding=first
        )
    template = series_template(occurrences)
    live = sum(1 for o in occurrences if o.status != EngagementStatus.CANCELLED)
    return _notice_email(
        template,
        recipients=recipients,
        cancel=cancel,
        prefix=what,
        when=describe_series(series),
        ics=ics,
        regarding=template,
        extra=[] if cancel else [f"Occurrences: {live}"],
    )


def change_notice(engagement: Engagement, *, recipients: list[str], cancel: bool, what: str) -> dict:
    """The email (queue_email's arguments) whose calendar file adds, updates or removes the recipients' entry."""
    place = engagement.location or engagement.online_link or "No location given"
    prefix = "Cancelled" if cancel else what
    when = describe_when(engagement)
    body = "\n".join(
        [
            f"{prefix}: {engagement.title}",
            "",
            f"When: {when}",
            f"Where: {place}",
            f"Status: {engagement.get_status_display()}",
            "",
            "The attached calendar file updates the entry in your calendar.",
            "Mayor's Office",
        ]
    )
    attachment = {
        "filename": "invite.ics",
        "content": notice_ics(engagement, recipients=recipients, cancel=cancel),
        "mimetype": f"text/calendar; method={'CANCEL' if cancel else 'REQUEST'}",
    }
    return {
        "to": recipients,
        "subject": f"{prefix}: {engagement.title} – {when}",
        "body": body,
        "attachments": [attachment],
        "kind": "diary.change",
        "regarding": engagement,
    }


def delegate_notice(invitation: Invitation, engagement: Engagement, *, recipients: list[str]) -> dict:
    """The delegate and the officers who keep their diary learn that a provisional engagement is waiting."""
    delegate = invitation.delegated_to
    when = describe_when(engagement)
    body = "\n".join(
        [
            f"{invitation.member.name} has delegated an invitation to {delegate.name}.",
            "",
            f"Event: {invitation.event_name} ({invitation.organisation})",
            f"When: {when}",
            f"Where: {invitation.location or 'Not given'}",
            f"Asked to: {invitation.get_asks_display().lower()}",
            f"Reason: {invitation.decision_reason or 'Not given'}",
            "",
            "It is in the diary as provisional. Confirm it (or decline) in the diary, which sends the",
            "calendar invitation.",
            "Mayor's Office",
        ]
    )
    return {
        "to": recipients,
        "subject": f"Delegated to {delegate.name}: {invitation.event_name}, {when}",
        "body": body,
        "kind": "diary.delegated",
    }


def week_ahead_text(member: Member, days) -> str:
    """The week-ahead email: each day's engagements, private ones without their details."""
    lines = [f"Week ahead for {member.name}, {member.title}", ""]
    for day in days:
        lines.append(f"{day.date:%A} {day.date.day} {day.date:%B %Y}")
        if not day.engagements:
            lines.append("  Nothing in the diary.")
        for e in day.engagements:
            when = "All day" if e.all_day else f"{e.local_start:%H:%M}-{e.local_end:%H:%M}"
            if e.is_private:
                lines.append(f"  {when}  Private engagement (details in the diary)")
                continue
            extra = f", {e.location}" if e.location else ""
            status = " (provisional)" if e.status == EngagementStatus.PROVISIONAL else ""
            lines.append(f"  {when}  {e.title}{status}{extra}")
            if e.briefing_required:  # where its pack has got to is on the diary's pages and the printed pack
                lines.append("         Briefing needed")
        lines.append("")
    lines.append("The printable week-ahead pack is on the member's calendar in the diary.")
    return "\n".join(lines)
