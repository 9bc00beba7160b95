from datetime import date, timedelta

import pytest
from django.utils import timezone

from mayoral_office import access
from mayoral_office.models import Member, SupportAssignment
from tests.mayoral_office.factories import SupportAssignmentFactory

pytestmark = pytest.mark.django_db


def test_officer_supports_only_their_current_members(officer_a, member_a, member_b):
    assert access.supported_member_ids(officer_a) == {member_a.pk}
    assert member_b.pk not in access.supported_member_ids(officer_a)


def test_ended_and_future_assignments_do_not_count(officer_b, member_a, member_b):
    today = timezone.localdate()
    SupportAssignmentFactory(
        officer=officer_b, member=member_a, starts_on=date(2024, 1, 1), ends_on=today - timedelta(1)
    )
    SupportAssignmentFactory(officer=officer_b, member=member_a, starts_on=today + timedelta(1))
    assert access.supported_member_ids(officer_b) == {member_b.pk}
    assert SupportAssignment.objects.current().filter(officer=officer_b).count() == 1


def test_a_member_sees_their_own_records(member_a_user, member_a):
    assert access.supported_member_ids(member_a_user) == {member_a.pk}


def test_member_queryset_current_respects_active_dates(member_a, member_b):
    member_b.active_to = timezone.localdate() - timedelta(days=1)
    member_b.save()
    assert list(Member.objects.current()) == [member_a]


def test_role_helpers(head, officer_a, intern, directorate_contact):
    assert access.sees_everything(head) and not access.sees_everything(officer_a)
    assert access.may_see_sensitive(officer_a) and not access.may_see_sensitive(intern)
    assert access.is_draft_only(intern) and not access.is_draft_only(officer_a)
    assert access.is_directorate_contact(directorate_contact) and not access.is_directorate_contact(officer_a)
    assert head.primary_role == "Head of Mayor's Office"
    assert directorate_contact.primary_role == "Directorate contact"


def test_disabled_user_has_no_permissions(head):
    head.is_active = False
    head.save()
    assert not access.has_perm(head, "view_all_records")
