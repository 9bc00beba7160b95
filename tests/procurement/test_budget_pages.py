"""The budget pages (issue 13): the budget lines for the roles that may see them (a member or an intern gets 403),
filters with clear messages, a line's page with its ledger, allocating money, and transfers asked for and decided
by the Head of Mayor's Office; pinned query counts, the list the same at 10 and at 100 lines."""

from decimal import Decimal

import pytest
from django.urls import reverse

from procurement.models import BudgetLine, BudgetTransfer, CostCentre, Movement
from procurement.services import budgets
from tests.procurement.factories import YEAR, make_line
from tests.query_counts import OFFICER, SIGNED_IN

pytestmark = pytest.mark.django_db


def _lines(people, n, *, start=0, year=YEAR):
    centre, _ = CostCentre.objects.get_or_create(code="MO200", defaults={"name": "Civic events"})
    for i in range(start, start + n):
        line = BudgetLine.objects.create(
            cost_centre=centre, year=year, code=f"L{i:04d}", name=f"Line {i}", holder=people.holder
        )
        Movement.objects.create(line=line, kind=Movement.Kind.ALLOCATION, amount=Decimal("1000.00"), by=people.head)


# --- who sees what ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("persona", "status"),
    [("head", 200), ("finance", 200), ("holder", 200), ("requester", 200), ("member", 403), ("intern", 403)],
)
def test_the_budget_list_is_for_the_office_holders_and_requesters(client, people, line, persona, status, request):
    if persona == "member":
        user = request.getfixturevalue("member_a_user")
    elif persona == "intern":
        user = request.getfixturevalue("intern")
    else:
        user = getattr(people, persona)
    client.force_login(user)
    response = client.get(reverse("procurement:budget_list"))
    assert response.status_code == status
    if status == 200:
        assert "Mayor&#x27;s events" in response.content.decode()


def test_a_holder_sees_only_their_lines_and_a_requester_sees_every_line_but_not_its_ledger(client, people, line):
    other_holder = people.director
    centre = line.cost_centre
    theirs = BudgetLine.objects.create(
        cost_centre=centre, year=YEAR, code="4500", name="Civic gifts", holder=other_holder
    )
    client.force_login(people.holder)
    page = client.get(reverse("procurement:budget_list")).content.decode()
    assert "Mayor&#x27;s events" in page and "Civic gifts" not in page
    assert client.get(theirs.get_absolute_url()).status_code == 404
    client.force_login(people.requester)
    response = client.get(reverse("procurement:budget_list"))
    assert "Civic gifts" in response.content.decode()
    assert response.context["viewable"] == set()  # no link to a ledger
    assert client.get(line.get_absolute_url()).status_code == 403


def test_the_list_defaults_to_this_year_and_filters_and_sorts(client, people, line):
    make_line(people, allocation="100.00", code="4010", year=YEAR - 1, name="Last year's events")
    make_line(people, allocation="900.00", code="4020", name="Printing")
    client.force_login(people.head)
    url = reverse("procurement:budget_list")
    names = [row.name for row in client.get(url).context["page"]]
    assert names == ["Mayor's events", "Printing"]
    names = [row.name for row in client.get(url, {"year": ""}).context["page"]]
    assert set(names) == {"Mayor's events", "Printing", "Last year's events"}
    names = [row.name for row in client.get(url, {"ordering": "remaining"}).context["page"]]
    assert names == ["Printing", "Mayor's events"]
    names = [row.name for row in client.get(url, {"q": "print"}).context["page"]]
    assert names == ["Printing"]
    names = [row.name for row in client.get(url, {"holder": people.holder.pk, "year": str(YEAR - 1)}).context["page"]]
    assert names == ["Last year's events"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "1999"}, "Choose a financial year from the list"),
        ({"cost_centre": "99999999999999999999999"}, "Choose a cost centre from the list"),
        ({"holder": "abc"}, "Choose a budget holder from the list"),
    ],
)
def test_bad_filters_get_a_clear_message(client, people, line, params, message):
    client.force_login(people.head)
    response = client.get(reverse("procurement:budget_list"), params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(response.context["page"]) == []


def test_the_list_runs_its_pinned_queries_at_10_and_at_100_lines(client, people, django_assert_num_queries):
    # The procurement settings' people and the cost centres (a kept reference table) come from the cache.
    queries = SIGNED_IN + [
        "filter choices: the years with lines the user may see",
        "the paginator's count",
        "the page's keys, in the list's order",
        "the page of lines with their figures, cost centres and people",
        "filter choices: the holders of the lines the user may see",
    ]
    client.force_login(people.head)
    url = reverse("procurement:budget_list")
    _lines(people, 10)
    client.get(url)
    for more in (0, 90):
        _lines(people, more, start=10)
        client.get(url)  # budget lines are a kept reference table: new ones are read again once, then kept
        with django_assert_num_queries(len(queries)):
            response = client.get(url)
        assert response.status_code == 200
        assert len(response.context["page"].object_list) == (10 if more == 0 else 25)


# --- a line's page ----------------------------------------------------------------------------------------------
def test_the_line_page_shows_its_figures_ledger_and_transfers(client, people, line):
    other = make_line(people, allocation=None, code="4090", name="Printing")
    asked = budgets.transfer_request(actor=people.holder, from_line=line, to_line=other, amount="500", reason="Menus")
    budgets.transfer_decide(actor=people.head, transfer=asked, approve=True)
    client.force_login(people.holder)
    response = client.get(line.get_absolute_url())
    page = response.content.decode()
    assert response.context["figures"]["allocated"] == Decimal("49500.00")
    assert "£49,500.00" in page and "Transfer" in page and "Menus" in page
    assert [m.kind for m in response.context["page"]] == ["transfer", "allocation"]
    assert 'data-action="budget.line_allocate"' not in page  # a holder does not allocate


def test_the_line_page_runs_its_pinned_queries(client, people, line, django_assert_num_queries):
    # A budget holder by role: Buyer.of asks no more. The menu's other sections read the officer's relationships.
    queries = (
        SIGNED_IN
        + [
            "the line with its figures, cost centre and people (the authorising fetch)",
            "the latest requisitions charged to the line that the user may see",
            "the line's transfers with their lines and people",
            "the ledger's count",
            "the ledger page's keys",
            "the ledger page with requisitions and people",
        ]
        + OFFICER
    )
    client.force_login(people.holder)
    client.get(line.get_absolute_url())
    with django_assert_num_queries(len(queries)):
        assert client.get(line.get_absolute_url()).status_code == 200


def test_an_unknown_or_huge_line_id_is_not_found(client, people):
    client.force_login(people.head)
    assert client.get("/procurement/budgets/99999999999999999999999/").status_code == 404


# --- allocating -------------------------------------------------------------------------------------------------
def test_the_head_allocates_money_to_a_line(client, people, line):
    client.force_login(people.head)
    url = reverse("procurement:budget_allocate", args=[line.pk])
    response = client.post(url, {"amount": "£1,250.50", "note": "In-year top-up"})
    assert response.status_code == 302
    assert line.figures()["allocated"] == Decimal("51250.50")
    assert Movement.objects.filter(line=line, note="In-year top-up", by=people.head).exists()


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("", "Enter the amount to allocate"),
        ("lots", "Enter the amount to allocate as a number, like 1200.50"),
        ("-5", "Enter the amount to allocate between £0.01 and £99,999,999.99"),
        ("1e20", "Enter the amount to allocate between £0.01 and £99,999,999.99"),
        ("10.005", "Enter the amount to allocate to the penny"),
    ],
)
def test_a_bad_allocation_gets_a_clear_message_and_saves_nothing(client, people, line, amount, message):
    client.force_login(people.head)
    before = Movement.objects.count()
    response = client.post(reverse("procurement:budget_allocate", args=[line.pk]), {"amount": amount})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Movement.objects.count() == before


def test_a_holder_or_requester_cannot_allocate(client, people, line):
    client.force_login(people.holder)
    assert client.get(reverse("procurement:budget_allocate", args=[line.pk])).status_code == 403
    client.force_login(people.requester)
    assert client.post(reverse("procurement:budget_allocate", args=[line.pk]), {"amount": "5"}).status_code == 403


# --- transfers --------------------------------------------------------------------------------------------------
def test_a_holder_asks_for_a_transfer_and_the_head_approves_it(client, people, line):
    other = make_line(people, allocation=None, code="4090", name="Printing")
    client.force_login(people.holder)
    response = client.post(
        reverse("procurement:transfer_request"),
        {"from_line": line.pk, "to_line": other.pk, "amount": "2000", "reason": "Programmes for the gala"},
    )
    assert response.status_code == 302
    transfer = BudgetTransfer.objects.get()
    assert client.get(reverse("procurement:transfer_decide", args=[transfer.pk])).status_code == 403
    client.force_login(people.head)
    listing = client.get(reverse("procurement:transfer_list"))
    assert transfer.pk in listing.context["decidable"]
    response = client.post(
        reverse("procurement:transfer_decide", args=[transfer.pk]), {"decision": "approve", "version": "1"}
    )
    assert response.status_code == 302
    assert other.figures()["allocated"] == Decimal("2000.00")
    assert line.figures()["allocated"] == Decimal("48000.00")
    response = client.get(reverse("procurement:transfer_decide", args=[transfer.pk]), follow=True)
    assert "This transfer has been decided" in response.content.decode()


def test_a_rejected_transfer_moves_nothing(client, people, line):
    other = make_line(people, allocation=None, code="4090", name="Printing")
    asked = budgets.transfer_request(actor=people.holder, from_line=line, to_line=other, amount="10", reason="Why")
    client.force_login(people.head)
    client.post(reverse("procurement:transfer_decide", args=[asked.pk]), {"decision": "reject", "version": "1"})
    asked.refresh_from_db()
    assert asked.state == "rejected" and other.figures()["allocated"] == Decimal("0.00")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"to_line": "same"}, "Choose two different lines"),
        ({"to_line": "last_year"}, "Choose a line from the list"),
        ({"amount": "0"}, "Enter the amount to move between £0.01"),
        ({"reason": ""}, "Enter why the money is needed"),
        ({"from_line": ""}, "Choose the line the money comes from"),
    ],
)
def test_a_bad_transfer_request_gets_a_clear_message(client, people, line, change, message):
    other = make_line(people, allocation=None, code="4090", name="Printing")
    old = make_line(people, allocation="100", code="4010", year=YEAR - 1, name="Old")
    data = {"from_line": line.pk, "to_line": other.pk, "amount": "20", "reason": "Needed", **change}
    data["to_line"] = {"same": line.pk, "last_year": old.pk}.get(data["to_line"], data["to_line"])
    client.force_login(people.head)
    response = client.post(reverse("procurement:transfer_request"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not BudgetTransfer.objects.exists()


def test_a_holder_cannot_move_money_out_of_a_line_they_do_not_hold(client, people, line):
    theirs = BudgetLine.objects.create(
        cost_centre=line.cost_centre, year=YEAR, code="4500", name="Gifts", holder=people.director
    )
    client.force_login(people.holder)
    response = client.post(
        reverse("procurement:transfer_request"),
        {"from_line": theirs.pk, "to_line": line.pk, "amount": "20", "reason": "Needed"},
    )
    assert "Choose a line from the list" in response.content.decode()


def test_members_interns_and_requesters_without_lines_cannot_ask_for_transfers(client, people, intern):
    client.force_login(intern)
    assert client.get(reverse("procurement:transfer_list")).status_code == 403
    client.force_login(people.requester)
    assert client.get(reverse("procurement:transfer_request")).status_code == 403


def test_the_transfer_list_runs_its_pinned_queries_at_10_and_at_100(client, people, line, django_assert_num_queries):
    other = make_line(people, allocation=None, code="4090", name="Printing")

    def ask(n):
        for _ in range(n):
            budgets.transfer_request(actor=people.holder, from_line=line, to_line=other, amount="1", reason="Why")

    queries = SIGNED_IN + [
        "the paginator's count",
        "the page's keys",
        "the page of transfers with their lines and people",
        "filter choices: the years",
    ]
    client.force_login(people.head)
    url = reverse("procurement:transfer_list")
    ask(10)
    client.get(url)
    for more in (0, 90):
        ask(more)
        with django_assert_num_queries(len(queries)):
            assert client.get(url).status_code == 200


# --- the admin ----------------------------------------------------------------------------------------------------
def test_the_head_sets_up_budget_lines_and_new_rules_in_the_admin_but_rules_in_force_are_read_only(
    client, people, line
):
    from procurement.models import RuleSet

    client.force_login(people.head)
    assert client.get(reverse("admin:procurement_budgetline_add")).status_code == 200
    change = client.get(reverse("admin:procurement_budgetline_change", args=[line.pk])).content.decode()
    assert 'name="holder"' in change and 'name="year"' not in change  # a line's year is fixed once it exists
    in_force = RuleSet.objects.in_force()
    page = client.get(reverse("admin:procurement_ruleset_change", args=[in_force.pk])).content.decode()
    assert 'name="_save"' not in page  # read-only: what requisitions were submitted under never changes
    response = client.post(
        reverse("admin:procurement_ruleset_add"),
        {
            "effective_from": "2026-12-02",
            "contract_threshold": "30000.00",
            "invoice_tolerance": "50.00",
            "bands-TOTAL_FORMS": "0",
            "bands-INITIAL_FORMS": "0",
        },
    )
    assert "New rules take effect after today" in response.content.decode()
    assert RuleSet.objects.count() == 1
    for name in ("costcentre", "supplier", "category", "procurementsettings"):
        assert client.get(reverse(f"admin:procurement_{name}_changelist")).status_code == 200
