"""The dashboard: every figure is the count of the list it links to, counts only what the viewer may see, makes the
same number of queries however many records there are, and downloads as CSV and Excel with the same figures."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from casework.models import ContributionRequest, Sensitivity, Status
from mayoral_office.models import PerformanceSettings, User
from mayoral_office.roles import Role
from procurement.models import BudgetLine, CostCentre
from tests.casework.factories import CaseFactory, aware, case_type
from tests.decisions.factories import at, make_action, make_meeting, make_pathway_item
from tests.diary.factories import make_engagement
from tests.mayoral_office.factories import DirectorateFactory, MemberFactory, UserFactory

pytestmark = pytest.mark.django_db
WEDNESDAY = date(2026, 12, 2)  # the clock's day (DEFAULT_NOW)


def _dashboard(client, **params):
    response = client.get(reverse("dashboard"), params)
    assert response.status_code == 200
    return response


def _tables(response) -> dict:
    return {table.key: table for panel in response.context["panels"] for table in panel.tables}


def _figures(table) -> dict[str, list]:
    """{row name: [the row's figures]}."""
    return {str(row[0]): [cell.value for cell in row[1:]] for row in table.rows}


def _linked_cells(response):
    for panel in response.context["panels"]:
        for table in panel.tables:
            for row in table.rows:
                for cell in row[1:]:
                    if cell.url:
                        yield table, row, cell


def _list_count(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    assert not response.context["filter"].errors, (url, response.context["filter"].errors)
    return response.context["page"].paginator.count


# --- every figure is the count of its list ----------------------------------------------------------------------
def test_every_figure_equals_the_count_of_the_list_it_links_to(small_demo, clock, client):
    call_command("seed_demo", verbosity=0)
    client.force_login(User.objects.get(email="head.office@eastbridge.gov.uk"))
    for period in ["last_4_weeks", "year_to_date"]:
        checked = nonzero = 0
        apps = set()
        for table, row, cell in _linked_cells(_dashboard(client, period=period)):
            where = (period, table.caption, str(row[0]), cell.url)
            apps.add(table.key.split(".")[0])
            if isinstance(cell.value, Decimal):  # a budget line's money: its page shows the same sum
                assert cell.display in client.get(cell.url).content.decode(), where
                continue
            assert _list_count(client, cell.url) == cell.value, where
            checked += 1
            nonzero += cell.value > 0
        assert checked >= 80 and nonzero >= 50, (period, checked, nonzero)  # the demo fills most of the dashboard
        assert apps == {"mayoral_office", "casework", "briefings", "decisions", "procurement"}


# --- the figures themselves ---------------------------------------------------------------------------------------
def _open_case(due: date, status=Status.ALLOCATED, **extra):
    return CaseFactory(status=status, received_at=aware(due - timedelta(days=30)), response_due=due, **extra)


def test_overdue_cases_are_grouped_by_working_days_past_their_target(clock, head, client):
    # Wednesday 2 December: due on 1 Dec is 1 working day late, 25 Nov 5, 24 Nov 6, 18 Nov 10, 17 Nov 11, 4 Nov 20,
    # 3 Nov 21. Due today is not overdue; a case on hold is off the clock.
    for day in [1, 25, 24, 18, 17, 4, 3]:
        _open_case(date(2026, 12 if day == 1 else 11, day))
    _open_case(WEDNESDAY)
    _open_case(date(2026, 11, 3), status=Status.ON_HOLD)
    client.force_login(head)
    table = _tables(_dashboard(client))["casework.overdue_by_age"]
    assert _figures(table) == {
        "1 to 5 working days": [2],
        "6 to 10 working days": [2],
        "11 to 20 working days": [2],
        "More than 20 working days": [1],
    }


@pytest.mark.clock("2026-12-05 10:00")
def test_on_a_saturday_fridays_work_is_overdue_in_the_first_age(clock, head, client):
    _open_case(date(2026, 12, 4))  # Friday
    client.force_login(head)
    table = _tables(_dashboard(client))["casework.overdue_by_age"]
    assert _figures(table)["1 to 5 working days"] == [1]


def test_answered_within_target_counts_the_responses_sent_in_the_period_against_the_target(clock, head, client):
    PerformanceSettings.objects.create(answered_in_target_percent=80)
    complaint, resident = case_type("complaint-1"), case_type("resident")
    for sent, due, kind in [
        (date(2026, 11, 20), date(2026, 11, 20), resident),  # on the day: within target
        (date(2026, 11, 23), date(2026, 11, 25), resident),
        (date(2026, 11, 26), date(2026, 11, 24), resident),  # late
        (date(2026, 11, 30), date(2026, 12, 1), complaint),
        (date(2026, 10, 1), date(2026, 9, 1), complaint),  # before the period
    ]:
        CaseFactory(
            status=Status.RESPONSE_SENT,
            case_type=kind,
            received_at=aware(sent - timedelta(days=20)),
            response_due=due,
            response_sent_on=sent,
        )
    client.force_login(head)
    tables = _tables(_dashboard(client, period="last_4_weeks"))
    assert _figures(tables["casework.answered"])["All cases"][:3] == [4, 3, 1]
    assert str(tables["casework.answered"].rows[0][4]) == "75% (below target)"
    by_type = _figures(tables["casework.answered_by_case_type"])
    assert by_type[complaint.name][:3] == [1, 1, 0]
    assert by_type[resident.name][:3] == [3, 2, 1]
    assert "Target: 80%" in tables["casework.answered"].note
    # the rows' names are kept between requests (casework/dashboard.py): a name changed is in the very next one
    complaint.name = "Complaint (stage one)"
    complaint.save()
    by_type = _figures(_tables(_dashboard(client, period="last_4_weeks"))["casework.answered_by_case_type"])
    assert by_type["Complaint (stage one)"][:3] == [1, 1, 0]


def test_received_and_closed_in_each_standard_period(clock, head, client):
    # This week is Monday 30 November to today; last week 23 to 29 November; the year from 1 April.
    for received in [date(2026, 12, 1), date(2026, 11, 24), date(2026, 11, 29), date(2026, 6, 1), date(2026, 3, 31)]:
        CaseFactory(received_at=aware(received))
    CaseFactory(received_at=aware(date(2026, 11, 2)), status=Status.CLOSED, closed_at=aware(date(2026, 11, 30)))
    client.force_login(head)
    table = _tables(_dashboard(client))["casework.received_closed"]
    assert _figures(table) == {
        "This week": [1, 1],
        "Last week": [2, 0],
        "Last 4 weeks": [3, 1],  # from 5 November
        "Year to date": [5, 1],
    }


def test_contributions_overdue_by_directorate(clock, head, client):
    housing, parks = DirectorateFactory(name="Housing"), DirectorateFactory(name="Parks")
    case = _open_case(date(2026, 12, 10))
    for directorate, due in [(housing, date(2026, 12, 1)), (housing, date(2026, 11, 30)), (parks, WEDNESDAY)]:
        ContributionRequest.objects.create(case=case, directorate=directorate, question="What happened?", due_on=due)
    client.force_login(head)
    assert _figures(_tables(_dashboard(client))["casework.contributions_overdue"]) == {"Housing": [2]}


def test_answered_within_target_by_directorate_counts_each_case_once_for_each_directorate_asked(clock, head, client):
    housing, parks = DirectorateFactory(name="Housing"), DirectorateFactory(name="Parks")

    def answered(sent, due):
        return CaseFactory(
            status=Status.RESPONSE_SENT, received_at=aware(date(2026, 11, 2)), response_due=due, response_sent_on=sent
        )

    on_time, late = answered(date(2026, 11, 20), date(2026, 11, 25)), answered(date(2026, 11, 26), date(2026, 11, 20))
    for case, directorate in [(on_time, housing), (on_time, housing), (late, housing), (late, parks)]:
        ContributionRequest.objects.create(case=case, directorate=directorate, question="?", due_on=date(2026, 11, 9))
    ContributionRequest.objects.create(  # not answered yet: not counted
        case=_open_case(date(2026, 12, 10)), directorate=parks, question="?", due_on=date(2026, 12, 1)
    )
    answered(date(2026, 11, 23), date(2026, 11, 25))  # answered, no directorate asked
    client.force_login(head)
    figures = _figures(_tables(_dashboard(client, period="last_4_weeks"))["casework.answered_by_directorate"])
    assert {name: row[:3] for name, row in figures.items()} == {"Housing": [2, 1, 1], "Parks": [1, 0, 1]}


def test_the_page_shows_each_row_under_its_name_with_its_figures_linking_to_their_lists(clock, head, client):
    parks = DirectorateFactory(name="Parks & <Open> Spaces")
    ContributionRequest.objects.create(
        case=_open_case(date(2026, 12, 10)), directorate=parks, question="When?", due_on=date(2026, 12, 1)
    )
    client.force_login(head)
    html = _dashboard(client).content.decode()
    overdue = reverse("casework:contributions") + f"?state=overdue&amp;directorate={parks.pk}"
    assert (
        '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">Parks &amp; &lt;Open&gt; Spaces</th>'
        f'<td class="govuk-table__cell govuk-table__cell--numeric"><a class="govuk-link" href="{overdue}">1</a></td>'
        "</tr>"
    ) in html


# --- access ----------------------------------------------------------------------------------------------------
def test_an_officer_without_confidential_access_sees_counts_without_the_confidential_cases(
    clock, head, officer_a, member_a, client
):
    for sensitivity in [Sensitivity.STANDARD, Sensitivity.STANDARD, Sensitivity.CONFIDENTIAL]:
        _open_case(date(2026, 11, 30), member=member_a, sensitivity=sensitivity)
    client.force_login(officer_a)
    officer_view = _tables(_dashboard(client))
    client.force_login(head)
    head_view = _tables(_dashboard(client))
    for key, row in [("casework.open_by_stage", "Allocated"), ("casework.overdue_by_age", "1 to 5 working days")]:
        assert _figures(officer_view[key])[row] == [2]
        assert _figures(head_view[key])[row] == [3]


@pytest.mark.parametrize("role", [Role.DIRECTORATE_CONTACT, Role.BUDGET_HOLDER, Role.MEMBER])
def test_people_outside_the_office_team_cannot_open_it(clock, client, role):
    client.force_login(UserFactory(role=role))
    assert client.get(reverse("dashboard")).status_code == 403
    assert client.get(reverse("dashboard-csv", args=["casework.open_by_stage"])).status_code == 403
    assert b">Dashboard<" not in client.get(reverse("home")).content


def test_the_menu_offers_it_to_the_office(clock, head, client):
    client.force_login(head)
    assert b">Dashboard</a>" in client.get(reverse("home")).content


# --- the period --------------------------------------------------------------------------------------------------
def test_a_period_of_my_own_dates_and_the_errors_of_a_wrong_one(clock, head, client):
    CaseFactory(
        status=Status.RESPONSE_SENT,
        received_at=aware(date(2026, 10, 1)),
        response_due=date(2026, 10, 20),
        response_sent_on=date(2026, 10, 15),
    )
    client.force_login(head)
    mine = _dashboard(client, period="custom", start="2026-10-01", end="2026-10-31")
    assert mine.context["period"].label == "1 October 2026 to 31 October 2026"
    assert _figures(_tables(mine)["casework.answered"])["All cases"][:3] == [1, 1, 0]
    wrong = _dashboard(client, period="custom", start="2026-10-31", end="2026-10-01")
    assert "The period must start on or before the day it ends" in wrong.content.decode()
    assert wrong.context["period"].key == "last_4_weeks"  # the default figures meanwhile
    missing = _dashboard(client, period="custom", start="not a date")
    body = missing.content.decode()
    assert "Enter a real date" in body and "Enter the date the period ends" in body
    assert "Choose a period from the list" in _dashboard(client, period="fortnight").content.decode()


# --- volume ------------------------------------------------------------------------------------------------------
def _office(size: int):
    """`size` cases across three members, two officers, two case types and two directorates, in every state; and a
    fifth as many overdue actions, engagements to brief, pathway items and budget lines."""
    members = [MemberFactory() for _ in range(3)]
    officers = [UserFactory(role=Role.CABINET_SUPPORT) for _ in range(2)]
    directorates = [DirectorateFactory() for _ in range(2)]
    kinds = [case_type("resident"), case_type("complaint-1")]
    statuses = [Status.ALLOCATED, Status.DRAFTING, Status.RESPONSE_SENT, Status.CLOSED, Status.ON_HOLD]
    for n in range(size):
        received = WEDNESDAY - timedelta(days=3 + 5 * n % 200)
        case = CaseFactory(
            member=members[n % 3],
            officer=officers[n % 2],
            case_type=kinds[n % 2],
            status=statuses[n % 5],
            received_at=aware(received),
            response_due=received + timedelta(days=20),
            response_sent_on=received + timedelta(days=10 + n % 15)
            if statuses[n % 5] == Status.RESPONSE_SENT
            else None,
            closed_at=aware(received + timedelta(days=12)) if statuses[n % 5] == Status.CLOSED else None,
        )
        ContributionRequest.objects.create(
            case=case, directorate=directorates[n % 2], question="?", due_on=received + timedelta(days=5)
        )
    centre, _ = CostCentre.objects.get_or_create(code="MO100", defaults={"name": "Mayor's Office"})
    meeting = make_meeting(start=at(2026, 12, 10, 10))
    for n in range(size // 5):
        make_action(due_on=WEDNESDAY - timedelta(days=1 + n), owner=officers[n % 2])
        make_engagement(members[n % 3], start=at(2026, 12, 3 + n % 14, 10), briefing_required=True)
        make_pathway_item(directorate=directorates[n % 2], decision_meeting=meeting, key_decision=n % 2 == 0)
        BudgetLine.objects.create(
            cost_centre=centre, year=2026, code=f"{size}{n:03d}", name=f"Line {n}", holder=officers[n % 2]
        )


def _queries(client) -> int:
    _dashboard(client)  # warm up: the cached choices and settings
    with CaptureQueriesContext(connection) as captured:
        _dashboard(client, period="year_to_date")
    return len(captured.captured_queries)


def test_the_dashboard_makes_the_same_number_of_queries_for_10_or_100_cases(clock, head, client):
    client.force_login(head)
    _office(10)
    smaller = _queries(client)
    _office(90)
    assert _queries(client) == smaller


# --- downloads ---------------------------------------------------------------------------------------------------
def test_csv_and_excel_of_a_table_have_the_dashboards_figures(clock, head, client):
    _office(20)
    client.force_login(head)
    params = {"period": "year_to_date"}
    shown = _tables(_dashboard(client, **params))
    for key in [
        "casework.open_by_stage",
        "casework.answered_by_member",
        "casework.trend",
        "decisions.actions_overdue",
        "procurement.budget_lines",
    ]:
        table = shown[key]
        expected = [[str(row[0]), *[cell.value for cell in row[1:]]] for row in table.rows]
        download = client.get(reverse("dashboard-csv", args=[key]), params)
        assert download.status_code == 200 and download["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
        assert rows[0][0].startswith(table.caption) and rows[1] == list(table.columns)
        as_numbers = [[row[0], *[float(v) if v not in ("", "–") else None for v in row[1:]]] for row in rows[2:]]
        assert as_numbers == expected
        book = load_workbook(io.BytesIO(client.get(reverse("dashboard-xlsx", args=[key]), params).content))
        cells = [list(row) for row in book.active.iter_rows(min_row=3, values_only=True)]
        assert [[row[0], *[None if v == "–" else v for v in row[1:]]] for row in cells] == expected


def test_an_unknown_table_is_not_found(clock, head, client):
    client.force_login(head)
    assert client.get(reverse("dashboard-csv", args=["casework.nothing"])).status_code == 404
    assert client.get(reverse("dashboard-xlsx", args=["nothing"])).status_code == 404
