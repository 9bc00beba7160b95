"""The four defects found by probing as each role (issue 8), each with its test:

1. an id too large for any database integer in a pick-list is "not a valid choice", never a 500;
2. production refuses to start with two-factor turned off unless the risk is accepted by name, and
   `check --deploy` warns whenever it is off;
3. every signed-in page and export says `Cache-Control: no-store, private`;
4. sections a role may not use are refused (403) and absent from its menu and home page.
"""

import pytest
from django.urls import reverse

from casework.models import Case
from mayoral_office.roles import Role
from tests.casework.factories import CaseFactory
from tests.mayoral_office.factories import UserFactory
from tests.mayoral_office.test_settings import PRODUCTION_ENV, run_manage

pytestmark = pytest.mark.django_db
HUGE = "1" * 40


# --- 1. ids that overflow ------------------------------------------------------------------------------------
def test_a_40_digit_case_id_in_bulk_allocation_is_not_a_valid_choice(client, officer_a, member_a):
    case = CaseFactory(member=member_a)
    client.force_login(officer_a)
    response = client.post(
        reverse("casework:bulk-allocate"),
        {"officer": officer_a.pk, "cases": [case.pk, HUGE], "back": reverse("casework:index")},
        follow=True,
    )
    assert response.status_code == 200
    assert "Select cases from the list" in response.content.decode()
    assert Case.objects.get(pk=case.pk).officer_id is None  # nothing half-done


@pytest.mark.parametrize("field", ["member", "officer", "case_type", "ward", "portfolio"])
def test_a_40_digit_id_in_a_pick_list_of_the_intake_form_is_refused_on_the_form(client, officer_a, field):
    client.force_login(officer_a)
    response = client.post(reverse("casework:create"), {field: HUGE, "name": "Ann Example"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not Case.objects.exists()


@pytest.mark.parametrize("name", ["casework:detail", "casework:letter", "casework:edit"])
def test_a_40_digit_id_in_an_address_is_not_found(client, head, name):
    client.force_login(head)
    assert client.get(f"/casework/{HUGE}/" + ("letter.pdf" if name.endswith("letter") else "")).status_code == 404


# --- 2. two-factor off in production ---------------------------------------------------------------------------
def test_production_refuses_to_start_with_two_factor_off():
    result = run_manage("check", env={**PRODUCTION_ENV, "MFA_REQUIRED": "false"})
    assert result.returncode != 0
    assert "MFA_OFF_IN_PRODUCTION_RISK_ACCEPTED=true" in result.stderr


def test_two_factor_off_with_the_risk_accepted_starts_but_check_deploy_warns():
    env = {**PRODUCTION_ENV, "MFA_REQUIRED": "false", "MFA_OFF_IN_PRODUCTION_RISK_ACCEPTED": "true"}
    assert run_manage("check", env=env).returncode == 0
    deploy = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert deploy.returncode != 0
    assert "mayoral_office.W001" in deploy.stdout + deploy.stderr


# --- 3. no-store on every signed-in page and export ------------------------------------------------------------
@pytest.mark.parametrize(
    "path",
    ["/", "/casework/", "/casework/export.csv?queue=all", "/casework/export.xlsx?queue=all", "/diary/week/", "/audit/"],
)
def test_signed_in_pages_and_exports_may_not_be_stored(client, head, path):
    client.force_login(head)
    response = client.get(path)
    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= directives


def test_the_subject_access_export_may_not_be_stored(client, head, member_a):
    case = CaseFactory(member=member_a)
    client.force_login(head)
    response = client.post(reverse("casework:subject-access", args=[case.correspondent_id]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]


# --- 4. sections a role may not use --------------------------------------------------------------------------
@pytest.mark.parametrize("section", ["briefings", "procurement", "diary"])
def test_a_directorate_contact_is_refused_the_sections_they_do_not_use(client, directorate_contact, section):
    client.force_login(directorate_contact)
    assert client.get(f"/{section}/").status_code == 403
    home = client.get("/").content.decode()
    assert f'href="/{section}/"' not in home  # neither in the menu nor on the home page
    assert 'href="/casework/"' in home


def test_a_budget_holder_works_in_procurement_only(client):
    budget_holder = UserFactory(role=Role.BUDGET_HOLDER, full_name="Ravi Shah")
    client.force_login(budget_holder)
    home = client.get("/").content.decode()
    for section in ["casework", "diary", "briefings", "decisions"]:
        assert f'href="/{section}/"' not in home
    assert 'href="/procurement/"' in home
    assert client.get("/procurement/").status_code == 200
    assert client.get("/briefings/").status_code == 403


def test_an_officer_has_every_section(client, officer_a):
    client.force_login(officer_a)
    home = client.get("/").content.decode()
    for section in ["casework", "diary", "briefings", "decisions", "procurement"]:
        assert f'href="/{section}/"' in home
        assert client.get(f"/{section}/", follow=True).status_code == 200
