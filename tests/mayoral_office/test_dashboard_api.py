"""The dashboard's read-only JSON API for Power BI: a token made by the Head of Mayor's Office reads as its user, the
figures are the dashboard's, and a missing, wrong or revoked token (or a disabled user) is refused."""

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from casework.models import Sensitivity, Status
from mayoral_office import services
from mayoral_office.errors import PermissionDenied, ServiceError
from mayoral_office.models import ApiToken
from mayoral_office.roles import Role
from tests.casework.factories import CaseFactory, aware
from tests.mayoral_office.factories import UserFactory

pytestmark = pytest.mark.django_db


def _get(client, raw=None, path=None, **params):
    headers = {"Authorization": f"Bearer {raw}"} if raw is not None else {}
    return client.get(path or reverse("api-dashboard"), params, headers=headers)


@pytest.fixture
def office(clock, member_a):
    for sensitivity in [Sensitivity.STANDARD, Sensitivity.CONFIDENTIAL]:
        received = clock.today - timedelta(days=20)
        CaseFactory(
            member=member_a,
            status=Status.ALLOCATED,
            sensitivity=sensitivity,
            received_at=aware(received),
            response_due=received + timedelta(days=14),
        )


def test_the_api_gives_the_dashboards_tables_as_the_tokens_user_sees_them(client, head, officer_a, office):
    _, head_token = services.api_token_create(actor=head, user=head, name="Power BI")
    _, officer_token = services.api_token_create(actor=head, user=officer_a, name="Officer's report")
    client.force_login(head)
    page = client.get(reverse("dashboard"), {"period": "year_to_date"})
    client.logout()  # the API needs no session: the token is the sign-in
    shown = {table.key: table for panel in page.context["panels"] for table in panel.tables}
    response = _get(client, head_token, period="year_to_date")
    assert response.status_code == 200
    data = response.json()
    assert data["period"] == {
        "key": "year_to_date",
        "label": "Year to date",
        "start": "2026-04-01",
        "end": "2026-12-02",
    }
    tables = {table["key"]: table for table in data["tables"]}
    assert set(tables) == set(shown)
    for key, table in shown.items():
        expected = [
            {
                column: (float(cell.value) if key.startswith("procurement") and i else cell.value)
                for i, (column, cell) in enumerate(zip(table.columns, row, strict=True))
            }
            for row in table.rows
        ]
        assert tables[key]["rows"] == expected, key
    assert {"Stage": "Allocated", "Cases": 2} in tables["casework.open_by_stage"]["rows"]
    # the officer's token reads as the officer: the confidential case is not theirs to count
    one = _get(client, officer_token, path=reverse("api-dashboard-table", args=["casework.open_by_stage"]))
    assert one.status_code == 200
    assert [t["key"] for t in one.json()["tables"]] == ["casework.open_by_stage"]
    assert {"Stage": "Allocated", "Cases": 1} in one.json()["tables"][0]["rows"]
    assert ApiToken.objects.get(name="Power BI").last_used_at is not None


def test_a_missing_wrong_or_revoked_token_is_refused(client, head, office):
    token, raw = services.api_token_create(actor=head, user=head, name="Power BI")
    for response in [
        _get(client),
        _get(client, "not-a-token"),
        client.get(reverse("api-dashboard"), headers={"Authorization": raw}),
    ]:
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert "tables" not in response.json()
    assert _get(client, raw).status_code == 200
    services.api_token_revoke(actor=head, token=token)
    assert _get(client, raw).status_code == 401
    revoked = LogEntry.objects.get_for_object(token).order_by("pk").last()
    assert revoked.actor == head and "revoked_at" in revoked.changes_dict


def test_a_disabled_users_token_is_refused_and_only_the_office_may_read(client, head, office):
    user = UserFactory(role=Role.CABINET_SUPPORT)
    _, raw = services.api_token_create(actor=head, user=user, name="Report")
    user.is_active = False
    user.save()
    assert _get(client, raw).status_code == 401
    contact = UserFactory(role=Role.DIRECTORATE_CONTACT)
    _, contact_raw = services.api_token_create(actor=head, user=contact, name="Report")
    assert _get(client, contact_raw).status_code == 403


def test_only_the_head_makes_tokens_and_the_token_itself_is_not_kept(head, officer_a, office):
    with pytest.raises(PermissionDenied):
        services.api_token_create(actor=officer_a, user=officer_a, name="Mine")
    token, raw = services.api_token_create(actor=head, user=officer_a, name="Report")
    assert raw not in (token.key, token.prefix) and token.prefix == raw[:8] and len(raw) >= 40
    entry = LogEntry.objects.get_for_object(token).get()
    assert entry.actor == head and raw not in str(entry.changes)
    officer_a.is_active = False
    officer_a.save()
    with pytest.raises(ServiceError):
        services.api_token_create(actor=head, user=officer_a, name="Report")


def test_a_wrong_period_is_a_clear_400(client, head, office):
    _, raw = services.api_token_create(actor=head, user=head, name="Power BI")
    response = _get(client, raw, period="custom", start="2026-12-01", end="2026-11-01")
    assert response.status_code == 400
    assert response.json()["fields"]["start"] == ["The period must start on or before the day it ends"]
    assert _get(client, raw, path=reverse("api-dashboard-table", args=["nothing.here"])).status_code == 404
    mine = _get(client, raw, period="custom", start=str(date(2026, 10, 1)), end=str(date(2026, 10, 31)))
    assert mine.json()["period"]["label"] == "1 October 2026 to 31 October 2026"


def test_the_head_makes_and_revokes_a_token_in_the_configuration_site(client, head, officer_a, office):
    client.force_login(head)
    response = client.post(
        reverse("admin:mayoral_office_apitoken_add"), {"user": officer_a.pk, "name": "Power BI"}, follow=True
    )
    assert response.status_code == 200
    token = ApiToken.objects.get()
    message = next(str(m) for m in response.context["messages"] if "copy it now" in str(m))
    raw = message.split(" is ")[1].split(" — ")[0]
    assert token.user == officer_a and token.created_by == head and raw.startswith(token.prefix)
    assert _get(client, raw).status_code == 200
    client.force_login(head)
    client.post(
        reverse("admin:mayoral_office_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert _get(client, raw).status_code == 401
