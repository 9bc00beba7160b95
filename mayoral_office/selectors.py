"""Reads of the shared core that views and dashboards use."""

import base64
import io

import qrcode
import qrcode.image.svg
from auditlog.models import LogEntry

from mayoral_office.models import AccessLog


def audit_entries():
    return LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")


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
