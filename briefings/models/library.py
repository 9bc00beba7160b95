"""The speech library: reusable passages (standard lines on the council's vision, biographies, statistics with
their source and date), and where each was used."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from briefings.models.access import Reader
from briefings.models.packs import Section


class PassageKind(models.TextChoices):
    VISION = "vision", "Standard line"
    BIOGRAPHY = "biography", "Biography"
    STATISTIC = "statistic", "Statistic"
    QUOTE = "quote", "Quotation"


class PassageQuerySet(models.QuerySet):
    def visible_to(self, user) -> PassageQuerySet:
        """The office reads and keeps the library; members read it; contributors do not."""
        reader = Reader.of(user)
        return self if (reader.office or reader.member_id) else self.none()


class Passage(models.Model):
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=PassageKind.choices)
    body = models.TextField(help_text="Markdown.")
    source = models.CharField(max_length=300, blank=True, help_text="Where a statistic comes from.")
    source_date = models.DateField(null=True, blank=True, help_text="The date of the statistic or its source.")
    review_on = models.DateField(help_text="Check it is still right by this date.")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    retired = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PassageQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("briefings:passage", args=[self.pk])

    @property
    def needs_review(self) -> bool:
        return self.review_on < timezone.localdate()


class PassageUse(models.Model):
    passage = models.ForeignKey(Passage, on_delete=models.PROTECT, related_name="uses")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="passage_uses")
    used_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-used_at", "-pk"]

    def __str__(self):
        return f"{self.passage} in {self.section}"
