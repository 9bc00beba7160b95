"""Reads of the shared core that views and dashboards use."""

import base64
import io
from dataclasses import dataclass, field

import qrcode
import qrcode.image.svg
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from mayoral_office import audit_display, choices, registry
from mayoral_office.models import AccessLog, ApiToken, ChaseEntry, ChaseSettings, Notification, User
from mayoral_office.roles import Role


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


# --- The outbox page (the Head of Mayor's Office) -------------------------------------------------------------------
@dataclass
class OutboxSummary:
    """How many outbox emails there are in each status (every status, in the model's order), and the kinds of email
    the outbox holds (the kind filter's options)."""

    counts: list[tuple[str, str, int]] = field(default_factory=list)  # (status, label, how many)
    kinds: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(count for _, _, count in self.counts)


def outbox_summary() -> OutboxSummary:
    """One query (grouped by status and kind), however many emails there are."""
    by_status: dict[str, int] = {}
    kinds: set[str] = set()
    for status, kind, count in (
        Notification.objects.order_by().values_list("status", "kind").annotate(count=Count("pk")).order_by()
    ):
        by_status[status] = by_status.get(status, 0) + count
        if kind:
            kinds.add(kind)
    counts = [(value, label, by_status.get(value, 0)) for value, label in Notification.Status.choices]
    return OutboxSummary(counts=counts, kinds=sorted(kinds))


def outbox_emails():
    """The outbox page's rows, newest first, without their bodies and attachments."""
    return Notification.objects.defer("body", "html_body", "attachments").order_by("-created_at", "-pk")


CHASE_LINES_SHOWN = 100  # a digest to the Head at volume carries thousands of items: the page lists the first


def outbox_email():
    """One outbox email for its page, with its recipient and, for a chase digest or alert, the first
    CHASE_LINES_SHOWN items it carried (soonest due first) and how many it carried in all."""
    return (
        Notification.objects.defer("html_body")
        .select_related("recipient")
        .annotate(chase_entry_count=Count("chase_entries"))
    )


@dataclass
class ChaseLine:
    entry: ChaseEntry
    what: str  # the chase kind's label ("Case responses"), or its name when no app registers it now
    record_type: str
    history_url: str


def outbox_chase_lines(notification: Notification) -> list[ChaseLine]:
    """The first CHASE_LINES_SHOWN items a chase email carried, soonest due first, as its page lists them. One
    query."""
    labels = {kind.name: kind.label for kind in registry.chase_kinds()}
    lines = []
    entries = notification.chase_entries.select_related("regarding_type").order_by("due_on", "kind", "pk")
    for entry in entries[:CHASE_LINES_SHOWN]:
        app_label, model_name = entry.regarding_type.app_label, entry.regarding_type.model
        url = ""
        if audit_display.record_of(app_label, model_name) is not None:  # the record's history page, if it has one
            url = reverse("record-history", args=[app_label, model_name, entry.regarding_id])
        what = labels.get(entry.kind, entry.kind)
        lines.append(ChaseLine(entry, what, audit_display.record_type(entry.regarding_type), url))
    return lines


def chase_rules() -> ChaseSettings:
    """The chasing rules (the defaults until the Head of Mayor's Office saves them)."""
    return ChaseSettings.current()


def api_token(authorization: str) -> ApiToken | None:
    """The live token an `Authorization: Bearer <token>` header carries: None when the header is missing or
    malformed, or the token is unknown, revoked or its user disabled."""
    kind, _, raw = authorization.partition(" ")
    if kind.lower() != "bearer" or not raw.strip():
        return None
    token = ApiToken.objects.select_related("user").filter(key=ApiToken.hash(raw.strip())).first()
    if token is None or token.revoked_at is not None or not token.user.is_active:
        return None
    return token


def directorate_contacts() -> dict[int, tuple[int, ...]]:
    """{directorate id: its active directorate contacts' user ids, in order}: who the chase asks for a directorate's
    contributions and actions. Kept in the cache (users and their roles are kept tables: mayoral_office/choices.py)."""

    def read():
        found = {}
        people = User.objects.filter(
            is_active=True, directorate__isnull=False, groups__name=Role.DIRECTORATE_CONTACT.label
        )
        for pk, directorate_id in people.order_by("pk").values_list("pk", "directorate_id").distinct():
            found[directorate_id] = (*found.get(directorate_id, ()), pk)
        return found

    return choices.kept("directorate-contacts", read)
