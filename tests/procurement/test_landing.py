"""The procurement landing page and "Your work" on the home page (issue 13), on the frozen clock (Wednesday
2 December 2026: the financial year 2026/27): the links each role's policy allows, the year's figures over the
lines the user may see, the counts of approvals waiting, requisitions returned, orders waiting for a contract notice
and invoices late; pinned query counts; the menu answered without a query."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from mayoral_office.access import sees_everything
from procurement import policy
from procurement.models import Requisition, Status
from procurement.selectors.home import home_work
from procurement.services import requisitions as services
from tests.mayoral_office.factories import UserFactory
from tests.procurement.factories import add_quotes, make_line, make_requisition, make_supplier, one_line
from tests.query_counts import SIGNED_IN

pytestmark = pytest.mark.django_db
ALL_LINKS = [
    "requisition.list",
    "requisition.create",
    "approval.list",
    "supplier.list",
    "budget.list",
    "transfer.request",
    "budget.report",
    "report.view",
    "transparency.export",
]


def _submitted(people, line, net="6000.00", **fields):
    requisition = make_requisition(people, line, lines=one_line(net), **fields)
    add_quotes(people, requisition, 3 if Decimal(net) >= Decimal("4200") else 1)
    return services.requisition_submit(actor=people.requester, requisition=requisition)


@pytest.fixture
def work(people, line):
    """One waiting for the holder, one returned to the requester, one approved and waiting for its contract notice,
    one ordered last month and past its needed-by date, one at the Head."""
    at_holder = _submitted(people, line, net="1000.00", description="Flowers")
    returned = _submitted(people, line, net="900.00", description="Leaflets")
    services.requisition_return(actor=people.holder, requisition=returned, comments="Add the quote")
    big = make_line(people, allocation="200000.00", code="4030", name="Research")
    survey = _submitted(
        people,
        big,
        net="30000.00",
        description="Survey",
        supplier=make_supplier("Civic Research Partners Ltd", "10442871"),
        category_name="Consultancy and research",
    )
    for approver in (people.holder, people.head, people.director):
        survey = services.requisition_approve(actor=approver, requisition=survey)
    late = _submitted(people, line, net="400.00", description="Wreaths", needed_by=date(2026, 12, 3))
    services.requisition_approve(actor=people.holder, requisition=late)
    Requisition.objects.filter(pk=late.pk).update(needed_by=date(2026, 11, 20))  # as if raised last month
    at_head = _submitted(people, line, net="6000.00", description="Reception")
    services.requisition_approve(actor=people.holder, requisition=at_head)
    return {"at_holder": at_holder, "returned": returned, "survey": survey, "late": late, "at_head": at_head}


def _lines(user) -> dict:
    return {item.label: (item.count, item.url) for item in home_work(user)}


def test_your_work_for_each_part_in_procurement(people, work, member_a_user, directorate_contact):
    approvals = reverse("procurement:approval_list")
    assert _lines(people.holder) == {"Requisitions waiting for your approval": (1, approvals)}
    assert _lines(people.deputy) == {"Requisitions waiting for your approval": (1, approvals)}
    head = _lines(people.head)
    assert head["Requisitions waiting for your approval"] == (1, approvals)
    assert head["Approved requisitions waiting for a contract notice"][0] == 1
    assert head["Orders past their needed-by date with no invoice"][0] == 1
    requester = _lines(people.requester)
    assert requester["Your requisitions returned with comments"][0] == 1
    assert "?status=returned" in requester["Your requisitions returned with comments"][1]
    assert requester["Approved requisitions waiting for a contract notice"][0] == 1  # theirs to order
    assert "Orders past their needed-by date with no invoice" not in requester
    assert _lines(people.finance)["Orders past their needed-by date with no invoice"][0] == 1
    assert _lines(people.director) == {} == _lines(people.procurement)  # nothing at their tiers now
    assert _lines(member_a_user) == {} == _lines(directorate_contact)


def test_your_work_runs_one_query_and_none_for_a_stranger(people, work, member_a_user, django_assert_num_queries):
    home_work(people.holder)  # the kept facts (roles, the settings' people) after a first request
    holder = type(people.holder).objects.get(pk=people.holder.pk)
    holder.roles  # noqa: B018 - kept between requests
    sees_everything(holder)  # the user's permissions, read once a request
    with django_assert_num_queries(1):  # the counts (a budget holder by role: no need to read their lines)
        home_work(holder)
    home_work(member_a_user)
    member = type(member_a_user).objects.get(pk=member_a_user.pk)
    with django_assert_num_queries(0):
        assert home_work(member) == []


@pytest.mark.parametrize(
    ("who", "opens"),
    [
        ("head", True),
        ("requester", True),
        ("holder", True),
        ("finance", True),
        ("director", True),
        ("member", False),
        ("contact", False),
        ("intern", False),
    ],
)
def test_the_menu_costs_no_query_once_the_kept_tables_are_read(
    people, line, who, opens, member_a_user, directorate_contact, intern, django_assert_num_queries
):
    user = {"member": member_a_user, "contact": directorate_contact, "intern": intern}.get(who) or getattr(people, who)
    policy.may_open(type(user).objects.get(pk=user.pk))  # reads the kept tables once
    fresh = type(user).objects.get(pk=user.pk)
    with django_assert_num_queries(0):
        assert policy.may_open(fresh) is opens


def test_a_line_held_without_the_role_opens_procurement_at_once(people, line, officer_b):
    stranger = UserFactory()
    assert not policy.may_open(stranger)
    line.deputy = stranger
    line.save()
    assert policy.may_open(type(stranger).objects.get(pk=stranger.pk))


def test_the_head_sees_every_link_and_the_years_figures(client, people, work):
    client.force_login(people.head)
    response = client.get(reverse("procurement:index"))
    assert response.status_code == 200
    html = response.content.decode()
    for action in ALL_LINKS:
        assert f'data-action="{action}"' in html, action
    for name in ("requisition_list", "requisition_create", "approval_list", "budget_list", "budget_report",
                 "requisition_report", "year_end", "transparency", "supplier_list", "transfer_list"):  # fmt: skip
        assert reverse(f"procurement:{name}") in html, name
    assert response.context["counts"]["waiting"] == 1
    assert "1 requisition waiting for your approval" in html
    totals = response.context["totals"]
    assert totals["allocated"] == Decimal("250000.00")  # the two lines of 2026/27
    assert totals["committed"] == Decimal("30400.00")  # the survey and the wreaths
    assert totals["remaining"] == Decimal("219600.00")
    assert "£219,600.00" in html and response.context["year_label"] == "2026/27"


def test_a_requester_sees_what_they_may_do(client, people, work):
    client.force_login(people.requester)
    html = client.get(reverse("procurement:index")).content.decode()
    for action in ("requisition.list", "requisition.create", "budget.list", "budget.report", "supplier.list"):
        assert f'data-action="{action}"' in html
    for action in ("approval.list", "transparency.export", "transfer.request"):
        assert f'data-action="{action}"' not in html


def test_a_holder_sees_their_lines_only_and_the_nearly_spent_ones(client, people, line):
    theirs = make_line(people, allocation="1000.00", code="4120", name="Twinning")
    requisition = make_requisition(people, theirs, lines=one_line("950.00"))
    add_quotes(people, requisition, 1)
    services.requisition_submit(actor=people.requester, requisition=requisition)
    services.requisition_approve(actor=people.holder, requisition=requisition)
    someone = UserFactory()
    other = make_line(people, allocation="9000.00", code="4999", name="Not theirs")
    other.holder, other.deputy = someone, None
    other.save()
    client.force_login(people.holder)
    response = client.get(reverse("procurement:index"))
    assert response.context["line_count"] == 2
    assert response.context["totals"]["allocated"] == Decimal("51000.00")
    assert [line.code for line in response.context["nearly_spent"]] == ["4120"]
    assert "95% used" in response.content.decode()
    assert 'data-action="approval.list"' in response.content.decode()


@pytest.mark.parametrize("who", ["member_a_user", "directorate_contact", "intern"])
def test_those_with_no_part_are_refused_and_not_offered_it(client, people, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("procurement:index")).status_code == 403
    assert 'href="/procurement/"' not in client.get("/").content.decode()


@pytest.mark.parametrize("rows", [10, 100])
def test_the_landing_page_runs_its_pinned_queries_at_10_and_at_100_rows(
    client, people, line, rows, django_assert_num_queries
):
    for n in range(rows // 10):
        extra = make_line(people, allocation="1000.00", code=f"50{n:02d}")
        for _ in range(10 if n == 0 else 0):
            _submitted(people, extra if n else line, net="100.00")
    Requisition.objects.filter(status=Status.SUBMITTED).update(status=Status.SUBMITTED)
    client.force_login(people.head)
    url = reverse("procurement:index")
    assert client.get(url).status_code == 200  # warm the caches a running server has
    with django_assert_num_queries(
        len(
            SIGNED_IN
            + [
                "the year's budget lines the user may see, with their figures from the ledger",
                "the approvals waiting, returned, to order and late, in one query",
            ]
        )
    ):
        assert client.get(url).status_code == 200


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_landing_page_has_no_axe_violations(seeded_after_flush, browser_page, live_server, head, officer_a):
    from tests.browser.support import assert_no_axe_violations, sign_in
    from tests.procurement.factories import make_people

    people = make_people(head=head, requester=officer_a)
    line = make_line(people, allocation="1000.00", code="4120", name="Twinning")
    requisition = make_requisition(people, line, lines=one_line("950.00"))
    add_quotes(people, requisition, 1)
    services.requisition_submit(actor=people.requester, requisition=requisition)
    page = browser_page
    for user in (head, officer_a):
        page.context.clear_cookies()
        sign_in(page, live_server, user, next_path="/procurement/")
        assert page.locator("h1").inner_text() == "Procurement"
        assert_no_axe_violations(page, context=f"procurement landing page ({user.full_name})")
    assert page.get_by_role("link", name="Procurement", exact=True).first.is_visible()
