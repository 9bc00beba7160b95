"""The incident log for emergency response: an incident and its append-only log, each entry chained to the one
before by a hash of its content, so a change made behind the app's back is detected. PostgreSQL refuses UPDATE and
DELETE on the entries (a trigger, migration 0003; docs/decisions/0007-incident-log-append-only.md); the app and the
admin offer neither."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC

from django.conf import settings
from django.db import models
from django.urls import reverse

from decisions.models.access import Reader

GENESIS_HASH = "0" * 64


class IncidentQuerySet(models.QuerySet):
    def visible_to(self, user):
        reader = Reader.of(user)
        if reader.everything or reader.officer or reader.member_id:
            return self
        return self.none()  # interns and directorate contacts do not see emergency logs


class Incident(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    title = models.CharField(max_length=200)
    location = models.CharField(max_length=200, blank=True)
    started_at = models.DateTimeField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    commander = models.CharField(max_length=150, blank=True, help_text="Who leads the response (Gold, Silver).")
    loggist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="incidents_logged")
    closed_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="incidents_signed_off"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("decisions:incident", args=[self.pk])


class IncidentEntry(models.Model):
    """One line of the log. Never changed: a correction is a new entry that `corrects` the old one."""

    class Kind(models.TextChoices):
        EVENT = "event", "Event or information"
        DECISION = "decision", "Decision"
        ACTION = "action", "Action"
        CORRECTION = "correction", "Correction"

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="entries")
    sequence = models.PositiveIntegerField()
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.EVENT)
    happened_at = models.DateTimeField(help_text="When it happened.")
    written_at = models.DateTimeField(help_text="When it was written down.")
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    by_whom = models.CharField(max_length=150, blank=True, help_text="Who made the decision or gave the information.")
    what_happened = models.TextField()
    decision = models.TextField(blank=True)
    rationale = models.TextField(blank=True)
    source = models.CharField("source of information", max_length=200, blank=True)
    corrects = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections")
    previous_hash = models.CharField(max_length=64)
    content_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["incident_id", "sequence"]
        verbose_name_plural = "incident entries"
        constraints = [models.UniqueConstraint(fields=["incident", "sequence"], name="incident_entry_sequence")]

    def __str__(self):
        return f"{self.incident_id}#{self.sequence}"

    def computed_hash(self) -> str:
        """The hash of this entry's content and the previous entry's hash: recomputed by `verify`."""
        content = {
            "incident": self.incident_id,
            "sequence": self.sequence,
            "kind": self.kind,
            "happened_at": self.happened_at.astimezone(UTC).isoformat(),
            "written_at": self.written_at.astimezone(UTC).isoformat(),
            "written_by": self.written_by_id,
            "by_whom": self.by_whom,
            "what_happened": self.what_happened,
            "decision": self.decision,
            "rationale": self.rationale,
            "source": self.source,
            "corrects": self.corrects_id,
            "previous_hash": self.previous_hash,
        }
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
