"""Stages, drafting and approval, contributions, linking and merging, bulk allocation and the audit trail."""

import io
from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from casework import letters, selectors, services
from casework.models import OPEN_STATUSES, TRANSITIONS, Case, ContributionRequest, Draft, Status, can_move
from mayoral_office.errors import ServiceError
from mayoral_office.models import Notification
from mayoral_office.working_days import add_working_days
from tests.casework.factories import CorrespondentFactory

pytestmark = pytest.mark.django_db


def test_the_transitions_table_covers_every_stage_and_finished_cases_only_reopen():
    assert set(TRANSITIONS) == set(Status)
    assert TRANSITIONS[Status.CLOSED] == {Status.REOPENED}
    assert not can_move(Status.RECEIVED, Status.CLOSED)
    assert not can_move(Status.AWAITING_APPROVAL, Status.RESPONSE_SENT)
    assert Status.CLOSED not in OPEN_STATUSES


def test_a_move_not_in_the_table_is_refused_and_nothing_changes(log_case, member_a, head):
    case = log_case(member=member_a)
    with pytest.raises(ServiceError, match="cannot be moved"):
        services.case_move(actor=head, case=case, to_status=Status.CLOSED)
    case.refresh_from_db()
    assert case.status == Status.RECEIVED
    assert case.events.count() == 1


def test_every_stage_move_records_who_when_and_why(log_case, member_a, officer_a):
    case = log_case(member=member_a, actor=officer_a)
    case = services.case_allocate(actor=officer_a, case=case, officer=officer_a)
    case = services.case_move(actor=officer_a, case=case, to_status=Status.NO_REPLY_NEEDED, reason="Copy for info")
    event = case.events.filter(kind="stage").last()
    assert (event.actor, event.from_status, event.to_status, event.text) == (
        officer_a,
        Status.ALLOCATED,
        Status.NO_REPLY_NEEDED,
        "Copy for info",
    )
    assert event.at <= timezone.now()
    with pytest.raises(ServiceError, match="Enter the reason"):
        services.case_move(actor=officer_a, case=case, to_status=Status.REOPENED, reason="")


def test_writes_leave_audit_entries_with_the_acting_user(log_case, member_a, officer_a):
    case = log_case(member=member_a, actor=officer_a)
    services.case_allocate(actor=officer_a, case=case, officer=officer_a)
    entries = LogEntry.objects.get_for_object(case)
    assert entries.filter(action=LogEntry.Action.CREATE, actor=officer_a).exists()
    assert entries.filter(action=LogEntry.Action.UPDATE, actor=officer_a).exists()


def _to_approval(case, officer, body="Dear resident, thank you."):
    case = services.case_allocate(actor=officer, case=case, officer=officer)
    draft = services.draft_save(actor=officer, case=case, body=body)
    return services.draft_submit(actor=officer, draft=draft)


def test_the_member_returns_a_draft_with_comments_and_a_new_version_is_approved(
    log_case, member_a, member_a_user, officer_a
):
    case = log_case(member=member_a, actor=officer_a)
    draft = _to_approval(case, officer_a)
    assert Notification.objects.filter(kind="casework.approval", to=[member_a_user.email]).exists()
    with pytest.raises(ServiceError, match="Enter your comments"):
        services.draft_review(actor=member_a_user, draft=draft, approve=False, comments="")
    services.draft_review(actor=member_a_user, draft=draft, approve=False, comments="Mention the survey date")
    case.refresh_from_db()
    assert case.status == Status.DRAFTING
    second = services.draft_save(actor=officer_a, case=case, body="Dear resident, the survey is on Tuesday.")
    assert second.version == 2
    services.draft_submit(actor=officer_a, draft=second)
    services.draft_review(actor=member_a_user, draft=second, approve=True)
    case.refresh_from_db()
    assert case.status == Status.APPROVED
    assert letters.approved_draft(case) == second
    assert Draft.objects.get(pk=draft.pk).review_comments == "Mention the survey date"


def test_an_officer_approving_for_the_member_is_recorded_as_acting_for_them(log_case, member_a, officer_a):
    case = log_case(member=member_a, actor=officer_a)
    draft = _to_approval(case, officer_a)
    draft = services.draft_review(actor=officer_a, draft=draft, approve=True)
    assert draft.reviewed_on_behalf is True
    assert f"on behalf of {member_a.name}" in case.events.last().text


def test_someone_who_cannot_see_the_case_cannot_approve_it(log_case, member_a, officer_a, officer_b, intern):
    case = log_case(member=member_a, actor=officer_a)
    draft = _to_approval(case, officer_a)
    for outsider in (officer_b, intern):
        with pytest.raises(PermissionDenied):
            services.draft_review(actor=outsider, draft=draft, approve=True)


def test_a_response_needs_member_approval_when_the_type_says_so(log_case, member_a, head):
    case = log_case(member=member_a, code="resident")
    case = services.case_allocate(actor=head, case=case, officer=head)
    services.draft_save(actor=head, case=case, body="Reply")
    with pytest.raises(ServiceError, match="must approve the response"):
        services.response_record(actor=head, case=case, sent_on=timezone.localdate(), method="letter")
    foi = log_case(member=member_a, code="foi")
    foi = services.case_allocate(actor=head, case=foi, officer=head)
    services.draft_save(actor=head, case=foi, body="Information enclosed")
    foi = services.response_record(actor=head, case=foi, sent_on=timezone.localdate(), method="email")
    assert foi.status == Status.RESPONSE_SENT


def test_contributions_show_due_overdue_and_received(log_case, member_a, head, directorate, directorate_contact):
    case = log_case(member=member_a)
    case = services.case_allocate(actor=head, case=case, officer=head)
    due = add_working_days(timezone.localdate(), 1)  # a due date must be a working day
    request = services.contribution_request(
        actor=head, case=case, directorate=directorate, question="Survey date?", due_on=due
    )
    assert Notification.objects.filter(kind="casework.contribution").exists()
    assert request.state() == "due"
    assert request.state(today=due + timedelta(days=1)) == "overdue"
    services.contribution_answer(actor=directorate_contact, contribution=request, answer="Tuesday")
    request.refresh_from_db()
    assert request.state(today=date(2099, 1, 1)) == "received"
    case.refresh_from_db()
    assert case.status == Status.DRAFTING  # all contributions in
    with pytest.raises(ServiceError, match="already been answered"):
        services.contribution_answer(actor=directorate_contact, contribution=request, answer="Again")


def test_a_contact_of_another_directorate_cannot_answer(log_case, member_a, head, directorate):
    from mayoral_office.roles import Role
    from tests.mayoral_office.factories import DirectorateFactory, UserFactory

    stranger = UserFactory(role=Role.DIRECTORATE_CONTACT, directorate=DirectorateFactory())
    case = log_case(member=member_a)
    request = services.contribution_request(
        actor=head,
        case=case,
        directorate=directorate,
        question="?",
        due_on=add_working_days(timezone.localdate(), 1),
    )
    with pytest.raises(PermissionDenied):
        services.contribution_answer(actor=stranger, contribution=request, answer="Hi")
    assert not ContributionRequest.objects.filter(answered_at__isnull=False).exists()


def test_possible_duplicates_and_earlier_cases_are_shown_and_can_be_merged(client, log_case, member_a, officer_a):
    person = CorrespondentFactory(email="same@example.org")
    earlier = log_case(member=member_a, actor=officer_a, correspondent=person, subject="Bins")
    again = CorrespondentFactory(email="SAME@example.org", name="Same Person Again")
    duplicate = log_case(member=member_a, actor=officer_a, correspondent=again, subject="Bins again")
    assert list(selectors.possible_duplicates(officer_a, duplicate)) == [earlier]
    client.force_login(officer_a)
    page = client.get(reverse("casework:detail", args=[duplicate.pk])).content.decode()
    assert "Possible duplicates and earlier cases" in page and earlier.reference in page
    response = client.post(reverse("casework:link-to", args=[duplicate.pk, earlier.pk]), {"merge": "1"})
    assert response.url == reverse("casework:detail", args=[earlier.pk])
    duplicate.refresh_from_db()
    assert duplicate.merged_into == earlier and duplicate.status == Status.CLOSED
    assert earlier in duplicate.related_cases.all() and duplicate in earlier.related_cases.all()


def test_bulk_allocation_is_all_or_nothing(client, log_case, member_a, officer_a, head):
    cases = [log_case(member=member_a) for _ in range(3)]
    client.force_login(head)
    response = client.post(reverse("casework:bulk-allocate"), {"cases": [c.pk for c in cases], "officer": officer_a.pk})
    assert response.status_code == 302
    assert Case.objects.filter(officer=officer_a).count() == 3
    closed = log_case(member=member_a)
    Case.objects.filter(pk=closed.pk).update(status=Status.CLOSED)
    response = client.post(reverse("casework:bulk-allocate"), {"cases": [cases[0].pk, closed.pk], "officer": head.pk})
    assert Case.objects.filter(officer=head).count() == 0  # the closed case is not in the allowed list


def test_the_letter_pdf_is_marked_draft_until_approved(client, log_case, member_a, officer_a, member_a_user):
    from pypdf import PdfReader

    case = log_case(member=member_a, actor=officer_a)
    draft = _to_approval(case, officer_a, body="The survey is booked for Tuesday.")
    client.force_login(officer_a)

    def text():
        response = client.get(reverse("casework:letter", args=[case.pk]))
        assert response["Content-Type"] == "application/pdf"
        return "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)

    assert "DRAFT" in text()
    services.draft_review(actor=member_a_user, draft=draft, approve=True)
    final = text()
    assert "DRAFT" not in final
    assert "The survey is booked for Tuesday." in final and member_a.title in final and case.reference in final


def test_the_work_queues(client, log_case, member_a, member_b, officer_a, head):
    mine = log_case(member=member_a)
    services.case_allocate(actor=head, case=mine, officer=officer_a)
    log_case(member=member_a)  # unallocated
    overdue = log_case(member=member_a, received=date(2026, 1, 5))
    services.case_allocate(actor=head, case=overdue, officer=officer_a)
    log_case(member=member_b)  # another team's
    counts = selectors.queue_counts(officer_a)
    assert counts["mine"] == 2 and counts["team"] == 3 and counts["unallocated"] == 1 and counts["overdue"] == 1
    client.force_login(officer_a)
    page = client.get(reverse("casework:index"), {"queue": "overdue"}).content.decode()
    assert overdue.reference in page and mine.reference not in page


def test_case_types_are_configured_by_the_head_of_office_in_the_admin(client, head, officer_a, log_case, member_a):
    from casework.models import CaseType

    assert {t.code: (t.acknowledge_days, t.respond_days, t.calendar) for t in CaseType.objects.all()} == {
        "member": (2, 10, "england-and-wales"),
        "mp": (2, 10, "england-and-wales"),
        "resident": (2, 10, "england-and-wales"),
        "complaint-1": (2, 10, "england-and-wales"),
        "complaint-2": (2, 20, "england-and-wales"),
        "foi": (None, 20, "united-kingdom"),
        "media": (None, 1, "england-and-wales"),
    }
    resident = CaseType.objects.get(code="resident")
    log_case(member=member_a, code="resident")
    client.force_login(head)
    assert client.get(reverse("admin:casework_casetype_changelist")).status_code == 200
    response = client.post(
        reverse("admin:casework_casetype_change", args=[resident.pk]),
        {
            "name": resident.name,
            "code": resident.code,
            "description": "",
            "is_active": "on",
            "acknowledge_days": 3,
            "respond_days": 15,
            "escalate_days": 20,
            "calendar": "england-and-wales",
            "member_approval_required": "on",
            "retention_years": 6,
        },
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.respond_days == 15
    assert client.get(reverse("admin:casework_casetype_delete", args=[resident.pk])).status_code == 403
    officer_a.is_staff = True
    officer_a.save()
    client.force_login(officer_a)
    assert client.get(reverse("admin:casework_casetype_changelist")).status_code == 403


def test_the_scheduled_tasks_call_the_services(log_case, member_a, head):
    from casework import tasks

    case = log_case(member=member_a, received=date(2026, 1, 5))
    services.case_allocate(actor=head, case=case, officer=head)
    assert tasks.apply_retention.delay().get() == 0  # open cases are kept (chasing: tests/mayoral_office)


def test_an_officer_can_withdraw_a_draft_from_the_member(log_case, member_a, member_a_user, officer_a):
    case = log_case(member=member_a, actor=officer_a)
    draft = _to_approval(case, officer_a)
    case = services.case_move(actor=officer_a, case=case, to_status=Status.DRAFTING)
    draft.refresh_from_db()
    assert draft.state == Draft.State.DRAFT
    with pytest.raises(ServiceError, match="not waiting for approval"):
        services.draft_review(actor=member_a_user, draft=draft, approve=True)


def test_bulk_allocation_never_redirects_off_site(client, head, log_case, member_a):
    case = log_case(member=member_a)
    client.force_login(head)
    response = client.post(
        reverse("casework:bulk-allocate"), {"cases": [case.pk], "officer": head.pk, "back": "//evil.example/"}
    )
    assert response.url == reverse("casework:index")


@pytest.mark.parametrize("reviser", ["officer_a", "intern"])
def test_a_version_saved_after_approval_cannot_be_sent_on_the_old_approval(
    request, client, log_case, member_a, member_a_user, officer_a, reviser
):
    case = log_case(member=member_a, actor=officer_a)
    first = _to_approval(case, officer_a, body="Version one, as approved.")
    services.draft_review(actor=member_a_user, draft=first, approve=True)
    case.refresh_from_db()
    assert case.status == Status.APPROVED

    second = services.draft_save(
        actor=request.getfixturevalue(reviser), case=case, body="Version two, never seen by the member."
    )
    first.refresh_from_db()
    assert first.state == Draft.State.DRAFT  # the approval covered version 1 only
    assert letters.approved_draft(case) is None
    case.refresh_from_db()
    before = (case.status, case.version, case.events.count(), case.response_sent_on, case.response_method)
    assert case.status == Status.DRAFTING

    with pytest.raises(ServiceError, match=f"{member_a.name} must approve the response before it is sent"):
        services.response_record(actor=officer_a, case=case, sent_on=timezone.localdate(), method="letter")
    case.refresh_from_db()
    assert (case.status, case.version, case.events.count(), case.response_sent_on, case.response_method) == before

    # the letter prints the new version, marked as a draft, not the old approved text
    from pypdf import PdfReader

    client.force_login(officer_a)
    response = client.get(reverse("casework:letter", args=[case.pk]))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Version two" in text and "DRAFT" in text and "Version one" not in text

    # approving version 2 lets it go, and the letter then prints version 2 as final
    services.draft_submit(actor=officer_a, draft=second)
    services.draft_review(actor=member_a_user, draft=second, approve=True)
    case.refresh_from_db()
    case = services.response_record(actor=officer_a, case=case, sent_on=timezone.localdate(), method="letter")
    assert case.status == Status.RESPONSE_SENT and case.response_draft == second


def test_the_letter_of_a_sent_response_prints_the_version_sent_as_final(client, log_case, member_a, head):
    from pypdf import PdfReader

    foi = log_case(member=member_a, code="foi")  # no member approval for FOI
    foi = services.case_allocate(actor=head, case=foi, officer=head)
    services.draft_save(actor=head, case=foi, body="The information you asked for is enclosed.")
    services.response_record(actor=head, case=foi, sent_on=timezone.localdate(), method="email")
    client.force_login(head)
    response = client.get(reverse("casework:letter", args=[foi.pk]))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "The information you asked for is enclosed." in text and "DRAFT" not in text
