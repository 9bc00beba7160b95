"""The demo's strategic plan: six of the Mayor's objectives in the spirit of a London borough's plan ("Our Tower
Hamlets 2035"), each with milestones around today and the last two quarters' updates, written through the services
as each lead would write them."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from mayoral_office import objectives
from mayoral_office.models import Member, Milestone, Objective, ObjectiveUpdate, User

# (title, theme, lead's email local part, member, description, [(milestone, days from today, done)],
#  [(rag last quarter, rag this quarter, what this quarter's update says)])
PLAN = [
    (
        "Build 4,000 genuinely affordable homes by 2030",
        "Homes for the future",
        "head.office",
        "Cllr James Whitmore",
        "Start on site for 1,000 council homes a year, with the housing company and housing associations.",
        [
            ("Housing company business plan agreed by Cabinet", -120, True),
            ("First 250 homes started on site", -10, False),
            ("Second phase sites through planning", 60, False),
        ],
        (
            "amber",
            "amber",
            "Starts are 40 behind plan after the contractor's administration; a new contractor is "
            "appointed and the programme recovers by March.",
        ),
    ),
    (
        "Free school meals for every primary school child",
        "Children and young people",
        "cabinet.support",
        "Cllr Nadia Begum",
        "Universal free school meals in every primary school, funded for the whole term of the administration.",
        [
            ("Funding agreed in the budget", -200, True),
            ("All 62 primary schools serving", -30, True),
            ("Take-up review reported to Cabinet", 45, False),
        ],
        ("green", "green", "Every primary school is serving; take-up is 91% against a 90% goal."),
    ),
    (
        "Clean, safe streets in every ward",
        "A cleaner, safer borough",
        "senior.exec",
        "Mayor Amina Rahman",
        "More street cleansing, 30 more enforcement officers and a rapid response to fly-tipping.",
        [("Enforcement officers recruited", -60, True), ("Fly-tipping reports answered within 24 hours", -5, False)],
        (
            "green",
            "red",
            "Fly-tipping response time has slipped to 52 hours after the depot move; extra crews start next month.",
        ),
    ),
    (
        "A living wage for every council contractor",
        "A borough that works for everyone",
        "head.office",
        "Cllr Oliver Grant",
        "London Living Wage in every new contract and every renewal from 2026.",
        [("Procurement rules changed", -150, True), ("Remaining contracts renewed at the Living Wage", 120, False)],
        ("amber", "green", "All but three contracts now pay the London Living Wage; those three are renewed by April."),
    ),
    (
        "Youth centres open six days a week",
        "Children and young people",
        "cabinet.support",
        "Cllr Nadia Begum",
        "Re-open and extend the youth service, with evening and weekend sessions in every area.",
        [("Four centres reopened", -90, True), ("Saturday sessions in every area", 20, False)],
        ("amber", "amber", "Five of eight areas run Saturday sessions; recruiting youth workers for the other three."),
    ),
    (
        "Net zero council by 2030",
        "A greener borough",
        "senior.exec",
        "Cllr Oliver Grant",
        "Decarbonise the council's buildings and fleet.",
        [("Fleet electrification plan", 30, False)],
        None,
    ),
]


def _start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(11, 0)))


def seed(stdout=None) -> None:
    if Objective.objects.exists():
        return
    today = timezone.localdate()
    head = User.objects.filter(email__startswith="head.office@").first()
    if head is None:
        return
    for number, (title, theme, lead, member, description, milestones, updates) in enumerate(PLAN, start=1):
        lead_user = User.objects.filter(email__startswith=f"{lead}@").first() or head
        objective = Objective.objects.create(
            number=number,
            title=title,
            theme=theme,
            description=description,
            lead=lead_user,
            member=Member.objects.filter(name=member).first(),
        )
        for name, days, done in milestones:
            due = today + timedelta(days=days)
            Milestone.objects.create(objective=objective, title=name, due_on=due, done_on=due if done else None)
        if updates:
            before, now, summary = updates
            last_quarter = today - timedelta(days=92)
            objectives.objective_report(
                actor=lead_user,
                objective=objective,
                rag=before,
                summary="On track at the end of the quarter.",
                on=last_quarter,
            )
            ObjectiveUpdate.objects.filter(objective=objective).update(created_at=_start(last_quarter))
            objectives.objective_report(actor=lead_user, objective=objective, rag=now, summary=summary)
    if stdout:
        stdout.write(f"Objectives: {len(PLAN)} of the Mayor's objectives.")
