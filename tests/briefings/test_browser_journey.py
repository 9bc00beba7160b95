"""Issue 12, acceptance 1, in a real browser from start to finish: an officer makes a pack for an engagement from the
diary, accepts the background proposed from the office's records, and asks a directorate contact for a section; the
contact writes and submits it; the officer accepts it; the Head of Mayor's Office clears and issues the pack; and the
member downloads the PDF, which holds the contact's words and the background."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from briefings.models import Commission, CommissionState, Pack, PackStatus, SectionKind
from tests.briefings.test_background import ORGANISER, VENUE, a_case
from tests.browser.support import click_through, sign_in
from tests.diary.factories import at, make_engagement

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def sign_out(page):
    page.context.clear_cookies()


def test_from_engagement_to_the_members_pdf(
    browser_page, live_server, seeded_after_flush, head, member_a, member_a_user, officer_a, directorate_contact
):
    engagement = make_engagement(
        member_a,
        start=at(2026, 12, 10, 14),
        title="Opening of the Riverside community hub",
        organiser=ORGANISER,
        location=VENUE,
        lead_officer=officer_a,
        briefing_required=True,
    )
    case = a_case(member_a, ward=member_a.ward, officer=officer_a, subject="Street lighting on Mill Lane")
    page = browser_page

    # The officer makes the pack from the engagement's page in the diary ("No pack" links to the form).
    sign_in(page, live_server, officer_a, next_path=engagement.get_absolute_url())
    page.goto(live_server.url + engagement.get_absolute_url())
    click_through(page, f"a[href='/briefings/packs/new/?engagement={engagement.pk}']")
    expect(page.locator("#id_title")).to_have_value("Briefing: Opening of the Riverside community hub")
    page.select_option("#id_ward", str(member_a.ward.pk))
    click_through(page, "main form button.govuk-button")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The pack has been created")
    pack = Pack.objects.get(engagement=engagement)
    assert pack.due_on.isoformat() == "2026-12-08"  # two working days before Thursday 10 December

    # It accepts the background proposed from the office's own records.
    click_through(page, "text=Propose background from our records")
    expect(page.locator("main")).to_contain_text(case.reference)
    click_through(page, "main form button.govuk-button")
    background = pack.sections.get(kind=SectionKind.BACKGROUND)
    assert case.reference in background.body

    # It asks the directorate contact for the key messages.
    key_messages = pack.sections.get(kind=SectionKind.KEY_MESSAGES)
    click_through(page, f"a[href='/briefings/sections/{key_messages.pk}/commission/']")
    page.select_option("#id_assignee", str(directorate_contact.pk))
    page.fill("#id_brief", "Three key messages on the hub's cost and the jobs it brings")
    click_through(page, "main form button.govuk-button")
    commission = Commission.objects.get(section=key_messages)
    assert commission.state == CommissionState.REQUESTED and commission.due_on < pack.due_on

    # The contact writes the section and submits it.
    sign_out(page)
    sign_in(page, live_server, directorate_contact, next_path="/")
    click_through(page, "text=Briefing sections asked of you")  # "Your work" on the home page
    click_through(page, f"main a[href='{commission.get_absolute_url()}']")
    click_through(page, "text=Write the section")
    page.fill("#id_body", "- The hub opens on **Saturday**\n- It cost £2m and brings 40 jobs")
    click_through(page, "button[name=submit]")
    click_through(page, "text=Submit to the Mayor's Office")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("submitted")

    # The officer accepts it.
    sign_out(page)
    sign_in(page, live_server, officer_a, next_path=commission.get_absolute_url())
    click_through(page, "text=Accept the section")
    assert Commission.objects.get(pk=commission.pk).state == CommissionState.ACCEPTED

    # The Head of Mayor's Office clears and issues the pack; the PDF is prepared.
    sign_out(page)
    sign_in(page, live_server, head, next_path=pack.get_absolute_url())
    page.goto(live_server.url + pack.get_absolute_url())
    click_through(page, "text=Clear the pack")
    click_through(page, "text=Issue the pack")
    click_through(page, "main button.govuk-button")
    page.locator("text=Your pack is ready").wait_for()
    assert Pack.objects.get(pk=pack.pk).status == PackStatus.ISSUED

    # The member downloads it from the pack's page.
    sign_out(page)
    sign_in(page, live_server, member_a_user, next_path=pack.get_absolute_url())
    page.goto(live_server.url + pack.get_absolute_url())
    link = page.locator("a", has_text="Download the latest issued pack (PDF)")
    response = page.request.get(live_server.url + link.get_attribute("href"))  # with the member's session
    assert response.ok and response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "It cost £2m and brings 40 jobs" in text
    assert case.reference in text
    assert "Opening of the Riverside community hub" in text
