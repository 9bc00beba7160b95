"""The home page's "Due and overdue" (mayoral_office.chasing.due_for): the signed-in user's own items across the
apps, soonest due first, at most 20 lines; the same number of queries however many there are."""

from datetime import date
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casework.models import Sensitivity, Status
from tests.briefings.factories import make_pack
from tests.casework.factories import CaseFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]  # Wednesday 2 December 2026, 10:00

MONDAY, TUESDAY, WEDNESDAY, FRIDAY = date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 4)


def case_for(officer, due: date, **fields):
    return CaseFactory(officer=officer, response_due=due, status=Status.ALLOCATED, **fields)


def home(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response


def due_table(response) -> str:
    html = response.content.decode()
    start = html.index('id="due"')
    return unescape(html[start : html.index("</table>", start)])


def test_a_case_overdue_for_the_officer_is_on_their_home_page_marked_overdue(client, officer_a, member_a):
    case = case_for(officer_a, TUESDAY, member=member_a, subject="Damp in my flat")
    response = home(client, officer_a)
    table = due_table(response)
    assert f'<a class="govuk-link" href="{case.get_absolute_url()}">{case.reference} Damp in my flat</a>' in table
    assert "Response" in table
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong> <strong>1 working day overdue</strong>' in table
    assert "Tuesday 1 December 2026" in table
    assert "Due and overdue (1)" in response.content.decode()


def test_someone_elses_case_is_not_on_the_officers_home_page(client, officer_a, officer_b, member_a, member_b):
    mine = case_for(officer_a, TUESDAY, member=member_a)
    theirs = case_for(officer_b, MONDAY, member=member_b, subject="Their overdue case")
    response = home(client, officer_a)
    body = response.content.decode()
    assert mine.reference in body
    assert theirs.reference not in body and "Their overdue case" not in body
    assert [line.item.pk for line in response.context["due"]] == [mine.pk]


def test_a_confidential_case_shows_only_its_reference(client, officer_a, member_a):
    case = case_for(
        officer_a, TUESDAY, member=member_a, subject="Ms X's safeguarding", sensitivity=Sensitivity.CONFIDENTIAL
    )
    response = home(client, officer_a)
    assert case.reference in due_table(response)
    assert "safeguarding" not in response.content.decode()


def test_nothing_due_says_so(client, officer_a, member_a):
    case_for(officer_a, date(2026, 12, 18), member=member_a)  # beyond the reminder window
    body = home(client, officer_a).content.decode()
    assert "Nothing due in the next few working days." in body
    assert 'id="due"' not in body and "Due and overdue</h2>" in body


def test_everything_due_across_the_apps_soonest_first_and_only_the_overdue_tagged(client, officer_a, member_a):
    soon = case_for(officer_a, FRIDAY, member=member_a, subject="Bins not collected")
    late = case_for(officer_a, MONDAY, member=member_a, subject="Damp in my flat")
    pack = make_pack(member_a, lead_officer=officer_a, title="Riverside hub opening", due_on=WEDNESDAY)
    response = home(client, officer_a)
    assert [line.item.reference for line in response.context["due"]] == [late.reference, pack.reference, soon.reference]
    table = due_table(response)
    assert table.index("Damp in my flat") < table.index("Riverside hub opening") < table.index("Bins not collected")
    assert table.count("govuk-tag--red") == 1 and "2 working days overdue" in table
    assert "Due today" in table and "Pack to issue" in table
    assert "Due in 2 working days" in table
    assert "Due and overdue (3)" in response.content.decode()


def test_at_most_twenty_lines_and_how_many_more(client, officer_a, member_a):
    for _ in range(23):
        case_for(officer_a, TUESDAY, member=member_a)
    response = home(client, officer_a)
    body = response.content.decode()
    assert "Due and overdue (23)" in body
    assert due_table(response).count('<tr class="govuk-table__row" data-overdue>') == 20
    assert '<p class="govuk-body" id="due-more">and 3 more</p>' in body


def _home_queries(client) -> int:
    client.get(reverse("home"))  # warm: the session, the kept reference tables
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("home")).status_code == 200
    return len(captured)


def test_the_home_page_makes_as_many_queries_for_25_items_due_as_for_1(client, officer_a, member_a):
    client.force_login(officer_a)
    case_for(officer_a, TUESDAY, member=member_a)
    one = _home_queries(client)
    for n in range(24):
        case_for(officer_a, MONDAY if n % 2 else FRIDAY, member=member_a, sensitivity=Sensitivity.CONFIDENTIAL)
    make_pack(member_a, lead_officer=officer_a, due_on=WEDNESDAY)
    assert _home_queries(client) == one


def test_an_officer_of_thousands_sees_the_same_first_twenty_and_count_as_every_line(
    client, officer_a, officer_b, member_a, member_b
):
    """The home page reads only the first twenty of each kind that can hold thousands (an officer's cases:
    `ChaseKind.soonest`) and counts the rest: its lines and count are those of every line (`due_for`), also with the
    items of an officer it covers for and of other kinds between them."""
    from mayoral_office import absences, chasing

    for day in (MONDAY, TUESDAY, WEDNESDAY, FRIDAY) * 7:
        case_for(officer_a, day, member=member_a)
        case_for(officer_b, day, member=member_b)
    CaseFactory(officer=officer_a, member=member_a, status=Status.ALLOCATED, acknowledge_due=TUESDAY)
    make_pack(member_a, lead_officer=officer_a, title="Riverside hub opening", due_on=TUESDAY)
    absences.absence_record(
        actor=officer_b, officer=officer_b, cover=officer_a, starts_on=date(2026, 12, 1), ends_on=date(2026, 12, 11)
    )
    every = chasing.due_for(officer_a)
    assert len(every) == 28 + 28 + 1 + 1  # responses, the covered officer's, an acknowledgement, the pack
    response = home(client, officer_a)
    key = [(line.item.model, line.item.pk, line.kind.name, line.covering) for line in every]
    assert [
        (line.item.model, line.item.pk, line.kind.name, line.covering) for line in response.context["due"][:20]
    ] == (key[:20])
    assert response.context["due_total"] == len(every)
    assert f"Due and overdue ({len(every)})" in response.content.decode()
    assert f'id="due-more">and {len(every) - 20} more</p>' in response.content.decode()


def test_a_member_of_many_drafts_to_approve_gets_the_same_first_twenty_and_count_as_every_line(
    officer_a, member_a, member_a_user, member_b
):
    """Drafts awaiting approval are also read twenty at a time on the home page (`ChaseKind.soonest`): the member
    who signs in is chased for their own; a member who does not sign in leaves theirs to the case officer; a draft of
    a case already closed is nobody's to approve."""
    from casework.models import Draft
    from mayoral_office import chasing

    def awaiting(member, due, status=Status.AWAITING_APPROVAL):
        case = CaseFactory(officer=officer_a, member=member, response_due=due, status=status)
        return Draft.objects.create(case=case, version=1, body="Dear resident", state=Draft.State.SUBMITTED).case

    mine = [awaiting(member_a, day) for day in (FRIDAY, MONDAY, WEDNESDAY, TUESDAY) * 6]
    officers = [awaiting(member_b, day) for day in (TUESDAY, FRIDAY)]  # member_b does not sign in
    awaiting(member_a, MONDAY, status=Status.CLOSED)

    every = chasing.due_for(member_a_user)
    assert sorted(line.item.pk for line in every) == sorted(case.pk for case in mine)
    assert [line.item.due_on for line in every] == sorted(case.response_due for case in mine)
    shown = chasing.home_due(member_a_user, shown=20)  # (their home page lists them in their member view)
    assert [line.item.pk for line in shown.lines] == [line.item.pk for line in every[:20]]
    assert shown.total == 24
    officer_lines = [line for line in chasing.due_for(officer_a) if line.kind.name == "casework.approval"]
    assert sorted(line.item.pk for line in officer_lines) == sorted(case.pk for case in officers)
