"""What the diary holds about a person, for the subject access pack (mayoral_office.registry's personal-data
providers): the engagements where they are the contact or a guest, and the invitations where they are the
contact. Reads only; sees every diary (the pack is made by the Head of Mayor's Office). Matched on any of their
email addresses (exactly, or as an address in the guests box) and names (the contact's name exactly, or a
guest's line)."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from diary.guests import guest_emails
from diary.models import Engagement, Invitation
from mayoral_office.registry import DataSubject, PersonalData


def _matches(subject: DataSubject):
    emails = {e.strip().lower() for e in subject.emails if e and e.strip()}
    names = {n.strip() for n in (subject.name, *subject.names) if n and n.strip()}
    return emails, names


def _guest_line_names(text: str, names: set[str]) -> bool:
    lowered = (text or "").lower()
    return any(name.lower() in lowered for name in names)


def _engagements(emails: set[str], names: set[str]) -> list[Engagement]:
    query = Q(pk__in=[])
    for email in emails:
        query |= Q(contact_email__iexact=email) | Q(external_guests__icontains=email)
    for name in names:
        query |= Q(contact_name__iexact=name) | Q(external_guests__icontains=name)
    found = Engagement.objects.filter(query).prefetch_related("members").order_by("starts_at")
    # The database's "contains" is a first sieve; keep those where the person really is the contact or a guest.
    return [
        e
        for e in found
        if e.contact_email.lower() in emails
        or e.contact_name.strip().lower() in {n.lower() for n in names}
        or guest_emails(e.external_guests) & emails
        or _guest_line_names(e.external_guests, names)
    ]


def _engagement_record(e: Engagement, emails: set[str], names: set[str]) -> dict:
    as_contact = e.contact_email.lower() in emails or e.contact_name.strip().lower() in {n.lower() for n in names}
    others = [line for line in e.external_guests.splitlines() if line.strip()]
    record = {
        "type": "engagement",
        "title": e.title,
        "reference": f"engagement {e.pk}",
        "when": timezone.localtime(e.starts_at).isoformat(),
        "where": e.location,
        "members": ", ".join(m.name for m in e.members.all()),
        "role": "contact" if as_contact else "guest",
        "contact_name": e.contact_name,
        "contact_email": e.contact_email,
        "contact_phone": e.contact_phone,
        "status": e.get_status_display(),
    }
    if e.is_private or len(others) > 1:
        record["redaction_review"] = True
        record["redaction_reason"] = (
            "A private engagement in a member's diary" if e.is_private else "The guest list names other people"
        )
    return record


def _invitation_record(i: Invitation) -> dict:
    return {
        "type": "invitation",
        "title": f"{i.event_name} ({i.organisation})",
        "reference": i.reference,
        "when": i.event_date.isoformat(),
        "where": i.location,
        "members": i.member.name,
        "role": "contact",
        "contact_name": i.contact_name,
        "contact_email": i.contact_email,
        "contact_address": i.contact_address,
        "status": i.get_status_display(),
        "decision_reason": i.decision_reason,
    }


def personal_data(subject: DataSubject) -> PersonalData | None:
    emails, names = _matches(subject)
    if not emails and not names:
        return None
    engagements = _engagements(emails, names)
    query = Q(pk__in=[])
    for email in emails:
        query |= Q(contact_email__iexact=email)
    for name in names:
        query |= Q(contact_name__iexact=name)
    invitations = list(Invitation.objects.filter(query).select_related("member").order_by("event_date", "pk"))
    records = [_engagement_record(e, emails, names) for e in engagements] + [_invitation_record(i) for i in invitations]
    if not records:
        return None
    review = tuple(
        f"Engagement {r['reference'].split()[-1]}: {r['redaction_reason'].lower()}"
        for r in records
        if r.get("redaction_review")
    )
    return PersonalData(app_label="diary", label="Diary", records=tuple(records), review=review)
