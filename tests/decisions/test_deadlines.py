"""Acceptance 1: the Decision Pathway's statutory dates for Cabinet meetings on fixed days, with the council's
Christmas closure days taken into account (DESIGN.md section 5: 28 clear days on the Forward Plan; the report 5 clear
working days before; the decision published within 2 working days; call-in 5 working days after publication; in
effect the next working day)."""

from datetime import date

import pytest

from decisions import deadlines
from decisions.deadlines import State
from mayoral_office.models import ClosureDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def christmas_closure(db):
    for day in (date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)):
        ClosureDay.objects.create(date=day, reason="Council closure (Christmas)")


@pytest.mark.parametrize(
    "meeting, forward_plan, report, published, call_in_ends, effective",
    [
        # an ordinary January Tuesday
        (
            date(2027, 1, 12),
            date(2026, 12, 14),
            date(2027, 1, 4),
            date(2027, 1, 14),
            date(2027, 1, 21),
            date(2027, 1, 22),
        ),
        # the first Tuesday of the year: the report's five working days reach back over New Year's Day, the closure
        # days, the Boxing Day substitute (Monday 28 December) and Christmas Day, to Friday 18 December
        (
            date(2027, 1, 5),
            date(2026, 12, 7),
            date(2026, 12, 18),
            date(2027, 1, 7),
            date(2027, 1, 14),
            date(2027, 1, 15),
        ),
        # the Tuesday after Easter: Easter Monday and Good Friday do not count
        (date(2027, 4, 6), date(2027, 3, 8), date(2027, 3, 25), date(2027, 4, 8), date(2027, 4, 15), date(2027, 4, 16)),
    ],
)
def test_the_pathway_dates_for_cabinet_meetings(
    christmas_closure, meeting, forward_plan, report, published, call_in_ends, effective
):
    planned = {d.key: d for d in deadlines.plan(meeting, today=date(2026, 11, 2), key_decision=True)}
    assert planned["forward_plan"].due == forward_plan
    assert planned["report"].due == report
    assert planned["publication"].due == published
    assert planned["call_in"].due == call_in_ends
    assert planned["effective"].due == effective


def test_why_the_report_date_names_each_day_that_does_not_count(christmas_closure):
    report = {d.key: d for d in deadlines.plan(date(2027, 1, 5), today=date(2026, 11, 2), key_decision=True)}["report"]
    why = " ".join(report.why)
    assert "Friday 18 December 2026" in why
    for named in ("New Year's Day", "Council closure (Christmas)", "Christmas Day", "Boxing Day"):
        assert named in why, named


def test_28_clear_days_leave_out_the_day_of_publication_and_the_day_of_the_meeting():
    due, _ = deadlines.forward_plan_deadline(date(2027, 1, 12))
    assert (date(2027, 1, 12) - due).days - 1 == 28


def test_call_in_counts_from_the_actual_publication(christmas_closure):
    planned = {
        d.key: d
        for d in deadlines.plan(
            date(2027, 1, 12), today=date(2027, 1, 18), key_decision=True, decision_published_on=date(2027, 1, 15)
        )
    }
    assert planned["publication"].state == State.MET_LATE  # two working days after the 12th is the 14th
    assert planned["call_in"].due == date(2027, 1, 22)
    assert planned["effective"].due == date(2027, 1, 25)


@pytest.mark.parametrize(
    "today, published_on, authorised, state",
    [
        (date(2026, 11, 2), None, False, State.DUE),
        (date(2026, 12, 8), None, False, State.AT_RISK),  # due on the 14th: within 5 working days
        (date(2026, 12, 15), None, False, State.BREACH),
        (date(2026, 12, 15), None, True, State.AUTHORISED),  # a general exception recorded
        (date(2026, 12, 20), date(2026, 12, 16), False, State.MET_LATE),
        (date(2026, 12, 20), date(2026, 12, 16), True, State.AUTHORISED),
        (date(2026, 12, 20), date(2026, 12, 14), False, State.MET),
    ],
)
def test_the_forward_plan_deadline_is_at_risk_in_breach_or_authorised(today, published_on, authorised, state):
    (forward_plan,) = [
        d
        for d in deadlines.plan(
            date(2027, 1, 12),
            today=today,
            key_decision=True,
            forward_plan_published_on=published_on,
            exception_authorised=authorised,
        )
        if d.key == "forward_plan"
    ]
    assert forward_plan.state == state


def test_a_decision_that_is_not_key_needs_no_forward_plan_entry():
    (forward_plan,) = [
        d
        for d in deadlines.plan(date(2027, 1, 12), today=date(2027, 1, 1), key_decision=False)
        if d.key == "forward_plan"
    ]
    assert forward_plan.state == State.NOT_NEEDED and not forward_plan.flagged
