"""The issue and version pages in a browser: no axe violations on the issue form, a version's page (while its PDF
is being prepared, with the htmx-polled progress box, and once ready) and "what changed", for the officer and the
member; the progress box stops polling by itself once the PDF is ready."""

import pytest

from briefings.models import Pack, PackStatus, Section
from briefings.services import issue as services
from tests.briefings.factories import make_pack, make_section, pdf_file
from tests.browser.support import assert_no_axe_violations, click_through, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def versions(seeded_after_flush, officer_a, member_a, member_a_user):
    pack = make_pack(member_a, lead_officer=officer_a, status=PackStatus.CLEARED)
    make_section(pack, "summary", body="The hub opens on **Saturday**.\n\n- Jobs\n- Homes")
    make_section(pack, "papers", title="Site plan", body="", paper=pdf_file(2), paper_name="plan.pdf", paper_pages=2)
    first = services.pack_issue(actor=officer_a, pack=pack)  # rendered when it commits (eager Celery)
    services.pack_revise(actor=officer_a, pack=pack)
    Section.objects.filter(pack=pack, kind="summary").update(body="The hub opens on **Sunday**. <b>Bold</b>")
    make_section(pack, "press", body="No comment.")
    Pack.objects.filter(pk=pack.pk).update(status=PackStatus.CLEARED)
    return pack, first


def test_the_version_pages_have_no_axe_violations(browser_page, live_server, versions, officer_a, member_a_user):
    pack, first = versions
    page = browser_page
    sign_in(page, live_server, officer_a, next_path=pack.get_absolute_url())
    page.goto(f"{live_server.url}/briefings/packs/{pack.pk}/issue/")
    assert_no_axe_violations(page, context="issue form")
    click_through(page, "main button.govuk-button")  # no change summary: refused with a message
    assert page.locator(".govuk-error-summary").count() == 1
    assert_no_axe_violations(page, context="issue form in error")
    page.fill("textarea[name=change_summary]", "Date moved to Sunday; press lines added")
    click_through(page, "main button.govuk-button")
    assert "/versions/2/" in page.url
    page.locator("text=Your pack is ready").wait_for()
    assert_no_axe_violations(page, context="version 2")
    page.goto(f"{live_server.url}/briefings/packs/{pack.pk}/versions/2/changes/")
    assert page.locator("del", has_text="Saturday").count() == 1
    assert_no_axe_violations(page, context="what changed")
    page.goto(f"{live_server.url}/briefings/packs/{pack.pk}/versions/2/changes/?since=5")
    assert_no_axe_violations(page, context="what changed, a bad version")
    page.context.clear_cookies()  # signed out
    sign_in(page, live_server, member_a_user, next_path=first.get_absolute_url())
    page.goto(live_server.url + first.get_absolute_url())
    assert_no_axe_violations(page, context="version 1, as the member")


def test_the_progress_box_polls_and_stops_once_ready(
    browser_page, live_server, seeded_after_flush, officer_a, member_a
):
    from django.db import transaction

    pack = make_pack(member_a, lead_officer=officer_a, status=PackStatus.CLEARED)
    make_section(pack)
    with transaction.atomic():  # issued without its render (as if the worker had not got to it yet)
        version = services.pack_issue(actor=officer_a, pack=pack)
        transaction.get_connection().run_on_commit = []
    page = browser_page
    sign_in(page, live_server, officer_a, next_path=version.get_absolute_url())
    page.goto(live_server.url + version.get_absolute_url())
    assert page.locator("#version-progress[hx-trigger]").count() == 1
    assert "Preparing your pack…" in page.inner_text("#version-progress")
    assert_no_axe_violations(page, context="version being prepared")
    services.version_render(actor=None, version=version)  # the worker finishes
    page.locator("text=Your pack is ready").wait_for(timeout=10000)
    assert page.locator("#version-progress[hx-trigger]").count() == 0
    assert_no_axe_violations(page, context="version ready after polling")
