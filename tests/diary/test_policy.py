"""The diary policy as a table: every persona × every state × every action. For each cell the policy
(`available_actions`), the service (accepts the action exactly when it is available; a refusal is PermissionDenied
or ServiceError and saves nothing) and the rendered page (a `data-action` control exactly when the action is
available) agree. The expected sets are written out here, not derived from the policy."""

import re
from datetime import date, time

import pytest
from auditlog.models import LogEntry
from django.db import transaction
from django.urls import reverse

from diary import policy, selectors, services
from diary.data import EngagementData, engagement_data_of
from diary.models import DiaryPreference, Engagement, FeedToken, Invitation, RecurringSeries
from mayoral_office.errors import PermissionDenied, ServiceError
from mayoral_office.models import Member, Notification
from tests.diary.factories import at, make_engagement
from tests.mayoral_office.factories import MemberFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["head", "officer_a", "officer_b", "member_a_user", "intern", "directorate_contact", "exec_officer"]

# --- the app as a whole -----------------------------------------------------------------------------------------
ALL_APP = {"diary.view", "engagement.create", "invitation.record"}
APP = {
    "head": ALL_APP,
    "officer_a": ALL_APP,
    "officer_b": ALL_APP,
    "member_a_user": ALL_APP,
    "exec_officer": ALL_APP,
    "intern": {"diary.view"},  # read only
    "directorate_contact": set(),  # no diary at all
}

# --- engagements of member_a: (status, private, part of a series) -> actions -----------------------------------
V, D, E, C, S = (
    "engagement.view",
    "engagement.view_details",
    "engagement.edit",
    "engagement.cancel",
    "engagement.cancel_series",
)
KEEPER = {  # the Head of Mayor's Office, member_a's officer, member_a themselves
    ("provisional", False, False): {V, D, E, C},
    ("provisional", False, True): {V, D, E, C, S},
    ("provisional", True, False): {V, D, E, C},
    ("provisional", True, True): {V, D, E, C, S},
    ("confirmed", False, False): {V, D, E, C},
    ("confirmed", False, True): {V, D, E, C, S},
    ("confirmed", True, False): {V, D, E, C},
    ("confirmed", True, True): {V, D, E, C, S},
    ("cancelled", False, False): {V, D},
    ("cancelled", False, True): {V, D},
    ("cancelled", True, False): {V, D},
    ("cancelled", True, True): {V, D},
}
READ_ONLY = {  # the intern who supports member_a: private items only as "Busy"
    ("provisional", False, False): {V, D},
    ("provisional", False, True): {V, D},
    ("provisional", True, False): {V},
    ("provisional", True, True): {V},
    ("confirmed", False, False): {V, D},
    ("confirmed", False, True): {V, D},
    ("confirmed", True, False): {V},
    ("confirmed", True, True): {V},
    ("cancelled", False, False): {V, D},
    ("cancelled", False, True): {V, D},
    ("cancelled", True, False): {V},
    ("cancelled", True, True): {V},
}
# member_a's officer keeps the diary but, unless member_a allows it, reads private items only as "Busy" and so
# cannot change or cancel them (what they cannot read).
OFFICER = {state: ({V} if state[1] else actions) for state, actions in KEEPER.items()}
NOTHING = {state: set() for state in KEEPER}  # another member's officer, the Mayor's officer, a directorate contact
ENGAGEMENT = {
    "head": KEEPER,
    "officer_a": OFFICER,
    "member_a_user": KEEPER,
    "intern": READ_ONLY,
    "officer_b": NOTHING,
    "exec_officer": NOTHING,
    "directorate_contact": NOTHING,
}
ENGAGEMENT_STATES = list(KEEPER)
# The controls on the engagement page (with the diary menu's), and on the cancel page.
ENGAGEMENT_PAGE = {E, C, "engagement.create", "invitation.record"}
CANCEL_PAGE = {C, S}

# --- invitations to member_a: status -> actions (delegated ones went to member_b) -----------------------------
IV, ACC, DEC, DEL, LET = (
    "invitation.view",
    "invitation.accept",
    "invitation.decline",
    "invitation.delegate",
    "invitation.reply_letter",
)
DECIDER = {"received": {IV, ACC, DEC, DEL}, "accepted": {IV, LET}, "declined": {IV, LET}, "delegated": {IV, LET}}
INVITATION = {
    "head": DECIDER,
    "officer_a": DECIDER,
    "member_a_user": DECIDER,
    "intern": {"received": {IV}, "accepted": {IV, LET}, "declined": {IV, LET}, "delegated": {IV, LET}},
    # member_b's officer sees only the one delegated to member_b.
    "officer_b": {"received": set(), "accepted": set(), "declined": set(), "delegated": {IV, LET}},
    "exec_officer": {"received": set(), "accepted": set(), "declined": set(), "delegated": set()},
    "directorate_contact": {"received": set(), "accepted": set(), "declined": set(), "delegated": set()},
}
INVITATION_PAGE = {ACC, DEC, DEL, LET, "engagement.create", "invitation.record"}
MENU = {"engagement.create", "invitation.record"}  # the diary menu on every page, and the calendar's "Add" link

# --- member_a's diary: its calendar subscription ----------------------------------------------------------------
FEED = {
    "head": {"feed.view", "feed.manage", "preferences.edit"},
    "officer_a": {"feed.view", "feed.manage"},
    "member_a_user": {"feed.view", "feed.manage", "preferences.edit"},
    "intern": {"feed.view"},
    "officer_b": set(),
    "exec_officer": set(),
    "directorate_contact": set(),
}


@pytest.fixture
def world(request, member_a, member_b):
    """Every persona exists in every cell, so each sees the same office."""
    return {name: request.getfixturevalue(name) for name in PERSONAS}


def data_actions(response) -> set[str]:
    if response.status_code != 200:
        return set()
    return set(re.findall(r'data-action="([^"]+)"', response.content.decode()))


def saved_state() -> tuple:
    """Everything a refused action must leave as it was."""
    return (
        LogEntry.objects.count(),
        Notification.objects.count(),
        list(Engagement.objects.order_by("pk").values_list("pk", "status", "notes", "sequence", "cancelled_reason")),
        list(Invitation.objects.order_by("pk").values_list("pk", "status", "engagement_id", "delegated_to_id")),
        list(FeedToken.objects.order_by("pk").values_list("pk", "revoked_at")),
        list(DiaryPreference.objects.order_by("pk").values_list("pk", "officers_see_private_titles")),
    )


class Undo(Exception):
    """Rolls an accepted action back, so the next action of the cell starts from the same state."""


def check_service(accepted: bool, call) -> None:
    if accepted:
        with pytest.raises(Undo), transaction.atomic():
            call()
            raise Undo
        return
    before = saved_state()
    with pytest.raises((PermissionDenied, ServiceError)):
        call()
    assert saved_state() == before, "a refused action saved something"


def state_id(state) -> str:
    status, private, series = state
    return f"{status}{'-private' if private else ''}{'-series' if series else ''}"


def make_state(member, state) -> Engagement:
    status, private, series = state
    engagement = make_engagement(member, start=at(2027, 1, 13, 10), title="Estate walkabout", status=status)
    engagement.is_private = private
    if series:
        engagement.series = RecurringSeries.objects.create(
            frequency="weekly", first_date=date(2027, 1, 13), until=date(2027, 2, 3), local_start=time(10)
        )
        engagement.occurrence_date = date(2027, 1, 13)
    engagement.save()
    return engagement


ENGAGEMENT_SERVICES = {
    E: lambda user, e: services.engagement_update(
        actor=user, engagement=e, data=_with_notes(e), members=list(e.members.all())
    ),
    C: lambda user, e: services.engagement_cancel(actor=user, engagement=e, reason="Weather warning"),
    S: lambda user, e: services.series_cancel_from(actor=user, engagement=e, reason="The surgery stops"),
}


def _with_notes(engagement):
    data = engagement_data_of(engagement)
    data.notes = "Bring the ward map"
    return data


@pytest.mark.parametrize("state", ENGAGEMENT_STATES, ids=state_id)
@pytest.mark.parametrize("persona", PERSONAS)
def test_engagement_policy_service_and_page_agree(client, world, member_a, persona, state):
    _check_engagement_cell(client, world[persona], persona, make_state(member_a, state), ENGAGEMENT[persona][state])


# With member_a allowing the officers who keep their diary to see private titles, their officer reads and changes
# private items as any other; the intern still sees "Busy", and nobody else's access changes.
SHARED = {**ENGAGEMENT, "officer_a": KEEPER}
PRIVATE_STATES = [state for state in ENGAGEMENT_STATES if state[1]]


@pytest.mark.parametrize("state", PRIVATE_STATES, ids=state_id)
@pytest.mark.parametrize("persona", PERSONAS)
def test_engagement_policy_with_private_titles_shared(client, world, member_a, head, persona, state):
    services.diary_preference_set(actor=head, member=member_a, officers_see_private_titles=True)
    _check_engagement_cell(client, world[persona], persona, make_state(member_a, state), SHARED[persona][state])


def _check_engagement_cell(client, user, persona, engagement, expected):
    # (i) the policy
    assert policy.available_actions(user, engagement) == expected
    assert policy.available_actions(user, None) == APP[persona]

    # (ii) the services: accepted exactly when available
    for action, call in ENGAGEMENT_SERVICES.items():
        check_service(action in expected, lambda call=call: call(user, Engagement.objects.get(pk=engagement.pk)))

    # (iii) the page: opens for those who may view it, shows the details only to those who may, and a control for
    # each action available
    client.force_login(user)
    response = client.get(reverse("diary:engagement", args=[engagement.pk]))
    assert response.status_code == (200 if V in expected else 403 if persona == "directorate_contact" else 404)
    if V in expected:
        html = response.content.decode()
        assert ("Estate walkabout" in html) == (D in expected)
        # its history (the audit trail of the record) is linked exactly where its title may be read
        page_actions = data_actions(response)
        assert ("record.history" in page_actions) == (D in expected)
        assert page_actions - {"record.history"} == (expected | APP[persona]) & ENGAGEMENT_PAGE
    if C in expected:
        cancel_page = client.get(reverse("diary:engagement-cancel", args=[engagement.pk]))
        assert data_actions(cancel_page) == expected & CANCEL_PAGE


def make_invitation(status, *, member_a, member_b) -> Invitation:
    fields = {
        "reference": f"INV-2026-{Invitation.objects.count() + 1:04d}",
        "member": member_a,
        "organisation": "Eastbridge Chamber of Commerce",
        "event_name": "Annual business awards",
        "event_date": date(2027, 2, 10),
        "start_time": time(18, 30),
        "end_time": time(20),
        "asks": ["attend", "speak"],
        "received_on": date(2026, 12, 2),
        "status": status,
    }
    if status == "delegated":
        fields["delegated_to"] = member_b
    return Invitation.objects.create(**fields)


@pytest.mark.parametrize("status", ["received", "accepted", "declined", "delegated"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_invitation_policy_service_and_page_agree(client, world, member_a, member_b, persona, status):
    user = world[persona]
    invitation = make_invitation(status, member_a=member_a, member_b=member_b)
    deputy = MemberFactory(name="Cllr James Whitmore", office=Member.Office.DEPUTY_MAYOR)
    expected = INVITATION[persona][status]

    assert policy.available_actions(user, invitation) == expected

    decisions = {
        ACC: lambda i: services.invitation_accept(actor=user, invitation=i, briefing_required=False),
        DEC: lambda i: services.invitation_decline(actor=user, invitation=i, reason="A prior engagement"),
        DEL: lambda i: services.invitation_delegate(actor=user, invitation=i, delegate=deputy, reason="Portfolio"),
    }
    for action, call in decisions.items():
        check_service(action in expected, lambda call=call: call(Invitation.objects.get(pk=invitation.pk)))

    client.force_login(user)
    response = client.get(reverse("diary:invitation", args=[invitation.pk]))
    assert response.status_code == (200 if IV in expected else 403 if persona == "directorate_contact" else 404)
    if IV in expected:
        assert data_actions(response) == (expected | APP[persona]) & INVITATION_PAGE
    letter = client.get(reverse("diary:invitation-reply", args=[invitation.pk]))
    if LET in expected:
        assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"
    else:  # 403 or 404 for those who may not open it; back to the invitation, saying why, for the rest
        assert letter.status_code in (302, 403, 404)
        assert letter.status_code != 302 or letter["Location"] == invitation.get_absolute_url()


@pytest.mark.parametrize("persona", PERSONAS)
def test_subscription_policy_service_and_page_agree(client, world, member_a, persona):
    user = world[persona]
    expected = FEED[persona]
    assert policy.available_actions(user, member_a) == expected
    check_service("feed.manage" in expected, lambda: services.feed_token_create(actor=user, member=member_a))
    check_service(
        "preferences.edit" in expected,
        lambda: services.diary_preference_set(actor=user, member=member_a, officers_see_private_titles=True),
    )
    client.force_login(user)
    response = client.get(reverse("diary:feed-manage", args=[member_a.pk]))
    assert response.status_code == (
        200 if "feed.view" in expected else 403 if persona == "directorate_contact" else 404
    )
    shown = MENU | {"feed.manage", "preferences.edit"}
    controls = (expected | APP[persona]) & shown if response.status_code == 200 else set()
    assert data_actions(response) == controls
    setting = client.get(reverse("diary:preferences", args=[member_a.pk]))
    assert (setting.status_code == 200) == ("preferences.edit" in expected)
    assert setting.status_code in (200, 403, 404)


def _a_diary_they_read(user, member_a):
    """A member whose diary the persona reads (member_a for those with none), so that only the action decides."""
    return selectors.diary_members(user).first() or member_a


@pytest.mark.parametrize("persona", PERSONAS)
def test_app_policy_services_and_calendar_agree(client, world, member_a, persona):
    user = world[persona]
    expected = APP[persona]
    member = _a_diary_they_read(user, member_a)
    assert policy.available_actions(user) == expected
    data = EngagementData(
        title="Ward walkabout", kind="site_visit", starts_at=at(2027, 1, 20, 10), ends_at=at(2027, 1, 20, 11)
    )
    check_service(
        "engagement.create" in expected,
        lambda: services.engagement_create(actor=user, data=data, members=[member]),
    )
    check_service(
        "invitation.record" in expected,
        lambda: services.invitation_record(
            actor=user,
            member=member,
            organisation="Residents' association",
            event_name="Summer fair",
            event_date=date(2027, 2, 10),
            start_time=time(12),
            end_time=time(13),
            asks=["open"],
            received_on=date(2026, 12, 2),
        ),
    )
    client.force_login(user)
    for name in ("diary:week", "diary:invitations", "diary:forward-look"):
        response = client.get(reverse(name))
        assert response.status_code == (200 if "diary.view" in expected else 403)
        assert data_actions(response) == expected & MENU


def test_an_officer_attending_another_members_engagement_opens_it_but_cannot_change_it(client, world, member_a):
    officer_b = world["officer_b"]
    open_one = make_engagement(member_a, start=at(2027, 1, 13, 10), title="Estate walkabout")
    private = make_engagement(member_a, start=at(2027, 1, 14, 10), title="Hospital appointment", is_private=True)
    for engagement in (open_one, private):
        engagement.attendee_officers.set([officer_b])
    assert policy.available_actions(officer_b, open_one) == {V, D}
    assert policy.available_actions(officer_b, private) == {V}
    check_service(False, lambda: services.engagement_cancel(actor=officer_b, engagement=open_one))
    client.force_login(officer_b)
    html = client.get(reverse("diary:engagement", args=[private.pk])).content.decode()
    assert "Hospital appointment" not in html and "Busy" in html


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_rules_written_as_filters_agree_with_the_rules(world, member_a, persona):
    """`visible_to` and the search filter for "Busy" items say the same as the policy's rules for each row."""
    user = world[persona]
    rows = [make_state(member_a, state) for state in ENGAGEMENT_STATES]
    visible = set(Engagement.objects.visible_to(user).values_list("pk", flat=True))
    hidden = set(Engagement.objects.filter(policy.hidden_details_q(user)).values_list("pk", flat=True))
    for row in rows:
        actions = policy.available_actions(user, row)
        assert (row.pk in visible) == (V in actions)
        if V in actions:
            assert (row.pk in hidden) == (D not in actions) == policy.masked(user, row)
