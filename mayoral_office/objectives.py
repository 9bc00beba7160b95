"""The Mayor's objectives (the strategic plan's commitments): reads, the services that record progress, and the
dashboard's panel. Each objective has a lead, milestones and a quarterly update whose RAG status is the objective's.

Who may do what: everyone in the office reads them (`Objective.objects.visible_to`); the objective's lead and the
Head of Mayor's Office record its quarterly update and mark its milestones done; the Head keeps the plan itself
(objectives and milestones) in the configuration site."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from mayoral_office.access import has_perm, office_roles, office_staff
from mayoral_office.audit import service
from mayoral_office.dashboard import link
from mayoral_office.errors import PermissionDenied, ServiceError
from mayoral_office.models import Milestone, Objective, ObjectiveUpdate, Rag
from mayoral_office.registry import Cell, Chart, Period, Table

NOT_YET = "none"  # the RAG filter's "not yet reported"


def quarter_of(day: date) -> str:
    """The council's financial quarter a day falls in: April to June is Q1. '2026/27 Q3' for December 2026."""
    year = day.year if day.month >= 4 else day.year - 1
    return f"{year}/{(year + 1) % 100:02d} Q{(day.month - 4) % 12 // 3 + 1}"


def may_report(user, objective: Objective) -> bool:
    return user.is_authenticated and (objective.lead_id == user.pk or has_perm(user, "configure_office"))


# --- reads ---------------------------------------------------------------------------------------------------------
def objective_list(user):
    today = timezone.localdate()
    return (
        Objective.objects.visible_to(user)
        .select_related("lead", "member")
        .annotate(
            milestones_total=Count("milestones"),
            milestones_done=Count("milestones", filter=Q(milestones__done_on__isnull=False)),
            milestones_late=Count(
                "milestones", filter=Q(milestones__done_on__isnull=True, milestones__due_on__lt=today)
            ),
        )
        .order_by("number")
    )


def objective_page():
    return Objective.objects.select_related("lead", "member").prefetch_related(
        "milestones", Prefetch("updates", ObjectiveUpdate.objects.select_related("author"))
    )


# --- services ------------------------------------------------------------------------------------------------------
@service
def objective_report(*, actor, objective: Objective, rag: str, summary: str, on: date | None = None) -> ObjectiveUpdate:
    """This quarter's update on the objective (a second one in the same quarter replaces the first): its RAG status
    becomes the objective's."""
    if not may_report(actor, objective):
        raise PermissionDenied
    if rag not in Rag.values:
        raise ServiceError("Choose red, amber or green")
    if not summary.strip():
        raise ServiceError("Say what progress has been made and what comes next")
    quarter = quarter_of(on or timezone.localdate())
    update, _ = ObjectiveUpdate.objects.update_or_create(
        objective=objective,
        quarter=quarter,
        defaults={"rag": rag, "summary": summary.strip(), "author": actor, "created_at": timezone.now()},
    )
    objective.rag = rag
    objective.save(update_fields=["rag"])
    return update


@service
def milestone_done(*, actor, milestone: Milestone, on: date | None = None) -> Milestone:
    if not may_report(actor, milestone.objective):
        raise PermissionDenied
    if milestone.done_on is not None:
        raise ServiceError(f"'{milestone.title}' was already marked done on {milestone.done_on:%-d %B %Y}")
    milestone.done_on = on or timezone.localdate()
    milestone.save(update_fields=["done_on"])
    return milestone


# --- the dashboard -------------------------------------------------------------------------------------------------
def dashboard_tables(user, period: Period) -> list[Table]:
    objectives = list(objective_list(user))
    counts = dict(Objective.objects.visible_to(user).values_list("rag").annotate(n=Count("pk")).order_by())
    by_rag = Table(
        "mayoral_office.objectives_by_rag",
        "The Mayor's objectives by RAG status",
        ("Status", "Objectives"),
        tuple(
            (Cell(label), Cell(counts.get(value, 0), link("objectives", rag=value or NOT_YET)))
            for value, label in [*Rag.choices, ("", "Not yet reported")]
        ),
        chart=Chart("bar", (1,)),
        note="As their latest quarterly update says.",
    )
    each = Table(
        "mayoral_office.objectives",
        "The Mayor's objectives",
        ("Objective", "Lead", "Status", "Milestones done", "Milestones overdue"),
        tuple(
            (
                Cell(str(objective), objective.get_absolute_url()),
                Cell(objective.lead.full_name),
                Cell(objective.get_rag_display() or "Not yet reported"),
                Cell(objective.milestones_done, display=f"{objective.milestones_done} of {objective.milestones_total}"),
                Cell(objective.milestones_late),
            )
            for objective in objectives
        ),
    )
    return [by_rag, each]


def may_see_dashboard_panel(user) -> bool:
    return office_staff(user)


def may_read(user) -> bool:
    return office_roles(user)


def quarter_of_today() -> str:
    return quarter_of(timezone.localdate())
