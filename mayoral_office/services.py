"""Writes to the office's shared core. Each is a `@service`: keyword-only, one transaction, audited with its actor."""

from __future__ import annotations

from datetime import date

from django.contrib.sessions.models import Session
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from mayoral_office import registry
from mayoral_office.access import require_perm
from mayoral_office.audit import service
from mayoral_office.errors import ServiceError
from mayoral_office.models import ClosureDay, User


@service
def user_disable(*, actor, user: User) -> int:
    """Disable an account and end its sessions now. Returns how many sessions were ended."""
    require_perm(actor, "configure_office")
    user.is_active = False
    user.save(update_fields=["is_active"])
    ended = 0
    # Sessions are signed blobs keyed by session id; find the user's by decoding the live ones.
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@service
def closure_day_add(*, actor, day: date, reason: str) -> ClosureDay:
    require_perm(actor, "configure_office")
    closure = ClosureDay.objects.create(date=day, reason=reason)
    registry.recalculate_open_deadlines(
        actor=actor, changed_day=day, note=f"Closure day added: {day:%-d %B %Y} ({reason})"
    )
    return closure


@service
def closure_day_remove(*, actor, closure: ClosureDay) -> None:
    require_perm(actor, "configure_office")
    day, reason = closure.date, closure.reason
    closure.delete()
    registry.recalculate_open_deadlines(
        actor=actor, changed_day=day, note=f"Closure day removed: {day:%-d %B %Y} ({reason})"
    )


@service
def two_factor_enrolment_start(*, actor) -> TOTPDevice:
    """The authenticator the user is setting up at first sign-in (one unconfirmed device, kept until confirmed)."""
    device = TOTPDevice.objects.filter(user=actor, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=actor, confirmed=False, name="Authenticator app")


@service
def two_factor_enrolment_confirm(*, actor, device: TOTPDevice, token: str) -> TOTPDevice:
    """Prove the new authenticator works with one code from it; then it is the user's second factor."""
    if device.user_id != actor.pk or device.confirmed:
        raise ServiceError("Start setting up your authenticator app again")
    if not device.verify_token(token):
        raise ServiceError(
            "The security code is wrong or has expired. Enter the code now shown in your app", field="token"
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device
