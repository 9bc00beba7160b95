"""Chasing (mayoral_office/chasing.py): one digest per person per working day, never out of hours, the escalation
ladder, and a fixed number of queries however many items. The items are real casework cases (casework/chases.py);
the clock is frozen and moved day by day."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework.models import Case, Status
from mayoral_office import chasing
from mayoral_office.models import ChaseEntry, ChaseRun, ChaseSettings, ClosureDay, Notification
from mayoral_office.roles import Role
from tests.casework.factories import CaseFactory
from tests.mayoral_office.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rules(db):
    return ChaseSettings.objects.create(remind_before_days=0, lead_after_days=3, head_after_days=5)


@pytest.fixture
def lead(db):
    return UserFactory(role=Role.CABINET_SUPPORT, full_name="Sam Ortiz")


@pytest.fixture
def kim(lead):
    return UserFactory(role=Role.CABINET_SUPPORT, full_name="Kim Lee", reports_to=lead)


def case_for(officer, due: date, **extra) -> Case:
    return CaseFactory(officer=officer, response_due=due, status=Status.ALLOCATED, **extra)


def digests(day: date | None = None):
    qs = Notification.objects.filter(kind=chasing.DIGEST_KIND)
    return qs.filter(chase_entries__day=day).distinct() if day else qs


def digest_for(user, day: date) -> Notification:
    return Notification.objects.get(idempotency_key=f"chase.digest:{user.pk}:{day.isoformat()}")


def stages(case) -> list[tuple[str, str, date]]:
    entries = ChaseEntry.objects.filter(regarding_type=ContentType.objects.get_for_model(Case), regarding_id=case.pk)
    return [(e.recipient.full_name, e.stage, e.day) for e in entries.select_related("recipient")]


# --- exactly once -----------------------------------------------------------------------------------------------
@pytest.mark.clock("2026-12-04 09:00")  # Friday
def test_one_digest_per_person_per_working_day_however_often_the_chase_runs(clock, rules, kim, lead):
    first = case_for(kim, date(2026, 12, 3))
    second = case_for(kim, date(2026, 12, 1), sensitivity="confidential", subject="Ms X's safeguarding")
    case_for(lead, date(2026, 12, 4))

    result = chasing.run_chase()
    assert (result.digests, result.items) == (2, 4)  # Kim's two; Sam's own, and Kim's 3 working days overdue
    again = chasing.run_chase()
    assert again.digests == 0 and again.skipped == "today's digests are written already"
    call_command("chase")  # the management command is the same job

    assert digests().count() == 2
    mine = digest_for(kim, date(2026, 12, 4))
    assert mine.to == [kim.email] and mine.recipient == kim
    assert mine.subject == "Your work for Friday 4 December: 2 overdue"
    assert first.reference in mine.body and "1 working day overdue" in mine.body
    assert second.reference in mine.body and "3 working days overdue" in mine.body
    assert "safeguarding" not in mine.body + mine.html_body  # a confidential case is named by reference only
    assert f"http://127.0.0.1:8000/casework/{first.pk}/" in mine.body and "govuk" not in mine.body
    leads = digest_for(lead, date(2026, 12, 4))
    assert "Due today" in leads.body and leads.subject.endswith("1 due soon, 1 escalated to you")
    assert ChaseRun.objects.get(day=date(2026, 12, 4)).items == 4


@pytest.mark.clock("2026-12-04 07:59")
def test_nothing_is_written_before_the_digest_time(clock, rules, kim):
    case_for(kim, date(2026, 12, 3))
    assert chasing.run_chase().skipped == "the digests are written at 08:00"
    rules.digest_time = "07:30"
    rules.save()
    assert chasing.run_chase().digests == 1


# --- never out of hours -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "moment",
    ["2026-12-05 09:00", "2026-12-28 09:00", "2026-12-25 09:00", "2026-12-09 09:00"],
    ids=["Saturday", "bank holiday 28 December", "Christmas Day", "closure day"],
)
def test_no_email_on_a_day_off(clock, rules, kim, moment):
    ClosureDay.objects.create(date=date(2026, 12, 9), reason="Council closure")
    case_for(kim, date(2026, 11, 30))
    clock.move_to(moment)
    result = chasing.run_chase()
    assert result.digests == 0 and "not a working day" in result.skipped
    assert chasing.send_alerts().skipped == result.skipped
    assert not Notification.objects.exists() and not ChaseRun.objects.exists()


@pytest.mark.clock("2026-12-24 09:00")  # Thursday; then Christmas, a weekend and two bank holidays
def test_the_first_digest_after_the_days_off_holds_what_became_due_meanwhile(clock, rules, kim):
    due_thursday = case_for(kim, date(2026, 12, 24))
    due_on_the_holiday = case_for(kim, date(2026, 12, 28))
    chasing.run_chase()
    thursday = digest_for(kim, date(2026, 12, 24))
    assert due_thursday.reference in thursday.body and "Due today" in thursday.body
    assert due_on_the_holiday.reference not in thursday.body

    for day in ("2026-12-25", "2026-12-26", "2026-12-27", "2026-12-28"):
        clock.move_to(f"{day} 09:00")
        assert chasing.run_chase().digests == 0
    clock.move_to("2026-12-29 08:05")
    assert chasing.run_chase().digests == 1
    tuesday = digest_for(kim, date(2026, 12, 29))
    assert due_thursday.reference in tuesday.body and due_on_the_holiday.reference in tuesday.body
    assert tuesday.subject == "Your work for Tuesday 29 December: 2 overdue"
    assert digests().count() == 2


# --- the escalation ladder ----------------------------------------------------------------------------------------
@pytest.mark.clock("2026-12-01 09:00")
def test_the_ladder_reaches_the_team_lead_then_the_head_and_stops_when_the_item_is_done(clock, rules, kim, lead, head):
    case = case_for(kim, date(2026, 11, 30))  # Monday
    for day in ("2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-07", "2026-12-08"):
        clock.move_to(f"{day} 09:00")
        chasing.run_chase()
    history = stages(case)
    assert [(who, stage) for who, stage, day in history if day == date(2026, 12, 2)] == [("Kim Lee", "overdue")]
    assert ("Sam Ortiz", "lead", date(2026, 12, 3)) in history  # 3 working days overdue
    assert not [h for h in history if h[0] == "Sam Ortiz" and h[2] < date(2026, 12, 3)]
    assert ("Catherine Doyle", "head", date(2026, 12, 7)) in history  # 5 working days overdue
    assert not [h for h in history if h[0] == "Catherine Doyle" and h[2] < date(2026, 12, 7)]
    escalated = digest_for(lead, date(2026, 12, 3))
    assert "Escalated to you" in escalated.html_body and "(Response, Kim Lee)" in escalated.body

    Case.objects.filter(pk=case.pk).update(status=Status.CLOSED)  # done: the chase stops for everyone
    clock.move_to("2026-12-09 09:00")
    assert chasing.run_chase().digests == 0
    assert not [h for h in stages(case) if h[2] == date(2026, 12, 9)]


@pytest.mark.clock("2026-12-02 09:00")
def test_the_offsets_are_the_configured_working_days(clock, rules, kim, lead, head):
    rules.lead_after_days, rules.head_after_days = 1, 2
    rules.save()
    case = case_for(kim, date(2026, 11, 30))  # 2 working days overdue on Wednesday
    chasing.run_chase()
    assert {(who, stage) for who, stage, _ in stages(case)} == {
        ("Kim Lee", "overdue"),
        ("Sam Ortiz", "lead"),
        ("Catherine Doyle", "head"),
    }


@pytest.mark.clock("2026-12-02 09:00")
def test_nobodys_item_goes_to_the_head_and_a_leavers_too(clock, rules, head, kim):
    unallocated = case_for(None, date(2026, 12, 1))
    left = UserFactory(role=Role.CABINET_SUPPORT, full_name="Gone Away", is_active=False)
    leavers = case_for(left, date(2026, 12, 1))
    chasing.run_chase()
    mine = digest_for(head, date(2026, 12, 2))
    assert unallocated.reference in mine.body and leavers.reference in mine.body
    assert not Notification.objects.filter(to=[left.email]).exists()


@pytest.mark.clock("2026-12-02 09:00")
def test_reminders_before_due_follow_the_rules(clock, rules, kim):
    rules.remind_before_days = 2
    rules.save()
    soon = case_for(kim, date(2026, 12, 4))  # due in 2 working days
    later = case_for(kim, date(2026, 12, 7))  # 3
    chasing.run_chase()
    body = digest_for(kim, date(2026, 12, 2)).body
    assert soon.reference in body and "Due in 2 working days" in body and later.reference not in body
    assert stages(soon) == [("Kim Lee", "before", date(2026, 12, 2))]


# --- alerts ---------------------------------------------------------------------------------------------------------
@pytest.mark.clock("2026-12-02 09:00")
def test_alerts_go_once_per_newly_due_item_after_the_days_digest_to_those_who_asked(clock, rules, kim, lead):
    rules.remind_before_days = 2
    rules.save()
    kim.chase_alerts = True
    kim.save()
    first = case_for(kim, date(2026, 12, 1))
    case_for(lead, date(2026, 12, 1))  # Sam did not ask for alerts
    assert chasing.send_alerts().skipped == "today's digests are not written yet: they come first"
    chasing.run_chase()
    assert chasing.send_alerts().digests == 0  # the digest told Kim of the first
    second = case_for(kim, date(2026, 12, 2))  # due today, new since the digest
    case_for(kim, date(2026, 12, 4))  # new, but only due in two working days: the digest will say
    assert chasing.send_alerts().digests == 1
    assert chasing.send_alerts().digests == 0
    (alert,) = Notification.objects.filter(kind=chasing.ALERT_KIND)
    assert alert.to == [kim.email] and second.reference in alert.subject and first.reference not in alert.subject
    assert "Due today" in alert.body


@pytest.mark.clock("2026-12-07 09:00")  # Monday
def test_an_item_two_people_own_is_each_ones_own_not_an_escalation(clock, rules, head, monkeypatch):
    from dataclasses import replace

    from mayoral_office import registry

    second_head = UserFactory(role=Role.HEAD_OF_OFFICE, full_name="Ann Second")
    case = case_for(head, date(2026, 11, 27))  # 6 working days overdue: past the Head's offset too
    responses = registry._chase_kinds["casework.response"]

    def both_own(horizon, person_ids=None):  # as a requisition waiting at the Head step is both Heads' to approve
        items = responses.items(horizon, person_ids)
        return items + [replace(item, person_id=second_head.pk) for item in items]

    monkeypatch.setitem(registry._chase_kinds, "casework.response", replace(responses, items=both_own))
    lines = chasing.plan(date(2026, 12, 7))
    assert [(line.item.pk, line.stage) for line in lines[head.pk]] == [(case.pk, "overdue")]
    assert [(line.item.pk, line.stage) for line in lines[second_head.pk]] == [(case.pk, "overdue")]


@pytest.mark.clock("2026-12-05 10:00")  # Saturday
def test_on_a_day_off_fridays_work_is_overdue_not_due_today(clock, rules, kim):
    case_for(kim, date(2026, 12, 4))
    (line,) = chasing.due_for(kim)
    assert line.overdue and line.when == "1 working day overdue"


@pytest.mark.clock("2026-12-03 09:00")
def test_a_team_lead_is_told_the_reference_only(clock, rules, kim, lead):
    case = case_for(kim, date(2026, 11, 30), subject="Domestic abuse disclosure")
    chasing.run_chase()
    escalated = digest_for(lead, date(2026, 12, 3))
    assert case.reference in escalated.body and "Domestic abuse" not in escalated.body + escalated.html_body
    assert "Domestic abuse" in digest_for(kim, date(2026, 12, 3)).body  # the officer's own case, by name


def test_the_schedules_are_rows_the_head_can_change(db):
    from django_celery_beat.models import PeriodicTask

    tasks = dict(PeriodicTask.objects.values_list("name", "task"))
    assert tasks["chase"] == "mayoral_office.tasks.chase" and tasks["send-outbox"] == "mayoral_office.tasks.send_outbox"
    assert "casework-chase-overdue" not in tasks
    assert str(PeriodicTask.objects.get(name="chase").crontab.timezone) == "Europe/London"


# --- volume ---------------------------------------------------------------------------------------------------------
def _overdue_cases(officers, count: int) -> None:
    member = MemberFactory()
    template = CaseFactory(member=member, officer=officers[0], status=Status.ALLOCATED)
    Case.objects.bulk_create(
        [
            Case(
                reference=f"MO/2026/{n:06d}",
                case_type_id=template.case_type_id,
                received_at=template.received_at,
                member=member,
                correspondent_id=template.correspondent_id,
                subject=f"Repair {n}",
                status=Status.ALLOCATED,
                officer=officers[n % len(officers)],
                response_due=date(2026, 11, 2 + n % 25),
                calendar=template.calendar,
                acknowledge_days=template.acknowledge_days,
                respond_days=template.respond_days,
                escalate_days=template.escalate_days,
                member_approval_required=template.member_approval_required,
            )
            for n in range(count - 1)
        ],
        batch_size=500,
    )


def _queries_of_a_run(day: str, clock) -> tuple[int, chasing.Result]:
    clock.move_to(f"{day} 09:00")
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as queries:
        result = chasing.run_chase()
    return len(queries), result


@pytest.mark.clock("2026-12-02 09:00")
def test_a_chase_issues_the_same_number_of_queries_for_600_or_10000_items_across_60_people(clock, rules, head):
    leads = [UserFactory(role=Role.CABINET_SUPPORT) for _ in range(6)]
    officers = [UserFactory(role=Role.CABINET_SUPPORT, reports_to=leads[n % 6]) for n in range(53)]
    _overdue_cases(officers, 600)
    small, small_result = _queries_of_a_run("2026-12-02", clock)
    Case.objects.all().delete()
    _overdue_cases(officers, 10_000)
    large, large_result = _queries_of_a_run("2026-12-03", clock)
    assert small_result.digests == large_result.digests == 60  # 53 officers, 6 leads, the Head
    assert large_result.items > 10_000  # each officer's own, and the escalations
    assert small == large
    assert ChaseEntry.objects.filter(day=date(2026, 12, 3)).count() == large_result.items


@pytest.mark.clock("2026-12-02 09:00")
def test_a_long_list_shows_the_most_overdue_and_counts_the_rest(clock, rules, kim):
    rules.lead_after_days = rules.head_after_days = 50  # no escalations here
    rules.save()
    cases = [case_for(kim, date(2026, 11, 2 + n % 28)) for n in range(chasing.SHOWN_PER_GROUP + 5)]
    result = chasing.run_chase()
    assert result.items == len(cases)  # every one in the ledger (its history), though not every one in the email
    digest = digest_for(kim, date(2026, 12, 2))
    oldest = min(cases, key=lambda c: (c.response_due, c.pk))
    assert oldest.reference in digest.body
    assert "- and 5 more, due later than these" in digest.body and "And 5 more" in digest.html_body
    assert digest.body.count("/casework/") == chasing.SHOWN_PER_GROUP
