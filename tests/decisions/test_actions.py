"""The action tracker (issue 11): adding actions (by hand, from an agenda item or a decision, copying its
restriction), due dates on working days only, dated updates with status and RAG rating, changing and reopening,
the bulk change of status, the list with its filters and its pinned query count, and who sees what: a directorate
contact only their directorate's actions and their own and never a restricted one, an intern never a restricted
one and nothing to write."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from decisions.models import Action, ActionStatus, ActionUpdate, Decision, Rag
from decisions.services import actions as services
from mayoral_office.errors import Conflict, PermissionDenied, ServiceError
from mayoral_office.models import ClosureDay
from mayoral_office.roles import Role
from tests.decisions.factories import at, make_action, make_item, make_meeting
from tests.decisions.scenarios_pathway import make_decision
from tests.diary.factories import date_parts
from tests.mayoral_office.factories import DirectorateFactory, PortfolioFactory, UserFactory
from tests.query_counts import OFFICER, SIGNED_IN

pytestmark = pytest.mark.django_db

NEXT_FRIDAY = date(2026, 12, 11)  # the clock: Wednesday 2 December 2026


@pytest.fixture
def other_directorate(db):
    return DirectorateFactory(name="Children's Services", code="CHI")


@pytest.fixture
def tracker(directorate, other_directorate, directorate_contact, officer_a):
    """Four actions: the contact's directorate's, another directorate's, the contact's own, and a confidential one of
    the contact's directorate (which the contact must never see)."""
    return {
        "ours": make_action("Send the housing repairs figures", due_on=NEXT_FRIDAY, owner_directorate=directorate),
        "theirs": make_action("Review school places", due_on=NEXT_FRIDAY, owner_directorate=other_directorate),
        "own": make_action("Book the estate walkabout", due_on=date(2026, 12, 18), owner=directorate_contact),
        "secret": make_action(
            "Settle the Riverside staff grievance",
            due_on=NEXT_FRIDAY,
            owner_directorate=directorate,
            confidential=True,
            lead_officer=officer_a,
        ),
        "exempt": make_action(
            "Negotiate the depot lease", due_on=NEXT_FRIDAY, owner_directorate=directorate, exempt_category=3
        ),
    }


def _create(actor, **overrides):
    fields = {"description": "Circulate the revised savings plan", "due_on": NEXT_FRIDAY}
    fields.update(overrides)
    return services.action_create(actor=actor, **fields)


# --- adding an action -----------------------------------------------------------------------------------------------
def test_an_action_from_an_exempt_item_copies_its_restriction_and_its_meeting(exec_officer, officer_a, directorate):
    portfolio = PortfolioFactory(name="Housing")
    meeting = make_meeting()
    item = make_item(meeting, exempt_category=3, confidential=True, lead_officer=officer_a, portfolio=portfolio)
    action = _create(exec_officer, owner_directorate=directorate, agenda_item=item)
    assert action.meeting == meeting and action.agenda_item == item
    assert (action.confidential, action.exempt_category) == (True, 3)
    assert (action.lead_officer, action.portfolio) == (officer_a, portfolio)
    assert action.created_by == exec_officer and action.status == ActionStatus.OPEN and action.rag == Rag.GREEN


def test_an_action_from_a_decision_takes_its_item_meeting_and_restriction(exec_officer, directorate):
    meeting = make_meeting()
    item = make_item(meeting)
    decision = Decision.objects.create(
        reference="CLT/2026/001",
        title="Savings plan",
        text="Agreed",
        meeting=meeting,
        agenda_item=item,
        decision_maker="CLT",
        taken_on=date(2026, 12, 1),
        exempt_category=1,
    )
    action = _create(exec_officer, owner_directorate=directorate, decision=decision)
    assert (action.decision, action.agenda_item, action.meeting) == (decision, item, meeting)
    assert action.exempt_category == 1 and action.is_restricted


@pytest.mark.parametrize(
    ("due_on", "message"),
    [
        (date(2027, 1, 2), "Saturday 2 January 2027 is not a working day"),
        (date(2027, 1, 1), "Friday 1 January 2027 is not a working day (New Year's Day)"),
        (date(2026, 12, 29), "Tuesday 29 December 2026 is not a working day (Council closure)"),
    ],
)
def test_a_due_date_must_be_a_working_day(exec_officer, directorate, due_on, message):
    ClosureDay.objects.create(date=date(2026, 12, 29), reason="Council closure")
    with pytest.raises(ServiceError) as refused:
        _create(exec_officer, owner_directorate=directorate, due_on=due_on)
    assert message in refused.value.message and refused.value.field == "due_on"
    assert not Action.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"description": "   "}, "description", "Enter what needs to be done"),
        ({"description": "x" * 100_000}, "description", "The description must be 20,000 characters or fewer"),
        ({"owner_directorate": None}, "owner", "Choose who owns the action"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(exec_officer, directorate, overrides, field, message):
    with pytest.raises(ServiceError) as refused:
        _create(exec_officer, **{"owner_directorate": directorate, **overrides})
    assert message in refused.value.message and refused.value.field == field
    assert not Action.objects.exists()


def test_an_intern_cannot_own_an_action_nor_a_contact_a_confidential_one(exec_officer, intern, directorate_contact):
    with pytest.raises(ServiceError, match="intern"):
        _create(exec_officer, owner=intern)
    item = make_item(make_meeting(), confidential=True)
    with pytest.raises(ServiceError, match="may not see this action"):
        _create(exec_officer, owner=directorate_contact, agenda_item=item)
    assert not Action.objects.exists()


@pytest.mark.parametrize("persona", ["intern", "directorate_contact", "member_a_user"])
def test_only_the_office_adds_actions(request, persona, directorate):
    with pytest.raises(PermissionDenied):
        _create(request.getfixturevalue(persona), owner_directorate=directorate)


# --- updates --------------------------------------------------------------------------------------------------------
def test_a_directorate_contact_updates_their_directorates_action_and_done_records_the_day(
    tracker, directorate_contact, clock
):
    action = tracker["ours"]
    services.action_add_update(
        actor=directorate_contact, action=action, text="Figures with finance", status="in_progress", rag="amber"
    )
    clock.move_to("2026-12-04 15:00")
    services.action_add_update(actor=directorate_contact, action=action, text="Sent", status=ActionStatus.DONE)
    action.refresh_from_db()
    assert (action.status, action.rag, action.completed_on) == (ActionStatus.DONE, Rag.AMBER, date(2026, 12, 4))
    updates = list(action.updates.all())
    assert [u.text for u in updates] == ["Sent", "Figures with finance"]
    assert updates[0].author == directorate_contact and updates[0].written_at.date() == date(2026, 12, 4)
    with pytest.raises(ServiceError, match="This action is closed"):
        services.action_add_update(actor=directorate_contact, action=action, text="One more thing")


def test_an_update_on_an_out_of_date_page_is_refused(tracker, exec_officer, directorate_contact):
    action = tracker["ours"]
    seen = action.version
    services.action_add_update(actor=directorate_contact, action=action, text="First")
    with pytest.raises(Conflict):
        services.action_add_update(actor=exec_officer, action=action, text="Second", expected_version=seen)
    assert action.updates.count() == 1


@pytest.mark.parametrize(("persona", "key"), [("intern", "ours"), ("directorate_contact", "theirs")])
def test_who_may_not_update_is_refused(request, tracker, persona, key):
    with pytest.raises(PermissionDenied):
        services.action_add_update(actor=request.getfixturevalue(persona), action=tracker[key], text="Done it")
    assert not ActionUpdate.objects.exists()


def test_a_member_updates_the_action_they_own(exec_officer, member_a_user):
    action = _create(exec_officer, owner=member_a_user)
    services.action_add_update(actor=member_a_user, action=action, text="Spoke to the leader", rag="red")
    action.refresh_from_db()
    assert action.rag == Rag.RED


def test_changing_the_due_date_and_owner_is_noted_in_the_updates(tracker, exec_officer, other_directorate):
    action = tracker["ours"]
    services.action_edit(
        actor=exec_officer,
        action=action,
        description=action.description,
        due_on=date(2027, 1, 4),
        owner_directorate=other_directorate,
    )
    note = action.updates.get().text
    assert "Due date changed from Friday 11 December 2026 to Monday 4 January 2027." in note
    assert "Owner changed from Housing and Regeneration to Children's Services." in note
    with pytest.raises(ServiceError, match="Saturday 9 January 2027 is not a working day"):
        services.action_edit(
            actor=exec_officer, action=action, description="x", due_on=date(2027, 1, 9), owner=exec_officer
        )


def test_reopening_needs_a_reason_and_clears_the_completion(tracker, exec_officer, directorate_contact):
    action = tracker["ours"]
    services.action_add_update(actor=directorate_contact, action=action, text="Sent", status=ActionStatus.DONE)
    with pytest.raises(ServiceError, match="Enter why"):
        services.action_reopen(actor=exec_officer, action=action, reason=" ")
    with pytest.raises(PermissionDenied):
        services.action_reopen(actor=directorate_contact, action=action, reason="Not finished")
    services.action_reopen(actor=exec_officer, action=action, reason="The figures were wrong")
    action.refresh_from_db()
    assert (action.status, action.completed_on) == (ActionStatus.IN_PROGRESS, None)
    assert action.updates.first().text == "Reopened: The figures were wrong"


# --- bulk -----------------------------------------------------------------------------------------------------------
def test_bulk_status_writes_an_update_and_an_audit_entry_per_action(tracker, exec_officer):
    chosen = [tracker["ours"], tracker["theirs"]]
    before = LogEntry.objects.count()
    assert services.actions_bulk_status(actor=exec_officer, actions=chosen, status=ActionStatus.DONE) == 2
    for action in chosen:
        action.refresh_from_db()
        assert action.status == ActionStatus.DONE and action.completed_on == date(2026, 12, 2)
        assert action.updates.get().text == "Status set to Done (bulk update)."
        assert LogEntry.objects.get_for_object(action).filter(actor=exec_officer, pk__gt=before).exists()


def test_bulk_status_is_all_or_nothing(tracker, exec_officer):
    tracker["theirs"].status = ActionStatus.DROPPED
    tracker["theirs"].save()
    with pytest.raises(ServiceError, match="Review school places.*This action is closed"):
        services.actions_bulk_status(
            actor=exec_officer, actions=[tracker["ours"], tracker["theirs"]], status=ActionStatus.IN_PROGRESS
        )
    tracker["ours"].refresh_from_db()
    assert tracker["ours"].status == ActionStatus.OPEN and not ActionUpdate.objects.exists()


@pytest.mark.parametrize("persona", ["intern", "directorate_contact"])
def test_bulk_status_is_the_offices(request, tracker, persona):
    with pytest.raises(PermissionDenied):
        services.actions_bulk_status(
            actor=request.getfixturevalue(persona), actions=[tracker["ours"]], status=ActionStatus.DONE
        )


def test_bulk_status_from_the_list(client, tracker, exec_officer):
    client.force_login(exec_officer)
    back = reverse("decisions:actions") + "?status=still_open"
    ids = [tracker["ours"].pk, tracker["own"].pk]
    response = client.post(reverse("decisions:actions-bulk"), {"actions": ids, "status": "done", "back": back})
    assert response.status_code == 302 and response.url == back
    assert set(Action.objects.filter(status="done").values_list("pk", flat=True)) == set(ids)
    response = client.post(reverse("decisions:actions-bulk"), {"actions": [], "status": "done"}, follow=True)
    assert "Select at least one action" in response.content.decode()
    response = client.post(reverse("decisions:actions-bulk"), {"actions": ids, "status": ""}, follow=True)
    assert "Choose the status to set" in response.content.decode()
    response = client.post(
        reverse("decisions:actions-bulk"), {"actions": ids, "status": "done", "back": "https://evil.example/"}
    )
    assert response.url == reverse("decisions:actions")


# --- who sees what --------------------------------------------------------------------------------------------------
def _listed(client, query="?status="):
    response = client.get(reverse("decisions:actions") + query)
    assert response.status_code == 200
    return {a.description for a in response.context["page"].object_list}


def test_a_directorate_contact_sees_only_their_directorates_actions_and_their_own(client, tracker, directorate_contact):
    client.force_login(directorate_contact)
    assert _listed(client) == {"Send the housing repairs figures", "Book the estate walkabout"}
    assert _listed(client, "?mine=1") == {"Book the estate walkabout"}
    assert _listed(client, "?directorate=me") == {"Send the housing repairs figures"}
    assert _listed(client, "?q=grievance") == set() and _listed(client, "?q=depot") == set()
    assert _listed(client, "?q=school") == set()
    for key in ("secret", "exempt", "theirs"):
        assert client.get(reverse("decisions:action", args=[tracker[key].pk])).status_code == 404
        assert client.get(reverse("decisions:action-edit", args=[tracker[key].pk])).status_code == 404
        response = client.post(reverse("decisions:action", args=[tracker[key].pk]), {"text": "x", "version": 1})
        assert response.status_code == 404
    page = client.get(reverse("decisions:actions"), {"status": ""}).content.decode()
    assert "Negotiate the depot lease" not in page and "Riverside" not in page and "Children" not in page
    assert 'data-action="action.add"' not in page and 'data-action="action.bulk_update"' not in page


def test_an_intern_sees_no_restricted_action_and_cannot_write(client, tracker, intern):
    client.force_login(intern)
    assert _listed(client) == {
        "Send the housing repairs figures",
        "Review school places",
        "Book the estate walkabout",
    }
    assert client.get(reverse("decisions:action", args=[tracker["secret"].pk])).status_code == 404
    assert client.get(reverse("decisions:action", args=[tracker["exempt"].pk])).status_code == 404
    detail = client.get(reverse("decisions:action", args=[tracker["ours"].pk]))
    assert detail.status_code == 200 and detail.context["form"] is None
    assert client.post(reverse("decisions:action", args=[tracker["ours"].pk]), {"text": "x"}).status_code == 403
    assert client.get(reverse("decisions:action-create")).status_code == 403
    assert client.get(reverse("decisions:action-edit", args=[tracker["ours"].pk])).status_code == 403
    bulk = client.post(reverse("decisions:actions-bulk"), {"actions": [tracker["ours"].pk], "status": "done"})
    assert bulk.status_code == 403
    assert not ActionUpdate.objects.exists() and not Action.objects.filter(status="done").exists()


def test_the_head_sees_everything_and_a_read_of_a_restricted_action_is_logged(client, tracker, head):
    from mayoral_office.models import AccessLog

    client.force_login(head)
    assert len(_listed(client)) == 5
    assert client.get(reverse("decisions:action", args=[tracker["secret"].pk])).status_code == 200
    assert AccessLog.objects.filter(user=head, object_id=str(tracker["secret"].pk)).exists()


def test_a_user_with_no_part_in_decisions_is_refused(client, tracker):
    stranger = UserFactory(role=Role.BUDGET_HOLDER)
    client.force_login(stranger)
    assert client.get(reverse("decisions:actions")).status_code == 403
    assert client.get(reverse("decisions:action", args=[tracker["ours"].pk])).status_code in (403, 404)


def _arising_from(client, action) -> str:
    page = client.get(reverse("decisions:action", args=[action.pk]))
    assert page.status_code == 200
    return page.content.decode().split("Arising from</dt>")[1].split("</dd>")[0]


def test_an_actions_page_names_its_item_and_decision_only_if_the_reader_may_see_them(
    client, directorate, exec_officer, officer_a, intern
):
    """Seeing the action and its meeting is not seeing a confidential or exempt item or decision of that meeting."""
    meeting = make_meeting()
    secret_item = make_item(meeting, "Redundancies in the depot team", confidential=True, lead_officer=officer_a)
    exempt_decision = make_decision(
        "Terms agreed with the depot team's union", meeting=meeting, exempt_category=4, reference="CLT/2026/077"
    )
    action = make_action(
        "Brief the staff side",
        due_on=NEXT_FRIDAY,
        meeting=meeting,
        agenda_item=secret_item,
        decision=exempt_decision,
        owner_directorate=directorate,
    )
    for reader in (exec_officer, intern):
        client.force_login(reader)
        shown = _arising_from(client, action)
        assert meeting.body.name in shown  # the meeting: they may see it
        assert "Redundancies" not in shown and "Item:" not in shown
        assert "CLT/2026/077" not in shown and "Decision" not in shown
    # The lead officer of the item sees it named and linked; the Head sees both.
    client.force_login(officer_a)
    shown = _arising_from(client, action)
    assert "Item:" in shown and "Redundancies in the depot team" in shown
    assert reverse("decisions:agenda-item", args=[secret_item.pk]) in shown and "CLT/2026/077" not in shown


def test_an_open_item_and_decision_are_named_and_linked(client, directorate, exec_officer):
    meeting = make_meeting()
    item = make_item(meeting, "Budget monitoring, month 8")
    decision = make_decision("Note the forecast overspend", meeting=meeting, reference="CLT/2026/078")
    action = make_action(
        "Send the figures",
        due_on=NEXT_FRIDAY,
        meeting=meeting,
        agenda_item=item,
        decision=decision,
        owner_directorate=directorate,
    )
    client.force_login(exec_officer)
    shown = _arising_from(client, action)
    assert "Budget monitoring, month 8" in shown and reverse("decisions:agenda-item", args=[item.pk]) in shown
    assert "CLT/2026/078" in shown and reverse("decisions:decision", args=[decision.pk]) in shown
    by_hand = make_action("By hand", due_on=NEXT_FRIDAY, owner=exec_officer)
    assert "Added by hand" in _arising_from(client, by_hand)


def test_a_contact_who_sees_the_meeting_does_not_see_an_item_they_do_not_lead(
    client, directorate, directorate_contact, officer_a
):
    """A directorate contact sees a meeting through the open item they lead; another open item of it is not
    theirs, and an action of their directorate arising from it does not name it."""
    meeting = make_meeting()
    make_item(meeting, "Winter pressures", lead_officer=directorate_contact)
    other = make_item(meeting, "Libraries consultation results", lead_officer=officer_a)
    action = make_action(
        "Send the library figures",
        due_on=NEXT_FRIDAY,
        meeting=meeting,
        agenda_item=other,
        owner_directorate=directorate,
    )
    client.force_login(directorate_contact)
    shown = _arising_from(client, action)
    assert reverse("decisions:meeting", args=[meeting.pk]) in shown  # the meeting is theirs to see
    assert "Libraries consultation" not in shown and "Item:" not in shown


def test_the_meeting_filter_offers_only_meetings_the_reader_may_see(client, directorate, directorate_contact):
    seen = make_meeting(start=at(2026, 11, 24, 9, 30))
    make_item(seen, "Winter pressures", lead_officer=directorate_contact)
    unseen = make_meeting(start=at(2026, 11, 17, 9, 30))
    for meeting in (seen, unseen):
        make_action(f"From {meeting.pk}", due_on=NEXT_FRIDAY, meeting=meeting, owner_directorate=directorate)
    client.force_login(directorate_contact)
    response = client.get(reverse("decisions:actions"), {"status": ""})
    offered = {m.pk for m in response.context["filter"].form.fields["meeting"].queryset}
    assert offered == {seen.pk}
    assert "17 November 2026" not in response.content.decode().split('name="meeting"')[1].split("</select>")[0]
    # Both actions are listed (they are the directorate's); a tampered id of the unseen meeting is refused.
    assert _listed(client) == {f"From {seen.pk}", f"From {unseen.pk}"}
    response = client.get(reverse("decisions:actions"), {"meeting": unseen.pk})
    assert response.status_code == 200 and response.context["filter"].errors


def test_the_detail_page_reads_an_item_and_a_decision_once_each(client, directorate, exec_officer):
    meeting = make_meeting()
    plain = make_action("Plain", due_on=NEXT_FRIDAY, meeting=meeting, owner_directorate=directorate)
    sourced = make_action(
        "Sourced",
        owner_directorate=directorate,
        due_on=NEXT_FRIDAY,
        meeting=meeting,
        agenda_item=make_item(meeting),
        decision=make_decision(meeting=meeting),
    )
    client.force_login(exec_officer)

    def count(action) -> int:
        url = reverse("decisions:action", args=[action.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    assert count(sourced) == count(plain) + 2  # whether the user may see its item, and its decision


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_actions_page_with_its_item_and_decision_has_no_axe_violations(
    browser_page, live_server, seeded_after_flush, directorate, exec_officer
):
    import importlib

    from django.apps import apps

    from tests.browser.support import assert_no_axe_violations, sign_in

    importlib.import_module("decisions.migrations.0002_seed_bodies_and_stages").seed(apps, None)  # after a flush
    meeting = make_meeting()
    action = make_action(
        "Send the figures",
        due_on=NEXT_FRIDAY,
        meeting=meeting,
        agenda_item=make_item(meeting),
        decision=make_decision(meeting=meeting),
        owner_directorate=directorate,
    )
    sign_in(browser_page, live_server, exec_officer, next_path=action.get_absolute_url())
    browser_page.goto(live_server.url + action.get_absolute_url())
    assert browser_page.locator("main a[href^='/decisions/items/']").count() == 1
    assert_no_axe_violations(browser_page, context="an action from an item and a decision")


# --- the pages ------------------------------------------------------------------------------------------------------
def _form(**overrides):
    data = {"description": "Circulate the revised savings plan", "owner": "", "owner_directorate": ""}
    data.update(date_parts("due_on", NEXT_FRIDAY))
    data.update(overrides)
    return data


def test_an_officer_adds_an_action_by_hand(client, exec_officer, directorate):
    meeting = make_meeting()
    client.force_login(exec_officer)
    assert client.get(reverse("decisions:action-create")).status_code == 200
    data = _form(owner_directorate=directorate.pk, owner=exec_officer.pk, meeting=meeting.pk)
    response = client.post(reverse("decisions:action-create"), data)
    action = Action.objects.get()
    assert response.status_code == 302 and response.url == action.get_absolute_url()
    assert (action.owner, action.owner_directorate, action.meeting) == (exec_officer, directorate, meeting)


def test_an_action_added_from_an_agenda_item_is_as_restricted_as_the_item(client, exec_officer, directorate):
    item = make_item(make_meeting(), confidential=True, lead_officer=exec_officer)
    client.force_login(exec_officer)
    url = reverse("decisions:action-create") + f"?item={item.pk}"
    assert "It is restricted" in client.get(url).content.decode()
    assert client.post(url, _form(owner_directorate=directorate.pk)).status_code == 302
    assert Action.objects.get().confidential
    assert client.get(reverse("decisions:action-create") + "?item=99999999999999999999999").status_code == 404


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"description": ""}, "Enter what needs to be done"),
        ({"description": "x" * 100_000}, "The description must be 20,000 characters or fewer"),
        ({"due_on_0": "31", "due_on_1": "2", "due_on_2": "2027"}, "The due date must be a real date"),
        ({"due_on_0": "", "due_on_1": "", "due_on_2": ""}, "Enter the due date"),
        (date_parts("due_on", date(2027, 1, 2)), "Saturday 2 January 2027 is not a working day"),
        (date_parts("due_on", date(2026, 11, 30)), "The due date must be today or in the future"),
        ({"owner_directorate": ""}, "Choose who owns the action: a person, a directorate, or both"),
        ({"owner": "99999999999999999999"}, "Choose an owner from the list"),
        ({"meeting": "abc"}, "Choose a meeting from the list"),
    ],
)
def test_the_form_refuses_bad_input_with_a_message_and_saves_nothing(
    client, exec_officer, directorate, overrides, message
):
    client.force_login(exec_officer)
    response = client.post(
        reverse("decisions:action-create"), _form(**{"owner_directorate": directorate.pk, **overrides})
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert not Action.objects.exists()


def test_the_detail_page_takes_an_update(client, tracker, directorate_contact):
    action = tracker["ours"]
    client.force_login(directorate_contact)
    url = reverse("decisions:action", args=[action.pk])
    page = client.get(url).content.decode()
    assert 'data-action="action.update"' in page and 'data-action="action.edit"' not in page
    response = client.post(url, {"text": "", "status": "done", "version": action.version})
    assert "Enter the update" in response.content.decode()
    response = client.post(url, {"text": "x" * 100_000, "version": action.version})
    assert "The update must be 20,000 characters or fewer" in response.content.decode()
    response = client.post(url, {"text": "Figures sent", "status": "done", "rag": "", "version": action.version})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    response = client.post(url, {"text": "Again", "version": action.version - 1})
    assert response.status_code == 302  # a closed action: back to its page with the reason
    assert action.updates.count() == 1


def test_an_officer_changes_and_reopens_an_action(client, tracker, exec_officer, directorate):
    action = tracker["ours"]
    client.force_login(exec_officer)
    url = reverse("decisions:action-edit", args=[action.pk])
    assert client.get(url).status_code == 200
    data = _form(
        description="Send the repairs figures to CLT", owner_directorate=directorate.pk, version=action.version
    )
    assert client.post(url, data).status_code == 302
    stale = client.post(url, data)
    assert "Someone else changed this record" in stale.content.decode()
    services.action_add_update(actor=exec_officer, action=action, text="Sent", status=ActionStatus.DONE)
    action.refresh_from_db()
    reopen = reverse("decisions:action-reopen", args=[action.pk])
    assert (
        "Enter why the action is reopened"
        in client.post(reopen, {"reason": "", "version": action.version}).content.decode()
    )
    assert client.post(reopen, {"reason": "Wrong figures", "version": action.version}).status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS and action.description == "Send the repairs figures to CLT"


def test_the_list_filters_and_sorts(client, tracker, exec_officer, directorate, clock):
    done = make_action("Finished thing", due_on=date(2026, 11, 20), owner_directorate=directorate, status="done")
    late = make_action("Late thing", due_on=date(2026, 11, 27), owner_directorate=directorate, rag="red")
    meeting = make_meeting()
    from_meeting = make_action("From CLT", due_on=date(2027, 1, 8), owner=exec_officer, meeting=meeting)
    client.force_login(exec_officer)
    assert _listed(client, "?overdue=yes") == {"Late thing"}
    assert "Finished thing" not in _listed(client, "?status=still_open")
    assert _listed(client, "?status=done") == {done.description}
    assert _listed(client, "?rag=red") == {late.description}
    assert _listed(client, f"?meeting={meeting.pk}") == {from_meeting.description}
    assert _listed(client, f"?body={meeting.body.pk}") == {from_meeting.description}
    assert _listed(client, f"?owner={exec_officer.pk}") == {from_meeting.description}
    assert _listed(client, "?mine=1") == {from_meeting.description}
    assert _listed(client, "?due_from=2026-12-12&due_to=2027-01-31") == {"Book the estate walkabout", "From CLT"}
    assert _listed(client, "?q=REPAIRS figures") == {"Send the housing repairs figures"}
    response = client.get(reverse("decisions:actions") + "?ordering=-due")
    assert response.context["page"].object_list[0] == from_meeting
    for bad in ("?due_from=2027-02-31", "?owner=99999999999999999999999", "?directorate=abc", "?ordering=nope"):
        response = client.get(reverse("decisions:actions") + bad)
        assert response.status_code == 200 and response.context["filter"].errors, bad
    response = client.get(reverse("decisions:actions") + "?due_from=2027-01-10&due_to=2027-01-01")
    assert "The &#x27;due from&#x27; date must be before" in response.content.decode()


def test_the_list_pages_25_at_a_time(client, exec_officer, directorate):
    for n in range(30):
        make_action(f"Action {n:02d}", due_on=NEXT_FRIDAY, owner_directorate=directorate)
    client.force_login(exec_officer)
    assert len(_listed(client)) == 25 and len(_listed(client, "?page=2")) == 5


def _count_list(client, url):
    client.get(url)  # warm the caches (roles, permissions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200 and not response.context["filter"].errors
    return len(queries), len(response.context["page"].object_list)


@pytest.mark.parametrize(
    ("persona", "query"),
    [
        ("exec_officer", "?status="),
        ("exec_officer", "?mine=1&status=still_open&ordering=owner"),
        ("exec_officer", "?q=figures&overdue=no&due_from=2026-12-01"),
        ("directorate_contact", "?status="),
        ("directorate_contact", "?directorate=me&q=figures"),
        ("directorate_contact", "?mine=1&ordering=-due"),
    ],
)
def test_the_list_runs_the_same_queries_for_10_and_100_actions(request, client, directorate, persona, query):
    user = request.getfixturevalue(persona)
    meeting = make_meeting()

    def add(n):
        for i in range(n):
            owner = {"owner": user} if i % 2 else {"owner_directorate": directorate}
            make_action(f"Send the figures {i}", due_on=NEXT_FRIDAY, meeting=meeting, **owner)

    client.force_login(user)
    add(10)
    ten, rows = _count_list(client, reverse("decisions:actions") + query)
    add(90)
    hundred, more_rows = _count_list(client, reverse("decisions:actions") + query)
    assert rows >= 5 and more_rows > rows
    assert hundred == ten


def test_the_detail_page_runs_the_same_queries_for_1_and_20_updates(client, tracker, exec_officer):
    action = tracker["ours"]
    client.force_login(exec_officer)
    services.action_add_update(actor=exec_officer, action=action, text="First")
    url = reverse("decisions:action", args=[action.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(19):
        services.action_add_update(actor=exec_officer, action=action, text=f"Update {n}")
    with CaptureQueriesContext(connection) as twenty:
        assert client.get(url).content.decode().count("Update 1") >= 10
    assert len(twenty) == len(one)


LIST_QUERIES = [
    "the paginator's count",
    "the page's keys, in the list's order",
    "the page of actions, with their owners, directorates and meetings' bodies",
    "the filter's owners: those owning an action the user may see",
    "the filter's directorates: those owning an action the user may see",
    "the filter's bodies: those whose meetings an action the user may see arose from",
    "the filter's meetings: those an action the user may see arose from",
]
PAGES = {
    "officer's list": ("exec_officer", "list", SIGNED_IN + OFFICER + LIST_QUERIES),
    "contact's list": ("directorate_contact", "list", SIGNED_IN + LIST_QUERIES + ["the contact's own directorate"]),
    "officer's action": (
        "exec_officer",
        "detail",
        SIGNED_IN
        + OFFICER
        + [
            "the action with its owners, meeting and body, item, decision and author, through the access rule",
            "its updates, with their authors",
            "whether the user may see its meeting (to link to it)",
            "its chase history, with whom and in which email (the page's Chasing)",
        ],
    ),
}


@pytest.mark.parametrize("name", PAGES)
def test_each_page_runs_its_pinned_queries(request, client, directorate, django_assert_num_queries, name):
    persona, kind, queries = PAGES[name]
    user = request.getfixturevalue(persona)
    meeting = make_meeting()
    actions = [
        make_action(f"Send {n}", due_on=NEXT_FRIDAY, meeting=meeting, owner_directorate=directorate) for n in range(3)
    ]
    url = (
        reverse("decisions:actions") + "?status="
        if kind == "list"
        else reverse("decisions:action", args=[actions[0].pk])
    )
    client.force_login(user)
    client.get(url)  # warm the caches (roles, permissions, the menu)
    with django_assert_num_queries(len(queries)):
        assert client.get(url).status_code == 200


def test_the_list_opens_on_the_actions_still_to_do(client, exec_officer, directorate):
    make_action("Send the figures", due_on=NEXT_FRIDAY, owner_directorate=directorate)
    make_action("Book the room", due_on=NEXT_FRIDAY, owner_directorate=directorate, status="done")
    client.force_login(exec_officer)
    response = client.get(reverse("decisions:actions"), follow=True)
    assert response.redirect_chain[0][0].endswith("?status=still_open")
    assert [a.description for a in response.context["page"].object_list] == ["Send the figures"]
