"""What casework chases (casework/chases.py), through the chase's own plan: who gets each item and when it stops."""

from datetime import date

from casework import chases, services
from casework.models import Case, ContributionRequest
from mayoral_office import chasing
from mayoral_office.roles import Role
from tests.mayoral_office.factories import UserFactory

TODAY = date(2026, 12, 2)  # the frozen clock's Wednesday


def lines_of(user, kind: str):
    return [line for line in chasing.plan(TODAY).get(user.pk, []) if line.kind.name == kind]


def test_a_case_is_chased_with_its_officer_until_it_is_answered(log_case, member_a, officer_a, head):
    case = services.case_allocate(actor=head, case=log_case(member=member_a), officer=officer_a)
    Case.objects.filter(pk=case.pk).update(response_due=date(2026, 11, 30))
    (line,) = lines_of(officer_a, "casework.response")
    assert (line.item.reference, line.item.what, line.late, line.stage) == (case.reference, "Response", 2, "overdue")
    assert line.item.url == f"/casework/{case.pk}/"
    Case.objects.filter(pk=case.pk).update(status="closed")
    assert lines_of(officer_a, "casework.response") == []


def test_a_contribution_goes_to_the_directorates_contacts_or_else_to_whoever_asked(
    log_case, member_a, officer_a, head, directorate, directorate_contact
):
    case = services.case_allocate(actor=head, case=log_case(member=member_a), officer=officer_a)
    request = services.contribution_request(
        actor=officer_a, case=case, directorate=directorate, question="Repairs?", due_on=date(2026, 12, 3)
    )
    ContributionRequest.objects.filter(pk=request.pk).update(due_on=date(2026, 12, 1))
    (line,) = lines_of(directorate_contact, "casework.contribution")
    assert line.item.what == "Your directorate's contribution" and line.item.url.endswith(f"/{request.pk}/")
    assert lines_of(officer_a, "casework.contribution") == []
    assert [line.item.pk for line in chasing.due_for(directorate_contact, TODAY)] == [request.pk]  # their home page
    directorate_contact.is_active = False
    directorate_contact.save()
    (line,) = lines_of(officer_a, "casework.contribution")
    assert line.item.what == "Contribution from Housing and Regeneration"
    # who the contacts are is kept in the cache (mayoral_office/choices.py): a new one is chased the next time
    newcomer = UserFactory(role=Role.DIRECTORATE_CONTACT, full_name="Priya Shah", directorate=directorate)
    assert [line.item.pk for line in lines_of(newcomer, "casework.contribution")] == [request.pk]
    assert lines_of(officer_a, "casework.contribution") == []


def test_a_draft_awaiting_approval_is_chased_with_the_member(log_case, member_a, member_a_user, officer_a, head):
    case = services.case_allocate(actor=head, case=log_case(member=member_a), officer=officer_a)
    draft = services.draft_save(actor=officer_a, case=case, body="Dear resident, ...")
    services.draft_submit(actor=officer_a, draft=draft)
    Case.objects.filter(pk=case.pk).update(response_due=date(2026, 12, 2))
    (line,) = lines_of(member_a_user, "casework.approval")
    assert (line.item.what, line.stage) == ("Your approval of the response", "due")


def test_a_confidential_case_is_named_by_its_reference_only(log_case, member_a, officer_a, head):
    case = services.case_allocate(
        actor=head, case=log_case(member=member_a, subject="Safeguarding: Ms X"), officer=officer_a
    )
    Case.objects.filter(pk=case.pk).update(sensitivity="confidential", response_due=date(2026, 12, 1))
    (item,) = chases.responses(TODAY, [officer_a.pk])
    assert item.title == "Confidential case" and item.reference == case.reference


def test_while_the_member_has_the_draft_the_member_is_chased_not_the_officer(
    log_case, member_a, member_a_user, officer_a, head
):
    case = services.case_allocate(actor=head, case=log_case(member=member_a), officer=officer_a)
    Case.objects.filter(pk=case.pk).update(response_due=date(2026, 12, 1))
    assert [line.item.pk for line in lines_of(officer_a, "casework.response")] == [case.pk]
    draft = services.draft_save(actor=officer_a, case=Case.objects.get(pk=case.pk), body="Dear resident, ...")
    services.draft_submit(actor=officer_a, draft=draft)
    assert lines_of(officer_a, "casework.response") == []
    assert [line.item.pk for line in lines_of(member_a_user, "casework.approval")] == [case.pk]
