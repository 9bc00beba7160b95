"""A pack for a meeting, started from the meeting's page: the page shows "Create a briefing pack for this meeting"
to those who may make packs, then where the pack has got to (from the pack itself, through the registry: decisions
never imports briefings), and nothing to those who may neither make nor read it."""

import pytest

from briefings.models import PackStatus
from tests.briefings.factories import make_pack
from tests.decisions.factories import at, make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(officer_a):
    return make_meeting("CAB", start=at(2026, 12, 14, 18, 30))


def test_an_officer_is_offered_a_pack_for_the_meeting_then_sees_its_stage(client, officer_a, member_a, meeting):
    client.force_login(officer_a)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert f'href="/briefings/packs/new/?meeting={meeting.pk}"' in page
    assert "Create a briefing pack for this meeting" in page
    form = client.get(f"/briefings/packs/new/?meeting={meeting.pk}").content.decode()
    assert "Briefing: Cabinet, 14 December 2026" in form

    pack = make_pack(member_a, lead_officer=officer_a, meeting=meeting, status=PackStatus.CLEARED)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert f'href="{pack.get_absolute_url()}"' in page and "Cleared" in page
    assert "Create a briefing pack" not in page


def test_no_briefing_row_for_someone_who_can_neither_make_nor_read_the_pack(client, intern, officer_a, meeting):
    client.force_login(intern)
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200  # interns read the meetings of the office
    assert "Briefing pack" not in response.content.decode()
