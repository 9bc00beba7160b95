"""The budget, report, transparency and supplier pages have no axe violations in a real Chromium (issue 13,
acceptance 5), the budget report's chart is drawn by the vendored Chart.js from the page's data, and forms with
errors are accessible too."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from procurement.models import BudgetTransfer, Supplier
from procurement.services import budgets
from procurement.services import requisitions as services
from tests.browser.support import assert_no_axe_violations, click_through, sign_in
from tests.procurement.factories import add_quotes, make_line, make_people, make_requisition

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def records(seeded_after_flush, head, officer_a):
    people = make_people(head=head, requester=officer_a)
    line = make_line(people, allocation="50000.00")
    other = make_line(people, allocation="3000.00", code="4090", name="Printing")
    requisition = make_requisition(people, line)
    add_quotes(people, requisition, 3)
    services.requisition_submit(actor=people.requester, requisition=requisition)
    services.requisition_approve(actor=people.holder, requisition=requisition)
    services.requisition_approve(actor=people.head, requisition=requisition)
    requisition.refresh_from_db()
    services.requisition_invoice(
        actor=people.finance, requisition=requisition, supplier_invoice_number="INV-1",
        invoice_date=date(2026, 12, 1), paid_on=date(2026, 12, 1), net="6000.00", vat="1200.00",
    )  # fmt: skip
    budgets.transfer_request(actor=people.holder, from_line=line, to_line=other, amount="500", reason="Menus")
    Supplier.objects.create(name="Jane Smith", is_sole_trader=True)
    return people, line


def _visit(page, live_server, path):
    page.goto(live_server.url + path)
    assert page.locator("h1").count() == 1, path
    assert_no_axe_violations(page, context=path)


def test_the_heads_budget_and_report_pages_have_no_axe_violations(browser_page, live_server, records):
    people, line = records
    page = browser_page
    sign_in(page, live_server, people.head, next_path="/procurement/budgets/")
    transfer = BudgetTransfer.objects.get()
    for path in [
        "/procurement/budgets/",
        "/procurement/budgets/?year=&ordering=-remaining",
        line.get_absolute_url(),
        f"/procurement/budgets/{line.pk}/allocate/",
        "/procurement/transfers/",
        "/procurement/transfers/new/",
        f"/procurement/transfers/{transfer.pk}/decide/",
        "/procurement/reports/requisitions/",
        "/procurement/reports/year-end/",
        "/procurement/reports/transparency/",
        "/procurement/suppliers/",
        "/procurement/suppliers/new/",
    ]:
        _visit(page, live_server, path)

    _visit(page, live_server, "/procurement/reports/budget/")
    expect(page.locator("#budget-report")).to_contain_text("£6,000.00")
    assert page.evaluate("() => !!window.Chart && !!Chart.getChart(document.getElementById('budget-chart'))")
    expect(page.locator("[data-procurement-print]")).to_be_visible()

    page.goto(f"{live_server.url}/procurement/budgets/?year=1800")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose a financial year from the list")
    assert_no_axe_violations(page, context="budget list with filter errors")


def test_forms_with_errors_have_no_axe_violations(browser_page, live_server, records):
    people, line = records
    page = browser_page
    sign_in(page, live_server, people.head, next_path=f"/procurement/budgets/{line.pk}/allocate/")
    page.fill("#id_amount", "-5")
    click_through(page, "main form button.govuk-button")
    expect(page.locator(".govuk-error-summary")).to_contain_text("between £0.01")
    assert_no_axe_violations(page, context="allocate with errors")

    page.goto(f"{live_server.url}/procurement/transfers/new/")
    click_through(page, "main form button.govuk-button")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the line the money comes from")
    assert_no_axe_violations(page, context="transfer request with errors")

    page.goto(f"{live_server.url}/procurement/reports/transparency/")
    click_through(page, "main form button.govuk-button")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the quarter")
    assert_no_axe_violations(page, context="transparency with errors")

    page.goto(f"{live_server.url}/procurement/suppliers/new/")
    page.fill("#id_name", "Acme")
    page.fill("#id_company_number", "ABC")
    click_through(page, "main form button.govuk-button")
    expect(page.locator(".govuk-error-summary")).to_contain_text("8 digits")
    assert_no_axe_violations(page, context="supplier with errors")


def test_the_transfer_is_decided_in_the_browser(browser_page, live_server, records):
    people, line = records
    page = browser_page
    transfer = BudgetTransfer.objects.get()
    sign_in(page, live_server, people.head, next_path=f"/procurement/transfers/{transfer.pk}/decide/")
    page.check("input[value=approve]")
    click_through(page, "main form button.govuk-button")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The transfer has been approved")
    transfer.refresh_from_db()
    assert transfer.state == "approved"
    assert line.figures()["allocated"] == Decimal("49500.00")
