"""Writes to the office's shared core. Each is a `@service`: keyword-only, one transaction, audited with its actor."""

from __future__ import annotations

import secrets
from datetime import date

from django.contrib.sessions.models import Session
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from mayoral_office import registry, selectors
from mayoral_office.access import require_perm
from mayoral_office.audit import service
from mayoral_office.errors import NeedsConfirmation, ServiceError
from mayoral_office.models import ApiToken, ClosureDay, User


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
    """The authenticator the user is setting up, at first sign-in or as another device from a verified session (one
    unconfirmed device, kept until confirmed)."""
    device = TOTPDevice.objects.filter(user=actor, confirmed=False).order_by("pk").first()
    if device:
        return device
    others = TOTPDevice.objects.filter(user=actor, confirmed=True).count()
    name = "Authenticator app" if not others else f"Authenticator app {others + 1}"
    return TOTPDevice.objects.create(user=actor, confirmed=False, name=name)


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


BACKUP_CODES = 10
BACKUP_CODES_DEVICE = "Backup codes"


@service
def two_factor_backup_codes_regenerate(*, actor) -> list[str]:
    """Ten new single-use backup codes for when the phone is lost; the old ones stop working. Shown once."""
    if not TOTPDevice.objects.filter(user=actor, confirmed=True).exists():
        raise ServiceError("Set up an authenticator app before you make backup codes")
    device, _ = StaticDevice.objects.get_or_create(user=actor, name=BACKUP_CODES_DEVICE, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    device.save()  # the audit entry: the codes themselves are never recorded
    return codes


@service
def two_factor_device_remove(*, actor, device: TOTPDevice, confirmed: bool = False) -> None:
    """Remove one of the user's authenticator apps. Removing the last one also removes the backup codes, and is
    refused until confirmed: the user then signs in with a password alone, or must set up again where required."""
    if device.user_id != actor.pk:
        raise ServiceError("That device is not on your account")
    if warnings := selectors.two_factor_removal_warnings(actor, device):
        if not confirmed:
            raise NeedsConfirmation(warnings)
        for backup in StaticDevice.objects.filter(user=actor):
            backup.delete()
    device.delete()


@service
def user_set_chase_alerts(*, actor, user: User, alerts: bool) -> User:
    """Whether `user` is emailed at once when something new is due for them, besides the daily digest (which, like
    the escalations, nobody can turn off). Anyone may set their own; those who configure the office, anyone's."""
    if actor is not None and actor.pk != user.pk:
        require_perm(actor, "configure_office")
    fresh = User.objects.select_for_update().get(pk=user.pk)
    if fresh.chase_alerts != alerts:
        fresh.chase_alerts = bool(alerts)
        fresh.save(update_fields=["chase_alerts"])
    user.chase_alerts = fresh.chase_alerts
    return fresh


@service
def api_token_create(*, actor, user: User, name: str) -> tuple[ApiToken, str]:
    """A dashboard API token reading as `user`. Returns the token record and the token itself, to be shown once."""
    require_perm(actor, "configure_office")
    if not user.is_active:
        raise ServiceError(f"{user} is disabled: an API token would read nothing")
    raw = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip() or "API token", key=ApiToken.hash(raw), prefix=raw[:8], created_by=actor
    )
    return token, raw


@service
def api_token_revoke(*, actor, token: ApiToken) -> None:
    require_perm(actor, "configure_office")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
