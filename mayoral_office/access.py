"""Access helpers every app uses. Records are fetched through `Model.objects.visible_to(user)`; these helpers
say who the user is to the office, so each app's `visible_to` stays short and the rules live in one place."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from mayoral_office.errors import PermissionDenied
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


def get_visible_or_404(request, queryset, *, log_read=None, **lookup):
    """The one authorising fetch every detail view uses: the record from `queryset.visible_to(request.user)`, or
    404 (never 403, so a record the user may not see is not revealed). Reads of confidential records are logged:
    those whose `is_confidential` is true, or for which `log_read(record)` says so.

    A key no database integer can hold (a 40-digit id) is simply not found."""
    from mayoral_office.audit import log_access
    from mayoral_office.lists import parse_pk

    for name, value in lookup.items():
        if (name == "pk" or name.endswith("_id") or name.endswith("__pk")) and parse_pk(value) is None:
            raise Http404("Not found")
    obj = queryset.visible_to(request.user).filter(**lookup).first()
    if obj is None:
        raise Http404("Not found")
    logged = log_read(obj) if log_read is not None else getattr(obj, "is_confidential", False)
    if logged:
        log_access(user=request.user, objs=[obj], request=request)
    return obj


def require_perm(user, codename: str) -> None:
    if not (user.is_superuser or has_perm(user, codename)):
        raise PermissionDenied


def office_roles(user) -> bool:
    """Anyone who works in or for the Mayor's Office (not a directorate contact or a budget holder only)."""
    return user.is_authenticated and (
        sees_everything(user) or user.has_role(Role.EXECUTIVE_SUPPORT, Role.CABINET_SUPPORT, Role.MEMBER, Role.INTERN)
    )


def office_staff(user) -> bool:
    """The officers of the Mayor's Office: the Head and the Executive and Cabinet Support Officers (the dashboard's
    readers)."""
    return user.is_authenticated and (
        sees_everything(user) or user.has_role(Role.EXECUTIVE_SUPPORT, Role.CABINET_SUPPORT)
    )
