"""The decision register (issue 11): publishing a decision (an executive decision's call-in period and the day it
takes effect), calling it in, implementing it; the register's list, search, filters and CSV; bad input; query
counts; who may see what. Today is Wednesday 2 December 2026."""

import csv
import io
from datetime import date

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from decisions import policy
from decisions.models import Decision, DecisionStatus, PathwayStatus
from decisions.services import pathway as services
from mayoral_office.errors import PermissionDenied, ServiceError
from mayoral_office.models import ClosureDay
from tests.decisions.factories import at, make_meeting, make_pathway_item
from tests.decisions.scenarios_pathway import make_decision

pytestmark = pytest.mark.django_db


def cabinet_on(y, m, d):
    return make_meeting("CAB", start=at(y, m, d, 18, 30))


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


# --- publishing ------------------------------------------------------------------------------------------------
def test_publishing_an_executive_decision_sets_its_call_in_period_and_effective_date(client, officer_a):
    decision = make_decision(meeting=cabinet_on(2026, 11, 24))
    client.force_login(officer_a)
    url = reverse("decisions:decision-publish", args=[decision.pk])
    assert client.post(url, {"on_0": "26", "on_1": "11", "on_2": "2026"}).status_code == 302
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PUBLISHED
    # Published Thursday 26 November: call-in to the end of Thursday 3 December; in effect Friday 4 December.
    assert (decision.published_on, decision.call_in_ends_on, decision.effective_on) == (
        date(2026, 11, 26),
        date(2026, 12, 3),
        date(2026, 12, 4),
    )
    page = client.get(decision.get_absolute_url()).text
    assert "3 December 2026" in page and "4 December 2026" in page
    assert 'data-action="decision.call_in"' in page and 'data-action="decision.publish"' not in page


def test_a_decision_of_a_body_that_takes_no_executive_decisions_takes_effect_on_publication(officer_a):
    decision = make_decision(meeting=make_meeting("CLT", start=at(2026, 11, 24, 9, 30)))
    services.decision_publish(actor=officer_a, decision=decision, on=date(2026, 11, 25))
    decision.refresh_from_db()
    assert (decision.call_in_ends_on, decision.effective_on) == (None, date(2026, 11, 25))


def test_a_member_acting_alone_takes_an_executive_decision(officer_a):
    decision = make_decision(meeting=None, taken_on=date(2026, 11, 20))
    services.decision_publish(actor=officer_a, decision=decision, on=date(2026, 11, 23))
    decision.refresh_from_db()
    assert (decision.call_in_ends_on, decision.effective_on) == (date(2026, 11, 30), date(2026, 12, 1))


def test_publishing_a_decision_decides_its_pathway_item(officer_a, directorate):
    item = make_pathway_item(
        directorate=directorate, decision_meeting=cabinet_on(2026, 11, 24), status=PathwayStatus.IN_PROGRESS
    )
    decision = make_decision(meeting=item.decision_meeting, pathway_item=item)
    services.decision_publish(actor=officer_a, decision=decision, on=date(2026, 11, 26))
    item.refresh_from_db()
    assert item.status == PathwayStatus.DECIDED and item.decision_published_on == date(2026, 11, 26)
    assert item.notes.filter(text__startswith=f"Decision {decision.reference} published on 26 November 2026").exists()


@pytest.mark.parametrize(
    ("on", "message"),
    [
        (date(2026, 12, 3), "cannot be in the future"),
        (date(2026, 11, 23), "cannot be published before it was taken (24 November 2026)"),
    ],
)
def test_a_publication_date_out_of_order_is_refused(officer_a, on, message):
    decision = make_decision(meeting=cabinet_on(2026, 11, 24))
    with pytest.raises(ServiceError, match=message.replace("(", r"\(").replace(")", r"\)")):
        services.decision_publish(actor=officer_a, decision=decision, on=on)
    decision.refresh_from_db()
    assert decision.published_on is None and decision.status == DecisionStatus.MADE


def test_a_date_that_does_not_exist_gets_a_clear_message(client, officer_a):
    decision = make_decision(meeting=cabinet_on(2026, 11, 24))
    client.force_login(officer_a)
    response = client.post(
        reverse("decisions:decision-publish", args=[decision.pk]), {"on_0": "31", "on_1": "2", "on_2": "2027"}
    )
    assert response.status_code == 200 and "The date published must be a real date" in response.text
    decision.refresh_from_db()
    assert decision.published_on is None


def test_a_decision_is_published_once(officer_a):
    decision = make_decision(meeting=cabinet_on(2026, 11, 24))
    services.decision_publish(actor=officer_a, decision=decision, on=date(2026, 11, 26))
    with pytest.raises(ServiceError, match="already published"):
        services.decision_publish(actor=officer_a, decision=decision, on=date(2026, 11, 27))


# --- call-in and implementation --------------------------------------------------------------------------------
def test_calling_in_a_decision_during_its_call_in_period(client, officer_a, clock):
    decision = make_decision(meeting=cabinet_on(2026, 11, 24))
    services.decision_publish(actor=officer_a, decision=decision, on=date(2026, 11, 26))
    client.force_login(officer_a)
    url = reverse("decisions:decision-call-in", args=[decision.pk])
    response = client.post(url, {"reason": "x" * 100_000})
    assert response.status_code == 200 and "must be 20,000 characters or fewer" in response.text
    assert client.post(url, {"reason": ""}).status_code == 200
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PUBLISHED
    assert client.post(url, {"reason": "Five members asked for it."}).status_code == 302
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.CALLED_IN and decision.effective_on is None
    assert "Not while it is called in" in client.get(decision.get_absolute_url()).text


def test_a_decision_cannot_be_called_in_after_its_call_in_period(officer_a, clock):
    decision = make_decision(meeting=cabinet_on(2026, 11, 24))
    services.decision_publish(actor=officer_a, decision=decision, on=date(2026, 11, 26))
    clock.move_to("2026-12-04 09:00")
    with pytest.raises(ServiceError, match="only during its call-in period"):
        services.decision_call_in(actor=officer_a, decision=decision, reason="Too late")


def test_implementing_a_decision_once_it_has_taken_effect(client, officer_a, clock):
    decision = make_decision(meeting=cabinet_on(2026, 11, 24))
    services.decision_publish(actor=officer_a, decision=decision, on=date(2026, 11, 26))
    client.force_login(officer_a)
    url = reverse("decisions:decision-implement", args=[decision.pk])
    response = client.post(url, follow=True)
    assert "It takes effect on 4 December 2026: it can be implemented from then" in response.text
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PUBLISHED
    clock.move_to("2026-12-04 09:00")
    client.force_login(officer_a)  # a new day: the idle session has ended
    response = client.post(url, follow=True)
    assert "Decision marked as implemented" in response.text
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.IMPLEMENTED
    assert client.get(url).status_code == 405  # a change is never a GET


# --- the outcome of a call-in ------------------------------------------------------------------------------------
def _called_in(officer, **fields) -> Decision:
    """A Cabinet decision published on Thursday 26 November (call-in to 3 December) and called in today."""
    decision = make_decision(meeting=cabinet_on(2026, 11, 24), **fields)
    services.decision_publish(actor=officer, decision=decision, on=date(2026, 11, 26))
    services.decision_call_in(actor=officer, decision=decision, reason="Five members asked for it.")
    decision.refresh_from_db()
    return decision


def _outcome_entries(decision) -> list[tuple]:
    entries = LogEntry.objects.get_for_object(decision).filter(changes__has_key="call_in_outcome").order_by("pk")
    return [(e.actor_id, e.changes["call_in_outcome"][1], e.additional_data["note"]) for e in entries]


def test_a_called_in_decision_confirmed_takes_effect_on_the_next_working_day(client, officer_a, directorate, clock):
    item = make_pathway_item(directorate=directorate, status=PathwayStatus.DECIDED)
    decision = _called_in(officer_a, pathway_item=item)
    client.force_login(officer_a)
    page = client.get(decision.get_absolute_url()).text
    assert 'data-action="decision.resolve_call_in"' in page and 'data-action="decision.implement"' not in page
    url = reverse("decisions:decision-resolve-call-in", args=[decision.pk])
    form = client.get(url).text
    assert 'data-action="decision.resolve_call_in"' in form and "Referred back to the decision-maker" in form

    note = "Overview and Scrutiny Committee, 2 December: no further action."
    response = client.post(url, {"outcome": "confirmed", "note": note}, follow=True)
    assert "Outcome of the call-in recorded" in response.text
    decision.refresh_from_db()
    # Today is Wednesday 2 December: it takes effect on Thursday 3 December.
    assert (decision.status, decision.effective_on) == (DecisionStatus.PUBLISHED, date(2026, 12, 3))
    assert decision.call_in_ends_on == date(2026, 12, 3)  # the statutory period as it was
    assert _outcome_entries(decision) == [
        (officer_a.pk, "confirmed", f"Confirmed after call-in: takes effect 3 December 2026. {note}")
    ]
    assert item.notes.filter(
        text=f"Decision {decision.reference} confirmed after call-in: takes effect 3 December 2026. {note}"
    ).exists()
    # Called in once: never again, though its call-in period has a day to run; implemented once in effect.
    page = response.text
    assert "3 December 2026" in page.split('id="effective"')[1].split("</dd>")[0]
    assert 'data-action="decision.call_in"' not in page and 'data-action="decision.resolve_call_in"' not in page
    with pytest.raises(ServiceError, match="called in and confirmed: a decision is called in once"):
        services.decision_call_in(actor=officer_a, decision=decision, reason="Again")
    clock.move_to("2026-12-03 09:00")
    services.decision_implement(actor=officer_a, decision=decision)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.IMPLEMENTED


def test_a_decision_confirmed_over_a_weekend_takes_effect_on_monday(officer_a, clock):
    decision = _called_in(officer_a)
    clock.move_to("2026-12-04 16:00")  # Friday
    services.decision_resolve_call_in(actor=officer_a, decision=decision, outcome="confirmed", note="No action.")
    decision.refresh_from_db()
    assert decision.effective_on == date(2026, 12, 7)


def test_a_called_in_decision_referred_back_is_not_implemented_until_reconsidered(
    client, officer_a, directorate, clock
):
    item = make_pathway_item(directorate=directorate, status=PathwayStatus.DECIDED)
    decision = _called_in(officer_a, pathway_item=item)
    client.force_login(officer_a)
    url = reverse("decisions:decision-resolve-call-in", args=[decision.pk])
    note = "Overview and Scrutiny Committee, 2 December: referred back to Cabinet on the consultation."
    assert client.post(url, {"outcome": "withdrawn", "note": note}).status_code == 302
    decision.refresh_from_db()
    assert (decision.status, decision.effective_on) == (DecisionStatus.CALLED_IN, None)
    assert _outcome_entries(decision) == [
        (officer_a.pk, "withdrawn", f"Referred back: a new decision will be recorded. {note}")
    ]
    assert item.notes.filter(
        text=f"Decision {decision.reference} referred back: a new decision will be recorded. {note}"
    ).exists()
    page = client.get(decision.get_absolute_url()).text
    assert "Not while it is called in" in page and 'data-action="decision.implement"' not in page
    with pytest.raises(ServiceError, match="not been called in"):
        services.decision_implement(actor=officer_a, decision=decision)
    # Referred back once: a second referral is refused, on the form, with nothing saved.
    response = client.post(url, {"outcome": "withdrawn", "note": "Again"})
    assert response.status_code == 200 and "It has already been referred back" in response.text
    assert len(_outcome_entries(decision)) == 1
    # The decision-maker reconsiders and confirms it: it takes effect the next working day.
    clock.move_to("2026-12-15 10:00")
    client.force_login(officer_a)
    assert client.post(url, {"outcome": "confirmed", "note": "Cabinet, 15 December: confirmed."}).status_code == 302
    decision.refresh_from_db()
    assert (decision.status, decision.effective_on) == (DecisionStatus.PUBLISHED, date(2026, 12, 16))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"outcome": "confirmed", "note": ""}, "Enter what was decided, by whom and when"),
        ({"outcome": "confirmed", "note": "x" * 100_000}, "must be 20,000 characters or fewer"),
        ({"note": "Scrutiny met."}, "Choose the outcome of the call-in"),
        ({"outcome": "rescinded", "note": "Scrutiny met."}, "Choose an outcome"),
    ],
)
def test_bad_input_on_the_outcome_gets_a_clear_message_and_saves_nothing(client, officer_a, data, message):
    decision = _called_in(officer_a)
    client.force_login(officer_a)
    response = client.post(reverse("decisions:decision-resolve-call-in", args=[decision.pk]), data)
    assert response.status_code == 200 and message in response.text
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.CALLED_IN and not _outcome_entries(decision)


def test_the_service_refuses_an_unknown_outcome_and_a_missing_note(officer_a):
    decision = _called_in(officer_a)
    with pytest.raises(ServiceError, match="Choose the outcome"):
        services.decision_resolve_call_in(actor=officer_a, decision=decision, outcome="rescinded", note="x")
    with pytest.raises(ServiceError, match="Enter what was decided"):
        services.decision_resolve_call_in(actor=officer_a, decision=decision, outcome="confirmed", note=" ")


def test_only_a_called_in_decision_has_an_outcome_and_only_the_office_records_it(
    client, officer_a, intern, directorate_contact
):
    published = make_decision(meeting=cabinet_on(2026, 11, 24))
    services.decision_publish(actor=officer_a, decision=published, on=date(2026, 11, 26))
    with pytest.raises(ServiceError, match="Only a called-in decision waits for the outcome"):
        services.decision_resolve_call_in(actor=officer_a, decision=published, outcome="confirmed", note="x")
    client.force_login(officer_a)
    assert 'data-action="decision.resolve_call_in"' not in client.get(published.get_absolute_url()).text
    response = client.get(reverse("decisions:decision-resolve-call-in", args=[published.pk]), follow=True)
    assert "Only a called-in decision waits for the outcome of its call-in" in response.text
    called_in = _called_in(officer_a)
    for user in (intern, directorate_contact):
        with pytest.raises(PermissionDenied):
            services.decision_resolve_call_in(actor=user, decision=called_in, outcome="confirmed", note="x")
    client.force_login(intern)
    assert 'data-action="decision.resolve_call_in"' not in client.get(called_in.get_absolute_url()).text
    response = client.post(
        reverse("decisions:decision-resolve-call-in", args=[called_in.pk]), {"outcome": "confirmed", "note": "x"}
    )
    assert response.status_code == 403
    called_in.refresh_from_db()
    assert called_in.status == DecisionStatus.CALLED_IN


def test_a_closure_day_moves_a_confirmed_decision_from_its_confirmation_not_its_publication(head, officer_a, clock):
    decision = _called_in(officer_a)
    clock.move_to("2026-12-04 16:00")  # confirmed on Friday: in effect on Monday 7 December
    services.decision_resolve_call_in(actor=officer_a, decision=decision, outcome="confirmed", note="No action.")
    ClosureDay.objects.create(date=date(2026, 12, 7), reason="Council closure")
    services.pathway_recalculate_for_closure_day(actor=head, changed_day=date(2026, 12, 7), note="Added")
    decision.refresh_from_db()
    # Counted from its publication it would take effect on 4 December; from its confirmation, on Tuesday.
    assert (decision.call_in_ends_on, decision.effective_on) == (date(2026, 12, 3), date(2026, 12, 8))


def test_a_closure_day_in_what_was_left_of_the_call_in_period_moves_both_dates(head, officer_a):
    decision = _called_in(officer_a)
    services.decision_resolve_call_in(actor=officer_a, decision=decision, outcome="confirmed", note="No action.")
    ClosureDay.objects.create(date=date(2026, 12, 3), reason="Council closure")
    services.pathway_recalculate_for_closure_day(actor=head, changed_day=date(2026, 12, 3), note="Added")
    decision.refresh_from_db()
    assert (decision.call_in_ends_on, decision.effective_on) == (date(2026, 12, 4), date(2026, 12, 4))
    assert "decision.call_in" not in policy.available_actions(officer_a, decision)  # still called in once


# --- the register ----------------------------------------------------------------------------------------------
def test_the_register_lists_searches_and_filters(client, officer_a):
    cabinet = cabinet_on(2026, 11, 24)
    leisure = make_decision("Approve the leisure centre refurbishment", meeting=cabinet, key_decision=True)
    services.decision_publish(actor=officer_a, decision=leisure, on=date(2026, 11, 26))
    parking = make_decision("Parking charges", meeting=make_meeting("CLT", start=at(2026, 11, 10, 9, 30)))
    client.force_login(officer_a)

    def listed(**query):
        text = client.get(reverse("decisions:register"), query).text
        return {d.reference for d in (leisure, parking) if f'data-reference="{d.reference}"' in text}

    assert listed() == {leisure.reference, parking.reference}
    assert listed(q="leisure") == {leisure.reference}
    assert listed(status="published") == {leisure.reference}
    assert listed(key_decision="no") == {parking.reference}
    assert listed(body=cabinet.body_id) == {leisure.reference}
    assert listed(taken_from="2026-11-20") == {leisure.reference}
    assert listed(taken_to="2026-11-20") == {parking.reference}
    bad = client.get(reverse("decisions:register"), {"taken_from": "2027-02-31"}).text
    assert "Enter a real date" in bad
    backwards = client.get(reverse("decisions:register"), {"taken_from": "2026-12-01", "taken_to": "2026-11-01"}).text
    assert "The &#x27;from&#x27; date must be before the &#x27;to&#x27; date" in backwards
    row = (
        client.get(reverse("decisions:register"))
        .text.split(f'data-reference="{leisure.reference}"')[1]
        .split("</tr>")[0]
    )
    assert "26 November 2026" in row and "3 December 2026" in row and "4 December 2026" in row and "Published" in row


def test_the_register_csv(client, officer_a):
    decision = make_decision(meeting=cabinet_on(2026, 11, 24), key_decision=True)
    services.decision_publish(actor=officer_a, decision=decision, on=date(2026, 11, 26))
    client.force_login(officer_a)
    rows = csv_rows(client.get(reverse("decisions:register-csv")))
    assert rows[0][:3] == ["Reference", "Decision", "Decision-maker"]
    assert rows[1] == [
        decision.reference,
        decision.title,
        "Cabinet",
        "Cabinet 2026-11-24",
        "2026-11-24",
        "Yes",
        "2026-11-26",
        "2026-12-03",
        "2026-12-04",
        "Published",
        "",
        "",
    ]
    response = client.get(reverse("decisions:register-csv"), {"taken_from": "nonsense"})
    assert response["Content-Type"].startswith("text/html") and "Enter a real date" in response.text


def _queries(client, url, **query) -> int:
    client.get(url, query)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, query).status_code == 200
    return len(captured)


def test_the_register_runs_the_same_queries_for_10_and_100_decisions(client, officer_a):
    meetings = [cabinet_on(2026, 11, 24), make_meeting("CLT", start=at(2026, 11, 10, 9, 30)), None]

    def add(count):
        for n in range(count):
            make_decision(f"Decision {n}", meeting=meetings[n % 3], lead_officer=officer_a if n % 2 else None)

    client.force_login(officer_a)
    url = reverse("decisions:register")
    add(10)
    ten = (_queries(client, url), _queries(client, url, q="Decision"), _queries(client, url, ordering="-published"))
    add(90)
    assert (
        _queries(client, url),
        _queries(client, url, q="Decision"),
        _queries(client, url, ordering="-published"),
    ) == ten


def test_the_register_csv_runs_the_same_queries_for_10_and_100_decisions(client, officer_a):
    meeting = cabinet_on(2026, 11, 24)
    client.force_login(officer_a)
    url = reverse("decisions:register-csv")

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            csv_rows(client.get(url))
        return len(captured)

    for n in range(10):
        make_decision(f"Decision {n}", meeting=meeting)
    count()  # warm: the session and the user's roles, kept in the cache
    ten = count()
    for n in range(90):
        make_decision(f"More {n}", meeting=meeting)
    assert count() == ten


# --- who may see what ------------------------------------------------------------------------------------------
@pytest.fixture
def register(db):
    meeting = cabinet_on(2026, 11, 24)
    return (
        make_decision("Open decision", meeting=meeting),
        make_decision("Secret decision", meeting=meeting, confidential=True),
        make_decision("Exempt decision", meeting=meeting, exempt_category=3),
    )


@pytest.mark.parametrize("persona", ["intern", "directorate_contact"])
def test_no_restricted_decision_reaches_an_intern_or_a_directorate_contact(request, client, register, persona):
    user = request.getfixturevalue(persona)
    Decision.objects.update(lead_officer=user)  # even one they lead, if it is restricted
    client.force_login(user)
    listing = client.get(reverse("decisions:register")).text
    searched = client.get(reverse("decisions:register"), {"q": "decision"}).text
    exported = str(csv_rows(client.get(reverse("decisions:register-csv"))))
    for shown in (listing, searched, exported):
        assert "Secret decision" not in shown and "Exempt decision" not in shown
    if persona == "intern":
        assert "Open decision" in listing and "Open decision" in exported
    for decision in register[1:]:
        for name in ("decision", "decision-publish", "decision-call-in", "decision-resolve-call-in"):
            assert client.get(reverse(f"decisions:{name}", args=[decision.pk])).status_code == 404
        assert client.post(reverse("decisions:decision-implement", args=[decision.pk])).status_code == 404


def test_only_the_office_publishes(intern, register):
    with pytest.raises(PermissionDenied):
        services.decision_publish(actor=intern, decision=register[0])


def test_a_pathway_item_the_user_may_not_see_is_not_linked_from_its_decision(client, officer_a, directorate, register):
    secret = make_pathway_item("Secret item", directorate=directorate, confidential=True)
    open_decision = register[0]
    open_decision.pathway_item = secret
    open_decision.save()
    client.force_login(officer_a)
    page = client.get(open_decision.get_absolute_url()).text
    assert "Secret item" not in page and secret.reference not in page


def test_a_decision_id_no_database_can_hold_is_not_found(client, officer_a):
    client.force_login(officer_a)
    assert client.get(f"/decisions/register/{'9' * 30}/").status_code == 404


# --- accessibility ---------------------------------------------------------------------------------------------
@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_call_in_outcome_pages_have_no_axe_violations(browser_page, live_server, head, officer_a):
    from importlib import import_module

    from django.apps import apps as django_apps
    from playwright.sync_api import expect

    from tests.browser.support import assert_no_axe_violations, sign_in

    # An earlier transactional test may have flushed the seeded bodies, stages and rules: put them back.
    import_module("decisions.migrations.0002_seed_bodies_and_stages").seed(django_apps, None)
    decision = _called_in(officer_a)
    page = browser_page
    sign_in(page, live_server, head, next_path=decision.get_absolute_url())
    outcome = reverse("decisions:decision-resolve-call-in", args=[decision.pk])
    for path in (decision.get_absolute_url(), outcome):
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1, path
        assert_no_axe_violations(page, context=path)
    page.goto(live_server.url + outcome)
    page.click("main form button.govuk-button")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the outcome of the call-in")
    assert_no_axe_violations(page, context="call-in outcome with errors")
    page.check("input[value=confirmed]")
    page.fill("#id_note", "Overview and Scrutiny Committee: no further action.")
    page.click("main form button.govuk-button")
    expect(page.locator("#effective")).to_contain_text("3 December 2026")
