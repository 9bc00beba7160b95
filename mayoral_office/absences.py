"""Absence cover: an officer records an absence (leave, sickness, training) and who covers it. While it lasts the
cover officer's home page lists the absent officer's items due, the daily chase goes to the cover officer ("covering
for ..."), and each item's chase history says so.

Who may do what: an officer records and cancels their own absences; their team lead (`reports_to`) and the Head of
Mayor's Office record and cancel anyone's. The cover is someone else who works in the office and is still active."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from mayoral_office import choices
from mayoral_office.access import has_perm, office_staff
from mayoral_office.audit import service
from mayoral_office.errors import PermissionDenied, ServiceError
from mayoral_office.models import Absence, User
from mayoral_office.roles import Role


def may_use(user) -> bool:
    """Absence cover is for the officers of the Mayor's Office (the Head, the Executive and Cabinet Support
    Officers): they cover one another's work."""
    return bool(user and user.is_authenticated and user.is_active and office_staff(user))


def may_manage(user, officer: User) -> bool:
    """Whether `user` may record or cancel `officer`'s absences."""
    if not (may_use(user) and office_staff(officer)):
        return False
    return officer.pk == user.pk or officer.reports_to_id == user.pk or has_perm(user, "configure_office")


# --- reads ---------------------------------------------------------------------------------------------------------
def covers_on(day: date) -> dict[int, User]:
    """{absent officer's id: the active officer covering them} on `day`, for officers still with the office (a
    leaver's items are the Head of Mayor's Office's, not a cover's). From the cache while no absence or user has
    changed (kept tables, mayoral_office/choices.py); one query otherwise."""

    def read():
        found = (
            Absence.objects.on(day)
            .filter(cover__is_active=True, officer__is_active=True)
            .select_related("cover")
            .only("officer_id", "cover__is_active", "cover__full_name", "cover__email")  # kept: no more of the user
            .order_by("pk")
        )
        return {absence.officer_id: absence.cover for absence in found}

    return choices.kept(f"covers:{day.isoformat()}", read)


def absences_for(user):
    """The absences `user` may see: their own, those they cover, their team's; every one for the Head."""
    qs = Absence.objects.select_related("officer", "cover").order_by("-starts_on", "-pk")
    if has_perm(user, "configure_office"):
        return qs
    return qs.filter(Q(officer=user) | Q(cover=user) | Q(officer__reports_to=user))


def covering_now(user, today: date | None = None) -> list[Absence]:
    """Whom the user covers today (their home page says so)."""
    today = today or timezone.localdate()
    found = (
        Absence.objects.on(today)
        .filter(cover=user)
        .select_related("officer")
        .only("starts_on", "ends_on", "cover_id", "officer__full_name")  # kept: no more of the officer
        .order_by("ends_on", "pk")
    )
    return choices.kept(f"covering:{user.pk}:{today.isoformat()}", lambda: list(found))


OFFICE_STAFF_ROLES = [Role.HEAD_OF_OFFICE.label, Role.EXECUTIVE_SUPPORT.label, Role.CABINET_SUPPORT.label]


def people_who_may_cover():
    """The office's officers (access.office_staff), in one query."""
    return (
        User.objects.filter(is_active=True, groups__name__in=OFFICE_STAFF_ROLES).distinct().order_by("full_name", "pk")
    )


def may_end(user, page) -> set[int]:
    """The absences on a page of the list that `user` may end or cancel."""
    return {absence.pk for absence in page if may_manage(user, absence.officer)}


def officers_for(user) -> list[User]:
    """Whose absences the user may record: their own; their team's; everyone's for the Head."""
    if has_perm(user, "configure_office"):
        return people_who_may_cover()
    return people_who_may_cover().filter(Q(pk=user.pk) | Q(reports_to=user))


# --- services ------------------------------------------------------------------------------------------------------
@service
def absence_record(*, actor, officer: User, cover: User, starts_on: date, ends_on: date, note: str = "") -> Absence:
    if not may_manage(actor, officer):
        raise PermissionDenied
    if ends_on < starts_on:
        raise ServiceError("The last day away must be on or after the first", field="ends_on")
    if ends_on < timezone.localdate():
        raise ServiceError("The absence has already ended: record one that ends today or later", field="ends_on")
    if cover.pk == officer.pk:
        raise ServiceError("Choose someone else to cover", field="cover")
    if not cover.is_active or not office_staff(cover):
        raise ServiceError("Choose an officer of the Mayor's Office to cover", field="cover")
    away = Absence.objects.filter(starts_on__lte=ends_on, ends_on__gte=starts_on)  # any day of these
    overlapping = away.filter(officer=officer).first()
    if overlapping is not None:
        raise ServiceError(
            f"{officer.full_name} is already away from {overlapping.starts_on:%-d %B} to "
            f"{overlapping.ends_on:%-d %B %Y}: change the dates",
            field="starts_on",
        )
    if away.filter(officer=cover).exists():
        raise ServiceError(f"{cover.full_name} is away then too: choose someone else to cover", field="cover")
    covering = away.filter(cover=officer).select_related("officer").first()
    if covering is not None:
        raise ServiceError(
            f"{officer.full_name} is covering for {covering.officer.full_name} then: ask someone else to cover for "
            f"{covering.officer.full_name} first",
            field="starts_on",
        )
    return Absence.objects.create(
        officer=officer, cover=cover, starts_on=starts_on, ends_on=ends_on, note=note.strip(), created_by=actor
    )


@service
def absence_cancel(*, actor, absence: Absence) -> None:
    """Back early, or the leave was cancelled: an absence not yet over ends (yesterday, if it had begun) or goes."""
    if not may_manage(actor, absence.officer):
        raise PermissionDenied
    today = timezone.localdate()
    if absence.ends_on < today:
        raise ServiceError("This absence is over already")
    if absence.starts_on >= today:  # from today on: it goes (the chase history keeps whom it chased, as cover)
        absence.delete()
        return
    absence.ends_on = max(absence.starts_on, today - timedelta(days=1))
    absence.save(update_fields=["ends_on"])
