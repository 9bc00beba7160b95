"""Reads of the shared core that views and dashboards use."""

import base64
import io

import qrcode
import qrcode.image.svg
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from mayoral_office.models import AccessLog


def audit_entries():
    return LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")


def record_audit_entries(record):
    """One record's changes, newest first."""
    content_type = ContentType.objects.get_for_model(record)
    return audit_entries().filter(content_type=content_type, object_id=record.pk)


def access_log_entries():
    return AccessLog.objects.select_related("user", "content_type").order_by("-at")


def totp_enrolment(device) -> dict:
    """What the enrolment page shows: the QR code (an inline SVG, so the CSP needs no exception) and the secret
    for typing in by hand."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
    buffer = io.BytesIO()
    image.save(buffer)
    return {
        "qr_data_uri": "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode(),
        "secret": base64.b32encode(device.bin_key).decode().rstrip("="),
    }


def two_factor_devices(user) -> dict:
    """The user's own second factors, for the device-management page."""
    return {
        "authenticators": list(TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk")),
        "backup_codes_left": StaticToken.objects.filter(device__user=user).count(),
    }


def two_factor_enrolled(user) -> bool:
    """Whether the user has an authenticator app (backup codes come only with one, and go with the last)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


LAST_AUTHENTICATOR = "This is the only authenticator app on your account. Removing it also removes your backup codes"


def two_factor_removal_warnings(user, device) -> list[str]:
    others = TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk)
    return [LAST_AUTHENTICATOR] if device.confirmed and not others.exists() else []
