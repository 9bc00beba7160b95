"""A member's diary preferences: whether the officers who keep their diary see their private engagements."""

from __future__ import annotations

from diary import policy
from diary.models import DiaryPreference
from mayoral_office.audit import service
from mayoral_office.models import Member


@service
def diary_preference_set(*, actor, member: Member, officers_see_private_titles: bool) -> DiaryPreference:
    """The member's own choice (or the Head of Mayor's Office's for them); the change is audited."""
    policy.require(actor, "preferences.edit", member)
    preference, _ = DiaryPreference.objects.select_for_update().get_or_create(member=member)
    preference.officers_see_private_titles = officers_see_private_titles
    preference.updated_by = actor
    preference.save()
    return preference
