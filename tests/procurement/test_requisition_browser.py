"""The requisition and approval pages in a real Chromium (issue 13): zero axe violations on each page (forms with
their errors too), and acceptance 1's journey: a £7,200 requisition (£6,000 + VAT) is raised in the browser, asks
for three written quotes and goes budget holder then Head of Mayor's Office; three quotes are added, it is
submitted and approved at both tiers, shows its purchase order number and commits £6,000 to its line; then its
invoice is recorded and the line shows £6,000 spent; the budget report shows the same at each step."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from procurement.models import Requisition
from procurement.services import requisitions as services
from tests.browser.support import assert_no_axe_violations, click_through, sign_in
from tests.procurement.factories import add_quotes, make_line, make_people, make_requisition, make_supplier

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def people(seeded_after_flush, head, officer_a):
    return make_people(head=head, requester=officer_a)


@pytest.fixture
def line(people):
    return make_line(people, allocation="50000.00")


@pytest.fixture
def quotes_on_disk(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }


def _as(page, live_server, user, path):
    page.context.clear_cookies()
    sign_in(page, live_server, user, next_path=path)


def _visit(page, live_server, path, context=""):
    page.goto(live_server.url + path)
    assert page.locator("h1").count() == 1, path
    assert_no_axe_violations(page, context=context or path)


def test_the_requisition_and_approval_pages_have_no_axe_violations(
    browser_page, live_server, people, line, quotes_on_disk
):
    page = browser_page
    supplier = make_supplier()
    for _ in range(2):  # two £2,000 requisitions already submitted: the third is a possible split
        earlier = make_requisition(
            people,
            line,
            supplier=supplier,
            lines=[{"description": "Printing", "quantity": "1", "unit_price": "2000", "vat_rate": "zero"}],
        )
        add_quotes(people, earlier, 1, amount="2000")
        services.requisition_submit(actor=people.requester, requisition=earlier)
    draft = make_requisition(
        people,
        line,
        supplier=supplier,
        lines=[{"description": "Printing", "quantity": "1", "unit_price": "2000", "vat_rate": "zero"}],
    )
    add_quotes(people, draft, 1, amount="2000")
    _as(page, live_server, people.requester, "/procurement/requisitions/")
    for path in (
        "/procurement/requisitions/",
        "/procurement/requisitions/?status=submitted&ordering=-value",
        "/procurement/requisitions/new/",
        draft.get_absolute_url(),
        f"/procurement/requisitions/{draft.pk}/edit/",
        f"/procurement/requisitions/{draft.pk}/quotes/new/",
        f"/procurement/requisitions/{draft.pk}/submit/",
        f"/procurement/requisitions/{draft.pk}/cancel/",
    ):
        _visit(page, live_server, path)
    expect(page.locator("main")).to_contain_text("Cancel the requisition")
    page.goto(
        f"{live_server.url}/procurement/requisitions/?value_min=abc&submitted_from=2026-12-10&submitted_to=2026-12-01"
    )
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the value as an amount in pounds")
    assert_no_axe_violations(page, context="requisition list with filter errors")
    page.goto(f"{live_server.url}/procurement/requisitions/{draft.pk}/submit/")
    click_through(page, "main form button[name=submit]")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the reason these are separate purchases")
    assert_no_axe_violations(page, context="submit with the split reason missing")
    page.goto(f"{live_server.url}/procurement/requisitions/new/")
    page.fill("#id_line_0_quantity", "-2")
    page.fill("#id_line_0_unit_price", "1e20")
    page.fill("#id_needed_by_0", "31")
    page.fill("#id_needed_by_1", "2")
    page.fill("#id_needed_by_2", "2027")
    click_through(page, "main form button[name=submit]")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The quantity on line 1 must be more than 0")
    expect(summary).to_contain_text("The unit price on line 1 must be £99,999,999.99 or less")
    expect(summary).to_contain_text("The needed-by date must be a real date")
    assert_no_axe_violations(page, context="requisition form with errors")
    assert not Requisition.objects.filter(description="").exists()

    _as(page, live_server, people.holder, "/procurement/approvals/")
    first = Requisition.objects.filter(status="submitted").order_by("pk").first()
    for path in (
        "/procurement/approvals/",
        first.get_absolute_url(),
        f"/procurement/requisitions/{first.pk}/approve/",
        f"/procurement/requisitions/{first.pk}/return/",
        f"/procurement/requisitions/{first.pk}/reject/",
    ):
        _visit(page, live_server, path, f"holder: {path}")
    click_through(page, "main form button[name=submit]")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why it is rejected")
    assert_no_axe_violations(page, context="reject without comments")
    _as(page, live_server, people.finance, f"/procurement/requisitions/{first.pk}/override/")
    _visit(page, live_server, f"/procurement/requisitions/{first.pk}/override/", "finance: override")


def test_a_7200_requisition_is_raised_quoted_approved_ordered_and_invoiced_in_the_browser(
    browser_page, live_server, people, line, quotes_on_disk
):
    page = browser_page
    supplier = make_supplier()
    _as(page, live_server, people.requester, "/procurement/requisitions/new/")
    page.select_option("#id_budget_line", str(line.pk))
    page.select_option("#id_supplier", str(supplier.pk))
    page.select_option("#id_category", label="Catering and hospitality")
    page.fill("#id_description", "Volunteers' reception")
    page.fill("#id_justification", "The Mayor thanks the borough's volunteers")
    page.fill("#id_needed_by_0", "15")
    page.fill("#id_needed_by_1", "1")
    page.fill("#id_needed_by_2", "2027")
    page.fill("#id_line_0_description", "Reception for 200 guests")
    page.fill("#id_line_0_quantity", "1")
    page.fill("#id_line_0_unit_price", "6000")
    page.select_option("#id_line_0_vat_rate", "standard")
    click_through(page, "main form button[name=add_line]")  # more rows, nothing lost, nothing saved
    expect(page.locator("#id_line_5_description")).to_be_visible()
    expect(page.locator("#id_line_0_unit_price")).to_have_value("6000")
    assert not Requisition.objects.exists()
    click_through(page, "main form button[name=submit]")
    requisition = Requisition.objects.get()
    expect(page.locator("h1")).to_have_text("Volunteers' reception")
    expect(page.locator("#totals")).to_contain_text("£6,000.00")
    expect(page.locator("#totals")).to_contain_text("£1,200.00")
    expect(page.locator("#totals")).to_contain_text("£7,200.00")
    expect(page.locator("#quotes-needed")).to_contain_text("Three written quotes; 0 attached")
    expect(page.locator("#chain li")).to_have_count(2)
    expect(page.locator("#chain li").nth(0)).to_contain_text("Budget holder: Patrick Mensah")
    expect(page.locator("#chain li").nth(1)).to_contain_text("Head of Mayor's Office: Catherine Doyle")
    assert_no_axe_violations(page, context="the new requisition's page")

    for k, amount in enumerate(("7200.00", "7450.00", "7900.00"), start=1):
        click_through(page, 'a[data-action="requisition.add_quote"]')
        page.fill("#id_supplier_name", f"Caterer {k}")
        page.fill("#id_amount", amount)
        if k == 1:
            page.set_input_files(
                "#id_file", files=[{"name": "quote.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 q"}]
            )
        click_through(page, "main form button[name=submit]")
    expect(page.locator("#quotes-needed")).to_contain_text("3 attached")
    expect(page.locator("#lacks-nothing")).to_be_visible()
    click_through(page, 'a[data-action="requisition.submit"]')
    click_through(page, "main form button[name=submit]")
    expect(page.locator("#status")).to_contain_text("Waiting for: Budget holder")

    _as(page, live_server, people.holder, "/procurement/approvals/")
    click_through(page, f'#approval-list a[href="{requisition.get_absolute_url()}"]')
    click_through(page, 'a[data-action="requisition.approve"]')
    page.fill("#id_comments", "Within budget")
    click_through(page, "main form button[name=submit]")
    expect(page.locator("#status")).to_contain_text("Waiting for: Head of Mayor's Office")

    _as(page, live_server, people.head, requisition.get_absolute_url())
    click_through(page, 'a[data-action="requisition.approve"]')
    click_through(page, "main form button[name=submit]")
    requisition.refresh_from_db()
    expect(page.locator("#po-number")).to_contain_text(requisition.po_number)
    expect(page.locator('[data-figure="committed"]')).to_have_text("£6,000.00")
    expect(page.locator('[data-figure="remaining"]')).to_have_text("£44,000.00")
    assert line.figures()["committed"] == Decimal("6000.00")
    assert_no_axe_violations(page, context="the ordered requisition")
    assert _report_row(page, live_server) == ["£50,000.00", "£6,000.00", "£0.00", "£44,000.00"]

    _as(page, live_server, people.finance, requisition.get_absolute_url())
    click_through(page, 'a[data-action="requisition.invoice"]')
    assert_no_axe_violations(page, context="the invoice form")
    page.fill("#id_supplier_invoice_number", "INV-2207")
    for field, (day, month, year) in (("invoice_date", ("1", "12", "2026")), ("paid_on", ("2", "12", "2026"))):
        page.fill(f"#id_{field}_0", day)
        page.fill(f"#id_{field}_1", month)
        page.fill(f"#id_{field}_2", year)
    click_through(page, "main form button[name=submit]")
    expect(page.locator('[data-figure="spent"]')).to_have_text("£6,000.00")
    expect(page.locator('[data-figure="committed"]')).to_have_text("£0.00")
    expect(page.locator("main")).to_contain_text("INV-2207")
    assert line.figures()["spent"] == Decimal("6000.00")
    assert _report_row(page, live_server) == ["£50,000.00", "£0.00", "£6,000.00", "£44,000.00"]


def _report_row(page, live_server) -> list[str]:
    """The line's allocation, committed, spent and remaining as the budget report shows them."""
    page.goto(live_server.url + "/procurement/reports/budget/")
    row = page.locator("#budget-report tr", has=page.locator("th", has_text="4010 Mayor's events"))
    return [cell.strip() for cell in row.locator("td").all_inner_texts()[1:]]
