"""The Mayor's objectives: the list and each objective's page for the office, the quarterly update and milestone
ticks by the lead or the Head (audited; the update's RAG status becomes the objective's), and the dashboard's
counts by status linking to the filtered list."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from mayoral_office import objectives
from mayoral_office.errors import PermissionDenied, ServiceError
from mayoral_office.models import Milestone, Objective, ObjectiveUpdate
from mayoral_office.roles import Role
from tests.mayoral_office.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(clock, head, officer_a):
    homes = Objective.objects.create(number=1, title="Affordable homes", lead=officer_a)
    meals = Objective.objects.create(number=2, title="Free school meals", lead=head)
    Objective.objects.create(number=3, title="Net zero", lead=head)
    Milestone.objects.create(objective=homes, title="First 250 homes started", due_on=date(2026, 11, 30))
    Milestone.objects.create(objective=homes, title="Business plan", due_on=date(2026, 8, 1), done_on=date(2026, 8, 1))
    objectives.objective_report(actor=officer_a, objective=homes, rag="amber", summary="Behind by 40 starts.")
    objectives.objective_report(actor=head, objective=meals, rag="green", summary="All schools serving.")
    return homes


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (date(2026, 4, 1), "2026/27 Q1"),
        (date(2026, 9, 30), "2026/27 Q2"),
        (date(2026, 12, 2), "2026/27 Q3"),
        (date(2027, 3, 31), "2026/27 Q4"),
    ],
)
def test_quarters_are_the_councils_financial_quarters(day, quarter):
    assert objectives.quarter_of(day) == quarter


def test_the_lead_reports_each_quarter_and_the_latest_rag_is_the_objectives(plan, officer_a):
    assert plan.rag == "amber"
    objectives.objective_report(actor=officer_a, objective=plan, rag="red", summary="The contractor went under.")
    plan.refresh_from_db()
    assert plan.rag == "red"
    assert list(plan.updates.values_list("quarter", "rag")) == [("2026/27 Q3", "red")]  # this quarter's, replaced
    entry = LogEntry.objects.get_for_object(plan).order_by("pk").last()
    assert entry.actor == officer_a and entry.changes_dict["rag"] == ["amber", "red"]


def test_only_the_lead_or_the_head_reports_or_ticks_a_milestone(plan, officer_b, head):
    with pytest.raises(PermissionDenied):
        objectives.objective_report(actor=officer_b, objective=plan, rag="green", summary="Fine")
    milestone = plan.milestones.get(done_on__isnull=True)
    with pytest.raises(PermissionDenied):
        objectives.milestone_done(actor=officer_b, milestone=milestone)
    objectives.milestone_done(actor=head, milestone=milestone)
    assert Milestone.objects.get(pk=milestone.pk).done_on == date(2026, 12, 2)
    with pytest.raises(ServiceError, match="already marked done"):
        objectives.milestone_done(actor=head, milestone=milestone)


def test_the_page_takes_an_update_and_explains_a_missing_answer(client, plan, officer_a, officer_b):
    client.force_login(officer_a)
    page = client.post(reverse("objective", args=[plan.pk]), {"summary": ""})
    body = page.content.decode()
    assert page.status_code == 200 and "Choose red, amber or green" in body and "Say what progress" in body
    done = client.post(reverse("objective", args=[plan.pk]), {"rag": "green", "summary": "Back on track."}, follow=True)
    assert "This quarter&#x27;s update is saved." in done.content.decode()
    assert ObjectiveUpdate.objects.get(objective=plan).summary == "Back on track."
    client.force_login(officer_b)  # reads, but may not report on it
    other = client.get(reverse("objective", args=[plan.pk]))
    assert other.status_code == 200 and "Save this quarter" not in other.content.decode()
    assert client.post(reverse("objective", args=[plan.pk]), {"rag": "red", "summary": "x"}).status_code == 403


def test_people_outside_the_office_do_not_see_the_plan(client, plan):
    client.force_login(UserFactory(role=Role.DIRECTORATE_CONTACT))
    assert client.get(reverse("objectives")).status_code == 403
    assert client.get(reverse("objective", args=[plan.pk])).status_code == 403


def test_the_dashboard_counts_objectives_by_status_and_links_to_the_list(client, plan, head):
    client.force_login(head)
    response = client.get(reverse("dashboard"))
    tables = {t.key: t for p in response.context["panels"] for t in p.tables}
    by_rag = {str(row[0]): row[1] for row in tables["mayoral_office.objectives_by_rag"].rows}
    assert {name: cell.value for name, cell in by_rag.items()} == {
        "Red (off track)": 0,
        "Amber (at risk)": 1,
        "Green (on track)": 1,
        "Not yet reported": 1,
    }
    for cell in by_rag.values():
        listed = client.get(cell.url)
        assert listed.context["page"].paginator.count == cell.value
    homes = tables["mayoral_office.objectives"].rows[0]
    assert [str(cell) for cell in homes] == ["1. Affordable homes", "Joanna Kowalska", "Amber (at risk)", "1 of 2", "1"]
