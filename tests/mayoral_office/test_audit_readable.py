"""The audit trail reads as English: field labels, names (linked) instead of ids, choice labels, no internal fields,
record types in plain English, the IP address where recorded; each record has its own history page."""

import pytest
from django.urls import reverse

from mayoral_office.audit import acting_as
from mayoral_office.models import SupportAssignment
from tests.casework.factories import CaseFactory
from tests.mayoral_office.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


def audit_page(client, head, **params):
    client.force_login(head)
    response = client.get(reverse("audit-trail"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_changed_link_to_a_person_shows_their_name_not_their_id(client, head, officer_a, member_a):
    rupa = UserFactory(full_name="Rupa Sen")
    assignment = SupportAssignment.objects.get(officer=officer_a, member=member_a)
    with acting_as(head, remote_addr="203.0.113.7"):
        assignment.officer = rupa
        assignment.save()
    body = audit_page(client, head, q=str(assignment))
    assert "Officer</dt>" in body
    assert "Joanna Kowalska" in body and "Rupa Sen" in body
    assert f">{rupa.pk}<" not in body and f"→ {rupa.pk}" not in body
    assert "203.0.113.7" in body
    assert "Mayor&#x27;s Office · support assignment" in body


def test_internal_fields_are_not_shown_and_choices_read_as_labels(client, head, member_a):
    with acting_as(head):
        case = CaseFactory(member=member_a, subject="Potholes on Mile End Road")
    body = audit_page(client, head, q=case.reference)
    assert "Casework · case" in body
    assert "search_document" not in body and "Search document" not in body
    assert "Subject</dt>" in body and "Potholes on Mile End Road" in body
    assert f"Status</dt><dd>{case.get_status_display()}" in body.replace("\n", "").replace("  ", "")


def test_a_record_history_page_shows_only_that_record_to_those_who_may_see_it(
    client, head, officer_a, officer_b, member_a
):
    with acting_as(head):
        case = CaseFactory(member=member_a, subject="Street lighting")
        other = CaseFactory(member=member_a, subject="Bins not collected")
        case.subject = "Street lighting on Bow Road"
        case.save()
    url = reverse("record-history", args=["casework", "case", case.pk])
    client.force_login(officer_a)  # supports member_a: may see the case, though not the whole audit trail
    body = client.get(url).content.decode()
    assert "History of" in body and "Street lighting on Bow Road" in body
    assert "Bins not collected" not in body
    assert other.reference not in body
    # the case page links to it
    case_page = client.get(reverse("casework:detail", args=[case.pk])).content.decode()
    assert f'href="{url}"' in case_page and "Every change to this case" in case_page
    client.force_login(officer_b)  # supports another member: the case is not found
    assert client.get(url).status_code == 404
    assert client.get(reverse("record-history", args=["mayoral_office", "user", officer_a.pk])).status_code == 404
    assert client.get(reverse("record-history", args=["casework", "nosuchthing", 1])).status_code == 404
    assert client.get(reverse("record-history", args=["casework", "case", "9" * 40])).status_code == 404


def test_a_deleted_record_named_in_a_change_is_said_to_be_deleted(client, head, officer_a, member_a):
    gone = MemberFactory(name="Cllr Former Member")
    assignment = SupportAssignment.objects.get(officer=officer_a, member=member_a)
    with acting_as(head):
        assignment.member = gone
        assignment.save()
        assignment.member = member_a
        assignment.save()
    gone_pk = gone.pk
    gone.delete()
    body = audit_page(client, head, q=str(assignment))
    assert f"{gone_pk} (since deleted)" in body


def test_a_private_engagements_history_is_only_for_those_who_may_read_its_title(client, mayor, exec_officer):
    """A History page must not show a "Busy" item's title: the officer without the member's leave gets 404, the
    member reads it; the engagement page links to it only for those who may."""
    from mayoral_office.roles import Role
    from tests.diary.factories import at, make_engagement
    from tests.mayoral_office.factories import SupportAssignmentFactory

    with acting_as(exec_officer):
        engagement = make_engagement(mayor.member, start=at(2026, 12, 9, 14), title="Dentist", is_private=True)
        engagement.location = "Bow Road surgery"
        engagement.save()
    intern = UserFactory(role=Role.INTERN, full_name="Ella Thompson")
    SupportAssignmentFactory(officer=intern, member=mayor.member)
    url = reverse("record-history", args=["diary", "engagement", engagement.pk])
    client.force_login(intern)  # reads the Mayor's diary, the private item only as Busy
    assert client.get(reverse("diary:engagement", args=[engagement.pk])).status_code == 200
    assert url not in client.get(reverse("diary:engagement", args=[engagement.pk])).content.decode()
    assert client.get(url).status_code == 404
    client.force_login(mayor)
    assert url in client.get(reverse("diary:engagement", args=[engagement.pk])).content.decode()
    body = client.get(url).content.decode()
    assert "History of" in body and "Dentist" in body
