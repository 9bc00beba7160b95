"""The decisions policy for meetings as a table: persona × meeting state → the actions available, written out here
(not derived from the policy). For each cell the policy, the meeting's page (a `data-action` control exactly when
the action is available, for the actions the page offers) and the services (refusing what is not available, with
nothing saved) agree."""

import re

import pytest
from django.urls import reverse

from decisions import policy
from decisions.models import AgendaItem, MeetingStatus, MinutesStatus
from decisions.services import meetings as services
from mayoral_office.errors import PermissionDenied, ServiceError
from tests.decisions.factories import at, make_meeting

pytestmark = pytest.mark.django_db

PERSONAS = ["head", "officer_a", "exec_officer", "intern", "member_a_user", "directorate_contact"]
STATES = {
    "to come": {"start": at(2026, 12, 15, 9, 30)},
    "started": {"start": at(2026, 12, 2, 9, 30)},
    "draft minutes": {"start": at(2026, 11, 17, 9, 30), "minutes_status": MinutesStatus.DRAFT},
    "approved": {"start": at(2026, 11, 3, 9, 30), "minutes_status": MinutesStatus.APPROVED},
    "cancelled": {"start": at(2026, 12, 15, 9, 30), "status": MeetingStatus.CANCELLED},
}
READ = {"meeting.view", "meeting.pack"}
OFFICE = {
    "to come": READ | {"meeting.edit", "meeting.cancel", "agenda.add_item", "agenda.reorder"},
    "started": READ | {"agenda.add_item", "agenda.reorder", "minutes.record"},
    "draft minutes": READ | {"agenda.add_item", "agenda.reorder", "minutes.record", "minutes.approve", "minutes.send"},
    "approved": READ | {"minutes.send"},
    "cancelled": READ,
}
EXPECTED = {
    "head": OFFICE,
    "officer_a": OFFICE,
    "exec_officer": OFFICE,
    "intern": dict.fromkeys(STATES, READ),  # reads open records, writes nothing here
    "member_a_user": dict.fromkeys(STATES, READ),  # a member of the body: reads its meetings
    "directorate_contact": dict.fromkeys(STATES, None),  # leads no item here: cannot see the meeting at all
}
ON_THE_PAGE = {"meeting.edit", "meeting.cancel", "agenda.add_item", "agenda.reorder", "minutes.approve", "minutes.send"}


def _meeting(state, member_a):
    fields = dict(STATES[state])
    meeting = make_meeting(start=fields.pop("start"), **fields)
    meeting.body.members.add(member_a)
    AgendaItem.objects.create(body=meeting.body, meeting=meeting, title="Budget", position=1)
    AgendaItem.objects.create(body=meeting.body, meeting=meeting, title="Winter", position=2)
    return meeting


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("state", list(STATES))
def test_policy_page_and_services_agree(request, client, persona, state, member_a):
    user = request.getfixturevalue(persona)
    meeting = _meeting(state, member_a)
    expected = EXPECTED[persona][state]
    visible = meeting.__class__.objects.visible_to(user).filter(pk=meeting.pk).exists()
    client.force_login(user)
    response = client.get(meeting.get_absolute_url())
    if expected is None:
        assert not visible and response.status_code == 404
        return
    assert policy.available_actions(user, meeting) == expected
    page_actions = set(re.findall(r'data-action="([^"]+)"', response.content.decode()))
    assert page_actions & ON_THE_PAGE == expected & ON_THE_PAGE
    if "agenda.add_item" not in expected:
        with pytest.raises((PermissionDenied, ServiceError)):
            services.agenda_item_add(actor=user, meeting=meeting, data={"title": "Late item"})
        assert meeting.agenda_items.count() == 2
    if "meeting.cancel" not in expected and meeting.status != MeetingStatus.CANCELLED:
        with pytest.raises((PermissionDenied, ServiceError)):
            services.meeting_cancel(actor=user, meeting=meeting)
        meeting.refresh_from_db()
        assert meeting.status != MeetingStatus.CANCELLED


def test_the_app_level_actions_by_persona(request):
    office = {
        "decisions.view",
        "meeting.schedule",
        "agenda.plan",
        "pathway.add",
        "pathway.list",
        "register.view",
        "forward_plan.view",
        "action.add",
        "action.list",
        "action.bulk_update",
        "incident.list",
        "incident.open",
    }
    readers = {"decisions.view", "pathway.list", "register.view", "forward_plan.view", "action.list"}
    expected = {
        "head": office,
        "officer_a": office,
        "intern": readers,
        "member_a_user": readers | {"incident.list"},
        "directorate_contact": readers,
    }
    for persona, actions in expected.items():
        assert policy.available_actions(request.getfixturevalue(persona), None) == actions, persona
    assert reverse("decisions:index")
