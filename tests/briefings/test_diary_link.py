"""The diary shows where each engagement's briefing pack has got to, read from the pack itself (briefings/selectors/
diary.py, through the registry's "diary.engagement" badges): none, commissioned, in draft, cleared, issued or late,
in the day, week and forward-look views and on the week-ahead PDF. On the frozen clock: Wednesday 2 December 2026."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from briefings.models import Marking, Pack, PackStatus
from briefings.models.access import Reader
from briefings.models.commissions import CommissionState
from briefings.selectors.diary import engagement_badges
from mayoral_office import registry
from tests.briefings.factories import at, make_commission, make_pack, make_section
from tests.diary.factories import make_engagement

pytestmark = pytest.mark.django_db

THURSDAY = at(2026, 12, 10, 10)


def _engagement(member, title="Opening of the Riverside community hub", start=THURSDAY, **fields):
    fields.setdefault("briefing_required", True)
    return make_engagement(member, start=start, title=title, **fields)


def _pack(engagement, lead, status=PackStatus.DRAFT, **fields):
    pack = make_pack(*engagement.members.all(), lead_officer=lead, engagement=engagement, **fields)
    if status != PackStatus.DRAFT:
        Pack.objects.filter(pk=pack.pk).update(status=status, latest_version=1 if status == PackStatus.ISSUED else 0)
    return pack


def _badge(user, engagement):
    return registry.badges_for("diary.engagement", user, [engagement]).get(engagement.pk)


def test_an_engagement_with_no_pack_shows_none_with_a_link_to_start_one_for_those_who_may(member_a, officer_a, mayor):
    engagement = _engagement(member_a)
    badge = _badge(officer_a, engagement)
    assert badge.label == "None"
    assert badge.url == reverse("briefings:pack_create") + f"?engagement={engagement.pk}"
    assert _badge(mayor, engagement).url == ""  # a member does not create packs


def test_each_stage_of_the_pack_shows(member_a, officer_a, directorate_contact):
    stages = {}
    for title, status in [
        ("In draft", PackStatus.DRAFT),
        ("Cleared", PackStatus.CLEARED),
        ("Issued", PackStatus.ISSUED),
    ]:
        engagement = _engagement(member_a, title=title)
        _pack(engagement, officer_a, status)
        stages[engagement.pk] = title
    commissioned = _engagement(member_a, title="Commissioned")
    make_commission(make_section(_pack(commissioned, officer_a)), assignee=directorate_contact, requested_by=officer_a)
    stages[commissioned.pk] = "Commissioned"
    late = _engagement(member_a, title="Late", start=at(2026, 12, 3, 10))
    _pack(late, officer_a, due_on=date(2026, 12, 1))
    stages[late.pk] = "Late"
    accepted = _engagement(member_a, title="In draft again")  # its only commission is done
    make_commission(
        make_section(_pack(accepted, officer_a)),
        assignee=directorate_contact,
        requested_by=officer_a,
        state=CommissionState.ACCEPTED,
    )
    stages[accepted.pk] = "In draft"
    badges = engagement_badges(officer_a, list(member_a.engagements.all()))
    assert {pk: b.label for pk, b in badges.items()} == stages
    assert badges[late.pk].colour == "red" and badges[commissioned.pk].url.endswith(
        reverse("briefings:pack", args=[Pack.objects.get(engagement=commissioned).pk])
    )


def test_the_latest_live_pack_counts_and_withdrawn_packs_are_ignored(member_a, officer_a):
    engagement = _engagement(member_a)
    first = _pack(engagement, officer_a, PackStatus.ISSUED)
    assert _badge(officer_a, engagement).label == "Issued"
    _pack(engagement, officer_a, PackStatus.WITHDRAWN)
    assert _badge(officer_a, engagement).label == "Issued"  # the withdrawn one does not hide the issued one
    Pack.objects.filter(pk=first.pk).update(status=PackStatus.WITHDRAWN)
    assert _badge(officer_a, engagement).label == "None"
    _pack(engagement, officer_a)
    assert _badge(officer_a, engagement).label == "In draft"


def test_engagements_without_a_briefing_get_no_badge(member_a, officer_a):
    engagement = _engagement(member_a, briefing_required=False)
    _pack(engagement, officer_a)
    assert _badge(officer_a, engagement) is None


def test_the_link_to_a_pack_is_given_only_to_those_who_may_open_it(member_a, officer_a, officer_b, mayor, intern):
    engagement = _engagement(member_a)
    pack = _pack(engagement, officer_a, marking=Marking.OFFICIAL_SENSITIVE)
    assert _badge(officer_a, engagement).url == pack.get_absolute_url()  # supports the member
    assert _badge(officer_b, engagement) == registry.Badge("In draft", "yellow", "")  # supports others
    assert _badge(intern, engagement).url == ""  # interns see OFFICIAL packs only
    other = _engagement(mayor.member, title="Cabinet")
    _pack(other, officer_a)
    assert _badge(mayor, other).url == ""  # a member reads only what was issued to them


@pytest.mark.parametrize("count", [10, 100])
def test_one_query_however_many_engagements(member_a, officer_a, directorate_contact, count):
    engagements = []
    for i in range(count):
        engagement = _engagement(member_a, title=f"Engagement {i}", start=at(2026, 12, 7 + i % 4, 8 + i % 10))
        if i % 2:
            pack = _pack(engagement, officer_a)
            if i % 4 == 1:
                make_commission(make_section(pack), assignee=directorate_contact, requested_by=officer_a)
        engagements.append(engagement)
    Reader.of(officer_a)  # who the user is: read once a request (the diary pages pin that query too)
    with CaptureQueriesContext(connection) as queries:
        badges = engagement_badges(officer_a, engagements)
    # 1. the latest live pack of each engagement, its open commissions counted and its visibility worked out
    assert len(queries) == 1
    assert len(badges) == count
    assert sum(b.label == "Commissioned" for b in badges.values()) == len(range(1, count, 4))


def test_the_week_and_day_views_show_the_pack_status_with_a_link(client, member_a, officer_a):
    engagement = _engagement(member_a)
    pack = _pack(engagement, officer_a, PackStatus.CLEARED)
    quiet = _engagement(member_a, title="Ward surgery", start=at(2026, 12, 10, 14))
    client.force_login(officer_a)
    for view in ("diary:week", "diary:day"):
        html = client.get(reverse(view) + f"?member={member_a.pk}&date=2026-12-10").content.decode()
        assert "Cleared" in html and f'href="{pack.get_absolute_url()}"' in html
        assert f'href="{reverse("briefings:pack_create")}?engagement={quiet.pk}"' in html


def test_the_forward_look_shows_the_pack_status(client, member_a, officer_a):
    engagement = _engagement(member_a)
    pack = _pack(engagement, officer_a, PackStatus.ISSUED)
    client.force_login(officer_a)
    html = client.get(reverse("diary:forward-look")).content.decode()
    assert "Issued" in html and f'href="{pack.get_absolute_url()}"' in html


def test_a_private_engagement_shown_as_busy_shows_no_pack_status(client, member_a, intern, officer_a):
    engagement = _engagement(member_a, title="Hospital appointment", is_private=True)
    _pack(engagement, officer_a)
    client.force_login(intern)
    html = client.get(reverse("diary:week") + f"?member={member_a.pk}&date=2026-12-10").content.decode()
    assert "Hospital appointment" not in html and "In draft" not in html


def test_the_week_ahead_pdf_shows_the_pack_status(client, member_a, officer_a):
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    if not shutil.which("pdftotext"):
        pytest.skip("needs poppler-utils")
    engagement = _engagement(member_a)
    make_commission(make_section(_pack(engagement, officer_a)), assignee=officer_a, requested_by=officer_a)
    client.force_login(officer_a)
    pdf = client.get(reverse("diary:week-ahead") + f"?member={member_a.pk}&date=2026-12-10").content
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "week.pdf").write_bytes(pdf)
        text = subprocess.run(["pdftotext", "week.pdf", "-"], cwd=tmp, capture_output=True, text=True).stdout
    assert "Opening of the Riverside" in text and "Commissioned" in text


def test_moving_the_pack_status_changes_what_the_diary_shows_with_no_copy_to_drift(client, member_a, officer_a):
    engagement = _engagement(member_a)
    pack = _pack(engagement, officer_a)
    client.force_login(officer_a)
    url = reverse("diary:engagement", args=[engagement.pk])
    assert "In draft" in client.get(url).content.decode()
    Pack.objects.filter(pk=pack.pk).update(status=PackStatus.CLEARED)
    assert "Cleared" in client.get(url).content.decode()
