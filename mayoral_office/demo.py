"""Demo data for the office core: a London borough's Mayor's Office. Idempotent: safe to run again."""

from datetime import date

from django.contrib.auth.models import Group

from mayoral_office.models import ClosureDay, Directorate, Member, Portfolio, SupportAssignment, User, Ward
from mayoral_office.roles import Role

DEMO_PASSWORD = "Eastbridge-demo-2026"
DEMO_EMAIL_DOMAIN = "eastbridge.gov.uk"

WARDS = [
    "Bow East",
    "Bow West",
    "Bromley North",
    "Bromley South",
    "Canary Wharf",
    "Island Gardens",
    "Limehouse",
    "Mile End",
    "Poplar",
    "Shadwell",
    "Spitalfields",
    "St Dunstan's",
    "Stepney Green",
    "Weavers",
    "Whitechapel",
    "Lansbury",
    "Blackwall",
    "Bethnal Green East",
    "Bethnal Green West",
    "Wapping",
]

DIRECTORATES = [
    ("Children and Education", "CHE", "Sarah Okafor"),
    ("Health and Adult Social Care", "HAS", "Daniel Price"),
    ("Housing and Regeneration", "HOR", "Priya Nair"),
    ("Communities", "COM", "Michael Brennan"),
    ("Resources", "RES", "Helen Whitfield"),
    ("Place and Environment", "PLE", "Tom Adeyemi"),
]

PORTFOLIOS = [
    ("Finance and Resources", ["RES"]),
    ("Housing", ["HOR"]),
    ("Children, Youth Services and Education", ["CHE"]),
    ("Adult Social Care and Health", ["HAS"]),
    ("Environment and the Climate Emergency", ["PLE"]),
    ("Safer Communities", ["COM"]),
    ("Culture and Recreation", ["COM"]),
    ("Jobs, Skills and Growth", ["PLE", "RES"]),
    ("Regeneration, Inclusive Development and Housebuilding", ["HOR"]),
    ("Equalities and Social Inclusion", ["COM"]),
]

# (name, office, title, portfolios, ward)
MEMBERS = [
    ("Mayor Amina Rahman", Member.Office.MAYOR, "Executive Mayor", [], "Bow East"),
    (
        "Cllr James Whitmore",
        Member.Office.DEPUTY_MAYOR,
        "Statutory Deputy Mayor and Cabinet Member for Housing",
        ["Housing"],
        "Poplar",
    ),
    (
        "Cllr Nadia Begum",
        Member.Office.DEPUTY_MAYOR,
        "Deputy Mayor and Cabinet Member for Children, Youth Services and Education",
        ["Children, Youth Services and Education"],
        "Whitechapel",
    ),
    (
        "Cllr Oliver Grant",
        Member.Office.CABINET_MEMBER,
        "Cabinet Member for Finance and Resources",
        ["Finance and Resources"],
        "Canary Wharf",
    ),
    (
        "Cllr Fatima Chowdhury",
        Member.Office.CABINET_MEMBER,
        "Cabinet Member for Adult Social Care and Health",
        ["Adult Social Care and Health"],
        "Mile End",
    ),
    (
        "Cllr Ben Holloway",
        Member.Office.CABINET_MEMBER,
        "Cabinet Member for Environment and the Climate Emergency",
        ["Environment and the Climate Emergency"],
        "Bow West",
    ),
    (
        "Cllr Shazia Khan",
        Member.Office.CABINET_MEMBER,
        "Cabinet Member for Safer Communities",
        ["Safer Communities"],
        "Shadwell",
    ),
    (
        "Cllr Marcus Lindqvist",
        Member.Office.CABINET_MEMBER,
        "Cabinet Member for Culture and Recreation",
        ["Culture and Recreation"],
        "Limehouse",
    ),
    (
        "Cllr Grace Osei",
        Member.Office.CABINET_MEMBER,
        "Cabinet Member for Jobs, Skills and Growth",
        ["Jobs, Skills and Growth"],
        "Island Gardens",
    ),
    (
        "Cllr Rahel Tesfaye",
        Member.Office.CABINET_MEMBER,
        "Cabinet Member for Regeneration, Inclusive Development and Housebuilding",
        ["Regeneration, Inclusive Development and Housebuilding"],
        "Blackwall",
    ),
    (
        "Cllr Daniel Murphy",
        Member.Office.CABINET_MEMBER,
        "Cabinet Member for Equalities and Social Inclusion",
        ["Equalities and Social Inclusion"],
        "Weavers",
    ),
]

# (email local part, name, job title, role, supports [member names], is_staff)
OFFICERS = [
    ("head.office", "Catherine Doyle", "Head of Mayor's Office", Role.HEAD_OF_OFFICE, [], True),
    (
        "senior.exec",
        "Rupa Sen",
        "Senior Executive Support Officer",
        Role.EXECUTIVE_SUPPORT,
        ["Mayor Amina Rahman"],
        False,
    ),
    (
        "exec.support",
        "Liam O'Connor",
        "Executive Support Officer (Mayoral Diary Secretary)",
        Role.EXECUTIVE_SUPPORT,
        ["Mayor Amina Rahman"],
        False,
    ),
    (
        "cabinet.support",
        "Joanna Kowalska",
        "Cabinet Support Officer",
        Role.CABINET_SUPPORT,
        ["Cllr James Whitmore", "Cllr Oliver Grant", "Cllr Fatima Chowdhury", "Cllr Ben Holloway"],
        False,
    ),
    (
        "cabinet.support2",
        "Yusuf Ali",
        "Cabinet Support Officer",
        Role.CABINET_SUPPORT,
        ["Cllr Nadia Begum", "Cllr Shazia Khan", "Cllr Marcus Lindqvist"],
        False,
    ),
    (
        "cabinet.support3",
        "Hannah Ellis",
        "Cabinet Support Officer",
        Role.CABINET_SUPPORT,
        ["Cllr Grace Osei", "Cllr Rahel Tesfaye", "Cllr Daniel Murphy"],
        False,
    ),
    ("budget.holder", "Patrick Mensah", "Business Manager (budget holder)", Role.BUDGET_HOLDER, [], False),
    ("intern", "Ella Thompson", "Work experience placement", Role.INTERN, ["Cllr Oliver Grant"], False),
]

# Council closure days beyond the bank holidays: the days between Christmas and New Year.
CLOSURE_DAYS = [
    (date(2026, 12, 29), "Council closure (Christmas)"),
    (date(2026, 12, 30), "Council closure (Christmas)"),
    (date(2026, 12, 31), "Council closure (Christmas)"),
    (date(2027, 12, 29), "Council closure (Christmas)"),
    (date(2027, 12, 30), "Council closure (Christmas)"),
    (date(2027, 12, 31), "Council closure (Christmas)"),
]


def _user(local: str, name: str, job_title: str, role: Role, *, is_staff=False, directorate=None) -> User:
    email = f"{local}@{DEMO_EMAIL_DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email,
            DEMO_PASSWORD,
            full_name=name,
            job_title=job_title,
            is_staff=is_staff,
            directorate=directorate,
        )
    user.groups.add(Group.objects.get(name=role.label))
    return user


def seed(stdout=None) -> list[tuple[str, str, str]]:
    """Create the office. Returns the demo logins as (email, name, role)."""
    wards = {name: Ward.objects.get_or_create(name=name)[0] for name in WARDS}
    directorates = {}
    for name, code, director in DIRECTORATES:
        directorates[code] = Directorate.objects.get_or_create(
            code=code,
            defaults={"name": name, "director": director, "email": f"{code.lower()}.mo@{DEMO_EMAIL_DOMAIN}"},
        )[0]
    portfolios = {}
    for name, codes in PORTFOLIOS:
        portfolio = Portfolio.objects.get_or_create(name=name)[0]
        portfolio.directorates.add(*[directorates[c] for c in codes])
        portfolios[name] = portfolio

    logins = []
    members = {}
    for index, (name, office, title, portfolio_names, ward) in enumerate(MEMBERS):
        member = Member.objects.filter(name=name).first()
        if member is None:
            member = Member.objects.create(
                name=name,
                office=office,
                title=title,
                ward=wards[ward],
                active_from=date(2026, 5, 11),
                email=f"member{index}@{DEMO_EMAIL_DOMAIN}",
            )
        member.portfolios.add(*[portfolios[p] for p in portfolio_names])
        members[name] = member
    # Members who sign in themselves: the Mayor and the first Cabinet Member of each support officer.
    for local, member_name in [
        ("mayor", "Mayor Amina Rahman"),
        ("cllr.whitmore", "Cllr James Whitmore"),
        ("cllr.grant", "Cllr Oliver Grant"),
    ]:
        member = members[member_name]
        user = _user(local, member_name, member.title, Role.MEMBER)
        if member.user_id != user.pk:
            member.user = user
            member.email = user.email
            member.save(update_fields=["user", "email"])
        logins.append((user.email, user.full_name, Role.MEMBER.label))

    for local, name, job_title, role, supports, is_staff in OFFICERS:
        user = _user(local, name, job_title, role, is_staff=is_staff)
        for index, member_name in enumerate(supports):
            SupportAssignment.objects.get_or_create(
                officer=user,
                member=members[member_name],
                starts_on=date(2026, 5, 11),
                defaults={"is_primary": index == 0 or role != Role.EXECUTIVE_SUPPORT or local == "senior.exec"},
            )
        logins.append((user.email, name, role.label))

    for code, contact_name in [("HOR", "Aisha Patel"), ("CHE", "Gareth Jones"), ("PLE", "Lucy Chen")]:
        user = _user(
            f"contact.{code.lower()}",
            contact_name,
            f"Member enquiries lead, {directorates[code].name}",
            Role.DIRECTORATE_CONTACT,
            directorate=directorates[code],
        )
        logins.append((user.email, contact_name, f"{Role.DIRECTORATE_CONTACT.label} ({directorates[code].name})"))

    for day, reason in CLOSURE_DAYS:
        ClosureDay.objects.get_or_create(date=day, defaults={"reason": reason})
    return logins


def logins() -> list[tuple[str, str, str]]:
    """The demo logins in the database now, as (email, name, role), in the order the seed made them."""
    users = User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}", is_active=True).select_related("directorate")
    rows = []
    for user in users.prefetch_related("groups").order_by("pk"):
        role = user.primary_role
        rows.append((user.email, user.full_name, f"{role} ({user.directorate.name})" if user.directorate else role))
    return rows
