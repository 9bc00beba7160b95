"""The reports (issue 13): the budget report per cost centre and line (a requisition approved shows as committed,
and after its invoice as spent), its CSV and Excel downloads, requisitions by status and age in working days, and
the year-end commitments; who may see them; pinned query counts the same at 10 and at 100 lines."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from procurement.models import BudgetLine, CostCentre, Movement, Status
from procurement.services import requisitions as services
from tests.procurement.factories import YEAR, add_quotes, make_line, make_requisition
from tests.query_counts import SIGNED_IN

pytestmark = pytest.mark.django_db


def _row(response, line):
    for centre in response.context["centres"]:
        for row in centre.lines:
            if row["line"].pk == line.pk:
                return row
    raise AssertionError(f"{line} is not on the report")


def _approved(people, line, net="6000.00"):
    requisition = make_requisition(
        people, line, lines=[{"description": "Reception", "quantity": "1", "unit_price": net, "vat_rate": "standard"}]
    )
    add_quotes(people, requisition, 3)
    services.requisition_submit(actor=people.requester, requisition=requisition)
    services.requisition_approve(actor=people.holder, requisition=requisition)
    services.requisition_approve(actor=people.head, requisition=requisition)
    requisition.refresh_from_db()
    return requisition


def test_an_approved_requisition_shows_as_committed_and_after_its_invoice_as_spent(client, people, line):
    client.force_login(people.head)
    url = reverse("procurement:budget_report")
    assert _row(client.get(url), line)["committed"] == Decimal("0.00")
    requisition = _approved(people, line)
    assert requisition.status == Status.ORDERED and requisition.po_number
    row = _row(client.get(url), line)
    assert (row["allocated"], row["committed"], row["spent"], row["remaining"]) == (
        Decimal("50000.00"), Decimal("6000.00"), Decimal("0.00"), Decimal("44000.00"),
    )  # fmt: skip
    services.requisition_invoice(
        actor=people.finance, requisition=requisition, supplier_invoice_number="INV-77",
        invoice_date=date(2026, 12, 1), paid_on=date(2026, 12, 10), net="6000.00", vat="1200.00",
    )  # fmt: skip
    response = client.get(url)
    row = _row(response, line)
    assert (row["committed"], row["spent"], row["remaining"]) == (
        Decimal("0.00"),
        Decimal("6000.00"),
        Decimal("44000.00"),
    )
    page = response.content.decode()
    assert "£6,000.00" in page and "£44,000.00" in page
    assert 'id="budget-chart-data"' in page and "chart.umd.min.js" in page and "budget-report.js" in page
    assert "<script>" not in page  # the chart's setup is in a static file: the CSP allows no inline script


def test_the_report_groups_lines_by_cost_centre_with_totals(client, people, line):
    make_line(people, allocation="1000.00", code="4090", name="Printing")
    centre = CostCentre.objects.create(code="MO300", name="Mayor's fund")
    other = BudgetLine.objects.create(cost_centre=centre, year=YEAR, code="5000", name="Grants", holder=people.holder)
    Movement.objects.create(line=other, kind=Movement.Kind.ALLOCATION, amount=Decimal("250.00"))
    client.force_login(people.finance)
    response = client.get(reverse("procurement:budget_report"))
    centres = response.context["centres"]
    assert [c.code for c in centres] == ["MO100", "MO300"]
    assert centres[0].totals["allocated"] == Decimal("51000.00")
    assert response.context["totals"]["allocated"] == Decimal("51250.00")
    assert response.context["chart"]["labels"] == ["MO100 Mayor's Office", "MO300 Mayor's fund"]


def test_the_report_for_another_year_and_a_bad_year(client, people, line):
    make_line(people, allocation="100.00", code="4010", year=YEAR - 1, name="Last year")
    client.force_login(people.head)
    response = client.get(reverse("procurement:budget_report"), {"year": YEAR - 1})
    assert [row["line"].name for row in response.context["centres"][0].lines] == ["Last year"]
    response = client.get(reverse("procurement:budget_report"), {"year": "1800"})
    assert "Choose a financial year from the list" in response.content.decode()
    assert response.context["year"] == YEAR


def test_a_holder_sees_only_their_lines_on_the_report_and_members_and_interns_none(client, people, line, intern):
    BudgetLine.objects.create(
        cost_centre=line.cost_centre, year=YEAR, code="4500", name="Gifts", holder=people.director
    )
    client.force_login(people.holder)
    response = client.get(reverse("procurement:budget_report"))
    assert [row["line"].name for c in response.context["centres"] for row in c.lines] == ["Mayor's events"]
    client.force_login(intern)
    for name in ("budget_report", "requisition_report", "year_end"):
        assert client.get(reverse(f"procurement:{name}")).status_code == 403
    assert client.get(reverse("procurement:budget_report_export", args=["csv"])).status_code == 403


def test_the_report_downloads_as_csv_and_excel(client, people, line):
    _approved(people, line)
    client.force_login(people.head)
    response = client.get(reverse("procurement:budget_report_export", args=["csv"]), {"year": YEAR})
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = [r.split(",") for r in text.strip().splitlines()]
    assert rows[0][:2] == ["Cost centre", "Cost centre name"] and rows[0][-4:] == [
        "Allocation", "Committed", "Spent", "Remaining",
    ]  # fmt: skip
    assert rows[1][-4:] == ["50000.00", "6000.00", "0.00", "44000.00"]
    assert rows[-1][0] == "Total"
    response = client.get(reverse("procurement:budget_report_export", args=["xlsx"]))
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.active
    assert sheet.cell(row=2, column=6).value == 50000 and sheet.cell(row=2, column=7).value == 6000
    assert client.get("/procurement/reports/budget.pdf").status_code == 404


def test_the_report_runs_its_pinned_queries_at_10_and_at_100_lines(client, people, django_assert_num_queries):
    centre = CostCentre.objects.create(code="MO200", name="Civic events")

    def lines(n, start):
        for i in range(start, start + n):
            made = BudgetLine.objects.create(
                cost_centre=centre, year=YEAR, code=f"L{i:04d}", name=f"Line {i}", holder=people.holder
            )
            Movement.objects.create(line=made, kind=Movement.Kind.ALLOCATION, amount=Decimal("10.00"))

    queries = SIGNED_IN + [
        "the year's choices: the years with lines the user may see",
        "the year's lines the user may see with their figures, cost centres and holders",
    ]
    client.force_login(people.head)
    url = reverse("procurement:budget_report")
    lines(10, 0)
    for more in (0, 90):
        lines(more, 10)
        client.get(url)
        with django_assert_num_queries(len(queries)):
            response = client.get(url)
        assert sum(len(c.lines) for c in response.context["centres"]) == 10 + more


# --- requisitions by status and age -----------------------------------------------------------------------------
def test_requisitions_by_status_and_age_in_working_days(client, people, line, clock):
    def submitted_on(day):
        clock.move_to(f"{day} 09:00")
        requisition = make_requisition(
            people, line, lines=[{"description": "Tea", "quantity": "1", "unit_price": "100", "vat_rate": "zero"}],
            category_name="Travel", supplier=None,
        )  # fmt: skip
        add_quotes(people, requisition, 1, amount="100")
        return services.requisition_submit(actor=people.requester, requisition=requisition, split_reason="Separate")

    # Working days to Wednesday 2 December 2026: 25 November is 5, 24 November 6, 10 November 16, 2 November 22.
    for day in ("2026-11-25", "2026-11-24", "2026-11-10", "2026-11-02"):
        submitted_on(day)
    clock.move_to("2026-12-02 10:00")
    make_requisition(people, line)  # a draft: not under way
    client.force_login(people.head)
    response = client.get(reverse("procurement:requisition_report"))
    waiting = next(row for row in response.context["ages"] if row["status"] == Status.SUBMITTED)
    assert waiting["bands"] == [1, 1, 1, 1]
    by_status = {row["status"]: row["n"] for row in response.context["by_status"]}
    assert by_status[Status.SUBMITTED] == 4 and by_status[Status.DRAFT] == 1
    assert response.context["total"]["n"] == 5


def test_the_requisition_report_runs_its_pinned_queries(client, people, line, django_assert_num_queries):
    _approved(people, line)
    queries = SIGNED_IN + [
        "the year's choices: the years with lines the user may see",
        "the year's requisitions by status",
        "the requisitions under way by status and day submitted",
    ]
    client.force_login(people.head)
    url = reverse("procurement:requisition_report")
    client.get(url)
    with django_assert_num_queries(len(queries)):
        assert client.get(url).status_code == 200


# --- the year end -----------------------------------------------------------------------------------------------
def test_the_year_end_lists_what_is_committed_per_line(client, people, line):
    ordered = _approved(people, line)
    other = _approved(people, make_line(people, allocation="20000.00", code="4090", name="Printing"), net="5500.00")
    services.requisition_cancel(actor=people.requester, requisition=other, reason="Called off")
    make_requisition(people, line)  # a draft: nothing committed
    client.force_login(people.head)
    response = client.get(reverse("procurement:year_end"))
    assert [(row["line"].name, row["total"]) for row in response.context["lines"]] == [
        ("Mayor's events", Decimal("6000.00"))
    ]
    assert [r.pk for r in response.context["lines"][0]["requisitions"]] == [ordered.pk]
    assert response.context["total"] == Decimal("6000.00")
    assert ordered.po_number in response.content.decode()
