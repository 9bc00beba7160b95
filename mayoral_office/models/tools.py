"""The office's shared tools: how-to guides kept in the app, and absences with who covers them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone


class GuideQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Guides explain the office's systems and processes: everyone signed in reads them."""
        return self if user is not None and user.is_authenticated and user.is_active else self.none()


class Guide(models.Model):
    """A "How do I ...?" guide written and kept in the app (Markdown, sanitised when shown), with an owner who
    reviews it by a date (chased when the review is due), and the page it explains, where it is linked."""

    title = models.CharField(max_length=200, help_text="Put it as the question it answers: 'How do I log a case?'")
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.CharField(max_length=250, blank=True, help_text="One sentence shown in lists and search.")
    body = models.TextField(help_text="Markdown: headings with #, lists with - or 1., links as [text](address).")
    page = models.CharField(
        "page it explains",
        max_length=100,
        blank=True,
        db_index=True,
        help_text="The page that shows a 'How do I ...?' link to this guide.",
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="guides_owned")
    review_on = models.DateField("review by", help_text="The owner is reminded when the review is due.")
    reviewed_on = models.DateField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    objects = GuideQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("guide", args=[self.slug])


class AbsenceQuerySet(models.QuerySet):
    def on(self, day):
        return self.filter(starts_on__lte=day, ends_on__gte=day)


class Absence(models.Model):
    """An officer away (leave, sickness, training) and who covers their work: while it lasts, the cover officer's
    home page lists the absent officer's items due, and the chase goes to the cover officer."""

    officer = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="absences")
    cover = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="covering")
    starts_on = models.DateField("first day away")
    ends_on = models.DateField("last day away")
    note = models.CharField(max_length=200, blank=True, help_text="Optional: annual leave, training...")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = AbsenceQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="absence_ends_after_it_starts"),
            models.CheckConstraint(condition=~Q(cover=F("officer")), name="absence_cover_is_someone_else"),
        ]
        indexes = [models.Index(fields=["ends_on", "starts_on"], name="absence_current")]

    def __str__(self):
        return f"{self.officer} away {self.starts_on:%-d %b} to {self.ends_on:%-d %b %Y}, covered by {self.cover}"
