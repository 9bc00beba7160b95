"""The diary's own form fields: GOV.UK dates, times typed as text, and the pick-lists of members and officers."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from diary import selectors
from mayoral_office.form_fields import (  # noqa: F401 (the diary's forms import them from here)
    MAX_YEAR,
    MIN_YEAR,
    GovDateField,
    GovTimeField,
    date_field,
    parse_time,
    time_field,
)
from mayoral_office.forms import ModelChoiceField, ModelMultipleChoiceField
from mayoral_office.models import SupportAssignment
from mayoral_office.roles import Role

UNKNOWN_MEMBER = "Select members from the list: one of those chosen is not a member whose diary you keep"
OFFICER_ROLES = [Role.HEAD_OF_OFFICE.label, Role.EXECUTIVE_SUPPORT.label, Role.CABINET_SUPPORT.label]


# The GOV.UK date and time fields are the core's (mayoral_office/form_fields.py), shared with every app.
DiaryDateField = GovDateField
DiaryTimeField = GovTimeField


class MemberChoices(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} – {obj.title}"


def _officer_label(user) -> str:
    return f"{user.full_name}, {user.job_title}" if user.job_title else str(user)


class OfficerChoices(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return _officer_label(obj)


class OfficerChoice(ModelChoiceField):
    def label_from_instance(self, obj):
        return _officer_label(obj)


def officers(user, *, also=()):
    """The officers who can be asked along: those with an office role who support a member whose diary this user
    keeps, and the Head of Mayor's Office; plus `also` (those already on an engagement), so an edit never
    drops them. A short list, so it can be checkboxes."""
    member_ids = selectors.diary_members(user).values("pk")
    supporting = SupportAssignment.objects.current().filter(member__in=member_ids).values("officer_id")
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=OFFICER_ROLES)
        .filter(Q(pk__in=supporting) | Q(groups__name=Role.HEAD_OF_OFFICE.label) | Q(pk__in=[u.pk for u in also]))
        .distinct()
        .order_by("full_name")
    )
