"""The pack pages have no axe violations (issue 12, acceptance 6): the pack list with filters, the pack page with
its sections (for the office and for a member reading an issued pack), the pack form with errors, and the section
forms; and the officer's round trip through the browser: create a pack for an engagement, write a section, move it."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from briefings.models import Marking, Pack, PackStatus, PackVersion, SectionKind
from tests.briefings.factories import make_pack, make_section
from tests.browser.support import assert_no_axe_violations, click_through, sign_in
from tests.diary.factories import at, make_engagement

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def records(seeded_after_flush, officer_a, member_a, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }
    pack = make_pack(
        member_a, lead_officer=officer_a, title="Riverside hub opening", marking=Marking.OFFICIAL_SENSITIVE
    )
    make_section(
        pack, SectionKind.SUMMARY, body="## The hub\n\n- Opens Saturday\n- **£2m** build\n\n[Plan](https://example.org)"
    )
    make_section(pack, SectionKind.KEY_MESSAGES, body="1. Thanks to the tenants\n2. More to come")
    papers = make_section(pack, SectionKind.PAPERS, body="", title="Background papers")
    make_pack(member_a, lead_officer=officer_a, title="Late pack", due_on=timezone.localdate().replace(day=1))
    issued = make_pack(
        member_a, lead_officer=officer_a, title="Issued pack", status=PackStatus.ISSUED, latest_version=1
    )
    make_section(issued)
    PackVersion.objects.create(pack=issued, number=1, issued_at=timezone.now(), issued_by=officer_a, marking="OFFICIAL")
    engagement = make_engagement(member_a, start=at(2026, 12, 10, 14), title="School visit", lead_officer=officer_a)
    return {"pack": pack, "papers": papers, "issued": issued, "engagement": engagement}


def _visit(page, live_server, path, context):
    page.goto(live_server.url + path)
    assert page.locator("h1").count() == 1, path
    assert_no_axe_violations(page, context=context)


def test_the_officers_pack_pages_have_no_axe_violations(browser_page, live_server, records, officer_a):
    page = browser_page
    sign_in(page, live_server, officer_a, next_path="/briefings/")
    pack = records["pack"]
    paths = [
        "/briefings/packs/",
        "/briefings/packs/?stage=late&ordering=-title",
        pack.get_absolute_url(),
        f"/briefings/packs/{pack.pk}/edit/",
        f"/briefings/packs/{pack.pk}/withdraw/",
        f"/briefings/packs/{pack.pk}/sections/new/",
        f"/briefings/sections/{pack.sections.first().pk}/edit/",
        f"/briefings/sections/{pack.sections.first().pk}/remove/",
        f"/briefings/sections/{records['papers'].pk}/paper/",
        f"/briefings/packs/new/?engagement={records['engagement'].pk}",
        "/briefings/packs/new/",
    ]
    for path in paths:
        _visit(page, live_server, path, path)
    page.goto(f"{live_server.url}/briefings/packs/?due_from=2026-12-10&due_to=2026-12-01")
    expect(page.locator(".govuk-error-summary")).to_contain_text("must be before")
    assert_no_axe_violations(page, context="pack list with filter errors")


def test_the_pack_form_with_errors_has_no_axe_violations(browser_page, live_server, records, officer_a):
    page = browser_page
    sign_in(page, live_server, officer_a, next_path="/briefings/packs/new/")
    page.fill("#id_due_on_0", "31")
    page.fill("#id_due_on_1", "2")
    page.fill("#id_due_on_2", "2027")
    click_through(page, "main form button.govuk-button")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the pack's title")
    expect(summary).to_contain_text("Choose at least one member the pack is for")
    expect(summary).to_contain_text("must be a real date")
    assert_no_axe_violations(page, context="pack form with errors")
    page.goto(f"{live_server.url}/briefings/sections/{records['papers'].pk}/paper/")
    page.set_input_files("#id_paper", files=[{"name": "notes.pdf", "mimeType": "application/pdf", "buffer": b"hello"}])
    click_through(page, "main form button.govuk-button")
    expect(page.locator(".govuk-error-summary")).to_contain_text("The background paper must be a PDF")
    assert_no_axe_violations(page, context="paper upload with an error")


def test_a_member_reading_an_issued_pack_has_no_axe_violations(browser_page, live_server, records, member_a_user):
    page = browser_page
    sign_in(page, live_server, member_a_user, next_path="/briefings/")
    for path in ("/briefings/packs/", records["issued"].get_absolute_url()):
        _visit(page, live_server, path, f"member: {path}")
    expect(page.locator("main")).to_contain_text("Version 1")


def test_an_officer_creates_a_pack_for_an_engagement_writes_and_moves_a_section(
    browser_page, live_server, records, officer_a
):
    page = browser_page
    engagement = records["engagement"]
    sign_in(page, live_server, officer_a, next_path=f"/briefings/packs/new/?engagement={engagement.pk}")
    expect(page.locator("#id_title")).to_have_value("Briefing: School visit")
    click_through(page, "main form button.govuk-button")
    pack = Pack.objects.get(engagement=engagement)
    expect(page.locator("h1")).to_have_text("Briefing: School visit")
    expect(page.locator("main")).to_contain_text("Tuesday 8 December 2026")  # Thursday 10th, less 2 working days
    first = pack.sections.order_by("position").first()
    click_through(page, f'#section-{first.pk} a[data-action="section.edit"]')
    page.fill("#id_body", "**Welcome** the head teacher <script>alert(1)</script>")
    click_through(page, "main form button.govuk-button")
    expect(page.locator(f"#section-{first.pk} strong")).to_have_text("Welcome")
    click_through(page, f"#section-{first.pk} button[value=down]")
    assert pack.sections.order_by("position").values_list("pk", flat=True)[1] == first.pk
    assert_no_axe_violations(page, context="pack page after moving a section")
