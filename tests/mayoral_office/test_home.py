import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_directorate_contact_is_offered_casework_and_decisions_only(client, directorate_contact):
    client.force_login(directorate_contact)
    body = client.get(reverse("home")).content.decode()
    assert reverse("casework:index") in body
    assert reverse("decisions:index") in body  # their directorate's actions and the agenda items they lead
    for app in ["diary", "briefings", "procurement"]:
        assert reverse(f"{app}:index") not in body


def test_officer_home_shows_their_work_counts(client, officer_a):
    client.force_login(officer_a)
    response = client.get(reverse("home"))
    labels = [item.label for item in response.context["work"]]
    assert labels[:1] == ["My open cases"] and "Overdue" in labels and "Due this week" in labels
    assert "?queue=overdue" in response.content.decode()


def test_member_is_welcomed_by_name_and_shown_their_approvals(client, member_a_user, member_a):
    client.force_login(member_a_user)
    response = client.get(reverse("home"))
    body = response.content.decode()
    assert f"Welcome, {member_a.name}" in body
    assert [item.label for item in response.context["work"]] == ["Responses awaiting your approval"]


def test_configuration_refuses_a_signed_in_user_without_rights(client, officer_a):
    client.force_login(officer_a)
    response = client.get("/configuration/", follow=True)
    assert response.status_code == 403
    assert "You do not have access" in response.content.decode()


def test_configuration_sends_a_visitor_to_the_service_sign_in(client):
    response = client.get("/configuration/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("sign-in"))


def test_configuration_names_the_tables_for_officers(client, head):
    client.force_login(head)
    body = client.get(reverse("admin:index")).content.decode()
    assert "Sign-in lock-outs" in body and "Two-factor devices" in body
    assert ">Axes<" not in body and ">Otp_Totp<" not in body
