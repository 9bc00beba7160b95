"""Sending the outbox's emails through GOV.UK Notify instead of an SMTP server (settings: NOTIFY_API_KEY and
NOTIFY_TEMPLATE_ID; see README.md).

Notify sends an email from a template kept in the council's Notify account: this backend uses one template whose
subject is `((subject))` and whose message is `((body))`, and fills both from the message, once per recipient (Notify
takes one address a call). The sender's name and reply-to address are the Notify service's own; the HTML part of a
message is not sent (Notify formats the plain text itself).

A refusal (a bad address, a team-only key, Notify unreachable) raises, so the outbox records it in words and tries
again after its backoff (mayoral_office.mailer). Notify carries no attachments, so an email with one (a letter, a
calendar invitation) is refused here rather than sent without it: it stays on the outbox page as failed."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends.base import BaseEmailBackend
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient


class NotifyError(Exception):
    """What went wrong, in words an officer can act on (mayoral_office.mailer.describe_failure shows it)."""


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently=False, *, api_key=None, template_id=None, base_url=None, **kwargs):
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.api_key = api_key or getattr(settings, "NOTIFY_API_KEY", "")
        self.template_id = template_id or getattr(settings, "NOTIFY_TEMPLATE_ID", "")
        self.base_url = base_url or getattr(settings, "NOTIFY_BASE_URL", "")
        if not (self.api_key and self.template_id):
            raise ImproperlyConfigured("The GOV.UK Notify backend needs NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID")
        self.client = None

    def open(self) -> bool:
        if self.client is not None:
            return False
        options = {"base_url": self.base_url} if self.base_url else {}
        self.client = NotificationsAPIClient(self.api_key, **options)
        return True

    def close(self) -> None:
        self.client = None

    def send_messages(self, email_messages) -> int:
        if not email_messages:
            return 0
        opened = self.open()
        sent = 0
        try:
            for message in email_messages:
                try:
                    self._send(message)
                except Exception:
                    if not self.fail_silently:
                        raise
                else:
                    sent += 1
        finally:
            if opened:
                self.close()
        return sent

    def _send(self, message) -> None:
        if message.attachments:
            names = ", ".join(_attachment_name(item) for item in message.attachments)
            raise NotifyError(f"GOV.UK Notify cannot send attachments ({names}): send this email by another route")
        recipients = message.recipients()  # To, Cc and Bcc: one Notify email each
        if not recipients:
            return
        personalisation = {"subject": str(message.subject), "body": str(message.body)}
        for address in recipients:
            try:
                self.client.send_email_notification(
                    email_address=address, template_id=self.template_id, personalisation=personalisation
                )
            except APIError as exc:
                raise NotifyError(f"GOV.UK Notify refused the email to {address} ({_reason(exc)})") from exc


def _reason(exc: APIError) -> str:
    """Notify's status code and message ("400: Can't send to this recipient using a team-only API key")."""
    message = exc.message
    if isinstance(message, list):
        message = "; ".join(str(e.get("message", e)) if isinstance(e, dict) else str(e) for e in message)
    return f"{exc.status_code}: {message}"


def _attachment_name(item) -> str:
    """An attachment's file name: a (filename, content, mimetype) tuple or a MIME part."""
    if isinstance(item, tuple):
        return item[0] or "unnamed"
    return item.get_filename() or "unnamed"
