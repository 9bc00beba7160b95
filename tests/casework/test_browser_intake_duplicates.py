"""Acceptance 1 of issue 9, in the browser: typing an existing correspondent's email address while logging a case
shows them and their open cases before saving; choosing them creates no second correspondent. Zero axe violations
on the page, with the matches shown too."""

import pytest
from django.utils import timezone

from casework.models import Case, Correspondent, Status
from tests.browser.support import assert_no_axe_violations, click_through, sign_in
from tests.casework.factories import CaseFactory, CorrespondentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_typing_a_known_email_address_offers_them_and_choosing_them_makes_no_second_record(
    seeded_after_flush, browser_page, live_server, officer_a, member_a
):
    margaret = CorrespondentFactory(
        name="Margaret Okafor", title="Mrs", email="margaret@example.org", postcode="E3 5LN"
    )
    open_case = CaseFactory(member=member_a, correspondent=margaret, subject="Damp and mould", status=Status.ALLOCATED)
    before = Correspondent.objects.count()

    page = browser_page
    sign_in(page, live_server, officer_a, next_path="/casework/new/")
    page.goto(f"{live_server.url}/casework/new/")
    assert page.locator("#correspondent-matches[aria-live=polite]").count() == 1
    assert_no_axe_violations(page, context="intake form")

    today = timezone.localdate()
    page.select_option("#id_case_type", label="Resident correspondence")
    page.check("input[name=channel][value=email]")
    page.fill("#id_received_date_0", str(today.day))
    page.fill("#id_received_date_1", str(today.month))
    page.fill("#id_received_date_2", str(today.year))
    page.select_option("#id_member", label=str(member_a))
    page.locator("#id_email").press_sequentially("margaret@example.org", delay=20)

    # Before anything is saved: the correspondent and their open case, in the live region under the fields.
    region = page.locator("#correspondent-matches")
    region.get_by_text("Is this someone we already know?").wait_for()
    assert "Mrs Margaret Okafor" in region.inner_text()
    assert f"Add to {open_case.reference} as a follow-up" in region.inner_text()
    assert Case.objects.count() == 1 and Correspondent.objects.count() == before
    assert_no_axe_violations(page, context="intake form with the matches shown")

    page.check(f"input[name=match][value=person-{margaret.pk}]")
    page.fill("#id_subject", "The mould is back")
    click_through(page, "#id_submit")
    assert page.locator(".govuk-error-summary").count() == 0, page.locator(".govuk-error-summary").inner_text()
    page.wait_for_selector("h1:has-text('The mould is back')")
    assert_no_axe_violations(page, context="the new case")

    assert Correspondent.objects.count() == before  # no second record for the same person
    case = Case.objects.get(subject="The mould is back")
    assert case.correspondent == margaret
    assert Case.objects.filter(correspondent=margaret).count() == 2
