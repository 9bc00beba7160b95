"""Access helpers every app uses. Records are fetched through `Model.objects.visible_to(user)`; these helpers
say who the user is to the office, so each app's `visible_to` stays short and the rules live in one place."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from mayoral_office.roles import Role


def has_perm(user, codename: str) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(f"mayoral_office.{codename}"))


def sees_everything(user) -> bool:
    """The Head of Mayor's Office (and a superuser) sees every record, confidential included."""
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or has_perm(user, "view_all_records")))


def may_see_sensitive(user) -> bool:
    return sees_everything(user) or has_perm(user, "view_sensitive_records")


def is_draft_only(user) -> bool:
    """Interns and work experience: read and draft on non-sensitive items only."""
    return has_perm(user, "draft_only") and not sees_everything(user)


def own_member_id(user) -> int | None:
    member = getattr(user, "member", None) if user.is_authenticated else None
    return member.pk if member else None


def supported_member_ids(user) -> set[int]:
    """Members this user supports today, plus the member they are. Cached on the user for the request."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_supported_member_ids"):
        from mayoral_office.models import SupportAssignment

        ids = set(SupportAssignment.objects.current().filter(officer=user).values_list("member_id", flat=True))
        own = own_member_id(user)
        if own:
            ids.add(own)
        user._supported_member_ids = ids
    return user._supported_member_ids


def member_scope(user, member_field: str = "member") -> Q:
    """A filter for records whose member (`member_field`) the user supports or is."""
    return Q(**{f"{member_field}__in": supported_member_ids(user)})


def is_directorate_contact(user) -> bool:
    return user.is_authenticated and user.has_role(Role.DIRECTORATE_CONTACT) and not sees_everything(user)


APP_SECTIONS = [
    ("casework", "Casework", "Correspondence and cases, target times, drafting for signature."),
    ("diary", "Diary", "Members' engagements, invitations and week-ahead packs."),
    ("briefings", "Briefings", "Briefing and speech packs, commissions, printed packs."),
    ("decisions", "Decisions", "CLT agenda, Decision Pathway, forward plan and action tracker."),
    ("procurement", "Procurement", "Budgets and requisitions with approvals."),
]


def sections_for(user) -> list[tuple[str, str, str]]:
    """The parts of the service a user works in: a directorate contact only answers requests sent to them."""
    if is_directorate_contact(user):
        return [s for s in APP_SECTIONS if s[0] == "casework"]
    return APP_SECTIONS


def get_visible_or_404(user, queryset_or_model, **lookup):
    """Fetch one record the user may see; 404 (never 403) for one they may not, so its existence is not revealed."""
    qs = queryset_or_model if isinstance(queryset_or_model, QuerySet) else queryset_or_model.objects.all()
    return get_object_or_404(qs.visible_to(user), **lookup)


def require_perm(user, codename: str) -> None:
    if not (user.is_superuser or has_perm(user, codename)):
        raise PermissionDenied
