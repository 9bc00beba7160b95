"""Demo casework: a few hundred realistic cases across types, stages and members, some overdue.

Called by `manage.py seed_demo` after the office itself. Idempotent: it does nothing when demo cases exist.
Every case is made through the services, so references, target dates and timelines are real."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from casework import services
from casework.models import Case, CaseEvent, CaseType, ContributionRequest, Correspondent, Sensitivity, Status
from mayoral_office.models import Directorate, Member, Notification, SupportAssignment, User, Ward
from mayoral_office.working_days import add_working_days

TARGET = 320

FIRST = [
    "Aaliyah",
    "Abdul",
    "Adam",
    "Aisha",
    "Alan",
    "Amelia",
    "Anita",
    "Arjun",
    "Barbara",
    "Ben",
    "Bilal",
    "Carol",
    "Chen",
    "Chloe",
    "Connor",
    "Daniel",
    "Deborah",
    "Delroy",
    "Eleanor",
    "Emeka",
    "Fatima",
    "Francesca",
    "George",
    "Grace",
    "Hassan",
    "Helen",
    "Imran",
    "Irene",
    "Jack",
    "Jasmine",
    "John",
    "Kemi",
    "Kwame",
    "Laura",
    "Leon",
    "Mahmud",
    "Margaret",
    "Maria",
    "Mohammed",
    "Nadia",
    "Niamh",
    "Oliver",
    "Patricia",
    "Priya",
    "Rashid",
    "Rita",
    "Ruth",
    "Samir",
    "Sandra",
    "Shamima",
    "Sophie",
    "Stephen",
    "Tariq",
    "Tom",
    "Vera",
    "Winston",
    "Yasmin",
    "Zara",
]
LAST = [
    "Ahmed",
    "Ali",
    "Allen",
    "Begum",
    "Bennett",
    "Brown",
    "Campbell",
    "Chowdhury",
    "Clarke",
    "Cohen",
    "Costa",
    "Davies",
    "Evans",
    "Green",
    "Hall",
    "Haque",
    "Hossain",
    "Hughes",
    "Islam",
    "Jackson",
    "Jones",
    "Kaur",
    "Khan",
    "Kowalski",
    "Lewis",
    "Miah",
    "Mensah",
    "Moore",
    "Murphy",
    "Nguyen",
    "O'Brien",
    "Okafor",
    "Patel",
    "Rahman",
    "Roberts",
    "Robinson",
    "Santos",
    "Shah",
    "Smith",
    "Taylor",
    "Thomas",
    "Uddin",
    "Walker",
    "White",
    "Williams",
]
STREETS = [
    "Bow Road",
    "Roman Road",
    "Commercial Road",
    "Mile End Road",
    "Cable Street",
    "Brick Lane",
    "Burdett Road",
    "East India Dock Road",
    "Westferry Road",
    "Manchester Road",
    "Globe Road",
    "Vallance Road",
    "Wapping Lane",
    "Grove Road",
    "Old Ford Road",
    "Chrisp Street",
    "Devons Road",
    "Stepney Way",
    "Jamaica Street",
    "Columbia Road",
]
POSTCODES = [
    "E1 4NS",
    "E1 6QL",
    "E2 0PG",
    "E3 2AN",
    "E3 4QE",
    "E3 5LN",
    "E14 0RF",
    "E14 3AQ",
    "E14 6BT",
    "E14 9TP",
]
ORGS = {
    "mp": ["House of Commons"],
    "councillor": ["Eastbridge Council"],
    "agency": ["Metropolitan Police", "NHS North East London", "Transport for London", "Canal & River Trust"],
    "business": [
        "Roman Road Traders",
        "Brick Lane Bakery Ltd",
        "Docklands Cafe Co",
        "Spitalfields Market Ltd",
    ],
    "media": ["East London Advertiser", "BBC London", "The Docklands Echo", "Eastbridge Weekly"],
    "directorate": ["Housing and Regeneration"],
}
# (subject, summary) by portfolio keyword
SUBJECTS = [
    (
        "Damp and mould in council flat",
        "Black mould in the bedroom of a two-bedroom council flat; child with asthma.",
    ),
    ("Repairs not done after six months", "Leaking roof reported in March; three missed appointments."),
    (
        "Overcrowding and transfer request",
        "Family of six in a two-bedroom flat asking for priority transfer.",
    ),
    ("Missed bin collections", "Recycling not collected for three weeks on the street."),
    ("Fly-tipping in the alleyway", "Mattresses and rubble dumped behind the shops for a month."),
    ("School place for my son", "No secondary school place offered within three miles."),
    ("SEND transport cancelled", "Transport to a special school withdrawn without notice."),
    ("Care package reduced", "Home care hours for an elderly parent cut from 14 to 7 a week."),
    (
        "Anti-social behaviour on the estate",
        "Groups gathering in the stairwell at night; residents feel unsafe.",
    ),
    ("Parking permit refused", "Resident refused a permit after moving within the zone."),
    ("Low traffic neighbourhood", "Objection to the new traffic filters on the school run."),
    ("Council tax arrears and bailiffs", "Letter from enforcement agents; resident on Universal Credit."),
    ("Noise from construction site", "Work starting before 8am and continuing on Saturdays."),
    ("Library opening hours", "Request to restore Saturday opening at the local library."),
    ("Invitation to open community garden", "Tenants' association invites the member to open a garden."),
    ("Street lighting out", "Four lamp posts out on the street for six weeks."),
    ("Temporary accommodation out of borough", "Family placed in Essex, children still at school here."),
    ("Grant for community festival", "Request for funding support for a summer festival."),
    ("Planning application objection", "Objection to a nine-storey block next to a conservation area."),
    ("Licensing of late-night shop", "Complaints about alcohol sales and street drinking."),
    ("Freedom of Information: Mayor's engagements", "Request for the Mayor's diary for the last quarter."),
    ("Press enquiry about housing repairs backlog", "Journalist asks for figures on the repairs backlog."),
]
KIND_BY_TYPE = {
    "member": "councillor",
    "mp": "mp",
    "resident": "resident",
    "complaint-1": "resident",
    "complaint-2": "resident",
    "foi": "resident",
    "media": "media",
}
# The types a correspondent of each kind writes under (an MP's letter is an MP enquiry, not resident post).
TYPES_BY_KIND = {
    "councillor": ["member"],
    "mp": ["mp"],
    "media": ["media"],
    "resident": ["resident", "resident", "resident", "complaint-1", "complaint-2", "foi"],
}
TYPE_WEIGHTS = [
    ("resident", 40),
    ("member", 15),
    ("mp", 15),
    ("complaint-1", 12),
    ("complaint-2", 4),
    ("foi", 7),
    ("media", 7),
]
DRAFT_TEXT = (
    "Thank you for writing to me about {subject}.\n\n"
    "I asked the {directorate} directorate to look into this for you. They have confirmed what has "
    "happened and what they will do next, and I have asked them to keep me informed.\n\n"
    "I am sorry for the difficulty this has caused. If you need anything further, please contact my "
    "office quoting the reference at the top of this letter."
)


# Titles for demo correspondents (chosen by position, so the random sequence of the rest of the demo is unchanged).
# The letters greet them by title and surname ("Dear Cllr Davies,"; an MP "Dear Ms Ali," with "MP" on the address).
RESIDENT_TITLES = ("Mrs", "Mr", "Ms", "", "Dr", "Miss", "Mr", "Mx", "Ms", "Mr")
DEMO_TITLES = {"councillor": ("Cllr",), "mp": ("Ms", "Mr", "Rt Hon", "Dr", "Mrs")}


def _email(name: str, index: int) -> str:
    local = name.lower().replace("cllr ", "").replace(" mp", "").replace("'", "").replace(" ", ".")
    return f"{local}{index}@example.org"


def _name(rng):
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def seed(stdout=None):
    if Case.objects.filter(created_by__email__endswith="@eastbridge.gov.uk").count() >= TARGET // 2:
        return
    rng = random.Random(2026)  # noqa: S311 — demo data, not security
    head = User.objects.get(email="head.office@eastbridge.gov.uk")
    before = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    members = list(Member.objects.select_related("user"))
    supporters: dict[int, User] = {}
    for assignment in SupportAssignment.objects.select_related("officer").order_by("-is_primary"):
        if not assignment.officer.email.startswith("intern"):
            supporters.setdefault(assignment.member_id, assignment.officer)
    types = {t.code: t for t in CaseType.objects.all()}
    weights = [w for _, w in TYPE_WEIGHTS]
    codes = [c for c, _ in TYPE_WEIGHTS]
    wards = list(Ward.objects.all())
    directorates = list(Directorate.objects.all())
    correspondents: list[Correspondent] = []
    today = timezone.localdate()

    for index in range(TARGET):
        reuse = bool(correspondents) and rng.random() < 0.15
        if reuse:  # a second letter from someone who wrote before: the type follows who they are
            correspondent = rng.choice(correspondents)
            code = rng.choice(TYPES_BY_KIND.get(correspondent.kind, ["resident"]))
        else:
            code = rng.choices(codes, weights)[0]
        case_type = types[code]
        member = rng.choice(members)
        officer = supporters.get(member.pk, head)
        age = int(rng.triangular(0, 150, 10))
        received_day = today - timedelta(days=age)
        received_at = timezone.make_aware(
            datetime.combine(received_day, time(rng.randint(8, 17), rng.choice([0, 15, 30, 45])))
        )
        if received_at > timezone.now():
            received_at = timezone.now() - timedelta(minutes=5)
        if not reuse:
            kind = KIND_BY_TYPE[code]
            ward = rng.choice(wards)
            name = _name(rng)
            title = DEMO_TITLES.get(kind, RESIDENT_TITLES)[index % len(DEMO_TITLES.get(kind, RESIDENT_TITLES))]
            correspondent = Correspondent.objects.create(
                kind=kind,
                title=title,
                name=name,
                organisation=rng.choice(ORGS[kind]) if kind in ORGS else "",
                address=f"{rng.randint(1, 220)} {rng.choice(STREETS)}\nLondon",
                postcode=rng.choice(POSTCODES),
                ward=ward,
                email=_email(name, index),
                phone=f"020 7{rng.randint(100, 999)} {rng.randint(1000, 9999)}",
            )
            correspondents.append(correspondent)
        subject, summary = rng.choice(SUBJECTS[:20])
        if code == "foi":
            subject, summary = SUBJECTS[20]
        if code == "media":
            subject, summary = SUBJECTS[21]
        roll = rng.random()
        sensitivity = (
            Sensitivity.CONFIDENTIAL if roll < 0.05 else Sensitivity.SENSITIVE if roll < 0.15 else Sensitivity.STANDARD
        )
        case = services.case_log(
            actor=head,
            case_type=case_type,
            received_at=received_at,
            member=member,
            correspondent=correspondent,
            channel=rng.choice(["letter", "email", "email", "email", "phone", "web", "in_person"]),
            subject=subject,
            summary=summary,
            body=f"Dear {member.name},\n\n{summary}\n\nI would be grateful for your help.\n\n"
            f"Yours sincerely,\n{correspondent.name}",
            ward=correspondent.ward,
            portfolio=member.portfolios.first(),
            sensitivity=sensitivity,
            priority=rng.choices(["normal", "high", "urgent"], [80, 15, 5])[0],
        )
        # ask a directorate of the member's portfolio (any directorate only if the portfolio names none)
        asked = list(case.portfolio.directorates.all()) if case.portfolio else []
        _progress(case, rng, head=head, officer=officer, age=age, today=today, directorates=asked or directorates)
        _spread_timeline(case)

    # Demo data sends no email: drop the outbox entries the services queued.
    Notification.objects.filter(pk__gt=before, kind__startswith="casework.").delete()
    if stdout:
        stdout.write(f"Casework: {TARGET} demo cases.")


def _spread_timeline(case):
    """Demo only: space the timeline out between receipt and now, as if the work happened over those days."""
    events = list(CaseEvent.objects.filter(case=case).order_by("pk"))
    span = timezone.now() - case.received_at
    step = min(timedelta(days=2), span / max(len(events), 1))
    for index, event in enumerate(events):
        CaseEvent.objects.filter(pk=event.pk).update(at=case.received_at + step * index)


def _progress(case, rng, *, head, officer, age, today, directorates):
    """Move a case along its stages according to its age, leaving some overdue."""
    if age < 5 and rng.random() < 0.5:
        return  # just arrived: received, unallocated
    if case.acknowledge_days:
        ack_on = min(add_working_days(case.received_on, 1), today)
        case = services.case_acknowledge(actor=head, case=case, on=ack_on)
    if age < 8 and rng.random() < 0.3:
        return  # acknowledged, waiting to be picked up
    case = services.case_allocate(actor=head, case=case, officer=officer)
    stage = rng.random()
    if age > 30 and rng.random() < 0.85:
        stage = 0.99  # most older cases are finished; the rest are the overdue ones
    directorate = rng.choice(directorates)
    if age < 12 or stage < 0.15:
        if rng.random() < 0.5:
            contribution = services.contribution_request(
                actor=head,
                case=case,
                directorate=directorate,
                question="Please tell us what has happened and what the service will do next.",
                due_on=add_working_days(today, rng.randint(1, 5), calendar=case.calendar),
                confirmed=True,  # an overdue case may ask for input due after its own response date
            )
            if rng.random() < 0.3:
                # an overdue request, as if asked a while ago
                ContributionRequest.objects.filter(pk=contribution.pk).update(due_on=today - timedelta(days=3))
        elif rng.random() < 0.2:
            services.case_hold(actor=head, case=case, reason="Waiting for the resident to send photographs")
        return
    body = DRAFT_TEXT.format(subject=case.subject.lower(), directorate=directorate.name)
    draft = services.draft_save(actor=head, case=case, body=body)
    case.refresh_from_db()
    if case.member_approval_required:
        services.draft_submit(actor=head, draft=draft)
        if stage < 0.3:
            return  # awaiting member approval
        reviewer = case.member.user or head
        services.draft_review(actor=reviewer, draft=draft, approve=True)
        case.refresh_from_db()
        if stage < 0.35:
            return  # approved, ready to send
    if stage < 0.45 and age > 30:
        return  # stuck in drafting / approval: overdue
    sent_on = min(today, add_working_days(case.received_on, rng.randint(2, case.respond_days + 4)))
    sent_on = max(sent_on, case.received_on)
    case = services.response_record(actor=head, case=case, sent_on=sent_on, method=rng.choice(["letter", "email"]))
    if age > 20:
        services.case_move(actor=head, case=case, to_status=Status.CLOSED, reason="Response sent; no further action")
        # closed a couple of working days after the response went, as if the office had been using the service then
        closed_on = add_working_days(sent_on, 2, calendar=case.calendar)
        closed_at = min(timezone.now(), timezone.make_aware(datetime.combine(closed_on, time(16, 0))))
        Case.objects.filter(pk=case.pk).update(closed_at=closed_at)
