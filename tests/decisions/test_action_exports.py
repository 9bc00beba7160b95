"""The action tracker's CSV and Excel exports: the list's rows as filtered and nothing more (a directorate contact's
and an intern's exports never hold a restricted action, or another directorate's), streamed, safe from formula
injection, logged for restricted rows, and the same number of queries for 10 rows as for 100."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from decisions import exports
from decisions.models import Action
from mayoral_office import spreadsheets
from mayoral_office.models import AccessLog
from tests.decisions.factories import make_action, make_meeting
from tests.mayoral_office.factories import DirectorateFactory

pytestmark = pytest.mark.django_db

DUE = date(2026, 12, 11)


@pytest.fixture
def tracker(directorate, directorate_contact, officer_a):
    other = DirectorateFactory(name="Children's Services", code="CHI")
    meeting = make_meeting()
    return {
        "ours": make_action("Send the housing repairs figures", due_on=DUE, owner_directorate=directorate),
        "late": make_action(
            '=HYPERLINK("http://evil.example")', due_on=date(2026, 11, 27), owner_directorate=directorate
        ),
        "own": make_action("Book the estate walkabout", due_on=DUE, owner=directorate_contact, meeting=meeting),
        "theirs": make_action("Review school places", due_on=DUE, owner_directorate=other),
        "secret": make_action(
            "Settle the Riverside staff grievance",
            due_on=DUE,
            owner_directorate=directorate,
            confidential=True,
            lead_officer=officer_a,
        ),
        "exempt": make_action(
            "Negotiate the depot lease", due_on=DUE, owner_directorate=directorate, exempt_category=3
        ),
    }


def _download(client, fmt="csv", query=""):
    response = client.get(reverse("decisions:actions-export") + f"?format={fmt}{query}")
    assert response.status_code == 200 and response.streaming, response.status_code
    return b"".join(response.streaming_content), response


def _csv_rows(client, query=""):
    body, response = _download(client, "csv", query)
    assert response["Content-Type"].startswith("text/csv")
    assert 'attachment; filename="actions-' in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_csv_has_the_columns_and_the_rows_of_the_list(client, tracker, exec_officer, directorate_contact):
    client.force_login(exec_officer)
    rows = _csv_rows(client, "&ordering=description")
    assert rows[0] == [title for title, _ in exports.ACTION_COLUMNS]
    descriptions = [row[0] for row in rows[1:]]
    assert "Review school places" in descriptions and len(descriptions) == 4  # not the two restricted ones
    walk = next(row for row in rows if row[0] == "Book the estate walkabout")
    assert walk[1:7] == ["Aisha Patel", "", "2026-12-11", "Not started", "Green (on track)", "No"]
    assert walk[8] == "Corporate Leadership Team, 2026-12-08"
    late = next(row for row in rows if "HYPERLINK" in row[0])
    assert late[0].startswith("'=") and late[6] == "Yes"  # no formula; overdue


def test_the_export_follows_the_filters(client, tracker, exec_officer):
    client.force_login(exec_officer)
    assert [row[0] for row in _csv_rows(client, "&overdue=yes")[1:]] == ['\'=HYPERLINK("http://evil.example")']
    assert [row[0] for row in _csv_rows(client, "&q=school")[1:]] == ["Review school places"]


def test_a_directorate_contact_exports_only_their_directorates_actions_and_their_own(
    client, tracker, directorate_contact
):
    client.force_login(directorate_contact)
    everything = {row[0] for row in _csv_rows(client)[1:]}
    assert everything == {
        "Send the housing repairs figures",
        '\'=HYPERLINK("http://evil.example")',
        "Book the estate walkabout",
    }
    assert {row[0] for row in _csv_rows(client, "&q=grievance")[1:]} == set()
    assert {row[0] for row in _csv_rows(client, "&mine=1")[1:]} == {"Book the estate walkabout"}
    body, _ = _download(client, "xlsx")
    text = " ".join(str(c) for row in load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True) for c in row)
    assert "Riverside" not in text and "depot" not in text and "school" not in text


def test_an_intern_exports_no_restricted_action(client, tracker, intern):
    client.force_login(intern)
    descriptions = {row[0] for row in _csv_rows(client)[1:]}
    assert len(descriptions) == 4 and not descriptions & {
        "Settle the Riverside staff grievance",
        "Negotiate the depot lease",
    }


def test_the_head_exports_restricted_actions_and_each_is_logged(client, tracker, head):
    client.force_login(head)
    body, response = _download(client, "xlsx")
    assert response["Content-Type"] == spreadsheets.XLSX
    sheet = load_workbook(io.BytesIO(body))["Actions"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Description" and len(rows) == 7
    logged = set(AccessLog.objects.filter(user=head, action="exported").values_list("object_id", flat=True))
    assert logged == {str(tracker["secret"].pk), str(tracker["exempt"].pk)}


def test_bad_filters_show_the_list_with_the_problem_and_an_unknown_format_is_not_found(client, tracker, exec_officer):
    client.force_login(exec_officer)
    response = client.get(reverse("decisions:actions-export") + "?format=csv&due_from=2027-02-31")
    assert response.status_code == 200 and not response.streaming
    assert "The list could not be downloaded" in response.content.decode()
    assert client.get(reverse("decisions:actions-export") + "?format=pdf").status_code == 404


def test_the_export_is_refused_to_those_with_no_part_in_decisions(client, tracker):
    from mayoral_office.roles import Role
    from tests.mayoral_office.factories import UserFactory

    client.force_login(UserFactory(role=Role.BUDGET_HOLDER))
    assert client.get(reverse("decisions:actions-export") + "?format=csv").status_code == 403


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_runs_the_same_queries_for_10_and_100_actions(client, exec_officer, directorate, fmt):
    meeting = make_meeting()
    client.force_login(exec_officer)

    def add(n):
        for i in range(n):
            make_action(f"Action {i}", due_on=DUE, owner=exec_officer, owner_directorate=directorate, meeting=meeting)

    def measure():
        _download(client, fmt)
        with CaptureQueriesContext(connection) as queries:
            _download(client, fmt)
        return len(queries)

    add(10)
    ten = measure()
    add(90)
    assert measure() == ten
    assert Action.objects.count() == 100
