"""Email intake's models: the mailboxes polled over IMAP (configured by the Head of Mayor's Office) and a record of
every message taken from them. The unique (mailbox, message key) pair is what makes sure a message is never taken
twice, even when two polls overlap. Imported by casework/models.py (decision record 0011)."""

from __future__ import annotations

from django.db import models


class Mailbox(models.Model):
    """A mailbox whose new messages become cases addressed to its member (the Mayor's, a Cabinet Member's)."""

    name = models.CharField(max_length=100, unique=True, help_text="For example 'The Mayor's inbox'.")
    member = models.ForeignKey(
        "mayoral_office.Member",
        on_delete=models.PROTECT,
        related_name="mailboxes",
        verbose_name="addressed to",
        help_text="Cases from this mailbox are addressed to this member.",
    )
    case_type = models.ForeignKey(
        "casework.CaseType",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="default case type",
        help_text="The type new cases get; an officer can change it on the case.",
    )
    host = models.CharField("IMAP server", max_length=200)
    port = models.PositiveIntegerField(default=993, help_text="993 with SSL, 143 without.")
    use_ssl = models.BooleanField("use SSL", default=True)
    username = models.CharField(max_length=200)
    password = models.CharField(
        max_length=200, help_text="Kept in the database (decision record 0011): use an account only for this."
    )
    folder = models.CharField(max_length=200, default="INBOX")
    is_active = models.BooleanField(default=True, help_text="Untick to stop polling this mailbox.")
    # Where the last poll got to: messages with a higher UID are new (reset when the server's UIDVALIDITY changes).
    uid_validity = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    last_uid = models.PositiveBigIntegerField(default=0, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "mailboxes"

    def __str__(self):
        return self.name


class IntakeMessage(models.Model):
    """One message taken from a mailbox, whatever became of it."""

    class Outcome(models.TextChoices):
        CASE = "case", "Logged as a case"
        AUTO_REPLY = "auto_reply", "Automatic reply (not logged)"
        BOUNCE = "bounce", "Bounce (not logged)"
        REFUSED = "refused", "Refused"

    mailbox = models.ForeignKey(Mailbox, on_delete=models.PROTECT, related_name="messages")
    message_key = models.CharField(
        max_length=255, help_text="The Message-ID, or 'sha256:' and a hash of the message when it has none."
    )
    uid = models.PositiveBigIntegerField("IMAP UID", null=True, blank=True)
    sender = models.CharField(max_length=254, blank=True)
    subject = models.CharField(max_length=200, blank=True)
    received_at = models.DateTimeField()
    taken_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    reason = models.TextField(blank=True)
    case = models.ForeignKey(
        "casework.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="intake_messages"
    )

    class Meta:
        ordering = ["-taken_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["mailbox", "message_key"], name="casework_intake_message_once"),
        ]

    def __str__(self):
        return f"{self.mailbox}: {self.subject or self.message_key}"
