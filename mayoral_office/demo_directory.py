"""The demo's stakeholder directory: the anchor institutions, businesses, community groups and public bodies a London
borough's Mayor's Office works with, a few people in them, and the Partnership Executive Group, written through the
services as the office would write them."""

from __future__ import annotations

from mayoral_office import directory
from mayoral_office.models import Organisation, OrganisationKind, User, Ward

ORGANISATIONS = [
    ("Royal London Hospital (Barts Health NHS Trust)", OrganisationKind.ANCHOR, "head.office", "health, anchor",
     "comms@bartshealth.example.org"),
    ("Queen Mary University of London", OrganisationKind.ANCHOR, "exec.support", "education, anchor, research",
     "civic@qmul.example.ac.uk"),
    ("Canary Wharf Group", OrganisationKind.BUSINESS, "exec.support", "business, employment", ""),
    ("Eastbridge Food Bank", OrganisationKind.VOLUNTARY, "cabinet.support", "cost of living, food",
     "hello@eastbridgefoodbank.example.org"),
    ("Metropolitan Police (Central East BCU)", OrganisationKind.GOVERNMENT, "head.office", "community safety", ""),
    ("Office of the MP for Poplar and Limehouse", OrganisationKind.MP, "cabinet.support", "casework, MP",
     "mp.office@parliament.example.uk"),
    ("East London Advertiser", OrganisationKind.MEDIA, "exec.support", "press", "newsdesk@ela.example.co.uk"),
]  # fmt: skip
PEOPLE = [
    ("Dr Helen Osei", "Chief Executive", "Royal London Hospital (Barts Health NHS Trust)",
     "h.osei@bartshealth.example.org"),
    ("Professor Daniel Marsh", "Vice-Principal (Civic Engagement)", "Queen Mary University of London", ""),
    ("Priya Nair", "Head of Community Investment", "Canary Wharf Group", "priya.nair@canarywharf.example.com"),
    ("Tom Adeyemi", "Food bank manager", "Eastbridge Food Bank", "tom@eastbridgefoodbank.example.org"),
    ("Chief Superintendent Alan Reeves", "Borough Commander", "Metropolitan Police (Central East BCU)", ""),
    ("Sara Whitfield", "Reporter", "East London Advertiser", "s.whitfield@ela.example.co.uk"),
]  # fmt: skip
PARTNERSHIP = (
    "Partnership Executive Group",
    "The borough's leaders from the council, health, police, education, business and the voluntary sector, meeting "
    "quarterly to agree the partnership's shared priorities.",
)


def seed(stdout=None) -> None:
    if Organisation.objects.exists():
        return
    head = User.objects.filter(email__startswith="head.office@").first()
    if head is None:
        return
    wards = list(Ward.objects.order_by("name")) or [None]
    owners = {u.email.split("@")[0]: u for u in User.objects.filter(is_active=True)}
    found = {}
    for n, (name, kind, owner, tags, email) in enumerate(ORGANISATIONS):
        found[name] = directory.organisation_save(
            actor=head, name=name, kind=kind, owner=owners.get(owner, head), tags=tags, email=email,
            ward=wards[n * 3 % len(wards)],
        )  # fmt: skip
    people = [
        directory.person_save(actor=head, name=name, role=role, organisation=found[org], email=email, owner=head)
        for name, role, org, email in PEOPLE
    ]
    directory.partnership_save(
        actor=head,
        name=PARTNERSHIP[0],
        purpose=PARTNERSHIP[1],
        owner=head,
        organisations=[o for o in found.values() if o.kind != OrganisationKind.MEDIA],
        people=[p for p in people if p.organisation.kind != OrganisationKind.MEDIA],
    )
    if stdout:
        stdout.write(f"  {len(ORGANISATIONS)} organisations, {len(PEOPLE)} people and a partnership in the directory\n")


def seed_absence(stdout=None) -> None:
    """One officer away this week and next, covered by another, so that the demo shows the cover at work."""
    from datetime import timedelta

    from django.utils import timezone

    from mayoral_office import absences
    from mayoral_office.models import Absence

    if Absence.objects.exists():
        return
    away = User.objects.filter(email__startswith="cabinet.support2@").first()
    cover = User.objects.filter(email__startswith="cabinet.support@").first()
    if away is None or cover is None:
        return
    today = timezone.localdate()
    absences.absence_record(
        actor=away, officer=away, cover=cover, starts_on=today - timedelta(days=2), ends_on=today + timedelta(days=9),
        note="Annual leave",
    )  # fmt: skip
    if stdout:
        stdout.write(f"  {away.full_name} away, covered by {cover.full_name}\n")
