"""What briefings chases (registered from apps.py; mayoral_office/chasing.py writes the digests and escalations), by
the rules "Your work" on the home page counts with (selectors/home.py):

- **commissions**: a section asked of a contributor (a directorate contact or an officer), by its own due date, for
  the person asked, while it is with them (requested, in draft, or returned with comments) on a pack in
  preparation. Submitted, accepted and cancelled ones are no longer theirs to do; a withdrawn pack cancels its
  commissions.
- **packs**: a pack not yet issued (in preparation or cleared), by the pack's due date (2 working days before its
  engagement or meeting by default; the officer's date for a standalone one), for its lead officer. Issued and
  withdrawn packs are done. A pack revised after issue is in preparation again, with the due date it had.

One query each, however many there are. The digest is an email: an OFFICIAL-SENSITIVE pack (and a section of one) is
named only by its reference and marking, never by its title."""

from __future__ import annotations

from datetime import date

from briefings.models import Commission, Marking, Pack, PackStatus
from briefings.models.commissions import WITH_CONTRIBUTOR
from briefings.selectors.home import IN_HAND
from mayoral_office.links import url_for_each
from mayoral_office.registry import ChaseItem, ChaseKind


def _reference(pack_id: int) -> str:
    return f"BP{pack_id:05d}"  # Pack.reference


def _sensitive(marking: str) -> bool:
    return marking == Marking.OFFICIAL_SENSITIVE


def commissions(horizon: date, person_ids=None) -> list[ChaseItem]:
    """Sections still with the person asked, due on or before `horizon`."""
    url = url_for_each("briefings:commission")
    qs = Commission.objects.filter(
        state__in=WITH_CONTRIBUTOR, section__pack__status=PackStatus.DRAFT, due_on__lte=horizon
    )
    if person_ids is not None:
        qs = qs.filter(assignee_id__in=list(person_ids))
    rows = qs.values(
        "pk", "due_on", "assignee_id", "section__title", "section__pack_id", "section__pack__title",
        "section__pack__marking",
    ).order_by("due_on", "pk")  # fmt: skip
    return [
        ChaseItem(
            model="briefings.commission",
            pk=row["pk"],
            person_id=row["assignee_id"],
            due_on=row["due_on"],
            reference=_reference(row["section__pack_id"]),
            title="Section of an OFFICIAL-SENSITIVE briefing pack"
            if _sensitive(row["section__pack__marking"])
            else f"{row['section__title']}: {row['section__pack__title']}",
            url=url(row["pk"]),
            what="Your briefing section",
        )
        for row in rows
    ]


def packs(horizon: date, person_ids=None) -> list[ChaseItem]:
    """Packs not yet issued, due on or before `horizon`, for their lead officers."""
    qs = Pack.objects.filter(status__in=IN_HAND, due_on__lte=horizon)
    if person_ids is not None:
        qs = qs.filter(lead_officer_id__in=list(person_ids))
    rows = qs.values("pk", "title", "due_on", "lead_officer_id", "marking").order_by("due_on", "pk")
    url = url_for_each("briefings:pack")
    return [
        ChaseItem(
            model="briefings.pack",
            pk=row["pk"],
            person_id=row["lead_officer_id"],
            due_on=row["due_on"],
            reference=_reference(row["pk"]),
            title="OFFICIAL-SENSITIVE briefing pack" if _sensitive(row["marking"]) else row["title"],
            url=url(row["pk"]),
            what="Pack to issue",
        )
        for row in rows
    ]


KINDS = [
    ChaseKind("briefings.commission", "briefings", "Briefing sections commissioned", commissions, order=30),
    ChaseKind("briefings.pack", "briefings", "Briefing packs to issue", packs, order=31),
]
