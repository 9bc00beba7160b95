"""A member's home page: the drafts awaiting their approval, their next engagements and briefing packs, the open
cases addressed to them and the decisions coming in their portfolio, each through the apps' own access rules, in
a fixed number of queries."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from briefings.models import PackStatus
from casework.models import Draft, Sensitivity, Status
from decisions.models import PathwayStatus
from mayoral_office.models import Portfolio
from tests.briefings.factories import make_pack
from tests.casework.factories import CaseFactory, aware
from tests.decisions.factories import make_pathway_item
from tests.diary.factories import at, make_engagement
from tests.mayoral_office.factories import DirectorateFactory

pytestmark = pytest.mark.django_db


def _office(member, other, head, n: int):
    portfolio = Portfolio.objects.get_or_create(name="Housing")[0]
    member.portfolios.add(portfolio)
    directorate = DirectorateFactory()
    for i in range(n):
        case = CaseFactory(
            member=member,
            status=Status.AWAITING_APPROVAL,
            received_at=aware(date(2026, 11, 20)),
            response_due=date(2026, 12, 4) + timedelta(days=i),
            subject=f"Repairs {i}",
        )
        Draft.objects.create(case=case, version=1, body="Dear resident", state=Draft.State.SUBMITTED)
        make_engagement(member, start=at(2026, 12, 3 + i % 10, 10), title=f"Visit {i}")
        make_pack(  # issued: what a member reads of a pack
            member,
            lead_officer=head,
            title=f"Pack {i}",
            due_on=date(2026, 12, 3 + i % 10),
            status=PackStatus.ISSUED,
            latest_version=1,
        )
        make_pathway_item(
            directorate=directorate, portfolio=portfolio, title=f"Decision {i}", status=PathwayStatus.IN_PROGRESS
        )
    CaseFactory(member=other, subject="Someone else's case")  # not addressed to them
    make_engagement(other, start=at(2026, 12, 4, 10), title="Another member's visit")


def _home(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response


def test_a_member_sees_their_own_work_from_every_app(client, clock, member_a, member_a_user, member_b, head):
    _office(member_a, member_b, head, 3)
    client.force_login(member_a_user)
    sections = {s.label: s for s in _home(client).context["member_view"]}
    assert list(sections) == [
        "Responses awaiting your approval",
        "Your engagements in the next 14 days",
        "Your briefing packs",
        "Open cases addressed to you",
        "Decisions coming in your portfolio",
    ]
    assert [line.title.split(" ", 1)[1] for line in sections["Responses awaiting your approval"].lines] == [
        "Repairs 0",
        "Repairs 1",
        "Repairs 2",
    ]
    assert [line.title for line in sections["Your engagements in the next 14 days"].lines] == [
        "Visit 0",
        "Visit 1",
        "Visit 2",
    ]
    assert {line.title for line in sections["Your briefing packs"].lines} == {"Pack 0", "Pack 1", "Pack 2"}
    assert sections["Open cases addressed to you"].count == 3
    assert {line.title.split(" ", 1)[1] for line in sections["Decisions coming in your portfolio"].lines} == {
        "Decision 0",
        "Decision 1",
        "Decision 2",
    }
    body = _home(client).content.decode()
    assert "Someone else" not in body and "Another member" not in body


def test_the_open_cases_count_is_the_lists_and_leaves_out_what_the_member_may_not_see(
    client, clock, member_a, member_a_user, member_b, head
):
    _office(member_a, member_b, head, 2)
    CaseFactory(member=member_a, sensitivity=Sensitivity.CONFIDENTIAL, officer=head, status=Status.ALLOCATED)
    client.force_login(member_a_user)
    section = next(s for s in _home(client).context["member_view"] if s.label == "Open cases addressed to you")
    listed = client.get(section.more_url)
    assert listed.context["page"].paginator.count == section.count


def test_the_member_view_makes_the_same_queries_for_2_or_12_of_everything(
    client, clock, member_a, member_a_user, member_b, head
):
    client.force_login(member_a_user)
    _office(member_a, member_b, head, 2)
    _home(client)  # warm up the kept tables
    with CaptureQueriesContext(connection) as smaller:
        _home(client)
    _office(member_a, member_b, head, 10)
    _home(client)  # the kept tables again (a directorate and a portfolio were added)
    with CaptureQueriesContext(connection) as bigger:
        _home(client)
    assert len(bigger.captured_queries) == len(smaller.captured_queries)


def test_officers_home_pages_have_no_member_view(client, clock, officer_a):
    client.force_login(officer_a)
    assert _home(client).context["member_view"] == []


def test_a_draft_to_approve_is_listed_once_and_an_overdue_one_says_so(
    client, clock, member_a, member_a_user, member_b, head
):
    """The member's view lists their drafts; the home page's "Due and overdue" does not list them again."""
    _office(member_a, member_b, head, 1)  # due 4 December
    late = CaseFactory(
        member=member_a, status=Status.AWAITING_APPROVAL, response_due=date(2026, 11, 30), subject="Late repairs"
    )
    Draft.objects.create(case=late, version=1, body="Dear resident", state=Draft.State.SUBMITTED)
    client.force_login(member_a_user)
    response = _home(client)
    drafts = next(s for s in response.context["member_view"] if s.label == "Responses awaiting your approval")
    assert [(line.title.split(" ", 1)[1], line.detail) for line in drafts.lines] == [
        ("Late repairs", "Overdue: the reply was due"),
        ("Repairs 0", "Reply due"),
    ]
    assert [line.kind.name for line in response.context["due"]] == []
    body = response.content.decode()
    assert body.count(drafts.lines[0].url) == 1 and body.count(drafts.lines[1].url) == 1


def test_of_many_drafts_to_approve_the_soonest_due_are_listed_and_all_are_counted(
    client, clock, member_a, member_a_user, member_b, head
):
    _office(member_a, member_b, head, 10)  # due 4 to 13 December
    late = CaseFactory(
        member=member_a, status=Status.AWAITING_APPROVAL, response_due=date(2026, 11, 30), subject="Late repairs"
    )
    Draft.objects.create(case=late, version=1, body="Dear resident", state=Draft.State.SUBMITTED)
    client.force_login(member_a_user)
    drafts = next(s for s in _home(client).context["member_view"] if s.label == "Responses awaiting your approval")
    assert [line.title.split(" ", 1)[1] for line in drafts.lines] == [
        "Late repairs",
        *(f"Repairs {i}" for i in range(7)),
    ]
    assert drafts.count == 11
