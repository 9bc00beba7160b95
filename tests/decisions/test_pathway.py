"""The Decision Pathway (issue 11): proposals with the key-decision rule, their stages, the statutory dates on the
item page with why, flags at risk and in breach, moving the decision meeting, closure days, bad input, query counts
and who may see what. Today is Wednesday 2 December 2026 (tests/decisions/conftest.py)."""

from datetime import date, timedelta
from decimal import Decimal
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from decisions import deadlines
from decisions import pathway as helper
from decisions.models import DecisionSettings, PathwayItem, PathwayNote, PathwayStage, PathwayStatus, PathwayStep
from decisions.selectors import pathway as selectors
from decisions.services import pathway as services
from mayoral_office.errors import PermissionDenied, ServiceError
from mayoral_office.models import ClosureDay
from tests.decisions.factories import at, make_meeting, make_pathway_item
from tests.decisions.scenarios_pathway import cabinet
from tests.mayoral_office.factories import PortfolioFactory, WardFactory

pytestmark = pytest.mark.django_db


def _post_item(client, **overrides):
    """The proposal form as an officer fills it in (a key decision worth £750,000 for Cabinet on 12 January)."""
    data = {
        "title": "Leisure centre refurbishment",
        "summary": "Refurbish the Riverside leisure centre.",
        "directorate": overrides.pop("directorate").pk,
        "value": "£750,000",
        "key_decision": "yes",
        "stages": [s.pk for s in PathwayStage.objects.filter(only_where_needed=False)],
        **overrides,
    }
    return client.post(reverse("decisions:pathway-create"), {k: v for k, v in data.items() if v is not None})


# --- the item page: acceptance 1 -------------------------------------------------------------------------------
def test_the_item_page_shows_the_dates_for_cabinet_on_12_january_2027_with_why(client, officer_a, directorate):
    item = make_pathway_item(directorate=directorate, key_decision=True, decision_meeting=cabinet())
    client.force_login(officer_a)
    page = client.get(item.get_absolute_url()).content.decode()
    forward_plan = page.split('id="date-forward_plan"')[1].split("</tr>")[0]
    report = page.split('id="date-report"')[1].split("</tr>")[0]
    assert 'data-due="2026-12-14"' in forward_plan and "Monday 14 December 2026" in forward_plan
    assert 'data-due="2027-01-04"' in report and "Monday 4 January 2027" in report
    assert "Why this date" in forward_plan and "29 calendar days back is Monday 14 December 2026" in forward_plan
    assert "on the 6th working day before the meeting: Monday 4 January 2027" in report
    call_in = page.split('id="date-call_in"')[1].split("</tr>")[0]
    effective = page.split('id="date-effective"')[1].split("</tr>")[0]
    assert 'data-due="2027-01-21"' in call_in and 'data-due="2027-01-22"' in effective
    assert 'data-state="due"' in page.split('id="date-forward_plan"')[1][:40]


def test_the_item_page_without_a_decision_meeting_says_the_dates_wait_for_it(client, officer_a, directorate):
    item = make_pathway_item(directorate=directorate)
    client.force_login(officer_a)
    assert "planned once the meeting that takes the decision is known" in client.get(item.get_absolute_url()).text


# --- adding a proposal and the key-decision rule -----------------------------------------------------------------
def test_an_officer_adds_a_proposal_with_its_stages_and_a_reference(client, officer_a, directorate):
    meeting = cabinet()
    client.force_login(officer_a)
    response = _post_item(client, directorate=directorate, decision_meeting=meeting.pk)
    item = PathwayItem.objects.get()
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()
    assert item.reference == "DP/2026/001"
    assert item.value == Decimal("750000") and item.key_decision and item.decision_meeting == meeting
    assert [s.stage.name for s in item.steps.all()] == [
        "Directorate Leadership Team",
        "CLT",
        "Mayor's Advisory Board",
        "Cabinet",
    ]
    notes = list(item.notes.values_list("text", flat=True))
    assert any(
        n.startswith("Decision meeting set: Cabinet 12 January 2027: Forward Plan by 14 Dec 2026") for n in notes
    )


def test_references_are_numbered_per_year_and_never_repeat(officer_a, directorate, clock):
    make_pathway_item(directorate=directorate, reference="DP/2026/007")
    first = services.pathway_create(actor=officer_a, title="A", directorate=directorate, key_decision=False)
    assert first.reference == "DP/2026/008"
    clock.move_to("2027-01-05 09:00")
    assert services.pathway_create(
        actor=officer_a, title="B", directorate=directorate, key_decision=False
    ).reference == ("DP/2027/001")


def test_an_answer_that_differs_from_the_rule_needs_a_reason(officer_a, directorate):
    wards = [WardFactory(name="Riverside"), WardFactory(name="Northgate")]
    with pytest.raises(ServiceError) as refused:
        services.pathway_create(
            actor=officer_a, title="Depot", directorate=directorate, key_decision=False, wards=wards
        )
    assert refused.value.field == "key_decision_reason"
    assert "suggests a key decision" in refused.value.message and "2 wards" in refused.value.message
    with pytest.raises(ServiceError, match="not a key decision"):
        services.pathway_create(
            actor=officer_a, title="Depot", directorate=directorate, key_decision=True, value=Decimal("1000")
        )
    assert not PathwayItem.objects.exists()
    item = services.pathway_create(
        actor=officer_a,
        title="Depot",
        directorate=directorate,
        key_decision=False,
        wards=wards,
        key_decision_reason="The effect on Northgate is minor.",
    )
    assert not item.key_decision and item.key_decision_reason == "The effect on Northgate is minor."
    # The threshold is inclusive: £500,000 is key.
    assert helper.suggest_key_decision(Decimal("500000"), 0, DecisionSettings.current())[0]
    assert not helper.suggest_key_decision(Decimal("499999.99"), 1, DecisionSettings.current())[0]


def test_the_form_asks_for_the_reason_on_the_form(client, officer_a, directorate):
    client.force_login(officer_a)
    response = _post_item(client, directorate=directorate, value="1000", key_decision="yes")
    assert response.status_code == 200
    assert "Give a reason why it is a key decision" in response.text
    assert not PathwayItem.objects.exists()


# --- bad input -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Enter a title"),
        ({"title": "x" * 201}, "The title must be 200 characters or fewer"),
        ({"summary": "x" * 100_000}, "The summary must be 20,000 characters or fewer"),
        ({"value": "-5"}, "The value must be £0 or more"),
        ({"value": "1e15"}, "The value must be less than £1,000,000,000,000"),
        ({"value": "99999999999999999999"}, "The value must be less than £1,000,000,000,000"),
        ({"value": "lots"}, "Enter the value in pounds"),
        ({"value": "NaN"}, "Enter the value in pounds"),
        ({"key_decision": ""}, "Say whether this is a key decision"),
        ({"stages": []}, "Choose at least one stage"),
        ({"decision_meeting": "99999999999999999999999"}, "Choose a meeting from the list"),
        ({"exempt_category": "9"}, "Choose an exempt category from the list"),
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(client, officer_a, directorate, overrides, message):
    client.force_login(officer_a)
    response = _post_item(client, directorate=directorate, **overrides)
    assert response.status_code == 200
    assert message in response.text
    assert "govuk-error-summary" in response.text
    assert not PathwayItem.objects.exists()


def test_a_date_that_does_not_exist_is_refused_on_the_edit_form(client, officer_a, directorate):
    item = make_pathway_item(directorate=directorate, key_decision=True, value=Decimal("750000"))
    client.force_login(officer_a)
    data = {
        "version": item.version,
        "title": "Changed",
        "directorate": directorate.pk,
        "key_decision": "yes",
        "value": "750000",
        "stages": [PathwayStage.objects.first().pk],
        "report_published_on_0": "31",
        "report_published_on_1": "2",
        "report_published_on_2": "2027",
    }
    response = client.post(reverse("decisions:pathway-edit", args=[item.pk]), data)
    assert response.status_code == 200
    assert "The report published on must be a real date" in response.text
    item.refresh_from_db()
    assert item.title == "Leisure centre refurbishment" and item.report_published_on is None


def test_someone_elses_change_is_not_overwritten(client, officer_a, directorate):
    item = make_pathway_item(directorate=directorate, value=Decimal("100"))
    client.force_login(officer_a)
    data = {"version": item.version - 1, "title": "Stale", "directorate": directorate.pk, "key_decision": "no"}
    data["stages"] = [PathwayStage.objects.first().pk]
    response = client.post(reverse("decisions:pathway-edit", args=[item.pk]), data)
    assert "Someone else changed this record" in response.text
    item.refresh_from_db()
    assert item.title != "Stale"


# --- moving the decision meeting -------------------------------------------------------------------------------
def test_moving_the_decision_meeting_recalculates_every_date_and_notes_it(client, officer_a, directorate):
    item = make_pathway_item(
        directorate=directorate, key_decision=True, value=Decimal("750000"), decision_meeting=cabinet()
    )
    later = cabinet(2027, 2, 9)
    services.pathway_update(
        actor=officer_a,
        item=item,
        title=item.title,
        directorate=directorate,
        key_decision=True,
        value=item.value,
        decision_meeting=later,
        expected_version=item.version,
    )
    note = PathwayNote.objects.get(item=item)
    assert note.text == (
        "Decision meeting moved from Cabinet 12 January 2027 to Cabinet 9 February 2027: "
        "Forward Plan by 14 Dec 2026 → 11 Jan 2027, report by 4 Jan 2027 → 1 Feb 2027, "
        "decision published by 14 Jan 2027 → 11 Feb 2027, call-in ends 21 Jan 2027 → 18 Feb 2027, "
        "takes effect 22 Jan 2027 → 19 Feb 2027."
    )
    assert note.author == officer_a
    client.force_login(officer_a)
    page = client.get(item.get_absolute_url()).text
    assert 'data-due="2027-01-11"' in page and "Decision meeting moved from Cabinet 12 January 2027" in page


def test_a_cancelled_meeting_cannot_take_the_decision(officer_a, directorate):
    meeting = cabinet()
    meeting.status = "cancelled"
    meeting.save()
    with pytest.raises(ServiceError, match="cancelled"):
        services.pathway_create(
            actor=officer_a, title="A", directorate=directorate, key_decision=False, decision_meeting=meeting
        )


# --- stages ----------------------------------------------------------------------------------------------------
def test_recording_the_stages_up_to_the_decision(client, officer_a, directorate, clock):
    clt = make_meeting("CLT", start=at(2026, 11, 24, 9, 30))
    decision_meeting = cabinet()
    item = services.pathway_create(
        actor=officer_a, title="Depot", directorate=directorate, key_decision=False, decision_meeting=decision_meeting
    )
    clt_step = item.steps.get(stage__name="CLT")
    client.force_login(officer_a)
    url = reverse("decisions:pathway-step", args=[item.pk, clt_step.pk])
    response = client.post(url, {"version": item.version, "meeting": clt.pk, "outcome": "approved", "note": "Go ahead"})
    assert response.status_code == 302
    clt_step.refresh_from_db()
    item.refresh_from_db()
    assert (clt_step.meeting, clt_step.outcome, clt_step.outcome_on) == (clt, "approved", date(2026, 11, 24))
    assert item.status == PathwayStatus.IN_PROGRESS
    assert item.notes.filter(
        text="CLT: approved at Corporate Leadership Team 24 November 2026 on 24 November 2026. Go ahead"
    ).exists()

    # A meeting of another body, or an outcome before the meeting has happened, is refused.
    cabinet_step = item.steps.get(stage__name="Cabinet")
    with pytest.raises(ServiceError, match="Choose a meeting of the Cabinet"):
        services.pathway_record_step(actor=officer_a, item=item, step=cabinet_step, meeting=clt, outcome="approved")
    with pytest.raises(ServiceError, match="has not happened yet"):
        services.pathway_record_step(
            actor=officer_a, item=item, step=cabinet_step, meeting=decision_meeting, outcome="approved"
        )
    clock.move_to("2027-01-13 09:00")
    services.pathway_record_step(
        actor=officer_a, item=item, step=cabinet_step, meeting=decision_meeting, outcome="approved"
    )
    item.refresh_from_db()
    assert item.status == PathwayStatus.DECIDED
    # Decided: no more changes.
    with pytest.raises(ServiceError, match="decided or withdrawn"):
        services.pathway_record_step(actor=officer_a, item=item, step=clt_step, outcome="noted")


def test_a_stage_with_an_outcome_stays_on_the_pathway(officer_a, directorate):
    item = services.pathway_create(actor=officer_a, title="Depot", directorate=directorate, key_decision=False)
    step = item.steps.get(stage__name="CLT")
    step.outcome, step.outcome_on = "approved", date(2026, 11, 24)
    step.save()
    keep = PathwayStage.objects.exclude(name="CLT")
    with pytest.raises(ServiceError, match="The CLT stage has a meeting or outcome recorded"):
        services.pathway_update(
            actor=officer_a, item=item, title="Depot", directorate=directorate, key_decision=False, stages=keep
        )
    full_council = PathwayStage.objects.filter(name="Full Council")
    services.pathway_update(
        actor=officer_a,
        item=item,
        title="Depot",
        directorate=directorate,
        key_decision=False,
        stages=[*PathwayStage.objects.filter(only_where_needed=False), *full_council],
    )
    assert item.steps.filter(stage__name="Full Council").exists()


def test_the_step_page_refuses_a_stage_of_another_item(client, officer_a, directorate):
    one = services.pathway_create(actor=officer_a, title="One", directorate=directorate, key_decision=False)
    other = services.pathway_create(actor=officer_a, title="Other", directorate=directorate, key_decision=False)
    client.force_login(officer_a)
    assert client.get(reverse("decisions:pathway-step", args=[one.pk, other.steps.first().pk])).status_code == 404
    assert client.get(reverse("decisions:pathway-step", args=[one.pk, "9" * 30])).status_code == 404


# --- flags -----------------------------------------------------------------------------------------------------
def test_items_at_risk_and_in_breach_are_flagged_with_the_rule_they_break(client, officer_a, directorate):
    # Cabinet on 5 January: the Forward Plan deadline was 7 December (within 5 working days: at risk).
    at_risk = make_pathway_item(
        "At risk", directorate=directorate, key_decision=True, decision_meeting=cabinet(2027, 1, 5)
    )
    # Cabinet on 22 December: the Forward Plan deadline passed on 23 November (in breach).
    breach = make_pathway_item(
        "In breach", directorate=directorate, key_decision=True, decision_meeting=cabinet(2026, 12, 22)
    )
    fine = make_pathway_item(
        "On track", directorate=directorate, key_decision=True, decision_meeting=cabinet(2027, 3, 9)
    )
    client.force_login(officer_a)
    page = client.get(reverse("decisions:pathway")).text
    rows = {
        ref: page.split(f'data-reference="{ref}"')[1].split("</tr>")[0]
        for ref in (at_risk.reference, breach.reference, fine.reference)
    }
    assert "At risk" in rows[at_risk.reference] and "at least 28 clear days" in rows[at_risk.reference]
    assert "In breach" in rows[breach.reference] and "at least 28 clear days" in rows[breach.reference]
    assert "None flagged" in rows[fine.reference]

    def listed(**query):
        text = client.get(reverse("decisions:pathway"), query).text
        return {
            ref for ref in (at_risk.reference, breach.reference, fine.reference) if f'data-reference="{ref}"' in text
        }

    assert listed(flagged="at_risk") == {at_risk.reference}
    assert listed(flagged="breach") == {breach.reference}
    assert listed(flagged="any") == {at_risk.reference, breach.reference}
    assert listed(flagged="nonsense") == set()  # an invalid filter: shown as an error, never a 500
    withdrawn = make_pathway_item(
        "Withdrawn",
        directorate=directorate,
        key_decision=True,
        decision_meeting=cabinet(2026, 12, 22),
        status="withdrawn",
    )
    assert withdrawn.reference not in client.get(reverse("decisions:pathway"), {"flagged": "any"}).text
    assert 'id="flag-forward_plan"' not in client.get(withdrawn.get_absolute_url()).text
    item_page = client.get(breach.get_absolute_url()).text
    assert 'id="flag-forward_plan"' in item_page and "In breach" in item_page


@pytest.mark.clock("2027-05-05 10:00")
def test_counted_flags_take_the_meetings_day_in_london_not_in_utc(officer_a, directorate):
    # Cabinet at half past midnight on 3 June (British Summer Time): 2 June in UTC. Its Forward Plan deadline is
    # 5 May, today: at risk, not yet in breach (counted from 2 June it would be 4 May, and in breach).
    item = make_pathway_item(
        "After midnight",
        directorate=directorate,
        key_decision=True,
        decision_meeting=make_meeting("CAB", start=at(2027, 6, 3, 0, 30)),
    )
    visible = PathwayItem.objects.visible_to(officer_a)
    assert selectors.flag_counts(visible, ["at_risk", "breach"]) == {"at_risk": 1, "breach": 0}
    assert list(selectors.flagged(visible, "at_risk")) == [item]
    # the list's rows (model objects, their meeting preloaded) judge it the same
    [row] = selectors.with_flags(visible.select_related("decision_meeting"), selectors.decision_settings())
    assert [flag.state for flag in row["flags"] if flag.key == "forward_plan"] == [deadlines.State.AT_RISK]


def test_a_general_exception_shows_the_breach_as_authorised(client, officer_a, directorate):
    item = make_pathway_item(directorate=directorate, key_decision=True, decision_meeting=cabinet(2026, 12, 22))
    client.force_login(officer_a)
    url = reverse("decisions:pathway-exception", args=[item.pk])
    data = {"version": item.version, "kind": "general_exception", "reason": "The grant offer expires in January."}
    data |= {"scrutiny_chair": "Cllr Priya Shah", "agreed_on_0": "1", "agreed_on_1": "12", "agreed_on_2": "2026"}
    assert client.post(url, data).status_code == 302
    page = client.get(item.get_absolute_url()).text
    assert "Breach authorised" in page and "General exception: Cllr Priya Shah, chair of scrutiny, informed" in page
    assert (
        client.get(reverse("decisions:pathway"), {"flagged": "authorised"}).text.count(
            f'data-reference="{item.reference}"'
        )
        == 1
    )
    assert (
        f'data-reference="{item.reference}"' not in client.get(reverse("decisions:pathway"), {"flagged": "breach"}).text
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("kind", "", "Choose general exception or special urgency"),
        ("scrutiny_chair", "", "Enter the chair of scrutiny"),
        ("reason", "x" * 100_000, "must be 20,000 characters or fewer"),
        ("agreed_on_0", "31", "must be a real date"),
    ],
)
def test_an_exception_needs_its_agreement(client, officer_a, directorate, field, value, message):
    item = make_pathway_item(directorate=directorate, key_decision=True, decision_meeting=cabinet(2026, 12, 22))
    client.force_login(officer_a)
    data = {"version": item.version, "kind": "special_urgency", "reason": "Urgent.", "scrutiny_chair": "Cllr Shah"}
    data |= {"agreed_on_0": "1", "agreed_on_1": "2", "agreed_on_2": "2027", field: value}
    data["agreed_on_1"] = "2" if field == "agreed_on_0" else "12"
    data["agreed_on_2"] = "2027" if field == "agreed_on_0" else "2026"
    response = client.post(reverse("decisions:pathway-exception", args=[item.pk]), data)
    assert response.status_code == 200 and message in response.text
    item.refresh_from_db()
    assert item.exception_kind == ""


def test_an_exception_agreed_in_the_future_or_for_a_non_key_decision_is_refused(officer_a, directorate):
    item = make_pathway_item(directorate=directorate, key_decision=True, decision_meeting=cabinet(2026, 12, 22))
    with pytest.raises(ServiceError, match="cannot be in the future"):
        services.pathway_record_exception(
            actor=officer_a,
            item=item,
            kind="general_exception",
            reason="r",
            scrutiny_chair="c",
            agreed_on=date(2026, 12, 3),
        )
    other = make_pathway_item(directorate=directorate, key_decision=False)
    with pytest.raises(ServiceError, match="only for a key decision"):
        services.pathway_record_exception(
            actor=officer_a,
            item=other,
            kind="general_exception",
            reason="r",
            scrutiny_chair="c",
            agreed_on=date(2026, 12, 1),
        )


# --- a list judges its rows as deadlines.plan does -------------------------------------------------------------
def test_the_list_flags_agree_with_the_statutory_dates_helper_over_half_a_year():
    """decisions/pathway.py counts a whole list's working days with one read of the days off; it must give the
    dates and states deadlines.plan gives, over Christmas closure days, Easter and every day of the week."""
    for day in (date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31), date(2027, 4, 1)):
        ClosureDay.objects.create(date=day, reason="Council closure")
    rules = deadlines.Rules()
    published = {"forward_plan_published_on": date(2026, 12, 20), "report_published_on": date(2027, 1, 20)}
    for offset in range(0, 190, 2):
        meeting_day = date(2026, 12, 1) + timedelta(days=offset)
        for today in (
            meeting_day - timedelta(days=40),
            meeting_day - timedelta(days=6),
            meeting_day + timedelta(days=3),
        ):
            for key_decision, exception in ((True, False), (True, True), (False, False)):
                planned = {
                    d.key: d
                    for d in deadlines.plan(
                        meeting_day,
                        today=today,
                        key_decision=key_decision,
                        exception_authorised=exception,
                        rules=rules,
                        **published,
                    )
                }
                days_off = helper.DaysOff.around([today, meeting_day])
                assert helper.due_dates(meeting_day, days_off=days_off, rules=rules) == {
                    key: d.due for key, d in planned.items()
                }
                item = SimpleNamespace(
                    decision_meeting=SimpleNamespace(day=meeting_day),
                    key_decision=key_decision,
                    exception_authorised=exception,
                    decision_published_on=None,
                    **published,
                )
                for flag in helper.flags(item, today=today, days_off=days_off, rules=rules):
                    assert flag.state == planned[flag.key].state, (meeting_day, today, flag.key)


# --- closure days ----------------------------------------------------------------------------------------------
def test_a_closure_day_added_notes_the_dates_it_moves_on_undecided_items(head, directorate):
    moved = make_pathway_item("Moved", directorate=directorate, key_decision=True, decision_meeting=cabinet())
    far = make_pathway_item("Far", directorate=directorate, key_decision=True, decision_meeting=cabinet(2027, 3, 9))
    decided = make_pathway_item(
        "Decided", directorate=directorate, decision_meeting=cabinet(), status=PathwayStatus.DECIDED
    )
    ClosureDay.objects.create(date=date(2027, 1, 8), reason="Council closure")
    count = services.pathway_recalculate_for_closure_day(
        actor=head, changed_day=date(2027, 1, 8), note="Closure day added: 8 January 2027 (Council closure)"
    )
    assert count == 1
    assert list(moved.notes.values_list("text", flat=True)) == [
        "Closure day added: 8 January 2027 (Council closure): report by 4 Jan 2027 → 31 Dec 2026."
    ]
    assert not far.notes.exists() and not decided.notes.exists()
    # Removed again: back as they were.
    ClosureDay.objects.filter(date=date(2027, 1, 8)).delete()
    services.pathway_recalculate_for_closure_day(actor=head, changed_day=date(2027, 1, 8), note="Closure day removed")
    assert moved.notes.order_by("-pk").first().text == "Closure day removed: report by 31 Dec 2026 → 4 Jan 2027."
    # A Saturday, or a bank holiday, changes nothing.
    assert services.pathway_recalculate_for_closure_day(actor=head, changed_day=date(2027, 1, 9), note="x") == 0
    assert services.pathway_recalculate_for_closure_day(actor=head, changed_day=date(2027, 1, 1), note="x") == 0


def test_the_core_adding_a_closure_day_reaches_the_pathway_once_registered(head, directorate, monkeypatch):
    """decisions/apps.py registers the recalculator with the core (registry.register_deadline_recalculator); here
    it is registered for this test only."""
    from mayoral_office import registry
    from mayoral_office import services as core

    fn = services.pathway_recalculate_for_closure_day
    monkeypatch.setitem(registry._recalculators, f"{fn.__module__}.{fn.__qualname__}", fn)
    item = make_pathway_item(directorate=directorate, key_decision=True, decision_meeting=cabinet())
    core.closure_day_add(actor=head, day=date(2027, 1, 8), reason="Council closure")
    assert item.notes.get().text == (
        "Closure day added: 8 January 2027 (Council closure): report by 4 Jan 2027 → 31 Dec 2026."
    )


def test_a_closure_day_in_the_call_in_period_moves_a_published_decision(head, officer_a):
    from tests.decisions.scenarios_pathway import make_decision

    decision = make_decision(meeting=make_meeting("CAB", start=at(2026, 11, 24, 18, 30)))
    services.decision_publish(actor=officer_a, decision=decision, on=date(2026, 11, 30))
    decision.refresh_from_db()
    assert (decision.call_in_ends_on, decision.effective_on) == (date(2026, 12, 7), date(2026, 12, 8))
    ClosureDay.objects.create(date=date(2026, 12, 4), reason="Council closure")
    assert services.pathway_recalculate_for_closure_day(actor=head, changed_day=date(2026, 12, 4), note="Added") == 1
    decision.refresh_from_db()
    assert (decision.call_in_ends_on, decision.effective_on) == (date(2026, 12, 8), date(2026, 12, 9))


# --- query counts ----------------------------------------------------------------------------------------------
def _queries(client, url, **query) -> int:
    client.get(url, query)  # warm: the session, and the filter panel's options kept in the cache
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, query).status_code == 200
    return len(captured)


def _items(directorate, count: int, meetings):
    """Proposals for the meetings in turn (a third with none), every other one a key decision."""
    portfolio = PortfolioFactory(name="Housing")
    for n in range(count):
        make_pathway_item(
            f"Proposal {n}",
            directorate=directorate,
            key_decision=n % 2 == 0,
            portfolio=portfolio,
            decision_meeting=meetings[n % len(meetings)] if n % 3 else None,
        )


def test_the_pathway_list_runs_the_same_queries_for_10_and_100_items(client, officer_a, directorate):
    client.force_login(officer_a)
    url = reverse("decisions:pathway")
    meetings = [cabinet(), cabinet(2026, 12, 15)]
    _items(directorate, 10, meetings)
    ten = (_queries(client, url), _queries(client, url, flagged="any"), _queries(client, url, q="Proposal"))
    _items(directorate, 90, meetings)
    assert (_queries(client, url), _queries(client, url, flagged="any"), _queries(client, url, q="Proposal")) == ten


# --- who may see what ------------------------------------------------------------------------------------------
@pytest.fixture
def restricted_items(directorate, head):
    confidential = make_pathway_item(
        "Secret depot sale", directorate=directorate, confidential=True, decision_meeting=cabinet()
    )
    exempt = make_pathway_item(
        "Exempt land deal", directorate=directorate, exempt_category=3, decision_meeting=cabinet()
    )
    return confidential, exempt


@pytest.mark.parametrize("persona", ["intern", "directorate_contact"])
def test_interns_and_directorate_contacts_never_reach_a_restricted_item(request, client, restricted_items, persona):
    user = request.getfixturevalue(persona)
    for item in restricted_items:
        item.lead_officer = user if persona == "directorate_contact" else None
        item.save()
    client.force_login(user)
    listing = client.get(reverse("decisions:pathway")).text
    searched = client.get(reverse("decisions:pathway"), {"q": "depot"}).text
    for item in restricted_items:
        assert item.reference not in listing and item.title not in listing and item.title not in searched
        for name in ("pathway-item", "pathway-edit", "pathway-exception", "pathway-forward-plan-publish"):
            assert client.get(reverse(f"decisions:{name}", args=[item.pk])).status_code in (403, 404)
        assert client.get(reverse("decisions:pathway-step", args=[item.pk, 1])).status_code in (403, 404)


def test_a_directorate_contact_sees_only_the_open_items_they_lead_and_changes_nothing(
    client, directorate_contact, directorate
):
    theirs = make_pathway_item("Theirs", directorate=directorate, lead_officer=directorate_contact)
    other = make_pathway_item("Someone else's", directorate=directorate)
    client.force_login(directorate_contact)
    listing = client.get(reverse("decisions:pathway")).text
    assert theirs.reference in listing and other.reference not in listing
    assert client.get(theirs.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(reverse("decisions:pathway-edit", args=[theirs.pk])).status_code == 403
    assert client.get(reverse("decisions:pathway-create")).status_code == 403


def test_an_intern_reads_open_items_but_adds_nothing(intern, directorate):
    with pytest.raises(PermissionDenied):
        services.pathway_create(actor=intern, title="A", directorate=directorate, key_decision=False)


def test_reading_a_restricted_item_is_logged(client, head, restricted_items):
    from mayoral_office.models import AccessLog

    client.force_login(head)
    assert client.get(restricted_items[0].get_absolute_url()).status_code == 200
    assert AccessLog.objects.filter(object_id=str(restricted_items[0].pk), user=head).exists()


# --- accessibility ---------------------------------------------------------------------------------------------
@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_pathway_forward_plan_and_register_pages_have_no_axe_violations(
    browser_page, live_server, head, directorate
):
    from playwright.sync_api import expect

    from tests.browser.support import assert_no_axe_violations, sign_in
    from tests.decisions.scenarios_pathway import make_decision

    # An earlier transactional test may have flushed the seeded bodies, stages and rules: put them back.
    import_module("decisions.migrations.0002_seed_bodies_and_stages").seed(django_apps, None)
    item = make_pathway_item(directorate=directorate, key_decision=True, decision_meeting=cabinet(2026, 12, 22))
    step = PathwayStep.objects.create(item=item, stage=PathwayStage.objects.get(name="CLT"))
    decision = make_decision(meeting=make_meeting("CAB", start=at(2026, 11, 24, 18, 30)), pathway_item=item)
    page = browser_page
    sign_in(page, live_server, head, next_path="/decisions/pathway/")
    for path in [
        reverse("decisions:pathway"),
        reverse("decisions:pathway") + "?flagged=breach",
        item.get_absolute_url(),
        reverse("decisions:pathway-create"),
        reverse("decisions:pathway-edit", args=[item.pk]),
        reverse("decisions:pathway-step", args=[item.pk, step.pk]),
        reverse("decisions:pathway-exception", args=[item.pk]),
        reverse("decisions:pathway-forward-plan-publish", args=[item.pk]),
        reverse("decisions:forward-plan"),
        reverse("decisions:register"),
        decision.get_absolute_url(),
        reverse("decisions:decision-publish", args=[decision.pk]),
    ]:
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1, path
        assert_no_axe_violations(page, context=path)
    page.goto(live_server.url + reverse("decisions:pathway-create"))
    page.click("main form button.govuk-button")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_axe_violations(page, context="proposal form with errors")
