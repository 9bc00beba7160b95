"""The diary's pages with pack statuses on them (a tag, and a link to the pack or to start one) have no axe
violations."""

from datetime import date

import pytest

from briefings.models import Pack, PackStatus
from tests.briefings.factories import at, make_commission, make_pack, make_section
from tests.browser.support import assert_no_axe_violations, sign_in
from tests.diary.factories import make_engagement

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_diary_pages_with_pack_statuses_have_no_axe_violations(
    browser_page, live_server, exec_officer, mayor, directorate_contact
):
    member = mayor.member
    for hour, (title, status) in enumerate(
        [("Cabinet", None), ("Opening of Bow Library", PackStatus.DRAFT), ("Budget speech", PackStatus.ISSUED)]
    ):
        engagement = make_engagement(member, start=at(2026, 12, 10, 9 + 2 * hour), title=title, briefing_required=True)
        if status:
            pack = make_pack(member, lead_officer=exec_officer, engagement=engagement)
            Pack.objects.filter(pk=pack.pk).update(status=status, latest_version=int(status == PackStatus.ISSUED))
    late = make_engagement(member, start=at(2026, 12, 3, 15), title="Tenants' forum", briefing_required=True)
    pack = make_pack(member, lead_officer=exec_officer, engagement=late, due_on=date(2026, 12, 1))
    make_commission(make_section(pack), assignee=directorate_contact, requested_by=exec_officer)
    page = browser_page
    sign_in(page, live_server, exec_officer, next_path="/diary/")
    for path in [
        f"/diary/week/?member={member.pk}&date=2026-12-10",
        f"/diary/day/?member={member.pk}&date=2026-12-10",
        "/diary/forward-look/",
        f"/diary/engagements/{late.pk}/",
    ]:
        page.goto(live_server.url + path)
        assert (
            page.locator(".govuk-tag", has_text="Late").count()
            + page.locator(".govuk-tag", has_text="In draft").count()
            >= 1
        )
        assert_no_axe_violations(page, context=path)
