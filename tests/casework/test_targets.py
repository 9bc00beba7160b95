"""Acceptance 2: target dates follow the working-day rules (fixed dates)."""

from datetime import date

import pytest
from django.urls import reverse

from casework import deadlines, services
from casework.models import CaseEvent, Extension, Status
from mayoral_office import services as office_services
from mayoral_office.errors import ServiceError
from mayoral_office.models import ClosureDay

pytestmark = pytest.mark.django_db


def test_a_letter_received_on_a_saturday_counts_from_the_next_working_day(log_case, member_a):
    # Saturday 7 March 2026 is day 0; Monday 9 March is working day 1.
    case = log_case(member=member_a, received=date(2026, 3, 7), code="resident")
    assert case.acknowledge_due == date(2026, 3, 10)
    assert case.response_due == date(2026, 3, 20)
    assert case.escalation_due == date(2026, 3, 27)


def test_a_case_spanning_christmas_skips_the_bank_holidays(log_case, member_a):
    # Received Monday 22 December 2025: Christmas Day, Boxing Day and New Year's Day are not counted.
    case = log_case(member=member_a, received=date(2025, 12, 22), code="resident")
    assert case.response_due == date(2026, 1, 8)
    skipped = {d.day: d.reason for d in deadlines.explain_deadlines(case)["skipped"]}
    assert skipped[date(2025, 12, 25)] == "bank holiday"
    assert skipped[date(2025, 12, 26)] == "bank holiday"
    assert skipped[date(2026, 1, 1)] == "bank holiday"


def test_christmas_closure_days_move_open_deadlines_and_the_timeline_says_so(log_case, member_a, head):
    case = log_case(member=member_a, received=date(2025, 12, 22), code="resident")
    closed = log_case(member=member_a, received=date(2025, 12, 22), code="resident")
    closed.status = Status.CLOSED
    closed.save()
    for day in (29, 30, 31):
        office_services.closure_day_add(actor=head, day=date(2025, 12, day), reason="Council closure (Christmas)")
    case.refresh_from_db()
    closed.refresh_from_db()
    assert case.response_due == date(2026, 1, 13)  # three more days skipped
    assert closed.response_due == date(2026, 1, 8)  # finished cases keep their dates
    notes = list(case.events.filter(kind=CaseEvent.Kind.DEADLINE).values_list("text", flat=True))
    assert len(notes) == 3
    assert "Closure day added: 31 December 2025" in notes[-1]
    assert "13 January 2026" in notes[-1]

    office_services.closure_day_remove(actor=head, closure=ClosureDay.objects.get(date=date(2025, 12, 31)))
    case.refresh_from_db()
    assert case.response_due == date(2026, 1, 12)
    assert "Closure day removed" in case.events.filter(kind=CaseEvent.Kind.DEADLINE).last().text


def test_three_working_days_on_hold_move_the_target_by_three_working_days(log_case, member_a, head):
    case = log_case(member=member_a, received=date(2026, 3, 2), code="resident")
    assert case.response_due == date(2026, 3, 16)
    case = services.case_allocate(actor=head, case=case, officer=head)
    case = services.case_hold(actor=head, case=case, reason="Waiting for photographs", on=date(2026, 3, 4))
    assert case.status == Status.ON_HOLD
    assert not case.is_overdue(today=date(2026, 4, 1))  # the clock is stopped
    case = services.case_resume(actor=head, case=case, on=date(2026, 3, 9))  # Thu 5, Fri 6, Mon 9
    assert case.paused_working_days == 3
    assert case.response_due == date(2026, 3, 19)
    assert case.status == Status.ALLOCATED  # back where it was
    assert case.holds.get().working_days == 3
    assert "On hold for 3 working days" in case.events.filter(kind=CaseEvent.Kind.DEADLINE).last().text


def test_an_foi_request_counts_a_scottish_bank_holiday(log_case, member_a):
    # FOI uses the United Kingdom calendar: Scotland's summer bank holiday (Mon 3 August 2026) is not counted.
    case = log_case(member=member_a, received=date(2026, 7, 27), code="foi")
    assert case.response_due == date(2026, 8, 25)
    resident = log_case(member=member_a, received=date(2026, 7, 27), code="resident")
    assert deadlines.compute_deadlines(resident)["response_due"] == date(2026, 8, 10)
    details = [str(d) for d in deadlines.explain_deadlines(case)["skipped"] if d.reason == "bank holiday"]
    assert details == ["Monday 3 August 2026: Summer Bank Holiday (Scotland)"]


def test_an_extension_has_a_type_a_length_and_a_reason(log_case, member_a, head):
    case = log_case(member=member_a, received=date(2026, 3, 2), code="resident")
    extension = services.case_extend(
        actor=head,
        case=case,
        kind=Extension.Kind.COMPLEX,
        working_days=5,
        reason="Three directorates involved",
    )
    case.refresh_from_db()
    assert (extension.previous_due, extension.new_due) == (date(2026, 3, 16), date(2026, 3, 23))
    assert case.response_due == date(2026, 3, 23)
    with pytest.raises(ServiceError):
        services.case_extend(actor=head, case=case, kind=Extension.Kind.COMPLEX, working_days=5, reason=" ")


def test_the_case_page_explains_why_it_is_due_then(client, log_case, member_a, head):
    case = log_case(member=member_a, received=date(2026, 7, 27), code="foi")
    client.force_login(head)
    body = client.get(reverse("casework:detail", args=[case.pk])).content.decode()
    assert "Why is it due then?" in body
    assert "Summer Bank Holiday (Scotland)" in body
    assert "25 August 2026" in body


def test_changing_a_types_targets_does_not_retarget_open_cases_and_an_extension_adds_time(log_case, member_a, head):
    from casework.models import CaseType

    case = log_case(member=member_a, received=date(2026, 1, 5), code="resident")
    assert case.response_due == date(2026, 1, 19)
    CaseType.objects.filter(code="resident").update(respond_days=3, acknowledge_days=1, escalate_days=5)

    services.case_extend(actor=head, case=case, kind=Extension.Kind.COMPLEX, working_days=1, reason="Complex")
    case.refresh_from_db()
    assert case.response_due == date(2026, 1, 20)  # not 9 January
    assert case.acknowledge_due == date(2026, 1, 7)
    assert case.extensions.get().new_due == date(2026, 1, 20)
    explain = deadlines.explain_deadlines(case)
    assert (explain["target_days"], explain["total_days"]) == (10, 11)

    # a hold and a closure day recalculate from the case's own targets too
    case = services.case_hold(actor=head, case=case, reason="Waiting for photographs", on=date(2026, 1, 7))
    case = services.case_resume(actor=head, case=case, on=date(2026, 1, 8))
    assert case.response_due == date(2026, 1, 21)
    office_services.closure_day_add(actor=head, day=date(2026, 1, 12), reason="Council closure")
    case.refresh_from_db()
    assert case.response_due == date(2026, 1, 22)

    # a new case takes the type's new targets
    assert log_case(member=member_a, received=date(2026, 1, 5), code="resident").response_due == date(2026, 1, 8)


def test_changing_the_case_type_of_a_case_takes_the_new_types_targets(log_case, member_a, head):
    from casework.models import CaseType

    case = log_case(member=member_a, received=date(2026, 1, 5), code="resident")
    CaseType.objects.filter(code="resident").update(respond_days=3)
    case = services.case_update(actor=head, case=case, expected_version=case.version, subject="Damp and mould")
    assert case.response_due == date(2026, 1, 19)  # an ordinary edit keeps the targets
    case = services.case_update(
        actor=head, case=case, expected_version=case.version, case_type=CaseType.objects.get(code="complaint-2")
    )
    assert case.response_due == date(2026, 2, 2)  # 20 working days
    assert "2 February 2026" in case.events.filter(kind=CaseEvent.Kind.DEADLINE).last().text
    # and keeps them when that type is edited later
    CaseType.objects.filter(code="complaint-2").update(respond_days=5)
    services.case_extend(actor=head, case=case, kind=Extension.Kind.COMPLEX, working_days=1, reason="Complex")
    case.refresh_from_db()
    assert case.response_due == date(2026, 2, 3)


def test_an_extension_never_brings_the_target_forward(log_case, member_a, head):
    from casework.models import Case

    case = log_case(member=member_a, received=date(2026, 1, 5), code="resident")
    Case.objects.filter(pk=case.pk).update(response_due=date(2026, 1, 30))  # e.g. set under an older rule
    extension = services.case_extend(
        actor=head, case=case, kind=Extension.Kind.AGREED, working_days=1, reason="Agreed with the resident"
    )
    case.refresh_from_db()
    assert case.response_due == date(2026, 2, 2)
    assert (extension.previous_due, extension.new_due) == (date(2026, 1, 30), date(2026, 2, 2))
