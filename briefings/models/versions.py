"""Issued versions of a pack: numbered, frozen, each with its PDF stored once and never rewritten."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from briefings.models.access import Reader, pack_q
from briefings.models.packs import Pack


class RenderState(models.TextChoices):
    QUEUED = "queued", "Waiting to be prepared"
    RENDERING = "rendering", "Being prepared"
    READY = "ready", "Ready"
    FAILED = "failed", "Could not be prepared"


class PackVersionQuerySet(models.QuerySet):
    def visible_to(self, user) -> PackVersionQuerySet:
        reader = Reader.of(user)
        if reader.everything:
            return self
        return self.filter(pack__in=Pack.objects.filter(pack_q(reader)).values("pk"))


class PackVersion(models.Model):
    pack = models.ForeignKey(Pack, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    change_summary = models.TextField(blank=True)
    # The sections as issued: [{"kind", "title", "body", "paper_name", "paper_pages"}], for "what changed".
    snapshot = models.JSONField(default=list)
    marking = models.CharField(max_length=20)
    pdf = models.FileField(upload_to="briefings/versions/%Y/%m/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    pages = models.PositiveIntegerField(default=0)
    render_state = models.CharField(max_length=20, choices=RenderState.choices, default=RenderState.QUEUED)
    papers_done = models.PositiveSmallIntegerField(default=0)
    papers_total = models.PositiveSmallIntegerField(default=0)
    render_error = models.CharField(max_length=300, blank=True)

    objects = PackVersionQuerySet.as_manager()

    class Meta:
        ordering = ["pack", "-number"]
        constraints = [models.UniqueConstraint(fields=["pack", "number"], name="one_number_per_pack_version")]

    def __str__(self):
        return f"{self.pack.reference} version {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("briefings:version", args=[self.pack_id, self.number])

    @property
    def is_confidential(self) -> bool:
        return self.marking == "OFFICIAL-SENSITIVE"
